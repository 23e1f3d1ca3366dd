"""One handler per Route the Rust core returns (`core.route_interaction`), plus `/apply-leave`.

Handlers are thin: the ERP adapter does the ERP work, the Rust builders make every Slack body,
`slack/site.py` talks to Slack. Each returns the werkzeug Response Slack gets within its 3 s.

Everything a person reads is in their language (`erp_users.language_of`): the modal, its inline
errors and the notices in that of the Slack user's Frappe user (the site's language when the
Slack user has none), the approver's decided message in the leave approver's, with the words of
`slack/words.py`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import home as erp_home
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import slack_messages as erp_slack_messages
from frappe_slack_connector.erp import timesheet as erp_timesheet
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack import words
from frappe_slack_connector.slack.responses import ack, json_response
from frappe_slack_connector.tasks import home as home_jobs
from frappe_slack_connector.tasks import leave as leave_jobs
from frappe_slack_connector.tasks import timesheet as timesheet_jobs

if TYPE_CHECKING:
	from frappe_slack_connector._core import (
		AckRoute,
		EventRoute,
		HalfDayToggleRoute,
		HomeApplyLeaveRoute,
		LeaveButtonRoute,
		LeaveDecisionRoute,
		LeaveRejectionRoute,
		LeaveSubmissionRoute,
		Route,
		SlackMessage,
		TimesheetOpenRoute,
		TimesheetProjectChangeRoute,
		TimesheetSubmissionRoute,
	)

# The one input every leave modal has: errors about nothing in particular show there.
FALLBACK_BLOCK = core.block_for_leave_field(erp_leave.GENERAL_FIELD)


# --- shared helpers -----------------------------------------------------------------------------


def notice(lang: str, kind: str, **fields) -> SlackMessage:
	return core.build_leave_notice({"kind": kind, **fields}, words=words.notices(lang))


def view_errors(lang: str, errors: dict) -> dict:
	"""The inline-errors answer: route error codes or messages, in `lang`."""
	return core.build_view_errors(errors, words=words.view_errors(lang))


def language_of_slack_user(slack_user_id: str | None) -> str:
	"""The language of the Slack user's Frappe user (linked in Slack User Meta), else the site's."""
	user = erp_users.frappe_user_for_slack(slack_user_id) if slack_user_id else None
	return erp_users.language_of(user)


def resolve_user(slack_user_id: str) -> str | None:
	"""Slack user → enabled Frappe user: Slack User Meta, else the Slack profile e-mail
	(`users.info`) matched to an enabled User, and the link remembered once."""
	user = erp_users.frappe_user_for_slack(slack_user_id)
	if user:
		return user
	reply = slack_site.call_or_log(
		"users.info",
		path=slack_site.REQUEST,
		user=slack_user_id,
		log_title="Slack user lookup failed",
		log_context=f"Slack user {slack_user_id}",
		expected_errors={"user_not_found"},  # a stranger is the caller's problem, not the admin's
	)
	if not reply.ok:
		return None
	member = reply.data.get("user") or {}
	user = erp_users.enabled_user_by_email((member.get("profile") or {}).get("email"))
	if not user:
		return None
	if erp_users.link_slack_user(user, slack_user_id, member.get("name")) == "conflict":
		erp_log.log_error(
			"Slack user not linked: already linked elsewhere",
			f"Slack user {slack_user_id} has the e-mail of {user}, but that Slack account is already "
			"linked to another user in Slack User Meta; fix the link by hand.",
		)
		return None
	return user


def leave_modal(
	employee: str,
	lang: str,
	*,
	user: str | None = None,
	checked: bool = False,
	current: dict | None = None,
) -> dict | None:
	"""The modal for `employee` in `lang`, or None when there is nothing they can apply for. Each
	leave type with an allocation shows its days left (hrms's, read as `user`, the employee's)."""
	today = erp_clock.today()
	leave_types = erp_leave.leave_types_for(employee, today)
	if not leave_types:
		return None
	left = erp_home.days_left_by_type(employee, today, user)

	def option(name: str) -> dict:
		if name not in left:
			return {"name": name}  # Leave Without Pay: nothing to count
		return {"name": name, "label": words.leave_type_with_balance(lang, name, left[name])}

	spec = {
		"leave_types": [option(name) for name in leave_types],
		"today": today,
		"half_day_checked": checked,
		"has_half_period_field": erp_leave.has_half_period_field(),
		"private_metadata": json.dumps({"employee": employee}, separators=(",", ":")),
	}
	if current is not None:
		spec["current"] = current
	return core.build_leave_modal(spec, words=words.modal(lang))


def ephemeral(route: LeaveDecisionRoute, message: SlackMessage) -> None:
	"""Show `message` to the clicking user only, in the channel of the clicked message; a click
	on the Home tab has none: the app's DM with them says it."""
	if not route.get("channel_id"):
		_dm_notice(route["user_id"], message)
		return
	slack_site.call_or_log(
		"chat.postEphemeral",
		path=slack_site.REQUEST,
		channel=route["channel_id"],
		user=route["user_id"],
		log_title="Slack ephemeral message not sent",
		**message,
	)


# --- /apply-leave ---------------------------------------------------------------------------------


def apply_leave(form: dict[str, str], notify: Callable[[str, SlackMessage], None] | None = None) -> Response:
	"""The slash command: open the leave modal, or answer an ephemeral notice the user can act on.
	`notify(slack_user, notice)`: how to tell the user instead of the answer (the Home tab's
	button, whose answer Slack shows nobody)."""
	slack_user, trigger_id = form.get("user_id"), form.get("trigger_id")

	def answer(message: SlackMessage) -> Response:
		if notify is None:
			return json_response(message)
		notify(slack_user, message)
		return ack()

	if not slack_user or not trigger_id:
		erp_log.log_error(
			"Slack command rejected: missing_field", "The /apply-leave request has no user_id or trigger_id."
		)
		return json_response({"ok": False, "error": "missing_field"}, status=400)
	user = resolve_user(slack_user)
	lang = erp_users.language_of(user)
	if not user:
		return answer(notice(lang, "slack_not_linked"))
	employee = erp_users.active_employee(user)
	if not employee:
		return answer(notice(lang, "no_employee"))
	view = leave_modal(employee, lang, user=user)
	if view is None:
		return answer(notice(lang, "no_leave_types"))
	opened = slack_site.call_or_log(
		"views.open",
		path=slack_site.REQUEST,
		trigger_id=trigger_id,
		view=view,
		log_title="Leave form not opened",
		log_context=f"user {user}",
	)
	if not opened.ok:
		return answer(notice(lang, "error", message=words.form_not_opened(lang, opened.error)))
	return ack()


# --- interactions ---------------------------------------------------------------------------------


def half_day_toggle(route: HalfDayToggleRoute) -> Response:
	"""Rebuild the open modal with (or without) the half-day inputs, keeping what was typed."""
	# The employee of the clicking user, as on submission; the modal's private_metadata is only an
	# echo and is not trusted (a list there would become a filter operator, an unknown name a modal
	# for nobody whose metadata outgrows Slack's 3000 characters).
	user = erp_users.frappe_user_for_slack(route["user_id"])
	employee = erp_users.active_employee(user) if user else None
	lang = erp_users.language_of(user)
	view = (
		leave_modal(employee, lang, user=user, checked=route["checked"], current=route["values"])
		if employee
		else None
	)
	if view is None:
		erp_log.log_error(
			"Leave form not updated", f"No employee or leave types for Slack user {route['user_id']}."
		)
		return ack()
	return update_open_modal(route, view, log_title="Leave form not updated")


def update_open_modal(route, view: dict, *, log_title: str) -> Response:
	"""Rebuild the modal the user has open (a select changed it) in place, and ack the click."""
	slack_site.call_or_log(
		"views.update",
		path=slack_site.REQUEST,
		view_id=route["view_id"],
		hash=route["view_hash"],
		view=view,
		log_title=log_title,
		# The user changed the form meanwhile; their next change updates it again.
		expected_errors={"hash_conflict"},
	)
	return ack()


def leave_submission(route: LeaveSubmissionRoute) -> Response:
	"""Create the Leave Application, or show what is wrong inline in the modal."""
	user = erp_users.frappe_user_for_slack(route["user_id"])
	lang = erp_users.language_of(user)
	if route["errors"]:
		return json_response(view_errors(lang, route["errors"]))
	form = route["form"]
	employee = erp_users.active_employee(user) if user else None
	if not employee:
		return json_response(view_errors(lang, {FALLBACK_BLOCK: words.no_active_employee(lang)}))
	try:
		erp_leave.create_leave_application(
			user=user,
			employee=employee,
			leave_type=form["leave_type"],
			from_date=form["start_date"],
			to_date=form["end_date"],
			reason=form["reason"],
			half_day=form["half_day"],
			half_day_date=form["half_day_date"],
			half_period_label=form["half_period_label"],
		)
	except erp_leave.LeaveRefused as refused:
		block = core.block_for_leave_field(refused.field)
		# hrms's message, said while acting as the employee: in their language already.
		return json_response(view_errors(lang, {block: refused.message}))
	# The confirmation and the approver's request come from the Leave Application's after_insert,
	# as for a leave filed in the desk.
	return ack()


def _decidable(route, lang: str, user: str | None) -> dict | None:
	"""The application's details when `user` may decide it now; otherwise None, after telling
	the clicking user why (gone, not theirs to decide)."""
	name = route["leave_application"]
	info = erp_leave.leave_details(name)
	if info is None:
		ephemeral(route, notice(lang, "error", message=words.leave_gone(lang, name)))
		return None
	if not user or not erp_leave.may_decide(user, info["leave_approver"]):
		ephemeral(route, notice(lang, "not_allowed", leave_application=name))
		return None
	return info


def _tell_already_decided(route, lang: str, current) -> None:
	by = erp_users.full_name(current["modified_by"]) if current["docstatus"] == 1 else None
	if route.get("channel_id"):
		# A row lock may be held until this request commits: tell the user from a job.
		erp_jobs.enqueue_after_commit(
			f"{leave_jobs.JOBS}.show_ephemeral",
			channel=route["channel_id"],
			user=route["user_id"],
			message=notice(
				lang,
				"already_decided",
				leave_application=route["leave_application"],
				status=current["status"],
				decided_by=by,
			),
		)
		return
	# A click on a Home tab that was out of date: say so in the app's DM, and bring it up to date.
	erp_jobs.enqueue_after_commit(
		f"{home_jobs.JOBS}.tell",
		slack_user_id=route["user_id"],
		message=notice(
			lang,
			"already_decided",
			leave_application=route["leave_application"],
			status=current["status"],
			decided_by=by,
		),
	)
	erp_jobs.enqueue_after_commit(f"{home_jobs.JOBS}.publish_home", slack_user_id=route["user_id"])


def _decide(route, reason: str | None = None) -> None:
	"""Approve / reject as the clicking user, idempotent; every answer goes to the clicking user
	as an ephemeral notice in the channel of the message they clicked."""
	name = route["leave_application"]
	user = resolve_user(route["user_id"])
	lang = erp_users.language_of(user)  # of the clicking user: the notices are theirs
	if _decidable(route, lang, user) is None:
		return
	# Read under the row lock: a click that waited for another one sees its decision and decider.
	current = erp_leave.current_status(name)
	if current is None:
		ephemeral(route, notice(lang, "error", message=words.leave_gone(lang, name)))
		return
	if current["status"] != erp_leave.OPEN or current["docstatus"] != 0:
		_tell_already_decided(route, lang, current)
		return
	try:
		erp_leave.decide_leave(name, route["status"], user, reason)
	except erp_leave.LeaveRefused as refused:
		erp_log.log_error(
			f"Leave {route['decision']} from Slack failed",
			f"{user} could not set {name} to {route['status']}: {refused.message}",
			reference_doctype=erp_leave.LEAVE_APPLICATION,
			reference_name=name,
		)
		ephemeral(route, notice(lang, "action_failed", leave_application=name, message=refused.message))
		return
	if route.get("channel_id") and route.get("message_ts"):
		# The clicked message is rewritten with every other request of this leave by the submit's
		# event job (after the commit that releases the row lock); remember it in case it was
		# posted before the app kept records.
		erp_slack_messages.record(
			erp_leave.LEAVE_APPLICATION,
			name,
			purpose=erp_slack_messages.APPROVAL_REQUEST,
			channel=route["channel_id"],
			ts=route["message_ts"],
			recipient=user,
		)


def leave_decision(route: LeaveDecisionRoute) -> Response:
	"""Approve from the approver's message (or a reminder), as the deciding user; idempotent."""
	_decide(route)
	return ack()


def reject_prompt(route: LeaveButtonRoute) -> Response:
	"""Reject clicked: ask the approver for an optional reason first (a modal)."""
	user = resolve_user(route["user_id"])
	lang = erp_users.language_of(user)
	info = _decidable(route, lang, user)
	if info is None:
		return ack()
	if info["status"] != erp_leave.OPEN or info["docstatus"] != 0:
		_tell_already_decided(route, lang, info)
		return ack()
	if not route.get("trigger_id"):
		ephemeral(route, notice(lang, "error", message=words.reject_form_not_opened(lang, "no_trigger_id")))
		return ack()
	view = core.build_reject_modal(
		{
			"leave_application": route["leave_application"],
			"requester_name": info["builder"]["requester_name"],
			"channel_id": route.get("channel_id"),
			"message_ts": route.get("message_ts"),
		},
		words=words.reject_modal(lang),
	)
	opened = slack_site.call_or_log(
		"views.open",
		path=slack_site.REQUEST,
		trigger_id=route["trigger_id"],
		view=view,
		log_title="Reject reason form not opened",
		log_context=f"Leave Application {route['leave_application']}",
	)
	if not opened.ok:
		ephemeral(route, notice(lang, "error", message=words.reject_form_not_opened(lang, opened.error)))
	return ack()


def leave_rejection(route: LeaveRejectionRoute) -> Response:
	"""The reason modal submitted: reject with the reason (or none); a too-long reason is shown
	inline, every other answer as a notice where Reject was clicked (the modal closes)."""
	if route["errors"]:
		lang = language_of_slack_user(route["user_id"])
		return json_response(view_errors(lang, route["errors"]))
	_decide(route, reason=route["reason"])
	return ack()


def _requesters_own(route: LeaveButtonRoute) -> tuple[str, str, dict] | None:
	"""(user, lang, details) when the clicking user is the application's requester; otherwise
	None, after telling them why (gone, not theirs)."""
	name = route["leave_application"]
	user = resolve_user(route["user_id"])
	lang = erp_users.language_of(user)
	info = erp_leave.leave_details(name)
	if info is None:
		ephemeral(route, notice(lang, "error", message=words.leave_gone(lang, name)))
		return None
	if not user or user != info["employee_user"]:
		ephemeral(route, notice(lang, "not_yours", leave_application=name))
		return None
	return user, lang, info


def leave_withdraw(route: LeaveButtonRoute) -> Response:
	"""The requester's Withdraw: delete their Open application as themselves (the desk's rights)."""
	name = route["leave_application"]
	own = _requesters_own(route)
	if own is None:
		return ack()
	user, lang, info = own
	if info["status"] != erp_leave.OPEN or info["docstatus"] != 0:
		_tell_already_decided(route, lang, info)
		return ack()
	try:
		erp_leave.withdraw_leave(name, user)
	except erp_leave.LeaveRefused as refused:
		ephemeral(route, notice(lang, "action_failed", leave_application=name, message=refused.message))
	# Withdrawn: the deletion's event job rewrites the approver's request and this confirmation.
	return ack()


def leave_ask_cancel(route: LeaveButtonRoute) -> Response:
	"""The requester's Ask to cancel on an approved leave that has not started: the approver is
	asked from a job (one ask at a time), the requester told there whether it reached them."""
	name = route["leave_application"]
	own = _requesters_own(route)
	if own is None:
		return ack()
	user, lang, info = own
	if not erp_leave.may_ask_to_cancel(info):
		ephemeral(route, notice(lang, "not_cancellable", leave_application=name))
		return ack()
	purpose = erp_slack_messages.CANCELLATION_REQUEST
	pending = erp_slack_messages.following(erp_leave.LEAVE_APPLICATION, name, purpose)
	if pending or not erp_slack_messages.claim_pending(erp_leave.LEAVE_APPLICATION, name, purpose):
		approver = info["leave_approver"]
		ephemeral(
			route,
			notice(
				lang,
				"cancellation_pending",
				leave_application=name,
				approver=erp_users.full_name(approver) or approver,
			),
		)
		return ack()
	erp_jobs.enqueue_after_commit(
		f"{leave_jobs.JOBS}.request_cancellation",
		leave_application=name,
		requester=user,
		channel=route.get("channel_id") or route["user_id"],
		slack_user=route["user_id"],
	)
	return ack()


def _cancellation_answerable(route, lang: str, user: str | None) -> bool:
	"""May `user` answer this cancellation request now? Tells them why not."""
	info = _decidable(route, lang, user)
	if info is None:
		return False
	if info["status"] != erp_leave.APPROVED or info["docstatus"] != 1:
		_tell_already_decided(route, lang, info)
		return False
	return True


def leave_cancel(route: LeaveButtonRoute) -> Response:
	"""The approver's Cancel leave: cancel the approved leave as them (the desk's rights); the
	cancel's event job rewrites every message of the leave and tells the requester."""
	name = route["leave_application"]
	user = resolve_user(route["user_id"])
	lang = erp_users.language_of(user)
	if not _cancellation_answerable(route, lang, user):
		return ack()
	# Under the row lock: of two overlapping clicks the second sees the leave cancelled.
	current = erp_leave.current_status(name)
	if current is None or current["status"] != erp_leave.APPROVED or current["docstatus"] != 1:
		if current is not None:
			_tell_already_decided(route, lang, current)
		return ack()
	try:
		erp_leave.cancel_leave(name, user)
	except erp_leave.LeaveRefused as refused:
		erp_log.log_error(
			"Leave cancel from Slack failed",
			f"{user} could not cancel {name}: {refused.message}",
			reference_doctype=erp_leave.LEAVE_APPLICATION,
			reference_name=name,
		)
		ephemeral(route, notice(lang, "action_failed", leave_application=name, message=refused.message))
	return ack()


def leave_keep(route: LeaveButtonRoute) -> Response:
	"""The approver's Keep: the leave stays approved; the request says so, the requester is told."""
	name = route["leave_application"]
	user = resolve_user(route["user_id"])
	lang = erp_users.language_of(user)
	if not _cancellation_answerable(route, lang, user):
		return ack()
	# Taken under a row lock: a second click finds nothing left to answer.
	answered = erp_slack_messages.take_following(
		erp_leave.LEAVE_APPLICATION, name, erp_slack_messages.CANCELLATION_REQUEST
	)
	if not answered:
		return ack()
	erp_leave.note_kept(name, user)
	erp_jobs.enqueue_after_commit(
		f"{leave_jobs.JOBS}.mirror_kept", leave_application=name, by=user, messages=answered
	)
	return ack()


def ack_route(route: AckRoute) -> Response:
	return ack()


def _dm_notice(slack_user_id: str, message: SlackMessage) -> None:
	"""A notice in the app's DM with the user (a Home tab click has no message to answer under)."""
	slack_site.call_or_log(
		"chat.postMessage",
		path=slack_site.REQUEST,
		channel=slack_user_id,
		log_title="Slack notice not sent",
		**message,
	)


def home_apply_leave(route: HomeApplyLeaveRoute) -> Response:
	"""Apply for leave on the Home tab: the /apply-leave modal, through the click's trigger_id."""
	return apply_leave({"user_id": route["user_id"], "trigger_id": route["trigger_id"]}, notify=_dm_notice)


# --- timesheets (/timesheet, the Log Time modal, the reminder's button) ---------------------------


def timesheet_notice(lang: str, kind: str, **fields) -> SlackMessage:
	return core.build_timesheet_notice({"kind": kind, **fields}, words=words.timesheet(lang))


def timesheet_modal(user: str, lang: str, *, today: str, current: dict) -> tuple[dict | None, str | None]:
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
	user = resolve_user(slack_user)
	lang = erp_users.language_of(user)
	if not user:
		return lang, timesheet_notice(lang, "slack_not_linked")
	if not erp_users.active_employee(user):
		return lang, timesheet_notice(lang, "no_employee")
	today = erp_clock.today()
	view, missing = timesheet_modal(user, lang, today=today, current={"date": date or today})
	if view is None:
		return lang, timesheet_notice(lang, missing)
	opened = slack_site.call_or_log(
		"views.open",
		path=slack_site.REQUEST,
		trigger_id=trigger_id,
		view=view,
		log_title="Timesheet form not opened",
		log_context=f"user {user}",
	)
	if not opened.ok:
		return lang, timesheet_notice(lang, "form_not_opened", error=opened.error)
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
		lang = language_of_slack_user(slack_user)
		return json_response(timesheet_notice(lang, "bad_date", text=text))
	_lang, answer = _open_timesheet_modal(slack_user, trigger_id, date)
	return json_response(answer) if answer else ack()


def timesheet_open(route: TimesheetOpenRoute) -> Response:
	"""The reminder's "Log time": the modal for the reminder's day; problems as an ephemeral."""
	if not route.get("trigger_id"):
		lang = language_of_slack_user(route["user_id"])
		ephemeral(route, timesheet_notice(lang, "form_not_opened", error="no_trigger_id"))
		return ack()
	_lang, answer = _open_timesheet_modal(route["user_id"], route["trigger_id"], route["date"])
	if answer:
		ephemeral(route, answer)
	return ack()


def timesheet_project_change(route: TimesheetProjectChangeRoute) -> Response:
	"""A project was chosen: rebuild the modal with that project's open tasks, keeping the rest."""
	user = erp_users.frappe_user_for_slack(route["user_id"])
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


TIMESHEET_FALLBACK_BLOCK = core.block_for_timesheet_field(erp_timesheet.GENERAL_FIELD)


def timesheet_submission(route: TimesheetSubmissionRoute) -> Response:
	"""Add the time log to the employee's draft Timesheet, or show what is wrong inline."""
	user = erp_users.frappe_user_for_slack(route["user_id"])
	lang = erp_users.language_of(user)
	if route["errors"]:
		return json_response(timesheet_view_errors(lang, route["errors"]))
	employee = erp_users.active_employee(user) if user else None
	if not employee:
		return json_response(
			timesheet_view_errors(lang, {TIMESHEET_FALLBACK_BLOCK: words.no_active_employee(lang)})
		)
	try:
		logged = erp_timesheet.add_time_log(user=user, employee=employee, form=route["form"])
	except erp_timesheet.TimesheetRefused as refused:
		block = core.block_for_timesheet_field(refused.field)
		# ERPNext's message, said while acting as the employee: in their language already.
		return json_response(timesheet_view_errors(lang, {block: refused.message}))
	erp_jobs.enqueue_after_commit(
		f"{timesheet_jobs.JOBS}.send_confirmation", user=user, slack_user_id=route["user_id"], logged=logged
	)
	return ack()


HANDLERS: dict[str, Callable[[Route], Response]] = {
	"leave_decision": leave_decision,
	"reject_prompt": reject_prompt,
	"leave_rejection": leave_rejection,
	"leave_withdraw": leave_withdraw,
	"leave_ask_cancel": leave_ask_cancel,
	"leave_cancel": leave_cancel,
	"leave_keep": leave_keep,
	"home_apply_leave": home_apply_leave,
	"half_day_toggle": half_day_toggle,
	"leave_submission": leave_submission,
	"ack": ack_route,
	"timesheet_project_change": timesheet_project_change,
	"timesheet_submission": timesheet_submission,
	"timesheet_open": timesheet_open,
}


def _failure_language(slack_user_id: str | None) -> str:
	"""The reader's language after a failure; English if even that cannot be read (the database
	may be what failed), so the user still learns that nothing happened."""
	try:
		return language_of_slack_user(slack_user_id)
	except Exception:
		erp_log.roll_back_and_log_exception("Slack user language not read")
		return "en"


def _failure(route: Route) -> Response:
	"""What Slack gets when a handler failed unexpectedly: a 200 the user can see."""
	if route["handler"] == "leave_submission":
		lang = _failure_language(route["user_id"])
		return json_response(view_errors(lang, {FALLBACK_BLOCK: words.leave_not_applied(lang)}))
	if route["handler"] == "timesheet_submission":
		lang = _failure_language(route["user_id"])
		return json_response(
			timesheet_view_errors(lang, {TIMESHEET_FALLBACK_BLOCK: words.time_not_logged(lang)})
		)
	if route["handler"] in (
		"leave_decision",
		"leave_rejection",
		"reject_prompt",
		"leave_withdraw",
		"timesheet_open",
		"leave_ask_cancel",
		"leave_cancel",
		"leave_keep",
	):
		lang = _failure_language(route["user_id"])
		ephemeral(route, notice(lang, "error", message=words.nothing_changed(lang)))
	return ack()


def handle_interaction(route: Route) -> Response:
	"""Dispatch a routed interaction; unexpected errors are logged and answered with a 200."""
	handler = HANDLERS[route["handler"]]
	try:
		return handler(route)
	except Exception:
		erp_log.roll_back_and_log_exception(f"Slack {route['handler']} failed")
		return _failure(route)


def handle_slash_command(form: dict[str, str]) -> Response:
	try:
		return apply_leave(form)
	except Exception:
		erp_log.roll_back_and_log_exception("Slack /apply-leave failed")
		lang = _failure_language(form.get("user_id"))
		return json_response(notice(lang, "error", message=words.try_again_later(lang)))


# --- Events API ---------------------------------------------------------------------------------------


def url_verification(route) -> Response:
	"""Slack checks the request URL: echo the challenge (the guard has verified the request)."""
	return json_response({"challenge": route["challenge"]})


def app_home_opened(route) -> Response:
	"""Ack at once; the tab is built and published by a job. Each event_id is handled once: a
	retry (`X-Slack-Retry-Num`) or a duplicate of one already taken is acked without work."""
	if route["tab"] != "home":
		return ack()  # the Messages tab: the app's DMs, nothing to publish
	if not erp_home.first_delivery(route["event_id"]):
		return ack()
	erp_jobs.enqueue_after_commit(f"{home_jobs.JOBS}.publish_home", slack_user_id=route["user_id"])
	return ack()


EVENT_HANDLERS: dict[str, Callable[[EventRoute], Response]] = {
	"url_verification": url_verification,
	"app_home_opened": app_home_opened,
}


def handle_event(route: EventRoute, *, retry_num: str | None = None) -> Response:
	"""Dispatch a routed Events API request; an unexpected error is logged and acked (a 5xx would
	only make Slack send it again). `retry_num` is Slack's, for the log; the event_id dedupes."""
	try:
		return EVENT_HANDLERS[route["handler"]](route)
	except Exception:
		erp_log.roll_back_and_log_exception(
			f"Slack event {route['handler']} failed" + (f" (retry {retry_num})" if retry_num else "")
		)
		return ack()


def handle_timesheet_command(form: dict[str, str]) -> Response:
	try:
		return log_time(form)
	except Exception:
		erp_log.roll_back_and_log_exception("Slack /timesheet failed")
		lang = _failure_language(form.get("user_id"))
		return json_response(notice(lang, "error", message=words.try_again_later(lang)))
