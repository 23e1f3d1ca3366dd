"""The daily reminder to leave approvers, and keeping posted reminders true.

On every scheduler tick (`all`, 4 min) once the working day's Attendance time has come — the
daily-job helper's gate, as for the daily summary (`flows/daily.py`: enabled, not a holiday of
the default company's Holiday List, the time reached) — each leave approver with Open applications older
than Slack Settings' "after (hours)" gets one DM listing them, oldest first, each with Approve /
Reject. Once per approver and day: a claim row per approver and day decides it between concurrent
ticks, and the reminder is owed to the outbox in the claim's transaction (both commit together);
the claim says what became of it (Sending while owed, Sent, Not Sent with the reason when the
outbox gives it up), so a reminder is never owed twice.

The buttons are the approval DM's (`leave_approve` / `leave_reject`, value = the application), so
the same handlers decide. Each owed reminder is recorded under every application it lists
(`erp/slack_messages.py`, purpose Approval Reminder); when one of them changes, from Slack or the
desk, `flows/leave/jobs.mirror_outcome` calls `rewrite` and the reminder is rebuilt from the state of
each application it lists, the changed one showing what became of it.
"""

from __future__ import annotations

import datetime

from frappe_slack_connector import core
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import reminders as erp_reminders
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import slack_messages as erp_slack_messages
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import daily, words
from frappe_slack_connector.outbox import owe


def remind_all(today, settings) -> dict:
	"""Each due approver's reminder of `today` (the gate is open): `{approver: what happened}`,
	what happened being `sent` (owed with its claim; the outbox delivers it), `already_sent`,
	`no_slack_account` (nothing claimed: once linked, the next tick sends it), `nothing_open` or
	`failed`."""
	due = erp_reminders.pending_by_approver(erp_clock.now() - datetime.timedelta(hours=settings.after_hours))
	claimed = erp_reminders.claimed_on(today)
	results = {}
	for approver, names in due.items():
		if approver in claimed:
			results[approver] = "already_sent"
			continue
		try:
			results[approver] = remind(approver, names, today)
		except Exception:
			# One approver's failure never keeps the others' reminders back.
			erp_log.roll_back_and_log_exception("Leave reminder failed")
			results[approver] = "failed"
	return results


def remind(approver: str, names: list[str], today) -> str:
	"""Claim and owe one approver's reminder of `today`, committed together (see `remind_all`)."""
	slack_id = erp_users.slack_id_of_user(approver)
	if not slack_id:
		# Not linked to Slack: nothing is claimed, so the reminder goes on the first tick after
		# they are linked (their approval DMs say why they are not delivered).
		return "no_slack_account"
	items = []
	for name in names:
		info = erp_leave.leave_details(name)
		if not _is_open(info):
			continue  # decided since the query
		item = _open_item(info, approver)
		if item["decisions"]:
			items.append(item)
		# else: on a workflow site the next step is someone else's; nothing to remind them of.
	if not items:
		return "nothing_open"
	key = erp_reminders.claim(approver, today, len(items))
	if key is None:
		return "already_sent"
	listed = [item["leave"]["leave_application"] for item in items]
	owe.post(
		_build(approver, items),
		channel=slack_id,
		record=owe.Record.reminder_listed(listed, approver, claim=key),
		what="Leave reminder",
	)
	erp_reminders.commit_claim()  # the claim and the reminder it owes, together
	return "sent"


def _is_open(info: dict | None) -> bool:
	return info is not None and info["status"] == erp_leave.OPEN and info["docstatus"] == 0


def _open_item(info: dict, approver: str) -> dict:
	"""A row with the decisions `approver` may take now (both without a workflow; with one, its
	transitions decide) and the workflow state."""
	choices = erp_leave.approval_choices(info["builder"]["leave_application"], approver)
	return {
		"leave": info["builder"],
		"decisions": choices.get("decisions", ["approve", "reject"]),
		"workflow_state": choices.get("workflow_state") or None,
	}


def _build(approver: str, items: list[dict]) -> str:
	lang = erp_users.language_of(approver)
	return core.build_approver_reminder(
		{"items": items, "list_url": erp_reminders.desk_list_url(approver)},
		words=words.reminder(lang),
		leave_words=words.leave_messages(lang),
	)


# --- keeping an owed or posted reminder true (from flows/leave/jobs.mirror_outcome) ------------------------------


def _outcome_of(info: dict, recipient: str | None) -> dict | None:
	"""What became of a listed application, read from its state (None: still open for `recipient`)."""

	def by(user):
		return erp_users.full_name(user) or user or ""

	if info["docstatus"] == 1 and info["status"] in ("Approved", "Rejected"):
		return {"kind": info["status"].lower(), "by": by(info["modified_by"])}
	if info["docstatus"] == 2:
		return {"kind": "cancelled", "by": by(info["modified_by"])}
	if info["leave_approver"] and recipient and info["leave_approver"] != recipient:
		return {"kind": "reassigned", "by": by(info["modified_by"]), "to": by(info["leave_approver"])}
	return None


def rewrite(message: dict, leave_application: str, outcome: dict | None, info: dict) -> None:
	"""Owe the rewrite of one reminder (`message`: its Slack Message record) now that
	`leave_application` came to `outcome` (None: still open, e.g. a workflow step moved it on):
	every other listed application as it stands now (one deleted meanwhile is left out)."""
	names = erp_reminders.listed_in(message)
	if leave_application not in names:
		names.append(leave_application)  # deleted: its records went with it
	recipient = message.get("recipient")
	rows = []
	for name in names:
		current = info if name == leave_application else erp_leave.leave_details(name)
		if current is None:
			continue
		# The reminder shows who did it, not why: the reason is in the approval DM and the timeline.
		shown = (
			{key: value for key, value in outcome.items() if key != "reason"}
			if name == leave_application and outcome
			else _outcome_of(current, recipient)
		)
		if shown:
			rows.append({"leave": current["builder"], "outcome": shown})
		else:
			rows.append(_open_item(current, recipient) if recipient else {"leave": current["builder"]})
	# The order the reminder was posted in (Submitted On, then name).
	rows.sort(key=lambda item: (item["leave"]["posting_date"] or "", item["leave"]["leave_application"]))
	owe.update(
		_build(recipient or "", rows),
		target=erp_slack_messages.target_of(message),
		about=(erp_leave.LEAVE_APPLICATION, leave_application),
		what="Leave reminder",
	)


# Claimed per approver (`erp_reminders.claim`: a unique row per approver and day), so no day is
# marked in Slack Settings; the result lists what happened to each approver's reminder.
DAILY = daily.DailyJob(
	read_settings=erp_settings.approver_reminder_settings,
	send=remind_all,
	report=lambda reason, sent: {"reason": reason, "approvers": sent or {}},
)
