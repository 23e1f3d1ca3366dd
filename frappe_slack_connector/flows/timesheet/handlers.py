"""Timesheets, from Slack: `/timesheet [YYYY-MM-DD]`, the reminder's Log time button, and the
Log Time modal (a project chosen, the form submitted). One handler per route, listed in
`flows/dispatch.py`; each in the reader's language, with the words of `flows/words.py`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import timesheet as erp_timesheet
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity, words
from frappe_slack_connector.flows.replies import ephemeral, open_modal, update_open_modal
from frappe_slack_connector.flows.timesheet import jobs as timesheet_jobs
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.responses import ack, json_response

if TYPE_CHECKING:
	from frappe_slack_connector._core import (
		SlackMessage,
		TimesheetOpenRoute,
		TimesheetProjectChangeRoute,
		TimesheetSubmissionRoute,
	)

# The input errors about nothing in particular show in: the time log's description.
FALLBACK_BLOCK = core.block_for_timesheet_field(erp_timesheet.GENERAL_FIELD)


def timesheet_notice(lang: str, kind: str, **fields) -> SlackMessage:
	return core.build_timesheet_notice({"kind": kind, **fields}, words=words.timesheet(lang))


def timesheet_modal(user: str, lang: str, *, today: str, current: dict) -> tuple[str | None, str | None]:
	"""(the Log Time modal, None), or (None, the notice kind) when there is nothing to log on."""
	projects = erp_timesheet.projects_for(user)
	if not projects:
		return None, "no_projects"
	activity_types = erp_timesheet.activity_types()
	if not activity_types:
		return None, "no_activity_types"
	project = current.get("project")
	tasks = erp_timesheet.tasks_of(project) if project in {p["name"] for p in projects} else []
	spec = {
		"today": today,
		"projects": projects,
		"tasks": tasks,
		"activity_types": activity_types,
		"current": current,
	}
	return core.build_timesheet_modal(spec, words=words.timesheet(lang)), None


def _open_timesheet_modal(
	slack_user: str, trigger_id: str, date: str | None
) -> tuple[str, SlackMessage | None]:
	"""Open the modal for `date` (None: what `text` said was not a date); (lang, notice or None)."""
	user = identity.find_user(slack_user, path=slack_site.REQUEST)
	lang = erp_users.language_of(user)
	if not user:
		return lang, timesheet_notice(lang, "slack_not_linked")
	if not erp_users.active_employee(user):
		return lang, timesheet_notice(lang, "no_employee")
	today = erp_clock.today()
	view, missing = timesheet_modal(user, lang, today=today, current={"date": date or today})
	if view is None:
		return lang, timesheet_notice(lang, missing)
	failed = open_modal(trigger_id, view, log_title="Timesheet form not opened", log_context=f"user {user}")
	if failed:
		return lang, timesheet_notice(lang, "form_not_opened", error=failed)
	return lang, None


def log_time(form: dict[str, str]) -> Response:
	"""`/timesheet [YYYY-MM-DD]`: open the Log Time modal, or answer what is missing."""
	slack_user, trigger_id = form.get("user_id"), form.get("trigger_id")
	if not slack_user or not trigger_id:
		erp_log.log_error(
			"Slack command rejected: missing_field", "The /timesheet request has no user_id or trigger_id."
		)
		return json_response({"ok": False, "error": "missing_field"}, status=400)
	text = form.get("text") or ""
	date = core.timesheet_command_date(text, erp_clock.today())
	if date is None:
		lang = erp_users.language_of_slack_id(slack_user)
		return json_response(timesheet_notice(lang, "bad_date", text=text))
	_lang, answer = _open_timesheet_modal(slack_user, trigger_id, date)
	return json_response(answer) if answer else ack()


def timesheet_open(route: TimesheetOpenRoute) -> Response:
	"""The reminder's "Log time": the modal for the reminder's day; problems as an ephemeral."""
	if not route.get("trigger_id"):
		lang = erp_users.language_of_slack_id(route["user_id"])
		ephemeral(route, timesheet_notice(lang, "form_not_opened", error="no_trigger_id"))
		return ack()
	_lang, answer = _open_timesheet_modal(route["user_id"], route["trigger_id"], route["date"])
	if answer:
		ephemeral(route, answer)
	return ack()


def timesheet_project_change(route: TimesheetProjectChangeRoute) -> Response:
	"""A project was chosen: rebuild the modal with that project's open tasks, keeping the rest."""
	user = erp_users.enabled_user_of_slack_id(route["user_id"])
	lang = erp_users.language_of(user)
	view = None
	if user and erp_users.active_employee(user):
		view, _missing = timesheet_modal(user, lang, today=route["today"], current=route["values"])
	if view is None:
		erp_log.log_error(
			"Timesheet form not updated",
			f"No employee, projects or activity types for Slack user {route['user_id']}.",
		)
		return ack()
	return update_open_modal(route, view, log_title="Timesheet form not updated")


def timesheet_view_errors(lang: str, errors: dict) -> dict:
	return core.build_timesheet_view_errors(errors, words=words.timesheet(lang))


def timesheet_submission(route: TimesheetSubmissionRoute) -> Response:
	"""Add the time log to the employee's draft Timesheet, or show what is wrong inline."""
	user = erp_users.enabled_user_of_slack_id(route["user_id"])
	lang = erp_users.language_of(user)
	if route["errors"]:
		return json_response(timesheet_view_errors(lang, route["errors"]))
	employee = erp_users.active_employee(user) if user else None
	if not employee:
		return json_response(timesheet_view_errors(lang, {FALLBACK_BLOCK: words.no_active_employee(lang)}))
	try:
		logged = erp_timesheet.add_time_log(user=user, employee=employee, form=route["form"])
	except erp_timesheet.TimesheetRefused as refused:
		block = core.block_for_timesheet_field(refused.field)
		# ERPNext's message, said while acting as the employee: in their language already.
		return json_response(timesheet_view_errors(lang, {block: refused.message}))
	timesheet_jobs.owe_confirmation(user, route["user_id"], logged)
	return ack()
