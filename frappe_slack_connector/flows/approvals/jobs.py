"""What an engine document's changes owe Slack, in the change's transaction (`outbox/owe.py`):
the approver's request when it is filed, its rewrite when it is decided, cancelled, deleted,
handed to another approver or moved by a workflow step — from Slack or the desk alike (the
document events in `overrides/approvals.py`) — and the requester told what became of it.

Each message is recorded under its document when it is owed (`erp/slack_messages.py`), so a later
change rewrites it in place, sent or still on its way. Recipients are Frappe users (`to_user`):
the outbox finds their Slack account when it sends. Each reader gets their own language."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import approvals as erp_approvals
from frappe_slack_connector.erp import home as erp_home
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import slack_messages as erp_slack_messages
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.flows.approvals import reminders
from frappe_slack_connector.flows.approvals.cards import card
from frappe_slack_connector.flows.home import jobs as home_jobs
from frappe_slack_connector.outbox import owe


def kind_of(doc) -> erp_approvals.Approvable:
	"""The engine's entry of a document (its DocType's)."""
	return erp_approvals.BY_DOCTYPE[doc.doctype]


def _about(kind, name: str) -> tuple[str, str]:
	return (kind.doctype, name)


def _lang(user: str | None) -> str:
	return erp_users.language_of(user)


def request_card(info: dict, approver: str | None, choices: dict) -> str:
	"""The approval request as `approver` reads it, with the decisions they may take now."""
	lang = _lang(approver)
	return core.build_approval_request(card(info, lang), words=words.approvals(lang), choices=choices)


# --- the approver's request -----------------------------------------------------------------------


def owe_approver_request(kind, name: str) -> None:
	"""Owe the document's approver the request with Approve / Reject while it is open, where its
	company sends it to Slack (Slack Settings' Approvals in Slack)."""
	info = erp_approvals.details(kind, name)
	if info is None or info["state"] != erp_approvals.OPEN:
		return
	if not erp_approvals.enabled(kind.doctype, info["company"]):
		return
	approver = info["approver"]
	if not approver:
		erp_log.log_error(
			f"{kind.doctype} approval request not sent: no approver",
			f"{kind.doctype} {name} has no approver; set one, then approve it from the desk.",
			reference_doctype=kind.doctype,
			reference_name=name,
		)
		return
	owe.post(
		request_card(info, approver, erp_approvals.approval_choices(kind, name, approver)),
		to_user=approver,
		about=_about(kind, name),
		record=owe.Record.slack_message(erp_slack_messages.APPROVAL_REQUEST, approver),
		what=f"{kind.doctype} approval request",
		recipient_role="approver",
	)
	republish_home(info)  # it now waits for them on their Home tab


# --- what became of it, whatever changed it ---------------------------------------------------------


def outcome_of(info: dict, by: str, reason: str | None = None) -> dict | None:
	"""The card's outcome for the document's state (None while open), by `by`."""
	state = info["state"]
	if state == erp_approvals.OPEN:
		return None
	outcome = {"kind": state, "by": erp_users.full_name(by) or by}
	if reason and state in (erp_approvals.APPROVED, erp_approvals.REJECTED):
		outcome["reason"] = reason
	return outcome


def mirror_outcome(
	kind,
	name: str,
	outcome: dict,
	*,
	info: dict | None = None,
	messages: list[dict] | None = None,
	gone: bool = False,
) -> None:
	"""Rewrite every message of the document to its final state (no buttons left) and tell the
	requester, unless they did it themselves. `info` / `messages` / `gone`: for a document
	being deleted (read before it goes)."""
	info = info or erp_approvals.details(kind, name)
	if info is None:
		return
	if messages is None:
		messages = erp_slack_messages.following(kind.doctype, name)
	for message in messages:
		if message["purpose"] == erp_slack_messages.APPROVAL_REQUEST:
			lang = _lang(message.get("recipient"))
			body = core.build_approval_outcome(card(info, lang), outcome, words=words.approvals(lang))
			owe.update(
				body,
				target=erp_slack_messages.target_of(message),
				about=_about(kind, name),
				what=f"{kind.doctype} approval message",
			)
		elif message["purpose"] == erp_slack_messages.APPROVAL_REMINDER:
			reminders.rewrite(message, (kind.key, name), {k: v for k, v in outcome.items() if k != "reason"})
	requester = info["employee_user"]
	if requester and requester != erp_users.session_user():
		lang = _lang(requester)
		owe.post(
			core.build_approval_notice(card(info, lang), outcome, words=words.approvals(lang)),
			to_user=requester,
			about=None if gone else _about(kind, name),
			what=f"{kind.doctype} update",
			recipient_role="requester",
		)
	republish_home(info)


def republish_home(info: dict, *also: str | None) -> None:
	"""Before this transaction commits, owe the Home tabs of the approver, the requester, whoever
	changed it and `also`: their "waiting for you" lists changed."""
	concerned = [info["approver"], info["employee_user"], erp_users.session_user(), *also]
	erp_home.republish_before_commit(concerned, home_jobs.republish)


def owe_outcome_of_submit(kind, doc) -> None:
	"""Submitted (approved, or rejected where hrms records it) — from Slack or the desk."""
	erp_approvals.forget_rejection(kind, doc.name)
	info = erp_approvals.details(kind, doc.name)
	if info is None:
		return
	outcome = outcome_of(info, erp_users.session_user(), erp_approvals.decision_reason(doc))
	if outcome:
		mirror_outcome(kind, doc.name, outcome, info=info)


def owe_outcome_of_cancel(kind, doc) -> None:
	erp_approvals.forget_rejection(kind, doc.name)
	by = erp_users.session_user()
	mirror_outcome(kind, doc.name, {"kind": erp_approvals.CANCELLED, "by": erp_users.full_name(by) or by})


def owe_outcome_of_delete(kind, doc) -> None:
	"""Called while the document still exists (on_trash): its details and messages are read now;
	the records go with it."""
	info = erp_approvals.details(kind, doc.name)
	if info is None:
		return
	messages = [dict(row) for row in erp_slack_messages.forget(kind.doctype, doc.name)]
	erp_approvals.forget_rejection(kind, doc.name)
	by = erp_users.session_user()
	mirror_outcome(
		kind,
		doc.name,
		{"kind": "deleted", "by": erp_users.full_name(by) or by},
		info=info,
		messages=messages,
		gone=True,
	)


def mirror_recorded_rejection(kind, name: str, by: str, reason: str | None) -> None:
	"""A rejection hrms has no place for, recorded by the engine: no document event follows it,
	so the decision owes its messages itself."""
	info = erp_approvals.details(kind, name)
	if info is None:
		return
	outcome = {"kind": erp_approvals.REJECTED, "by": erp_users.full_name(by) or by}
	if reason:
		outcome["reason"] = reason
	mirror_outcome(kind, name, outcome, info=info)


# --- a new approver, a workflow step ---------------------------------------------------------------


def owe_reassignment(kind, doc) -> None:
	"""On save of an open draft whose approver field changed (not on insert): the old approver's
	request says to whom it went (no buttons) and stops following; the new one is asked."""
	before = doc.get_doc_before_save()
	if not kind.approver_field or before is None or doc.docstatus != 0:
		return
	old, new = before.get(kind.approver_field) or None, doc.get(kind.approver_field) or None
	if old == new:
		return
	info = erp_approvals.details(kind, doc.name)
	if info is None or info["state"] != erp_approvals.OPEN:
		return
	if new:
		by = erp_users.session_user()
		outcome = {
			"kind": "reassigned",
			"by": erp_users.full_name(by) or by,
			"to": erp_users.full_name(new) or new,
		}
		for message in erp_slack_messages.following(kind.doctype, doc.name):
			if message["recipient"] == new:
				continue
			if message["purpose"] == erp_slack_messages.APPROVAL_REQUEST:
				lang = _lang(message.get("recipient"))
				owe.update(
					core.build_approval_outcome(card(info, lang), outcome, words=words.approvals(lang)),
					target=erp_slack_messages.target_of(message),
					about=_about(kind, doc.name),
					what=f"{kind.doctype} approval message",
				)
				erp_slack_messages.supersede(message["name"])
			elif message["purpose"] == erp_slack_messages.APPROVAL_REMINDER:
				reminders.rewrite(message, (kind.key, doc.name), outcome)
	owe_approver_request(kind, doc.name)
	republish_home(info, old)


def owe_workflow_progress(kind, doc) -> None:
	"""On save of a draft whose workflow state changed: each approval request says where it went
	and who moved it, with the buttons its recipient may still use in the new state."""
	field = erp_approvals.workflow_state_field(kind)
	before = doc.get_doc_before_save()
	if not field or before is None or doc.docstatus != 0 or before.get(field) == doc.get(field):
		return
	info = erp_approvals.details(kind, doc.name)
	if info is None:
		return
	by = erp_users.session_user()
	for message in erp_slack_messages.following(kind.doctype, doc.name, erp_slack_messages.APPROVAL_REQUEST):
		recipient = message.get("recipient")
		choices = erp_approvals.approval_choices(kind, doc.name, recipient) if recipient else {}
		choices = {"decisions": [], **choices, "workflow_state": doc.get(field)}
		choices["moved_by"] = erp_users.full_name(by) or by
		owe.update(
			request_card(info, recipient, choices),
			target=erp_slack_messages.target_of(message),
			about=_about(kind, doc.name),
			what=f"{kind.doctype} approval message",
		)
	republish_home(info)
