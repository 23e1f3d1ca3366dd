"""Timesheet jobs: the confirmation DM after a time log (enqueued by the submission, after its
commit)."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import timesheet as erp_timesheet
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.slack import site as slack_site

JOBS = __name__


def send_confirmation(user: str, slack_user_id: str, logged: dict) -> None:
	"""DM the employee what was logged and the day's total (after the time log committed)."""
	lang = erp_users.language_of(user)
	shown = {**logged, "timesheet_status": words.timesheet_status(lang, logged["timesheet_status"])}
	message = core.build_timesheet_confirmation(shown, words=words.timesheet(lang))
	slack_site.call_or_log(
		"chat.postMessage",
		path=slack_site.JOB,
		channel=slack_user_id,
		log_title="Timesheet confirmation not sent",
		log_context=f"user {user}, Timesheet {logged['timesheet']}",
		reference_doctype=erp_timesheet.TIMESHEET,
		reference_name=logged["timesheet"],
		**message,
	)
