"""The approvers' daily reminder, for every kind: leave's (`flows/leave/reminders.py`, unchanged)
and, in the same job, the engine's documents waiting for each approver — one DM per approver
listing them oldest first, each with its Approve / Reject (the buttons of its DM, block
`<reminder prefix><n>`), claimed per approver and day apart from leave's claim
(`erp_reminders.DOCUMENTS`) and owed in the claim's transaction.

Each owed reminder is recorded under every document it lists; when one of them is decided,
cancelled, deleted or handed on, `flows/approvals/jobs.py` calls `rewrite` and the reminder is
rebuilt from the state of each document it lists."""

from __future__ import annotations

import datetime

from frappe_slack_connector import core
from frappe_slack_connector.erp import approvals as erp_approvals
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import reminders as erp_reminders
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import slack_messages as erp_slack_messages
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import daily, words
from frappe_slack_connector.flows.approvals.cards import card
from frappe_slack_connector.flows.leave import reminders as leave_reminders
from frappe_slack_connector.outbox import owe


def remind_all(today, settings) -> dict:
	"""Each due approver's reminder of the engine's documents (the gate is open):
	`{approver: what happened}` as leave's (`sent`, `already_sent`, `no_slack_account`,
	`nothing_open`, `failed`)."""
	due = erp_approvals.pending_by_approver(erp_clock.now() - datetime.timedelta(hours=settings.after_hours))
	claimed = erp_reminders.claimed_on(today, erp_reminders.DOCUMENTS)
	results = {}
	for approver, documents in due.items():
		if approver in claimed:
			results[approver] = "already_sent"
			continue
		try:
			results[approver] = remind(approver, documents, today)
		except Exception:
			# One approver's failure never keeps the others' reminders back.
			erp_log.roll_back_and_log_exception("Approval reminder failed")
			results[approver] = "failed"
	return results


def _open_row(info: dict, approver: str, lang: str) -> dict:
	choices = erp_approvals.approval_choices(info["kind"], info["name"], approver)
	return {
		"card": card(info, lang),
		"decisions": choices.get("decisions", ["approve", "reject"]),
		"workflow_state": choices.get("workflow_state") or None,
	}


def remind(approver: str, documents: list[tuple[str, str]], today) -> str:
	"""Claim and owe one approver's reminder of `today`, committed together."""
	slack_id = erp_users.slack_id_of_user(approver)
	if not slack_id:
		return "no_slack_account"
	lang = erp_users.language_of(approver)
	rows, listed = [], []
	for key, name in documents:
		info = erp_approvals.details(erp_approvals.BY_KEY[key], name)
		if info is None or info["state"] != erp_approvals.OPEN:
			continue  # decided since the query
		row = _open_row(info, approver, lang)
		if row["decisions"]:
			rows.append(row)
			listed.append((info["kind"].doctype, name))
		# else: on a workflow site the next step is someone else's.
	if not rows:
		return "nothing_open"
	claim = erp_reminders.claim(approver, today, len(rows), erp_reminders.DOCUMENTS)
	if claim is None:
		return "already_sent"
	owe.post(
		core.build_approval_reminder(rows, words=words.approvals(lang)),
		channel=slack_id,
		record=owe.Record.documents_listed(listed, approver, claim=claim),
		what="Approval reminder",
	)
	erp_reminders.commit_claim()
	return "sent"


def rewrite(message: dict, changed: tuple[str, str], outcome: dict | None) -> None:
	"""Owe the rewrite of one reminder now that the document `changed` (`(key, name)`) came to
	`outcome` (None: still open): every other listed document as it stands now."""
	recipient = message.get("recipient")
	lang = erp_users.language_of(recipient)
	listed = erp_reminders.documents_listed_in(message)
	changed_kind = erp_approvals.BY_KEY[changed[0]]
	if (changed_kind.doctype, changed[1]) not in listed:
		listed.append((changed_kind.doctype, changed[1]))  # deleted: its records went with it
	rows = []
	for doctype, name in listed:
		kind = erp_approvals.BY_DOCTYPE[doctype]
		info = erp_approvals.details(kind, name)
		if info is None:
			continue
		if (kind.key, name) == changed and outcome:
			rows.append({"card": card(info, lang), "outcome": outcome})
		elif info["state"] != erp_approvals.OPEN:
			by = info["modified_by"]
			rows.append(
				{
					"card": card(info, lang),
					"outcome": {"kind": info["state"], "by": erp_users.full_name(by) or by},
				}
			)
		else:
			rows.append(_open_row(info, recipient, lang) if recipient else {"card": card(info, lang)})
	if not rows:
		return
	owe.update(
		core.build_approval_reminder(rows, words=words.approvals(lang)),
		target=erp_slack_messages.target_of(message),
		about=(changed_kind.doctype, changed[1]),
		what="Approval reminder",
	)


def _every_kind(today, settings) -> dict:
	"""Leave's reminders, then the engine's: one's failure never keeps the other back."""
	return {"leave": leave_reminders.remind_all(today, settings), "documents": remind_all(today, settings)}


def _report(reason: str, sent: dict | None) -> dict:
	"""Leave's report as it always was; the engine's results beside it when there are any."""
	report = {"reason": reason, "approvers": (sent or {}).get("leave") or {}}
	if sent and sent.get("documents"):
		report["documents"] = sent["documents"]
	return report


# The approvers' daily reminder of every kind (claimed per approver, so no day is marked).
DAILY = daily.DailyJob(
	read_settings=erp_settings.approver_reminder_settings,
	send=_every_kind,
	report=_report,
)
