"""Leave, from Slack: `/apply-leave` (and the Home tab's Apply for leave), the leave modal, the
approver's Approve / Reject (with a reason), the requester's Withdraw / Ask to cancel and the
approver's Cancel leave / Keep. One handler per route the Rust core returns
(`core.route_interaction`), listed in `flows/dispatch.py`.

Handlers are thin: the ERP adapter does the ERP work, the Rust builders make every Slack body,
`slack/site.py` talks to Slack. Each returns the werkzeug Response Slack gets within its 3 s.

Everything a person reads is in their language (`erp_users.language_of`): the modal, its inline
errors and the notices in that of the Slack user's Frappe user (the site's language when the
Slack user has none), the approver's decided message in the leave approver's, with the words of
`flows/words.py`.
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
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity, words
from frappe_slack_connector.flows.home import jobs as home_jobs
from frappe_slack_connector.flows.leave import jobs as leave_jobs
from frappe_slack_connector.flows.replies import dm_notice, ephemeral, open_modal, update_open_modal
from frappe_slack_connector.outbox import owe
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.responses import ack, json_response

if TYPE_CHECKING:
	from frappe_slack_connector._core import (
		AckRoute,
		HalfDayToggleRoute,
		HomeApplyLeaveRoute,
		LeaveButtonRoute,
		LeaveDecisionRoute,
		LeaveRejectionRoute,
		LeaveSubmissionRoute,
		ShortcutRoute,
		SlackMessage,
	)

# The one input every leave modal has: errors about nothing in particular show there.
FALLBACK_BLOCK = core.block_for_leave_field(erp_leave.GENERAL_FIELD)


# --- shared helpers -----------------------------------------------------------------------------


def notice(lang: str, kind: str, **fields) -> SlackMessage:
	return core.build_leave_notice({"kind": kind, **fields}, words=words.notices(lang))


def view_errors(lang: str, errors: dict) -> str:
	"""The inline-errors answer: route error codes or messages, in `lang`."""
	return core.build_view_errors(errors, words=words.view_errors(lang))


def leave_modal(
	employee: str,
	lang: str,
	*,
	user: str | None = None,
	checked: bool = False,
	current: dict | None = None,
	line: str | None = None,
) -> dict | None:
	"""The modal for `employee` in `lang`, or None when there is nothing they can apply for. Each
	leave type with an allocation shows its days left (hrms's, read as `user`, the employee's).
	"Today" is the person's (`erp_clock.today_for`). `line`: what they typed after /apply-leave,
	read by the Rust core into the initial values relative to that today (a note above the form
	says what it could not read)."""
	today = erp_clock.today_for(user)
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
	if line:
		spec["line"] = line
	return core.build_leave_modal(spec, words=words.modal(lang))


# --- /apply-leave ---------------------------------------------------------------------------------


def apply_leave(
	form: dict[str, str],
	notify: Callable[[str, SlackMessage], None] | None = None,
	*,
	current: dict | None = None,
) -> Response:
	"""The slash command: open the leave modal, or answer an ephemeral notice the user can act on.
	Text after the command (`/apply-leave tomorrow sick`) prefills the modal; nothing is filed
	until the person submits it. `notify(slack_user, notice)`: how to tell the user instead of the
	answer (the Home tab's button and the shortcuts, whose answer Slack shows nobody). `current`:
	values the modal starts with (a message shortcut's reason)."""
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
	user = identity.find_user(slack_user, path=slack_site.REQUEST)
	lang = erp_users.language_of(user)
	if not user:
		return answer(notice(lang, "slack_not_linked"))
	employee = erp_users.active_employee(user)
	if not employee:
		return answer(notice(lang, "no_employee"))
	line = (form.get("text") or "").strip() or None
	view = leave_modal(employee, lang, user=user, current=current, line=line)
	if view is None:
		return answer(notice(lang, "no_leave_types"))
	failed = open_modal(trigger_id, view, log_title="Leave form not opened", log_context=f"user {user}")
	if failed:
		return answer(notice(lang, "error", message=words.form_not_opened(lang, failed)))
	return ack()


# --- interactions ---------------------------------------------------------------------------------


def half_day_toggle(route: HalfDayToggleRoute) -> Response:
	"""Rebuild the open modal with (or without) the half-day inputs, keeping what was typed."""
	# The employee of the clicking user, as on submission; the modal's private_metadata is only an
	# echo and is not trusted (a list there would become a filter operator, an unknown name a modal
	# for nobody whose metadata outgrows Slack's 3000 characters).
	user = erp_users.enabled_user_of_slack_id(route["user_id"])
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


def leave_submission(route: LeaveSubmissionRoute) -> Response:
	"""Create the Leave Application, or show what is wrong inline in the modal."""
	user = erp_users.enabled_user_of_slack_id(route["user_id"])
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
	message = notice(
		lang,
		"already_decided",
		leave_application=route["leave_application"],
		status=current["status"],
		decided_by=by,
	)
	if route.get("channel_id"):
		# A row lock may be held until this request commits: the notice is owed, sent after it.
		owe.ephemeral(message, channel=route["channel_id"], user=route["user_id"])
		return
	# A click on a Home tab that was out of date: say so in the app's DM, and bring the tab up to
	# date (a job: finding who they are may ask Slack).
	owe.post(message, channel=route["user_id"])
	erp_jobs.enqueue_after_commit(f"{home_jobs.JOBS}.publish_home", slack_user_id=route["user_id"])


def _decide(route, reason: str | None = None) -> None:
	"""Approve / reject as the clicking user, idempotent; every answer goes to the clicking user
	as an ephemeral notice in the channel of the message they clicked."""
	name = route["leave_application"]
	user = identity.find_user(route["user_id"], path=slack_site.REQUEST)
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
	erp_slack_messages.record_clicked_request(
		erp_leave.LEAVE_APPLICATION,
		name,
		channel=route.get("channel_id"),
		ts=route.get("message_ts"),
		approver=user,
	)
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


def leave_decision(route: LeaveDecisionRoute) -> Response:
	"""Approve from the approver's message (or a reminder), as the deciding user; idempotent."""
	_decide(route)
	return ack()


def reject_prompt(route: LeaveButtonRoute) -> Response:
	"""Reject clicked: ask the approver for an optional reason first (a modal)."""
	user = identity.find_user(route["user_id"], path=slack_site.REQUEST)
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
	failed = open_modal(
		route["trigger_id"],
		view,
		log_title="Reject reason form not opened",
		log_context=f"Leave Application {route['leave_application']}",
	)
	if failed:
		ephemeral(route, notice(lang, "error", message=words.reject_form_not_opened(lang, failed)))
	return ack()


def leave_rejection(route: LeaveRejectionRoute) -> Response:
	"""The reason modal submitted: reject with the reason (or none); a too-long reason is shown
	inline, every other answer as a notice where Reject was clicked (the modal closes)."""
	if route["errors"]:
		lang = erp_users.language_of_slack_id(route["user_id"])
		return json_response(view_errors(lang, route["errors"]))
	_decide(route, reason=route["reason"])
	return ack()


def _requesters_own(route: LeaveButtonRoute) -> tuple[str, str, dict] | None:
	"""(user, lang, details) when the clicking user is the application's requester; otherwise
	None, after telling them why (gone, not theirs)."""
	name = route["leave_application"]
	user = identity.find_user(route["user_id"], path=slack_site.REQUEST)
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
	"""The requester's Ask to cancel on an approved leave that has not started: the approver's
	request and the requester's notice are owed with this request (one ask at a time)."""
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
	leave_jobs.request_cancellation(
		name, requester=user, channel=route.get("channel_id") or route["user_id"], slack_user=route["user_id"]
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
	user = identity.find_user(route["user_id"], path=slack_site.REQUEST)
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
	user = identity.find_user(route["user_id"], path=slack_site.REQUEST)
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
	leave_jobs.mirror_kept(name, user, answered)
	return ack()


def ack_route(route: AckRoute) -> Response:
	return ack()


def home_apply_leave(route: HomeApplyLeaveRoute) -> Response:
	"""Apply for leave on the Home tab: the /apply-leave modal, through the click's trigger_id."""
	return apply_leave({"user_id": route["user_id"], "trigger_id": route["trigger_id"]}, notify=dm_notice)


def shortcut_apply_leave(route: ShortcutRoute) -> Response:
	"""The global shortcut "Apply for leave": the /apply-leave modal, through its trigger_id; a
	person who cannot apply is told in the app's DM (Slack shows a shortcut's answer to nobody)."""
	return apply_leave({"user_id": route["user_id"], "trigger_id": route["trigger_id"]}, notify=dm_notice)


def shortcut_leave_from_message(route: ShortcutRoute) -> Response:
	"""The message shortcut "Request leave from this message": the /apply-leave modal with the
	message's text as the reason (already cut to the reason's limit by the router)."""
	current = {"reason": route["reason"]} if route["reason"] else None
	return apply_leave(
		{"user_id": route["user_id"], "trigger_id": route["trigger_id"]}, notify=dm_notice, current=current
	)
