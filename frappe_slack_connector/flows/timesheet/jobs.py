"""The confirmation DM after a time log, owed in the submission's transaction (the outbox sends
it once the time log commits)."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import timesheet as erp_timesheet
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.outbox import owe


def owe_confirmation(user: str, slack_user_id: str, logged: dict) -> None:
	"""Owe the employee a DM with what was logged and the day's total."""
	lang = erp_users.language_of(user)
	shown = {**logged, "timesheet_status": words.timesheet_status(lang, logged["timesheet_status"])}
	message = core.build_timesheet_confirmation(shown, words=words.timesheet(lang))
	owe.post(
		message,
		channel=slack_user_id,
		about=(erp_timesheet.TIMESHEET, logged["timesheet"]),
		what="Timesheet confirmation",
	)
