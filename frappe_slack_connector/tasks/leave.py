"""Leave workflow DMs, sent from background jobs (enqueued after commit, so a rolled-back
request never reaches Slack and the interaction answers within Slack's 3 s).

Each DM is in its reader's language (`erp_users.language_of`): the approver's request in the
leave approver's, the confirmation and the decision in the requester's (the Employee's user)."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack import words

JOBS = "frappe_slack_connector.tasks.leave"


def _reference(leave_application: str | None) -> dict:
	"""Error Log reference fields pointing at the Leave Application, if any."""
	if not leave_application:
		return {}
	return {"reference_doctype": erp_leave.LEAVE_APPLICATION, "reference_name": leave_application}


def slack_id_for(user: str, *, leave_application: str | None = None) -> str | None:
	"""The Slack id of a Frappe user: Slack User Meta, else `users.lookupByEmail` (remembered)."""
	slack_id = erp_users.slack_id_for_user(user)
	if slack_id:
		return slack_id
	email = erp_users.user_email(user)
	if not email:
		return None
	found = slack_site.call_or_log(
		"users.lookupByEmail",
		path=slack_site.JOB,
		email=email,
		log_title="Slack user lookup failed",
		log_context=f"user {user}",
		expected_errors={"users_not_found"},
		**_reference(leave_application),
	)
	member = found.data.get("user") or {}
	slack_id = member.get("id")
	if slack_id:
		erp_users.link_slack_user(user, slack_id, member.get("name"))
	return slack_id or None


def _dm(slack_id: str, message: dict, *, what: str, leave_application: str) -> None:
	slack_site.call_or_log(
		"chat.postMessage",
		path=slack_site.JOB,
		channel=slack_id,
		log_title=f"{what} not sent",
		**_reference(leave_application),
		**message,
	)


def _log(title: str, message: str, leave_application: str) -> None:
	erp_log.log_error(title, message, **_reference(leave_application))


# --- approver notification (Leave Application after_insert, any source) ------------------------


def enqueue_approver_notification(doc) -> None:
	erp_jobs.enqueue_after_commit(f"{JOBS}.notify_leave_approver", leave_application=doc.name)


def notify_leave_approver(leave_application: str) -> None:
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
	slack_id = slack_id_for(approver, leave_application=leave_application)
	if not slack_id:
		_log(
			"Leave approval request not sent: approver has no Slack account",
			f"The leave approver {approver} of Leave Application {leave_application} has no linked "
			"Slack user and none with the same e-mail was found.",
			leave_application,
		)
		return
	_dm(
		slack_id,
		core.build_approver_message(
			info["builder"], words=words.leave_messages(erp_users.language_of(approver))
		),
		what="Leave approval request",
		leave_application=leave_application,
	)


# --- requester DMs --------------------------------------------------------------------------------


def confirm_to_requester(leave_application: str, slack_user_id: str) -> None:
	"""After a submission from Slack: tell the requester it was filed and with whom."""
	info = erp_leave.leave_details(leave_application)
	if info is None:
		return
	message = core.build_requester_confirmation(
		info["builder"],
		erp_users.full_name(info["leave_approver"]),
		words=words.leave_messages(erp_users.language_of(info["employee_user"])),
	)
	_dm(slack_user_id, message, what="Leave confirmation", leave_application=leave_application)


def tell_requester_decision(leave_application: str, decision: str, decided_by: str) -> None:
	info = erp_leave.leave_details(leave_application)
	if info is None or not info["employee_user"]:
		return
	slack_id = slack_id_for(info["employee_user"], leave_application=leave_application)
	if not slack_id:
		_log(
			"Leave decision not sent: requester has no Slack account",
			f"The employee user {info['employee_user']} of Leave Application {leave_application} "
			"has no linked Slack user.",
			leave_application,
		)
		return
	message = core.build_requester_decision(
		info["builder"],
		decision,
		decided_by,
		words=words.leave_messages(erp_users.language_of(info["employee_user"])),
	)
	_dm(slack_id, message, what="Leave decision", leave_application=leave_application)


# --- after a decision from Slack (enqueued by the click, after its commit releases the row lock) ---


def rewrite_approver_message(
	leave_application: str, channel: str, ts: str, decision: str, decided_by: str
) -> None:
	"""The approver's DM, rewritten to the decision (no buttons left), in the approver's language."""
	info = erp_leave.leave_details(leave_application)
	if info is None:
		return
	message = core.build_decided_message(
		info["builder"],
		decision,
		decided_by,
		words=words.leave_messages(erp_users.language_of(info["leave_approver"])),
	)
	slack_site.call_or_log(
		"chat.update",
		path=slack_site.JOB,
		channel=channel,
		ts=ts,
		log_title="Leave approval message not updated",
		**_reference(leave_application),
		**message,
	)


def show_ephemeral(channel: str, user: str, message: dict) -> None:
	"""A notice only `user` sees in `channel` (a click's answer that had to wait for a commit)."""
	slack_site.call_or_log(
		"chat.postEphemeral",
		path=slack_site.JOB,
		channel=channel,
		user=user,
		log_title="Slack ephemeral message not sent",
		**message,
	)
