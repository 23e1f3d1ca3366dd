"""The daily "who is out" summary in the attendance channel, owed once per working day through
the daily-job helper (`flows/daily.py`: gate, then claim the day and owe the messages in one
transaction; the outbox posts them).

The summary is the first digest rule (`digests.py`, horizon today): its channel, time, title,
on/off, mentions and claimed day stay in Slack Settings (`erp/digests.first_rule`), its other
options (scope, holidays, celebrations…) are its Slack Digest row's, and its messages are built
like every digest's (`digests.build`, `core.build_digest`), in the site's language
(`erp_users.language_of(None)`: System Settings), with the words of `flows/words.py`.
"""

from __future__ import annotations

import json

from frappe_slack_connector import core
from frappe_slack_connector.erp import daily as erp_daily
from frappe_slack_connector.erp import deliveries as erp_deliveries
from frappe_slack_connector.erp import digests as erp_digests
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.flows import daily
from frappe_slack_connector.flows.attendance import digests
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
	built = digests.build(today, settings)
	messages = built["messages"]
	first = owe.post(
		messages[0],
		channel=settings.channel,
		record=owe.Record.summary_sent(
			str(today), previous=settings.last_date, celebrated=digests.celebrated(settings, built)
		),
		coalesce_key=_summary_key(today),
		what="Attendance summary",
	)
	for message in messages[1:]:
		owe.post(message, channel=settings.channel, thread_of=first, what="Attendance summary continuation")
	if settings.name and built["celebrated_through"]:
		erp_digests.record_celebrated(settings.name, built["celebrated_through"])
	return {"sent": True, "delivery": first, "messages": len(messages)}


def _summary_key(day) -> str:
	return f"attendance-summary:{day}"


def delivery_of(day) -> str | None:
	"""The delivery of `day`'s summary (its first message), sent or on its way; None if not owed."""
	return erp_deliveries.latest_with_key(_summary_key(day))


def dry_run(today, settings) -> dict:
	messages = digests.build(today, settings)["messages"]
	markdown = "\n\n".join(core.render_markdown(m) for m in messages)
	# Shown to a person (and printed): the messages as JSON objects, not strings of JSON.
	return {"channel": settings.channel, "markdown": markdown, "messages": [json.loads(m) for m in messages]}


DAILY = daily.DailyJob(
	read_settings=erp_digests.first_rule,
	send=send_summary,
	day_mark=erp_daily.SUMMARY,
	precondition=_has_channel,
	day_off=digests.day_off,
)
