"""The scheduler's once-per-working-day jobs, each a flow's `DailyJob` run through the one
daily-job helper (`flows/daily.py`: the working-morning gate, the day claimed atomically, then
the send). Called on every `all` tick (hooks.py `scheduler_events`); each decides for itself
whether today's is due, so every worker may run it."""

from __future__ import annotations

from frappe_slack_connector.flows import daily
from frappe_slack_connector.flows.approvals import reminders as approver
from frappe_slack_connector.flows.attendance import digests, summary
from frappe_slack_connector.flows.timesheet import reminders as missed_hours


def attendance_summary() -> dict:
	"""The "who is out" summary: `{"sent": bool, "reason": …}` (+ `"delivery"`, the first message's
	Slack Delivery, when it was owed)."""
	return daily.run_if_due(summary.DAILY)


def approver_reminders() -> dict:
	"""Each approver's reminders: `{"reason": gate reason, "approvers": {leave approver: what
	happened}}`, and `"documents"` (the same for the engine's documents) when there were any."""
	return daily.run_if_due(approver.DAILY)


def timesheet_reminders() -> dict:
	"""The missed-hours reminders: `{"sent": bool, "reason"|"dms": …}`."""
	return daily.run_if_due(missed_hours.DAILY)


def digests_due() -> dict:
	"""Every digest rule (Slack Digest) whose post is due: `{rule: {"sent": bool, "reason"|…}}`."""
	return digests.run_due()
