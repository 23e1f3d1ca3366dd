"""Leave workflow messages, sent from background jobs (enqueued after commit, so a rolled-back
request never reaches Slack and the interaction answers within Slack's 3 s).

Slack mirrors the ERP whatever changed the leave: Slack, the desk, a workflow action or the API
all end in the same Leave Application events (`overrides/leave_application.py`), and those
enqueue the jobs here. Each message the app posts about a leave is remembered
(`erp/slack_messages.py`), so a later change rewrites it in place.

Each message is in its reader's language (`erp_users.language_of`): the approver's in the
recipient's, the confirmation and the outcome in the requester's (the Employee's user)."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import slack_messages as erp_slack_messages
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity, replies, words
from frappe_slack_connector.flows.leave import reminders as reminder_jobs
from frappe_slack_connector.slack import site as slack_site

JOBS = __name__


def _reference(leave_application: str | None) -> dict:
	"""Error Log reference fields pointing at the Leave Application, if any."""
	if not leave_application:
		return {}
	return {"reference_doctype": erp_leave.LEAVE_APPLICATION, "reference_name": leave_application}


def _dm(slack_id: str, message: dict, *, what: str, leave_application: str):
	"""Post a DM; returns the reply (`ok`, `data` with Slack's channel and ts)."""
	return slack_site.call_or_log(
		"chat.postMessage",
		path=slack_site.JOB,
		channel=slack_id,
		log_title=f"{what} not sent",
		**_reference(leave_application),
		**message,
	)


def _remember(reply, leave_application: str, purpose: str, recipient: str | None) -> None:
	"""Record a posted DM so later changes of the leave can rewrite it."""
	channel, ts = reply.data.get("channel"), reply.data.get("ts")
	if reply.ok and channel and ts:
		erp_slack_messages.record(
			erp_leave.LEAVE_APPLICATION,
			leave_application,
			purpose=purpose,
			channel=channel,
			ts=ts,
			recipient=recipient,
		)


def _log(title: str, message: str, leave_application: str) -> None:
	erp_log.log_error(title, message, **_reference(leave_application))


# --- approver notification (Leave Application after_insert, any source) ------------------------


def enqueue_approver_notification(doc) -> None:
	erp_jobs.enqueue_after_commit(f"{JOBS}.notify_leave_approver", leave_application=doc.name)


def notify_leave_approver(leave_application: str) -> None:
	"""DM the leave approver the request with Approve / Reject, while it is Open."""
	info = erp_leave.leave_details(leave_application)
	if info is None or info["status"] != erp_leave.OPEN or info["docstatus"] != 0:
		return
	approver = info["leave_approver"]
	if not approver:
		_log(
			"Leave approval request not sent: no leave approver",
			f"Leave Application {leave_application} has no Leave Approver; set one on the Employee "
			"or the Department, then approve it from the desk.",
			leave_application,
		)
		return
	slack_id = identity.find_slack_id(approver, **_reference(leave_application))
	if not slack_id:
		_log(
			"Leave approval request not sent: approver has no Slack account",
			f"The leave approver {approver} of Leave Application {leave_application} has no linked "
			"Slack user and none with the same e-mail was found.",
			leave_application,
		)
		return
	reply = _dm(
		slack_id,
		core.build_approver_message(
			_with_balance(info),
			words=words.leave_messages(erp_users.language_of(approver)),
			choices=erp_leave.approval_choices(leave_application, approver),
		),
		what="Leave approval request",
		leave_application=leave_application,
	)
	_remember(reply, leave_application, erp_slack_messages.APPROVAL_REQUEST, approver)


def _with_balance(info: dict) -> dict:
	"""The open request as its approver reads it: with the requester's balance of the type before
	and after it (not on the decided message, where it no longer helps anyone choose)."""
	if info.get("balance") is None:
		return info["builder"]
	return {**info["builder"], "balance": info["balance"]}


# --- requester DMs --------------------------------------------------------------------------------


def _requester_slack_id(info: dict, leave_application: str, what: str) -> str | None:
	"""The requester's Slack id, or None (logged when they have a user but no Slack account)."""
	user = info["employee_user"]
	if not user:
		return None  # an Employee without a user reads nothing anywhere
	slack_id = identity.find_slack_id(user, **_reference(leave_application))
	if not slack_id:
		_log(
			f"{what} not sent: requester has no Slack account",
			f"The employee user {user} of Leave Application {leave_application} has no linked "
			"Slack user and none with the same e-mail was found.",
			leave_application,
		)
	return slack_id


def enqueue_requester_confirmation(doc) -> None:
	erp_jobs.enqueue_after_commit(f"{JOBS}.confirm_to_requester", leave_application=doc.name)


def confirm_to_requester(leave_application: str) -> None:
	"""A leave filed anywhere (Slack, the desk, the API): tell the requester it was filed and with
	whom, while it is still Open."""
	info = erp_leave.leave_details(leave_application)
	if info is None or info["status"] != erp_leave.OPEN or info["docstatus"] != 0:
		return
	slack_id = _requester_slack_id(info, leave_application, "Leave confirmation")
	if not slack_id:
		return
	message = core.build_requester_confirmation(
		info["builder"],
		erp_users.full_name(info["leave_approver"]),
		words=words.leave_messages(erp_users.language_of(info["employee_user"])),
		offer="withdraw",  # while Open; the outcome's rewrite removes it
	)
	reply = _dm(slack_id, message, what="Leave confirmation", leave_application=leave_application)
	_remember(reply, leave_application, erp_slack_messages.REQUESTER_CONFIRMATION, info["employee_user"])


# --- what became of a leave, whatever changed it -----------------------------------------------------

# The Leave Application status a submit leaves behind → the outcome the messages show
# (hrms only lets Approved and Rejected applications be submitted).
_OUTCOME_OF_SUBMITTED = {"Approved": "approved", "Rejected": "rejected"}


def enqueue_outcome_of_submit(doc) -> None:
	kind = _OUTCOME_OF_SUBMITTED.get(doc.status)
	if kind:
		_enqueue_outcome(doc.name, kind, reason=erp_leave.decision_reason(doc))


def enqueue_outcome_of_cancel(doc) -> None:
	_enqueue_outcome(doc.name, "cancelled")


def enqueue_outcome_of_delete(doc) -> None:
	"""Called while the document still exists (on_trash): what the job needs once it is gone —
	the details, the messages to rewrite — is taken now, and the records go with the document."""
	info = erp_leave.leave_details(doc.name)
	if info is None:
		return
	messages = [dict(row) for row in erp_slack_messages.forget(erp_leave.LEAVE_APPLICATION, doc.name)]
	by_requester = erp_users.session_user() == info["employee_user"]
	_enqueue_outcome(
		doc.name,
		"withdrawn" if by_requester else "deleted",
		snapshot=info,
		messages=messages,
		# A request deleted after its cancellation was already told to the requester.
		tell_requester=info["docstatus"] == 0,
	)


def _enqueue_outcome(leave_application: str, kind: str, **kwargs) -> None:
	erp_jobs.enqueue_after_commit(
		f"{JOBS}.mirror_outcome",
		leave_application=leave_application,
		kind=kind,
		by=erp_users.session_user(),  # the user the event ran as: who clicked, saved or deleted
		**kwargs,
	)


def mirror_outcome(
	leave_application: str,
	kind: str,
	by: str,
	*,
	reason: str | None = None,
	snapshot: dict | None = None,
	messages: list[dict] | None = None,
	tell_requester: bool = True,
) -> None:
	"""Rewrite every approval request of the leave to its final state (no buttons left) and tell
	the requester — unless they did it themselves. `snapshot` / `messages`: for a deleted leave."""
	info = snapshot or erp_leave.leave_details(leave_application)
	if info is None:
		return
	outcome = {"kind": kind, "by": erp_users.full_name(by) or by}
	if reason:
		outcome["reason"] = reason
	if messages is None:
		messages = erp_slack_messages.following(erp_leave.LEAVE_APPLICATION, leave_application)
	for message in messages:
		if message["purpose"] == erp_slack_messages.APPROVAL_REQUEST:
			_rewrite(message, info, outcome, leave_application)
		elif message["purpose"] == erp_slack_messages.CANCELLATION_REQUEST:
			_rewrite_cancellation(message, info, outcome, leave_application)
		elif message["purpose"] == erp_slack_messages.REQUESTER_CONFIRMATION:
			_rewrite_confirmation(message, info, outcome, leave_application)
		elif message["purpose"] == erp_slack_messages.APPROVAL_REMINDER:
			reminder_jobs.rewrite(message, leave_application, outcome, info)
	if tell_requester and info["employee_user"] != by:
		_tell_requester(info, outcome, leave_application)


def _update(message: dict, body: dict, *, log_title: str, leave_application: str) -> None:
	"""chat.update of one remembered message (repeatable: it rewrites the same message)."""
	slack_site.call_or_log(
		"chat.update",
		path=slack_site.JOB,
		channel=message["channel"],
		ts=message["ts"],
		log_title=log_title,
		**_reference(leave_application),
		**body,
	)


def _rewrite(message: dict, info: dict, outcome: dict, leave_application: str) -> None:
	"""An approval request in its final state, in its recipient's language."""
	reader = words.leave_messages(erp_users.language_of(message.get("recipient")))
	_update(
		message,
		core.build_approver_outcome(info["builder"], outcome, words=reader),
		log_title="Leave approval message not updated",
		leave_application=leave_application,
	)


def _rewrite_cancellation(message: dict, info: dict, outcome: dict, leave_application: str) -> None:
	"""A cancellation request answered (cancelled, kept, or the leave gone): no buttons left."""
	reader = words.leave_messages(erp_users.language_of(message.get("recipient")))
	_update(
		message,
		core.build_cancellation_outcome(info["builder"], outcome, words=reader),
		log_title="Leave cancellation request not updated",
		leave_application=leave_application,
	)


def _rewrite_confirmation(message: dict, info: dict, outcome: dict, leave_application: str) -> None:
	"""The requester's confirmation shows where the request stands now; Withdraw goes, and an
	approved leave that has not started offers Ask to cancel."""
	reader = words.leave_messages(erp_users.language_of(message.get("recipient")))
	offer = "ask_to_cancel" if outcome["kind"] == "approved" and erp_leave.may_ask_to_cancel(info) else None
	_update(
		message,
		core.build_requester_outcome(info["builder"], outcome, words=reader, offer=offer),
		log_title="Leave confirmation not updated",
		leave_application=leave_application,
	)


def _tell_requester(info: dict, outcome: dict, leave_application: str) -> None:
	slack_id = _requester_slack_id(info, leave_application, "Leave update")
	if not slack_id:
		return
	message = core.build_requester_outcome(
		info["builder"],
		outcome,
		words=words.leave_messages(erp_users.language_of(info["employee_user"])),
	)
	_dm(slack_id, message, what="Leave update", leave_application=leave_application)


# --- a workflow step that did not decide the leave -----------------------------------------------


def enqueue_workflow_progress(doc) -> None:
	"""On save of a draft whose workflow state changed (a workflow action from Slack or the desk)."""
	field = erp_leave.workflow_state_field()
	before = doc.get_doc_before_save()
	if not field or before is None or doc.docstatus != 0:
		return
	if before.get(field) == doc.get(field):
		return
	erp_jobs.enqueue_after_commit(
		f"{JOBS}.mirror_workflow_progress",
		leave_application=doc.name,
		state=doc.get(field),
		by=erp_users.session_user(),
	)


def mirror_workflow_progress(leave_application: str, state: str, by: str) -> None:
	"""Each approval request says where the request went and who moved it, with the buttons its
	recipient may still use in the new state (none when the next step is someone else's)."""
	info = erp_leave.leave_details(leave_application)
	if info is None or info["docstatus"] != 0:
		return  # decided meanwhile: the decision's job rewrites the messages
	for message in erp_slack_messages.following(
		erp_leave.LEAVE_APPLICATION, leave_application, erp_slack_messages.APPROVAL_REQUEST
	):
		recipient = message.get("recipient")
		choices = erp_leave.approval_choices(leave_application, recipient) if recipient else {}
		choices = {"decisions": [], **choices, "workflow_state": state}
		choices["moved_by"] = erp_users.full_name(by) or by
		_update(
			message,
			core.build_approver_message(
				_with_balance(info),
				words=words.leave_messages(erp_users.language_of(recipient)),
				choices=choices,
			),
			log_title="Leave approval message not updated",
			leave_application=leave_application,
		)
	for message in erp_slack_messages.following(
		erp_leave.LEAVE_APPLICATION, leave_application, erp_slack_messages.APPROVAL_REMINDER
	):
		# The reminder's row shows the new state, with the buttons its recipient may still use.
		reminder_jobs.rewrite(message, leave_application, None, info)


# --- a new leave approver -------------------------------------------------------------------------


def enqueue_reassignment(doc) -> None:
	"""On save of an Open application whose Leave Approver changed (not on insert)."""
	before = doc.get_doc_before_save()
	if before is None or doc.docstatus != 0 or doc.status != erp_leave.OPEN:
		return
	if (before.leave_approver or None) == (doc.leave_approver or None):
		return
	erp_jobs.enqueue_after_commit(
		f"{JOBS}.mirror_reassignment",
		leave_application=doc.name,
		new_approver=doc.leave_approver or None,
		by=erp_users.session_user(),
	)


def mirror_reassignment(leave_application: str, new_approver: str | None, by: str) -> None:
	"""The old approver's request says to whom it went (no buttons left) and stops following the
	leave; the new approver gets the request; the requester learns who decides now."""
	info = erp_leave.leave_details(leave_application)
	if info is None or info["leave_approver"] != new_approver:
		return  # changed again meanwhile: the later change's job does the work
	handed_over = []
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
			# "sent to <old approver>" would be wrong now.
			_update(
				message,
				confirmation,
				log_title="Leave confirmation not updated",
				leave_application=leave_application,
			)
		if info["employee_user"] != by:
			_tell_requester(info, outcome, leave_application)
	# Without an approver this logs why nobody was asked, like a new application without one.
	notify_leave_approver(leave_application)
	# Last: marking a record locks its row, and no Slack call waits while a row is locked.
	for message in handed_over:
		erp_slack_messages.supersede(message["name"])


# --- the requester asks to cancel an approved leave ----------------------------------------------


def request_cancellation(leave_application: str, requester: str, channel: str, slack_user: str) -> None:
	"""DM the approver the request to cancel (Cancel leave / Keep) and tell the requester, where
	they clicked, whether it reached them. The click claimed the request
	(`erp_slack_messages.claim_pending`); it is let go once recorded, or when Slack certainly
	posted nothing — an unknown outcome keeps it, so nothing is asked twice."""
	info = erp_leave.leave_details(leave_application)
	lang = erp_users.language_of(requester)
	notice_words = words.notices(lang)

	def tell(message: dict) -> None:
		show_ephemeral(channel, slack_user, message)

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
	approver_name = erp_users.full_name(approver) if approver else None
	slack_id = identity.find_slack_id(approver, **_reference(leave_application)) if approver else None
	if not slack_id:
		_log(
			"Leave cancellation request not sent: approver has no Slack account",
			f"The employee asked to cancel Leave Application {leave_application}, but its leave "
			f"approver {approver or '(none)'} has no linked Slack user.",
			leave_application,
		)
		release()
		message = (
			words.cancellation_not_sent(lang, approver_name or approver)
			if approver
			else words.no_approver_to_ask(lang)
		)
		tell(core.build_leave_notice({"kind": "error", "message": message}, words=notice_words))
		return
	reply = _dm(
		slack_id,
		core.build_cancellation_request(
			info["builder"], words=words.leave_messages(erp_users.language_of(approver))
		),
		what="Leave cancellation request",
		leave_application=leave_application,
	)
	if reply.ok:
		_remember(reply, leave_application, erp_slack_messages.CANCELLATION_REQUEST, approver)
		release()
		notice = {
			"kind": "cancellation_sent",
			"leave_application": leave_application,
			"approver": approver_name or approver,
		}
		tell(core.build_leave_notice(notice, words=notice_words))
		return
	if reply.error != "outcome_unknown":
		release()
	message = words.cancellation_not_sent(lang, approver_name or approver)
	tell(core.build_leave_notice({"kind": "error", "message": message}, words=notice_words))


def mirror_kept(leave_application: str, by: str, messages: list[dict]) -> None:
	"""The approver kept the leave: their cancellation request(s) say so, the requester learns it."""
	info = erp_leave.leave_details(leave_application)
	if info is None:
		return
	outcome = {"kind": "kept", "by": erp_users.full_name(by) or by}
	for message in messages:
		_rewrite_cancellation(message, info, outcome, leave_application)
	_tell_requester(info, outcome, leave_application)


# --- after a click in Slack (enqueued by the click, after its commit releases the row lock) --------


def show_ephemeral(channel: str, user: str, message: dict) -> None:
	"""A notice only `user` sees in `channel` (a click's answer that had to wait for a commit)."""
	replies.post_ephemeral(channel, user, message, path=slack_site.JOB)
