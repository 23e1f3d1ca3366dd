"""Scheduler entry point of "While you are away": hourly, every consenting person's Slack is
reconciled with their leave, so a status appears and goes at their own local midnight (a daily
job at the site's morning would be up to a day late for people in other time zones)."""

from __future__ import annotations

from frappe_slack_connector.flows.away import jobs


def sweep() -> None:
	jobs.sweep()
