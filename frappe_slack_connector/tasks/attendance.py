"""The daily "who is out" summary and the late-leave notes threaded under it.

The rules (who counts, groups, splitting, the send gate) live in the Rust core; this module
gathers rows through the ERP adapter, posts through the one Slack client, and keeps the
"sent once per day" promise.
"""

from __future__ import annotations

import frappe

from frappe_slack_connector import core, erp
from frappe_slack_connector.slack.client import SlackCallError, call_site

LATE_LEAVE_JOB = "frappe_slack_connector.tasks.attendance.post_late_leave_note"


def run_scheduled() -> dict:
	"""Send today's summary if it is due; safe to run on every tick from every worker."""
	now = erp.now()
	today = now.date()
	settings = erp.attendance_settings()
	# Holiday lookups only matter when the rest of the gate could pass.
	is_holiday = settings.enabled and not erp.is_working_day(today)
	send, reason = core.should_send_attendance(
		now=now.isoformat(),
		enabled=settings.enabled,
		send_time=settings.send_time,
		is_holiday=is_holiday,
		last_sent=settings.last_date,
	)
	if not send:
		return {"sent": False, "reason": reason}
	with erp.attendance_claim():
		# Another worker may have sent it while we waited for the lock: re-read with a locking read.
		settings = erp.attendance_settings(for_update=True)
		if settings.last_date and settings.last_date >= str(today):
			return {"sent": False, "reason": "already_sent"}
		return send_summary(today, settings)


def send_summary(today, settings) -> dict:
	"""Build and post today's summary; record the date and ts only once Slack has it."""
	if not settings.channel:
		erp.log_error(
			"Attendance summary not sent: no channel", "Slack Settings has no Attendance Channel ID."
		)
		return {"sent": False, "reason": "no_channel"}
	messages = build_messages(today, settings)
	try:
		first = call_site("chat.postMessage", channel=settings.channel, **messages[0])
	except SlackCallError as err:
		erp.log_error(f"Attendance summary not sent: {err.error}", str(err))
		return {"sent": False, "reason": "slack_error", "error": err.error}
	ts = first["ts"]
	# The summary is out: record it before the replies so a failing reply never causes a re-post.
	erp.record_attendance_sent(today, ts)
	for message in messages[1:]:
		try:
			call_site("chat.postMessage", channel=settings.channel, thread_ts=ts, **message)
		except SlackCallError as err:
			erp.log_error(f"Attendance summary continuation not sent: {err.error}", str(err))
	return {"sent": True, "ts": ts, "messages": len(messages)}


def build_messages(today, settings) -> list[dict]:
	return core.build_attendance_summary(erp.absences_on(today), today=str(today), title=settings.title)


def dry_run(today, settings) -> dict:
	messages = build_messages(today, settings)
	markdown = "\n\n".join(core.render_markdown(m["blocks"]) for m in messages)
	return {"channel": settings.channel, "markdown": markdown, "messages": messages}


# --- late leave -----------------------------------------------------------------------------------


def enqueue_late_leave_note(doc) -> None:
	"""After a Leave Application is created: if today's summary is already out and this leave
	covers today, thread a note under the summary (after commit, off the request)."""
	today = erp.now().date()
	if not (str(doc.from_date) <= str(today) <= str(doc.to_date)):
		return
	settings = erp.attendance_settings()
	if settings.last_date != str(today) or not settings.last_ts:
		return
	frappe.enqueue(LATE_LEAVE_JOB, enqueue_after_commit=True, leave_application=doc.name)


def post_late_leave_note(leave_application: str) -> None:
	today = erp.now().date()
	settings = erp.attendance_settings()
	if settings.last_date != str(today) or not settings.last_ts or not settings.channel:
		return
	row = erp.absence_of(leave_application)
	note = core.build_late_leave_note(row, today=str(today)) if row else None
	if note is None:
		return
	try:
		call_site(
			"chat.postMessage",
			channel=settings.channel,
			thread_ts=settings.last_ts,
			reply_broadcast=True,
			**note,
		)
	except SlackCallError as err:
		erp.log_error(
			f"Late leave note not sent: {err.error}",
			str(err),
			reference_doctype=erp.LEAVE_APPLICATION,
			reference_name=leave_application,
		)
