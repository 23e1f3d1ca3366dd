"""The approval engine's clicks (every approvable document but leave, whose buttons stay in
`flows/leave/handlers.py`): Approve, Reject (the reason modal first) and the reason submitted,
from the approver's DM, the daily reminder or the Home tab. One handler per route the Rust core
returns (`core.route_interaction`: `approval_decision`, `approval_reject_prompt`,
`approval_rejection`), listed in `flows/dispatch.py`.

Who may decide is who the desk lets: the document's Workflow transitions, else Frappe's submit
permission — always as the clicking user. Every answer goes to the clicking user, in their
language, where they clicked; the document's events owe the rewrites and the requester's notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.erp import approvals as erp_approvals
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import slack_messages as erp_slack_messages
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity, words
from frappe_slack_connector.flows.approvals import jobs as approval_jobs
from frappe_slack_connector.flows.approvals.cards import kind_word
from frappe_slack_connector.flows.home import jobs as home_jobs
from frappe_slack_connector.flows.replies import ephemeral, open_modal
from frappe_slack_connector.outbox import owe
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.responses import ack, json_response

if TYPE_CHECKING:
	from frappe_slack_connector._core import ApprovalRejectionRoute, ApprovalRoute, SlackMessage


def notice(lang: str, kind: str, **fields) -> SlackMessage:
	return core.build_leave_notice({"kind": kind, **fields}, words=words.notices(lang))


def _error(route, lang: str, message: str) -> None:
	ephemeral(route, notice(lang, "error", message=message))


def _tell_already_decided(route, lang: str, current) -> None:
	by = erp_users.full_name(current["modified_by"]) if current["state"] != erp_approvals.OPEN else None
	message = notice(
		lang,
		"already_decided",
		leave_application=route["name"],
		status=current["state"].capitalize(),  # the notice's words name Open / Approved / …
		decided_by=by,
	)
	if route.get("channel_id"):
		# A row lock may be held until this request commits: the notice is owed, sent after it.
		owe.ephemeral(message, channel=route["channel_id"], user=route["user_id"])
		return
	# A Home tab out of date: say so in the app's DM and bring the tab up to date.
	owe.post(message, channel=route["user_id"])
	erp_jobs.enqueue_after_commit(f"{home_jobs.JOBS}.publish_home", slack_user_id=route["user_id"])


def _decidable(route, lang: str, user: str | None):
	"""(the document's kind, its details) when `user` may decide it now; else None, after telling
	the clicking user why (gone, not theirs to decide, decided already)."""
	kind = erp_approvals.BY_KEY[route["document"]]
	name = route["name"]
	info = erp_approvals.details(kind, name)
	if info is None:
		_error(route, lang, words.document_gone(lang, kind_word(kind, lang), name))
		return None
	if info["state"] != erp_approvals.OPEN:
		_tell_already_decided(route, lang, info)
		return None
	if not user or not erp_approvals.may_decide(kind, name, user):
		_error(route, lang, words.approval_not_allowed(lang, kind_word(kind, lang), name))
		return None
	return kind, info


def _decide(route, decision: str, reason: str | None = None) -> None:
	"""Approve / reject as the clicking user, idempotent."""
	user = identity.find_user(route["user_id"], path=slack_site.REQUEST)
	lang = erp_users.language_of(user)  # of the clicking user: the notices are theirs
	decidable = _decidable(route, lang, user)
	if decidable is None:
		return
	kind, _info = decidable
	name = route["name"]
	# Under the row lock: a click that waited for another one sees its decision and decider.
	current = erp_approvals.current(kind, name)
	if current is None:
		_error(route, lang, words.document_gone(lang, kind_word(kind, lang), name))
		return
	if current["state"] != erp_approvals.OPEN:
		_tell_already_decided(route, lang, current)
		return
	erp_slack_messages.record_clicked_request(
		kind.doctype, name, channel=route.get("channel_id"), ts=route.get("message_ts"), approver=user
	)
	try:
		erp_approvals.decide(kind, name, decision, user, reason)
	except erp_approvals.ApprovalRefused as refused:
		erp_log.log_error(
			f"{kind.doctype} {decision} from Slack failed",
			f"{user} could not {decision} {name}: {refused.message}",
			reference_doctype=kind.doctype,
			reference_name=name,
		)
		ephemeral(route, notice(lang, "action_failed", leave_application=name, message=refused.message))
		return
	if decision == "reject" and not kind.rejected:
		# No document event follows a rejection hrms has no place for: its messages are owed here.
		approval_jobs.mirror_recorded_rejection(kind, name, user, reason)


def approval_decision(route: ApprovalRoute) -> Response:
	"""Approve, from the approver's DM, a reminder or the Home tab."""
	_decide(route, "approve")
	return ack()


def approval_reject_prompt(route: ApprovalRoute) -> Response:
	"""Reject clicked: ask for an optional reason first (a modal)."""
	user = identity.find_user(route["user_id"], path=slack_site.REQUEST)
	lang = erp_users.language_of(user)
	decidable = _decidable(route, lang, user)
	if decidable is None:
		return ack()
	_kind, info = decidable
	if not route.get("trigger_id"):
		_error(route, lang, words.reject_form_not_opened(lang, "no_trigger_id"))
		return ack()
	view = core.build_approval_reject_modal(
		{
			"document": route["document"],
			"name": route["name"],
			"requester_name": info["card"]["requester_name"],
			"channel_id": route.get("channel_id"),
			"message_ts": route.get("message_ts"),
		},
		words=words.approvals(lang),
	)
	failed = open_modal(
		route["trigger_id"],
		view,
		log_title="Reject reason form not opened",
		log_context=f"{route['doctype']} {route['name']}",
	)
	if failed:
		_error(route, lang, words.reject_form_not_opened(lang, failed))
	return ack()


def approval_rejection(route: ApprovalRejectionRoute) -> Response:
	"""The reason modal submitted: reject with the reason (or none); a too-long reason is shown
	inline, every other answer as a notice where Reject was clicked."""
	if route["errors"]:
		lang = erp_users.language_of_slack_id(route["user_id"])
		return json_response(core.build_view_errors(route["errors"], words=words.view_errors(lang)))
	_decide(route, "reject", route["reason"])
	return ack()
