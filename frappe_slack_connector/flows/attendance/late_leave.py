"""The late-leave note: a leave for today filed after today's summary went out is threaded under
the summary (and broadcast to the channel), in the site's language."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.slack import site as slack_site

LATE_LEAVE_JOB = f"{__name__}.post_late_leave_note"


def enqueue_late_leave_note(doc) -> None:
	"""After a Leave Application is created: if today's summary is already out and this leave
	covers today, thread a note under the summary (after commit, off the request)."""
	today = erp_clock.now().date()
	if not (str(doc.from_date) <= str(today) <= str(doc.to_date)):
		return
	settings = erp_settings.summary_settings()
	if settings.last_date != str(today) or not settings.last_ts:
		return
	erp_jobs.enqueue_after_commit(LATE_LEAVE_JOB, leave_application=doc.name)


def post_late_leave_note(leave_application: str) -> None:
	today = erp_clock.now().date()
	settings = erp_settings.summary_settings()
	if settings.last_date != str(today) or not settings.last_ts or not settings.channel:
		return
	row = erp_attendance.absence_of(leave_application)
	lang = erp_users.language_of(None)
	note = (
		core.build_late_leave_note(
			row, today=str(today), words=words.late_leave_note(lang), mention=erp_settings.summary_mentions()
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
