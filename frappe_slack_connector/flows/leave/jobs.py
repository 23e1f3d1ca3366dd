"""Leave workflow messages, owed to Slack in the transaction of the change (the outbox delivers
them: `outbox/owe.py`), so a leave change and what Slack is owed about it commit together or not
at all, and nobody waits on Slack.

Slack mirrors the ERP whatever changed the leave: Slack, the desk, a workflow action or the API
all end in the same Leave Application events (`overrides/leave_application.py`), and those owe
the messages here. Each message the app owes about a leave is recorded when it is owed
(`erp/slack_messages.py`, with its delivery), so a later change rewrites it in place — sent
already or still on its way (then the rewrite folds into the post: the reader gets the message
once, in the leave's current state). Recipients are Frappe users (`to_user`): the outbox finds
their Slack account when it sends, so owing never calls Slack.

Each message is in its reader's language (`erp_users.language_of`): the approver's in the
recipient's, the confirmation and the outcome in the requester's (the Employee's user)."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import approvals as erp_approvals
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import slack_messages as erp_slack_messages
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.flows.leave import reminders as reminder_jobs
from frappe_slack_connector.outbox import owe


def _about(leave_application: str) -> tuple[str, str]:
	return (erp_leave.LEAVE_APPLICATION, leave_application)


def _dm(
	user: str,
	message: str,
	*,
	what: str,
	to: str,
	leave_application: str,
	purpose: str | None = None,
	gone=False,
	outcome_notice: dict | None = None,
) -> str:
	"""Owe `user` (the leave's `to`: approver or requester) a DM about the leave, recorded under it
	when it has a `purpose` (so later changes rewrite it). `what` names it in the Error Log an
	admin gets should it not reach them. `gone`: the leave is being deleted — the DM is about
	nothing any more (the outbox drops posts about a deleted document)."""
	return owe.post(
		message,
		to_user=user,
		about=None if gone else _about(leave_application),
		record=owe.Record.slack_message(purpose, user, outcome_notice=outcome_notice) if purpose else None,
		what=what,
		recipient_role=to,
	)


def _log(title: str, message: str, leave_application: str) -> None:
	erp_log.log_error(
		title, message, reference_doctype=erp_leave.LEAVE_APPLICATION, reference_name=leave_application
	)


# --- approver notification (Leave Application after_insert, any source) ------------------------


def owe_approver_request(doc) -> None:
	"""Leave Application after_insert (any source)."""
	notify_leave_approver(doc.name)


def notify_leave_approver(leave_application: str) -> None:
	"""Owe the leave approver the request with Approve / Reject, while it is Open."""
	info = erp_leave.leave_details(leave_application)
	if info is None or info["status"] != erp_leave.OPEN or info["docstatus"] != 0:
		return
	if not erp_approvals.enabled(erp_leave.LEAVE_APPLICATION, info["company"]):
		return  # Slack Settings keep this company's leave out of Slack (on unless a row says so)
	approver = info["leave_approver"]
	if not approver:
		_log(
			"Leave approval request not sent: no leave approver",
			f"Leave Application {leave_application} has no Leave Approver; set one on the Employee "
			"or the Department, then approve it from the desk.",
			leave_application,
		)
		return
	_dm(
		approver,
		_approver_card(
			info, leave_application, approver, erp_leave.approval_choices(leave_application, approver)
		),
		what="Leave approval request",
		to="approver",
		leave_application=leave_application,
		purpose=erp_slack_messages.APPROVAL_REQUEST,
	)


def _approver_card(info: dict, leave_application: str, approver: str | None, choices: dict) -> str:
	"""The approval request as `approver` reads it, with who else is out during it (their
	department and the approver's other reports; details only of leaves they may read). A
	snapshot: it is taken when the card is written (sent, or rewritten by a workflow step)."""
	lang = erp_users.language_of(approver)
	others = erp_attendance.others_out_for(leave_application, approver)
	return core.build_approver_message(
		_with_balance(info),
		words=words.leave_messages(lang),
		choices=choices,
		**({"others_out": others, "who_words": words.who_is_out(lang)} if others else {}),
	)


def _with_balance(info: dict) -> dict:
	"""The open request as its approver reads it: with the requester's balance of the type before
	and after it (not on the decided message, where it no longer helps anyone choose)."""
	if info.get("balance") is None:
		return info["builder"]
	return {**info["builder"], "balance": info["balance"]}


# --- requester DMs --------------------------------------------------------------------------------


def owe_requester_confirmation(doc) -> None:
	"""Leave Application after_insert: tell the requester it was filed and with whom."""
	confirm_to_requester(doc.name)


def confirm_to_requester(leave_application: str) -> None:
	"""A leave filed anywhere (Slack, the desk, the API): owe the requester the confirmation, while
	it is still Open (a decision later in this transaction, or before it goes out, rewrites it)."""
	info = erp_leave.leave_details(leave_application)
	if info is None or info["status"] != erp_leave.OPEN or info["docstatus"] != 0:
		return
	user = info["employee_user"]
	if not user:
		return  # an Employee without a user reads nothing anywhere
	message = core.build_requester_confirmation(
		info["builder"],
		erp_users.full_name(info["leave_approver"]),
		words=words.leave_messages(erp_users.language_of(user)),
		offer="withdraw",  # while Open; the outcome's rewrite removes it
	)
	_dm(
		user,
		message,
		what="Leave confirmation",
		to="requester",
		leave_application=leave_application,
		purpose=erp_slack_messages.REQUESTER_CONFIRMATION,
	)


# --- what became of a leave, whatever changed it -----------------------------------------------------

# The Leave Application status a submit leaves behind → the outcome the messages show
# (hrms only lets Approved and Rejected applications be submitted).
_OUTCOME_OF_SUBMITTED = {"Approved": "approved", "Rejected": "rejected"}


def owe_outcome_of_submit(doc) -> None:
	kind = _OUTCOME_OF_SUBMITTED.get(doc.status)
	if kind:
		mirror_outcome(doc.name, kind, reason=erp_leave.decision_reason(doc))


def owe_outcome_of_cancel(doc) -> None:
	mirror_outcome(doc.name, "cancelled")


def owe_outcome_of_delete(doc) -> None:
	"""Called while the document still exists (on_trash): the details and the messages to rewrite
	are read now, and the records go with the document."""
	info = erp_leave.leave_details(doc.name)
	if info is None:
		return
	messages = [dict(row) for row in erp_slack_messages.forget(erp_leave.LEAVE_APPLICATION, doc.name)]
	by_requester = erp_users.session_user() == info["employee_user"]
	mirror_outcome(
		doc.name,
		"withdrawn" if by_requester else "deleted",
		info=info,
		messages=messages,
		# A request deleted after its cancellation was already told to the requester.
		tell_requester=info["docstatus"] == 0,
		gone=True,
	)


def mirror_outcome(
	leave_application: str,
	kind: str,
	*,
	reason: str | None = None,
	info: dict | None = None,
	messages: list[dict] | None = None,
	tell_requester: bool = True,
	gone: bool = False,
) -> None:
	"""Rewrite every message of the leave to its final state (no buttons left) and tell the
	requester — unless they did it themselves, or their confirmation is still on its way (its
	rewrite folds the outcome into it: one message, in the decided state). By the user the event
	runs as (who clicked, saved or deleted). `info` / `messages` / `gone`: for a leave being deleted."""
	info = info or erp_leave.leave_details(leave_application)
	if info is None:
		return
	by = erp_users.session_user()
	outcome = {"kind": kind, "by": erp_users.full_name(by) or by}
	if reason:
		outcome["reason"] = reason
	if messages is None:
		messages = erp_slack_messages.following(erp_leave.LEAVE_APPLICATION, leave_application)
	folded = False
	for message in messages:
		if message["purpose"] == erp_slack_messages.APPROVAL_REQUEST:
			_rewrite(message, info, outcome, leave_application)
		elif message["purpose"] == erp_slack_messages.CANCELLATION_REQUEST:
			_rewrite_cancellation(message, info, outcome, leave_application)
		elif message["purpose"] == erp_slack_messages.REQUESTER_CONFIRMATION:
			_rewrite_confirmation(message, info, outcome, leave_application)
			# A deleted leave's unsent confirmation is dropped with it: no fold to rely on.
			folded = folded or (erp_slack_messages.on_its_way(message) and not gone)
		elif message["purpose"] == erp_slack_messages.APPROVAL_REMINDER:
			reminder_jobs.rewrite(message, leave_application, outcome, info)
	if tell_requester and info["employee_user"] != by and not folded:
		_tell_requester(info, outcome, leave_application, gone=gone)


# What each recorded message is, in the Error Log an admin gets should its rewrite fail.
_REWRITTEN = {
	erp_slack_messages.APPROVAL_REQUEST: "Leave approval message",
	erp_slack_messages.CANCELLATION_REQUEST: "Leave cancellation request",
	erp_slack_messages.REQUESTER_CONFIRMATION: "Leave confirmation",
}


def _update(message: dict, body: str, leave_application: str) -> None:
	"""Owe the rewrite of one recorded message (sent, or folded into its post still on its way)."""
	owe.update(
		body,
		target=erp_slack_messages.target_of(message),
		about=_about(leave_application),
		what=_REWRITTEN.get(message["purpose"]),
	)


def _rewrite(message: dict, info: dict, outcome: dict, leave_application: str) -> None:
	"""An approval request in its final state, in its recipient's language."""
	reader = words.leave_messages(erp_users.language_of(message.get("recipient")))
	_update(message, core.build_approver_outcome(info["builder"], outcome, words=reader), leave_application)


def _rewrite_cancellation(message: dict, info: dict, outcome: dict, leave_application: str) -> None:
	"""A cancellation request answered (cancelled, kept, or the leave gone): no buttons left."""
	reader = words.leave_messages(erp_users.language_of(message.get("recipient")))
	_update(
		message, core.build_cancellation_outcome(info["builder"], outcome, words=reader), leave_application
	)


def _rewrite_confirmation(message: dict, info: dict, outcome: dict, leave_application: str) -> None:
	"""The requester's confirmation shows where the request stands now; Withdraw goes, and an
	approved leave that has not started offers Ask to cancel."""
	reader = words.leave_messages(erp_users.language_of(message.get("recipient")))
	offer = "ask_to_cancel" if outcome["kind"] == "approved" and erp_leave.may_ask_to_cancel(info) else None
	_update(
		message,
		core.build_requester_outcome(info["builder"], outcome, words=reader, offer=offer),
		leave_application,
	)


def _tell_requester(info: dict, outcome: dict, leave_application: str, *, gone: bool = False) -> None:
	user = info["employee_user"]
	if not user:
		return
	message = core.build_requester_outcome(
		info["builder"], outcome, words=words.leave_messages(erp_users.language_of(user))
	)
	_dm(user, message, what="Leave update", to="requester", leave_application=leave_application, gone=gone)


# --- a workflow step that did not decide the leave -----------------------------------------------


def owe_workflow_progress(doc) -> None:
	"""On save of a draft whose workflow state changed (a workflow action from Slack or the desk):
	each approval request says where the request went and who moved it, with the buttons its
	recipient may still use in the new state (none when the next step is someone else's)."""
	field = erp_leave.workflow_state_field()
	before = doc.get_doc_before_save()
	if not field or before is None or doc.docstatus != 0:
		return
	if before.get(field) == doc.get(field):
		return
	leave_application, state, by = doc.name, doc.get(field), erp_users.session_user()
	info = erp_leave.leave_details(leave_application)
	if info is None:
		return
	for message in erp_slack_messages.following(
		erp_leave.LEAVE_APPLICATION, leave_application, erp_slack_messages.APPROVAL_REQUEST
	):
		recipient = message.get("recipient")
		choices = erp_leave.approval_choices(leave_application, recipient) if recipient else {}
		choices = {"decisions": [], **choices, "workflow_state": state}
		choices["moved_by"] = erp_users.full_name(by) or by
		_update(message, _approver_card(info, leave_application, recipient, choices), leave_application)
	for message in erp_slack_messages.following(
		erp_leave.LEAVE_APPLICATION, leave_application, erp_slack_messages.APPROVAL_REMINDER
	):
		# The reminder's row shows the new state, with the buttons its recipient may still use.
		reminder_jobs.rewrite(message, leave_application, None, info)


# --- a new leave approver -------------------------------------------------------------------------


def owe_reassignment(doc) -> None:
	"""On save of an Open application whose Leave Approver changed (not on insert): the old
	approver's request says to whom it went (no buttons left) and stops following the leave; the
	new approver is owed the request; the requester learns who decides now."""
	before = doc.get_doc_before_save()
	if before is None or doc.docstatus != 0 or doc.status != erp_leave.OPEN:
		return
	if (before.leave_approver or None) == (doc.leave_approver or None):
		return
	leave_application, new_approver, by = doc.name, doc.leave_approver or None, erp_users.session_user()
	info = erp_leave.leave_details(leave_application)
	if info is None:
		return
	if new_approver:
		outcome = {"kind": "reassigned", "by": erp_users.full_name(by) or by}
		outcome["to"] = erp_users.full_name(new_approver) or new_approver
		handed_over = [
			message
			for message in erp_slack_messages.following(
				erp_leave.LEAVE_APPLICATION, leave_application, erp_slack_messages.APPROVAL_REQUEST
			)
			if message["recipient"] != new_approver
		]
		for message in handed_over:
			_rewrite(message, info, outcome, leave_application)
			erp_slack_messages.supersede(message["name"])
		for message in erp_slack_messages.following(
			erp_leave.LEAVE_APPLICATION, leave_application, erp_slack_messages.APPROVAL_REMINDER
		):
			if message["recipient"] != new_approver:
				# The old approver's reminder: this row says to whom it went, without buttons.
				reminder_jobs.rewrite(message, leave_application, outcome, info)
		confirmation = core.build_requester_confirmation(
			info["builder"],
			erp_users.full_name(new_approver),
			words=words.leave_messages(erp_users.language_of(info["employee_user"])),
			offer="withdraw",
		)
		for message in erp_slack_messages.following(
			erp_leave.LEAVE_APPLICATION, leave_application, erp_slack_messages.REQUESTER_CONFIRMATION
		):
			_update(message, confirmation, leave_application)  # "sent to <old approver>" would be wrong now.
		if info["employee_user"] != by:
			_tell_requester(info, outcome, leave_application)
	# Without an approver this logs why nobody was asked, like a new application without one.
	notify_leave_approver(leave_application)


# --- the requester asks to cancel an approved leave ----------------------------------------------


def request_cancellation(leave_application: str, requester: str, channel: str, slack_user: str) -> None:
	"""In the click's transaction: owe the approver the request to cancel (Cancel leave / Keep)
	and the requester, where they clicked, the answer. The click claimed the request
	(`erp_slack_messages.claim_pending`); the claim goes once the request's record is committed
	(then `following` finds it), or at once when nothing is asked."""
	info = erp_leave.leave_details(leave_application)
	lang = erp_users.language_of(requester)
	notice_words = words.notices(lang)

	def tell(message: str) -> None:
		owe.ephemeral(message, channel=channel, user=slack_user, about=_about(leave_application))

	def release() -> None:
		erp_slack_messages.release_pending(
			erp_leave.LEAVE_APPLICATION, leave_application, erp_slack_messages.CANCELLATION_REQUEST
		)

	if info is None or not erp_leave.may_ask_to_cancel(info):
		release()
		tell(
			core.build_leave_notice(
				{"kind": "not_cancellable", "leave_application": leave_application}, words=notice_words
			)
		)
		return
	approver = info["leave_approver"]
	if not approver:
		_log(
			"Leave cancellation request not sent: no leave approver",
			f"The employee asked to cancel Leave Application {leave_application}, but it has no "
			"leave approver.",
			leave_application,
		)
		release()
		message = words.no_approver_to_ask(lang)
		tell(core.build_leave_notice({"kind": "error", "message": message}, words=notice_words))
		return
	approver_name = erp_users.full_name(approver) or approver
	sent = {"kind": "cancellation_sent", "leave_application": leave_application, "approver": approver_name}
	not_sent = {"kind": "error", "message": words.cancellation_not_sent(lang, approver_name)}
	# She learns how it went once the outbox knows: sent, or not (e.g. Bea has no Slack account).
	_dm(
		approver,
		core.build_cancellation_request(
			info["builder"], words=words.leave_messages(erp_users.language_of(approver))
		),
		what="Leave cancellation request",
		to="approver",
		leave_application=leave_application,
		purpose=erp_slack_messages.CANCELLATION_REQUEST,
		outcome_notice={
			"channel": channel,
			"user": slack_user,
			"delivered": core.build_leave_notice(sent, words=notice_words),
			"failed": core.build_leave_notice(not_sent, words=notice_words),
		},
	)
	erp_slack_messages.release_pending_after_commit(
		erp_leave.LEAVE_APPLICATION, leave_application, erp_slack_messages.CANCELLATION_REQUEST
	)


def mirror_kept(leave_application: str, by: str, messages: list[dict]) -> None:
	"""The approver kept the leave: their cancellation request(s) say so, the requester learns it."""
	info = erp_leave.leave_details(leave_application)
	if info is None:
		return
	outcome = {"kind": "kept", "by": erp_users.full_name(by) or by}
	for message in messages:
		_rewrite_cancellation(message, info, outcome, leave_application)
	_tell_requester(info, outcome, leave_application)
