"""Running a Workflow Builder step (a job) and owing its completion: every outcome completes it
(`outbox/owe.complete_step`), with its outputs or with the reason it failed, in words the workflow
shows — nothing is swallowed.

- `request_leave` acts as the person it is for: their Slack id → their enabled Frappe user (Slack
  User Meta, else their Slack e-mail) → their active Employee, and files the Leave Application as
  that user, as the leave modal does (`erp/leave.create_leave_application`: their permissions,
  hrms's validations). It is Open and follows the normal approval flow (the approver's DM comes
  from its after_insert, as for a leave filed in the desk).
- `who_is_out` gives /whoisout's answer for one day (the same rows, words and text), of one
  department when one is named.

Words: the person's language for `request_leave`, else the site's."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import holidays as erp_holidays
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity, words
from frappe_slack_connector.outbox import owe
from frappe_slack_connector.slack import site as slack_site

JOBS = __name__


def run_step(*, step: str, execution_id: str, inputs: dict | None, invalid: dict | None) -> None:
	"""Run `step` (a `core` step registry handler) and owe its completion; an unexpected error is
	logged and still completes the step, failed."""
	try:
		if invalid is not None:
			lang = erp_users.language_of(None)
			owe.complete_step(
				execution_id, error=words.step_bad_input(lang, invalid["field"], invalid["reason"])
			)
			return
		STEPS[step](execution_id, inputs or {})
	except Exception:
		erp_log.roll_back_and_log_exception(f"Slack workflow step {step} failed")
		owe.complete_step(execution_id, error=words.try_again_later(erp_users.language_of(None)))


def request_leave(execution_id: str, inputs: dict) -> None:
	try:
		user = identity.find_user(inputs["user_id"], path=slack_site.JOB, explain_conflict=False, strict=True)
	except identity.SlackUnreachable:
		owe.complete_step(execution_id, error=words.step_person_not_found_now(erp_users.language_of(None)))
		return
	lang = erp_users.language_of(user)
	if not user:
		owe.complete_step(execution_id, error=words.step_not_linked(lang))
		return
	employee = erp_users.active_employee(user)
	if not employee:
		owe.complete_step(execution_id, error=words.step_no_employee(lang))
		return
	try:
		created = erp_leave.create_leave_application(
			user=user,
			employee=employee,
			leave_type=inputs["leave_type"],
			from_date=inputs["from_date"],
			to_date=inputs["to_date"],
			reason=inputs["reason"],
		)
	except erp_leave.LeaveRefused as refused:
		# hrms's message, said while acting as the employee: in their language already.
		owe.complete_step(execution_id, error=words.step_leave_refused(lang, refused.message))
		return
	status = erp_leave.current_status(created["name"])
	owe.complete_step(
		execution_id,
		outputs={"application": created["name"], "status": status.status if status else erp_leave.OPEN},
	)


def who_is_out(execution_id: str, inputs: dict) -> None:
	lang = erp_users.language_of(None)
	day, department = inputs["date"], inputs.get("department")
	if department and not erp_attendance.department_exists(department):
		owe.complete_step(execution_id, error=words.step_no_department(lang, department))
		return
	text = core.who_is_out_text(
		erp_attendance.absences_between(day, day, department=department),
		from_date=day,
		to_date=day,
		days=erp_holidays.working_days(day, day),
		words=words.who_is_out(lang),
		hide_types=erp_settings.hide_leave_types(),
	)
	owe.complete_step(execution_id, outputs={"text": text})


# The step registry's handler keys (`core` STEPS) → what runs them.
STEPS = {"request_leave": request_leave, "who_is_out": who_is_out}
