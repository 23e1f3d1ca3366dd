"""The late-leave note: a leave for today filed after today's summary was claimed is owed as a
reply threaded under the summary (and broadcast to the channel), in the site's language; the
outbox sends it once the summary is out. It is owed by a job after the leave commits, which reads
who is out as it is then (someone gone from the staff in between is not announced).

The same note goes under each digest rule's post whose horizon includes today (today, this week)
and whose scope holds the employee, once the rule has claimed the period covering today."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import digests as erp_digests
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.flows.attendance import digests
from frappe_slack_connector.flows.attendance import summary as attendance_summary
from frappe_slack_connector.outbox import owe

LATE_LEAVE_JOB = f"{__name__}.owe_late_leave_note"


def enqueue_late_leave_note(doc) -> None:
	"""After a Leave Application is created: if today's summary is claimed and this leave covers
	today, the job below owes the note once the leave is committed."""
	today = erp_clock.now().date()
	if not (str(doc.from_date) <= str(today) <= str(doc.to_date)):
		return
	if erp_settings.summary_settings().last_date != str(today) and not erp_digests.rules_posted_covering(
		today
	):
		return
	erp_jobs.enqueue_after_commit(LATE_LEAVE_JOB, leave_application=doc.name)


def _in_scope(rule, employee: str) -> bool:
	employees = erp_digests.scope_employees(rule)
	return employees is None or employee in employees


def owe_late_leave_note(leave_application: str) -> None:
	"""Job: owe a note threaded under today's summary (out, or on its way), broadcast to the
	channel, when the leave still covers today and its employee is still on the staff; and under
	each digest post covering today whose scope holds the employee."""
	today = erp_clock.now().date()
	row = erp_attendance.absence_of(leave_application)
	if not row:
		return
	settings = erp_digests.first_rule()
	if settings.last_date == str(today) and settings.channel and _in_scope(settings, row["employee"]):
		# The summary's ts once Slack has it; while it is on its way, its delivery.
		summary = (
			(settings.channel, settings.last_ts)
			if settings.last_ts
			else attendance_summary.delivery_of(today)
		)
		# None: claimed today but not owed (e.g. a summary from before the outbox, outcome unknown).
		if summary:
			_owe_note(row, leave_application, today, settings, summary)
	approved = None
	for rule in erp_digests.rules_posted_covering(today):
		if not (rule.channel and _in_scope(rule, row["employee"])):
			continue
		if not rule.include_open:
			# A channel that sees approved leave only never learns of a request.
			approved = erp_attendance.is_approved(leave_application) if approved is None else approved
			if not approved:
				continue
		post = (
			(rule.channel, rule.last_ts) if rule.last_ts else digests.delivery_of(rule.name, rule.last_date)
		)
		if post:
			_owe_note(row, leave_application, today, rule, post)


def _owe_note(row: dict, leave_application: str, today, rule, thread_of) -> None:
	lang = erp_users.language_of(None)
	note = core.build_late_leave_note(
		row, today=str(today), words=words.late_leave_note(lang), mention=rule.mention
	)
	if note is None:
		return
	owe.post(
		note,
		channel=rule.channel,
		thread_of=thread_of,
		reply_broadcast=True,
		about=(erp_leave.LEAVE_APPLICATION, leave_application),
		what="Late leave note",
	)
