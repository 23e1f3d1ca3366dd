"""The daily "who is out" summary and the late-leave notes threaded under it.

The rules (who counts, groups, splitting, the send gate) live in the Rust core; this module
gathers rows through the ERP adapter, posts through the site's Slack, and keeps the
"sent once per day" promise. The channel's messages are in the site's language
(`erp_users.language_of(None)`: System Settings), with the words of `slack/words.py`.
"""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack import words

LATE_LEAVE_JOB = "frappe_slack_connector.tasks.attendance.post_late_leave_note"


def run_scheduled() -> dict:
	"""Send today's summary if it is due; safe to run on every tick from every worker."""
	now = erp_clock.now()
	today = now.date()
	settings = erp_attendance.attendance_settings()
	send, reason = working_morning_gate(
		now, enabled=settings.enabled, send_time=settings.send_time, last_sent=settings.last_date
	)
	if not send:
		return {"sent": False, "reason": reason}
	with erp_attendance.attendance_claim():
		# Another worker may have sent it while we waited for the lock: re-read with a locking read.
		settings = erp_attendance.attendance_settings(for_update=True)
		if settings.last_date and settings.last_date >= str(today):
			return {"sent": False, "reason": "already_sent"}
		if not claim(today, settings):
			return {"sent": False, "reason": "no_channel"}
	return send_summary(today, settings)


def working_morning_gate(now, *, enabled, send_time, last_sent) -> tuple[bool, str]:
	"""The gate of every once-per-working-day job (the summary, the approvers' and the timesheet
	reminders): enabled, a working day of the default company, from `send_time` on, not yet sent
	(`last_sent`, or None when the job claims per recipient). Returns (due, reason)."""
	# Holiday lookups only matter when the rest of the gate could pass.
	is_holiday = enabled and not erp_attendance.is_working_day(now.date())
	return core.should_send_attendance(
		now=now.isoformat(),
		enabled=enabled,
		send_time=send_time,
		is_holiday=is_holiday,
		last_sent=last_sent,
	)


def claim(today, settings) -> bool:
	"""Claim today's summary (committed, so the row lock ends before anything is posted);
	False, with an Error Log, when there is no channel to post to."""
	if not settings.channel:
		erp_log.log_error(
			"Attendance summary not sent: no channel", "Slack Settings has no Attendance Channel ID."
		)
		return False
	erp_attendance.claim_day(today)
	return True


def send_summary(today, settings) -> dict:
	"""Post today's summary once `claim` holds the day: record its ts once Slack has it, give the
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
		erp_attendance.release_day(today, settings.last_date)
		return {"sent": False, "reason": "slack_error", "error": first.error}
	ts = first.data["ts"]
	# The summary is out: record it before the replies so a failing reply never causes a re-post.
	erp_attendance.record_attendance_sent(today, ts)
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
		mention=erp_attendance.mention_people(),
	)


def dry_run(today, settings) -> dict:
	messages = build_messages(today, settings)
	markdown = "\n\n".join(core.render_markdown(m["blocks"]) for m in messages)
	return {"channel": settings.channel, "markdown": markdown, "messages": messages}


# --- late leave -----------------------------------------------------------------------------------


def enqueue_late_leave_note(doc) -> None:
	"""After a Leave Application is created: if today's summary is already out and this leave
	covers today, thread a note under the summary (after commit, off the request)."""
	today = erp_clock.now().date()
	if not (str(doc.from_date) <= str(today) <= str(doc.to_date)):
		return
	settings = erp_attendance.attendance_settings()
	if settings.last_date != str(today) or not settings.last_ts:
		return
	erp_jobs.enqueue_after_commit(LATE_LEAVE_JOB, leave_application=doc.name)


def post_late_leave_note(leave_application: str) -> None:
	today = erp_clock.now().date()
	settings = erp_attendance.attendance_settings()
	if settings.last_date != str(today) or not settings.last_ts or not settings.channel:
		return
	row = erp_attendance.absence_of(leave_application)
	lang = erp_users.language_of(None)
	note = (
		core.build_late_leave_note(
			row, today=str(today), words=words.late_leave_note(lang), mention=erp_attendance.mention_people()
		)
		if row
		else None
	)
	if note is None:
		return
	slack_site.call_or_log(
		"chat.postMessage",
		path=slack_site.JOB,
		channel=settings.channel,
		thread_ts=settings.last_ts,
		reply_broadcast=True,
		log_title="Late leave note not sent",
		reference_doctype=erp_leave.LEAVE_APPLICATION,
		reference_name=leave_application,
		**note,
	)
