"""The daily missed-hours reminder: a DM to everyone who logged less than the norm on the last
working day, sent once per working day through the daily-job helper (`flows/daily.py`).

Who is short of the norm is gathered set-based by the ERP adapter, the DMs are built in Rust per
language and owed to the outbox in the transaction that claims the day, so concurrent ticks never
owe a second one; the outbox delivers each once (a DM Slack refuses fails alone, with its
reason, and the others still go out).
"""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import daily as erp_daily
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import timesheet as erp_timesheet
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import daily, words
from frappe_slack_connector.outbox import owe


def plan(today, settings) -> dict:
	"""Who gets which reminder for the working day before `today`: `{"day", "expected", "to_send":
	[{candidate, lang, message}], "skipped": [{employee, reason}]}` (nothing is sent)."""
	day = erp_timesheet.previous_working_day(today)
	if day is None:
		return {"day": None, "to_send": [], "skipped": []}
	candidates = erp_timesheet.reminder_candidates(day, settings.departments)
	skipped, due = [], []
	for row in candidates:
		reason = row["skip"] or (
			"met_norm"
			if row["logged"] >= row["expected"]
			else "no_slack_account"
			if not row["slack_user_id"]
			else None
		)
		if reason:
			skipped.append({"employee": row["employee"], "reason": reason})
		else:
			due.append(row)
	languages = erp_users.languages_of([row["user"] for row in due])
	by_lang: dict[str, list[dict]] = {}
	for row in due:
		by_lang.setdefault(languages[row["user"]], []).append(row)
	to_send = []
	for lang, rows in by_lang.items():
		messages = core.build_timesheet_reminders(
			[
				{
					"employee_name": row["employee_name"],
					"slack_user_id": row["slack_user_id"],
					"date": str(day),
					"logged": row["logged"],
					"expected": row["expected"],
					"half_day": row["half_day"],
				}
				for row in rows
			],
			words=words.timesheet(lang),
			mention=settings.mention,
		)
		to_send += [
			{"employee": row["employee"], "slack_user_id": row["slack_user_id"], "lang": lang, "message": m}
			for row, m in zip(rows, messages, strict=True)
		]
	return {"day": str(day), "to_send": to_send, "skipped": skipped}


def send_reminders(today, settings) -> dict:
	"""Owe everyone due a reminder a DM, in the transaction that claims the day (the outbox sends
	them concurrently within Slack's limits and retries what Slack does not take)."""
	planned = plan(today, settings)
	for item in planned["to_send"]:
		owe.post(
			item["message"],
			channel=item["slack_user_id"],
			about=("Employee", item["employee"]),
			what="Timesheet reminder",
		)
	return {
		"sent": True,
		"day": planned["day"],
		"dms": len(planned["to_send"]),
		"skipped": len(planned["skipped"]),
	}


DAILY = daily.DailyJob(
	read_settings=erp_settings.timesheet_reminder_settings,
	send=send_reminders,
	day_mark=erp_daily.TIMESHEET_REMINDERS,
)
