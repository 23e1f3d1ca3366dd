"""The daily "who is out" summary in the attendance channel, sent once per working day through
the daily-job helper (`flows/daily.py`: gate, claim the day, then send).

The rules (who counts, groups, splitting, the send gate) live in the Rust core; this module
gathers rows through the ERP adapter and posts through the site's Slack. The channel's messages
are in the site's language (`erp_users.language_of(None)`: System Settings), with the words of
`flows/words.py`.
"""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import daily as erp_daily
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import daily, words
from frappe_slack_connector.slack import site as slack_site


def _has_channel(settings) -> str | None:
	"""Why today's summary cannot be claimed (`no_channel`, with an Error Log), else None."""
	if settings.channel:
		return None
	erp_log.log_error(
		"Attendance summary not sent: no channel", "Slack Settings has no Attendance Channel ID."
	)
	return "no_channel"


def send_summary(today, settings) -> dict:
	"""Post today's summary once the day is claimed: record its ts once Slack has it, give the
	day back when Slack certainly posted nothing, keep it when the outcome is unknown."""
	messages = build_messages(today, settings)
	first = slack_site.call_or_log(
		"chat.postMessage",
		path=slack_site.JOB,
		channel=settings.channel,
		log_title="Attendance summary not sent",
		log_context=f"the summary of {today} in channel {settings.channel}; if it is not there, send "
		"it by hand (README, Debug)",
		**messages[0],
	)
	if first.error == "outcome_unknown":
		# Slack may have posted it: the claim stays without a ts so no tick posts a second summary
		# (late-leave notes need the ts and are skipped today). The Error Log asks to check.
		return {"sent": None, "reason": "outcome_unknown", "error": first.error}
	if not first.ok:
		erp_daily.release_day(erp_daily.SUMMARY, today, settings.last_date)
		return {"sent": False, "reason": "slack_error", "error": first.error}
	ts = first.data["ts"]
	# The summary is out: record it before the replies so a failing reply never causes a re-post.
	erp_daily.record_sent(erp_daily.SUMMARY, today, ts)
	for message in messages[1:]:
		slack_site.call_or_log(
			"chat.postMessage",
			path=slack_site.JOB,
			channel=settings.channel,
			thread_ts=ts,
			log_title="Attendance summary continuation not sent",
			**message,
		)
	return {"sent": True, "ts": ts, "messages": len(messages)}


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
	markdown = "\n\n".join(core.render_markdown(m["blocks"]) for m in messages)
	return {"channel": settings.channel, "markdown": markdown, "messages": messages}


DAILY = daily.DailyJob(
	read_settings=erp_settings.summary_settings,
	send=send_summary,
	day_mark=erp_daily.SUMMARY,
	precondition=_has_channel,
)
