"""The daily "who is out" summary in the attendance channel, owed once per working day through
the daily-job helper (`flows/daily.py`: gate, then claim the day and owe the messages in one
transaction; the outbox posts them).

The rules (who counts, groups, splitting, the send gate) live in the Rust core; this module
gathers rows through the ERP adapter and owes the messages to the outbox. The channel's messages
are in the site's language (`erp_users.language_of(None)`: System Settings), with the words of
`flows/words.py`.
"""

from __future__ import annotations

import json

from frappe_slack_connector import core
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import daily as erp_daily
from frappe_slack_connector.erp import deliveries as erp_deliveries
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import daily, words
from frappe_slack_connector.outbox import owe


def _has_channel(settings) -> str | None:
	"""Why today's summary cannot be claimed (`no_channel`, with an Error Log), else None."""
	if settings.channel:
		return None
	erp_log.log_error(
		"Attendance summary not sent: no channel", "Slack Settings has no Attendance Channel ID."
	)
	return "no_channel"


def send_summary(today, settings) -> dict:
	"""Owe today's summary, in the transaction that claims the day: the first message (its ts is
	kept in Slack Settings once delivered, `Record.summary_sent`), the rest threaded under it. A
	post Slack refuses for now is retried by the outbox while the day stays claimed, so it is
	never owed twice; one it refuses for good (Failed: channel_not_found…) gives the day back, so
	the next tick owes it again once the admin has fixed the cause."""
	messages = build_messages(today, settings)
	first = owe.post(
		messages[0],
		channel=settings.channel,
		record=owe.Record.summary_sent(str(today), previous=settings.last_date),
		coalesce_key=_summary_key(today),
		what="Attendance summary",
	)
	for message in messages[1:]:
		owe.post(message, channel=settings.channel, thread_of=first, what="Attendance summary continuation")
	return {"sent": True, "delivery": first, "messages": len(messages)}


def _summary_key(day) -> str:
	return f"attendance-summary:{day}"


def delivery_of(day) -> str | None:
	"""The delivery of `day`'s summary (its first message), sent or on its way; None if not owed."""
	return erp_deliveries.latest_with_key(_summary_key(day))


def build_messages(today, settings) -> list[dict]:
	lang = erp_users.language_of(None)
	return core.build_attendance_summary(
		erp_attendance.absences_on(today),
		today=str(today),
		title=words.summary_title(lang, settings.title),
		words=words.summary(lang),
		mention=erp_settings.summary_mentions(),
	)


def dry_run(today, settings) -> dict:
	messages = build_messages(today, settings)
	markdown = "\n\n".join(core.render_markdown(m) for m in messages)
	# Shown to a person (and printed): the messages as JSON objects, not strings of JSON.
	return {"channel": settings.channel, "markdown": markdown, "messages": [json.loads(m) for m in messages]}


DAILY = daily.DailyJob(
	read_settings=erp_settings.summary_settings,
	send=send_summary,
	day_mark=erp_daily.SUMMARY,
	precondition=_has_channel,
)
