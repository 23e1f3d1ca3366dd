"""The app's words: one catalogue of every string a person reads in Slack, in their language.

The Rust builders take their words from here (one dict per surface, `core.build_*(…, words=…)`);
they escape them, fill the `{0}`, `{1}` placeholders and add Slack syntax themselves. Every
string is a literal `_("…", lang=lang)` call, so Frappe's extractor (frappe/translate.py
`extract_messages_from_python_code`: babel's python extractor, keywords `_` / `_lt`) finds it and
`bench get-untranslated` / `update-translations` work on it; the translations live in
`translations/<lang>.csv`.

Placeholders are filled by Rust: `{0}`, `{1}` … (every one the word takes, no other), and the
date pattern's `{month}`, `{day}`, `{year}`, `{weekday}`. A translation that drops or invents one
is refused by the builder (`core.InputError`, reason `bad_words`), never shown half-filled.

`catalogue(lang)` is the whole catalogue; `rust/core/tests/fixtures/words_<lang>.json` are copies
of it for the Rust tests, checked against it by test-suite/test_words.py.
"""

from __future__ import annotations

from frappe import _
from frappe import _ as translate


def _in_context(lang: str):
	"""`_(msg, context=…)` in `lang`, for the few words whose English collides with another meaning.

	Frappe v15's extractor keeps a context only from a call with exactly two string slots:
	`_("May", lang=lang, context="…")` is extracted without its context (babel reports three slots,
	the middle one None), so such a word is asked for through a local `_` bound to `lang`, with its
	message and context only (see `_scoped`).
	"""

	def _(msg: str, context: str) -> str:
		return translate(msg, lang=lang, context=context)

	return _


def _scoped(lang: str) -> dict:
	"""Words whose English means something else elsewhere in Frappe: a translation row without
	context would also change the desk (an app's rows override frappe's and hrms's for the same
	message), e.g. Frappe's "Submit" is "Buchen" (submit a document), the modal's sends a form."""
	_ = _in_context(lang)
	return {
		"may": _("May", context="Month abbreviation"),
		"submit": _("Submit", context="Send the leave form"),
		"to": _("To", context="Last day of a leave"),
		"leave_type": _("Leave Type", context="Slack leave"),
		"half_day": _("Half Day", context="Slack leave"),
		"half_day_date": _("Half Day Date", context="Slack leave"),
		"balance": _("Balance", context="Slack leave balance"),
	}


def dates(lang: str) -> dict:
	"""How a date reads (`Dec 04, 2026 (Fri)`): month and weekday abbreviations and the pattern."""
	return {
		"months": [
			_("Jan", lang=lang),
			_("Feb", lang=lang),
			_("Mar", lang=lang),
			_("Apr", lang=lang),
			_scoped(lang)["may"],
			_("Jun", lang=lang),
			_("Jul", lang=lang),
			_("Aug", lang=lang),
			_("Sep", lang=lang),
			_("Oct", lang=lang),
			_("Nov", lang=lang),
			_("Dec", lang=lang),
		],
		"weekdays": [
			_("Mon", lang=lang),
			_("Tue", lang=lang),
			_("Wed", lang=lang),
			_("Thu", lang=lang),
			_("Fri", lang=lang),
			_("Sat", lang=lang),
			_("Sun", lang=lang),
		],
		# {month} and {weekday} are the abbreviations above, {day} two digits, {year} four.
		"pattern": _("{month} {day}, {year} ({weekday})", lang=lang),
	}


def _periods(lang: str) -> dict:
	return {"first_half": _("First Half", lang=lang), "second_half": _("Second Half", lang=lang)}


def _kinds(lang: str) -> dict:
	return {
		"full_day": _("Full Day", lang=lang),
		"half_day": _scoped(lang)["half_day"],
		**_periods(lang),
	}


def _until(lang: str) -> str:
	return _("until {0}", lang=lang)


def modal(lang: str) -> dict:
	"""The "Apply for Leave" modal."""
	scoped = _scoped(lang)
	return {
		"title": _("Apply for Leave", lang=lang),
		"submit": scoped["submit"],
		"close": _("Cancel", lang=lang),
		"start_date": _("Start Date", lang=lang),
		"end_date": _("End Date", lang=lang),
		"leave_type": scoped["leave_type"],
		"leave_type_placeholder": _("Select a leave type", lang=lang),
		"half_day": scoped["half_day"],
		"half_day_option": _("One of these days is a half day", lang=lang),
		"half_day_date": scoped["half_day_date"],
		"half_period": _("Which Half", lang=lang),
		"half_period_placeholder": _("First or second half", lang=lang),
		"reason": _("Reason", lang=lang),
		"reason_placeholder": _("Why are you taking leave?", lang=lang),
		"periods": _periods(lang),
		"leave_type_group": _("Leave types {0}–{1}", lang=lang),  # noqa: RUF001 - the en dash of a range
		"leave_types_cut": _(
			"Showing the first {0} of {1} leave types. Ask HR if yours is missing.", lang=lang
		),
		"leave_types_grouped": _("{0} leave types, listed in groups of {1}.", lang=lang),
		"line": _one_line(lang),
	}


def _one_line(lang: str) -> dict:
	"""The note above a modal opened by `/apply-leave <text>`: what was not understood (`{0}` the
	words as typed)."""
	return {
		"intro": _("Please check the form: not everything you typed was clear.", lang=lang),
		"not_a_date": _("“{0}” looks like a date, but could not be read as one.", lang=lang),
		"past": _("“{0}” is in the past.", lang=lang),
		"end_before_start": _("“{0}” ends before it starts.", lang=lang),
		"two_dates": _("“{0}” is a second date; only the first one was used.", lang=lang),
		"leave_types": _("“{0}” could mean {1}: choose the leave type.", lang=lang),
		"half_day_range": _("“{0}”: a half day is a single day, so it was left out.", lang=lang),
		"two_halves": _("“{0}”: morning or afternoon? Choose below.", lang=lang),
	}


def view_errors(lang: str) -> dict:
	"""The modal's inline errors: the route's error codes in words."""
	return {
		"start_date_missing": _("Pick the first day of your leave.", lang=lang),
		"end_date_missing": _("Pick the last day of your leave.", lang=lang),
		"leave_type_missing": _("Choose a leave type.", lang=lang),
		"reason_missing": _("Tell your approver the reason for your leave.", lang=lang),
		"reason_too_long": _("Keep the reason within {0} characters (it has {1}).", lang=lang),
		"end_before_start": _("The end date cannot be before the start date.", lang=lang),
		"half_day_outside": _("Pick a day between {0} and {1}.", lang=lang),
		"half_day_date_missing": _("Pick the half day.", lang=lang),
		"half_day_needs_date": _(
			"Your leave now spans several days: uncheck and check Half Day again to choose which day "
			"is the half day.",
			lang=lang,
		),
		"half_period_missing": _("Choose the first or the second half.", lang=lang),
		"dates": dates(lang),
	}


def reject_modal(lang: str) -> dict:
	"""The modal Reject opens: an optional reason before the leave is rejected."""
	return {
		"title": _("Reject Leave", lang=lang),
		"submit": _("Reject", lang=lang),
		"close": _("Cancel", lang=lang),
		# {0}: the Leave Application, {1}: the requester (both in bold).
		"intro": _("Reject {0} of {1}? They are told, with your reason if you give one.", lang=lang),
		"reason": _("Reason", lang=lang),
		"reason_placeholder": _("Why is this leave rejected?", lang=lang),
		"reason_hint": _(
			"Optional. The requester reads it, and it goes on the application's timeline.", lang=lang
		),
	}


def leave_messages(lang: str) -> dict:
	"""The approver's message (open and final), the requester's confirmation and outcome."""
	scoped = _scoped(lang)
	return {
		"request_header": _("Leave Request", lang=lang),
		"requested": _("{0} has requested leave.", lang=lang),
		"leave_id": _("Leave ID", lang=lang),
		"leave_type": scoped["leave_type"],
		"from_date": _("From", lang=lang),
		"to_date": scoped["to"],
		"total_days": _("Total Days", lang=lang),
		"half_day": scoped["half_day"],
		"submitted_on": _("Submitted On", lang=lang),
		"reason": _("Reason", lang=lang),
		"balance": scoped["balance"],
		# {0}: days left before this request, {1}: after it.
		"balance_change": _("{0} → {1} days", lang=lang),
		"periods": _periods(lang),
		"approve": _("Approve", lang=lang),
		"reject": _("Reject", lang=lang),
		"approved_by": _("Approved by {0}", lang=lang),
		"rejected_by": _("Rejected by {0}", lang=lang),
		"cancelled_by": _("Cancelled by {0}", lang=lang),
		"deleted_by": _("Deleted by {0}", lang=lang),
		"withdrawn_by": _("Withdrawn by {0}", lang=lang),
		# {0}: the new leave approver, {1}: who changed it.
		"reassigned_to_by": _("Reassigned to {0} by {1}", lang=lang),
		# {0}: the workflow state of the request.
		"workflow_state": _("Workflow state: {0}", lang=lang),
		# {0}: the new workflow state, {1}: who moved it there.
		"moved_to_by": _("Moved to {0} by {1}", lang=lang),
		"outcome_reason": _("Reason given", lang=lang),
		"submitted_header": _("Leave Request Submitted", lang=lang),
		"submitted": _("Your leave request was submitted.", lang=lang),
		"submitted_to": _("Your leave request was submitted and sent to {0} for approval.", lang=lang),
		"approved_header": _("Leave Approved", lang=lang),
		"rejected_header": _("Leave Rejected", lang=lang),
		"cancelled_header": _("Leave Cancelled", lang=lang),
		"deleted_header": _("Leave Request Deleted", lang=lang),
		"withdrawn_header": _("Leave Request Withdrawn", lang=lang),
		"reassigned_header": _("Leave Request Reassigned", lang=lang),
		# {0}: "approved" / "rejected" / "cancelled" / "deleted" below (in bold), {1}: who did it.
		"request_decided": _("Your leave request was {0} by {1}.", lang=lang),
		"approved": _("approved", lang=lang),
		"rejected": _("rejected", lang=lang),
		"cancelled": _("cancelled", lang=lang),
		"deleted": _("deleted", lang=lang),
		"request_withdrawn": _("You withdrew your leave request.", lang=lang),
		"withdraw": _("Withdraw", lang=lang),
		# {0}: the new leave approver, {1}: who changed it.
		"request_reassigned": _("Your leave request was reassigned to {0} by {1}.", lang=lang),
		"ask_to_cancel": _("Ask to cancel", lang=lang),
		"cancellation_header": _("Cancellation Request", lang=lang),
		# {0}: the requester.
		"cancellation_requested": _("{0} asks to cancel this approved leave.", lang=lang),
		"cancel_leave": _("Cancel leave", lang=lang),
		"keep_leave": _("Keep", lang=lang),
		# {0}: the approver who declined to cancel.
		"kept_by": _("Kept by {0}: the leave stays approved", lang=lang),
		"kept_header": _("Leave Stays Approved", lang=lang),
		# {0}: the approver who declined to cancel.
		"request_kept": _("{0} kept your approved leave: it was not cancelled.", lang=lang),
		"dates": dates(lang),
	}


def notices(lang: str) -> dict:
	"""Short notices for one user (ephemeral messages, slash command answers)."""
	return {
		"not_allowed": _(
			"You are not allowed to approve or reject {0}. Only its leave approver or an HR Manager can.",
			lang=lang,
		),
		"not_yours": _("{0} is not your leave application: only its requester can do that.", lang=lang),
		"already_decided": _("{0} is already {1}. Nothing was changed.", lang=lang),
		"already_decided_by": _("{0} is already {1} by {2}. Nothing was changed.", lang=lang),
		"slack_not_linked": _(
			"Your Slack account is not linked to a user in the HR system. Ask HR to connect your Slack "
			"account, then try again.",
			lang=lang,
		),
		"no_employee": _(
			"Your user has no active Employee record. Ask HR to link your user to your Employee record, "
			"then try again.",
			lang=lang,
		),
		"no_leave_types": _(
			"You have no leave type to apply for today. Ask HR to allocate leave to you.", lang=lang
		),
		"action_failed": _("Could not update {0}: {1}", lang=lang),
		"not_changed": _("The leave application was not changed.", lang=lang),
		"not_cancellable": _(
			"{0} cannot be cancelled from Slack: only an approved leave that has not started yet can.",
			lang=lang,
		),
		# {0}: the Leave Application, {1}: its leave approver.
		"cancellation_sent": _("Your request to cancel {0} was sent to {1}.", lang=lang),
		"cancellation_pending": _(
			"You already asked {1} to cancel {0}; they have not answered yet.", lang=lang
		),
		"statuses": {
			"open": _("Open", lang=lang),
			"approved": _("Approved", lang=lang),
			"rejected": _("Rejected", lang=lang),
			"cancelled": _("Cancelled", lang=lang),
		},
	}


def summary(lang: str) -> dict:
	"""The daily "who is out" summary."""
	return {
		"default_title": _("Employees on Leave", lang=lang),
		"groups": _kinds(lang),
		"until": _until(lang),
		"continued": _("{0} (continued)", lang=lang),
		"nobody": _("No {0}", lang=lang),
		"dates": dates(lang),
	}


def summary_title(lang: str, configured: str) -> str:
	"""The summary's title as the channel reads it: Slack Settings' "Leave notification subject"
	through Frappe's `_` like any stored label, so its default ("Employees on Leave", the source of
	`default_title` above) reads in `lang` while a title an admin typed stays as typed (unless the
	site has a translation for it). Blank: the builder uses `default_title`."""
	configured = (configured or "").strip()
	return _(configured, lang=lang) if configured else ""


def late_leave_note(lang: str) -> dict:
	"""The threaded note for a leave created after the summary went out."""
	return {
		"also_on_leave": _("{0} is also on leave today ({1})", lang=lang),
		"kinds": _kinds(lang),
		"until": _until(lang),
		"dates": dates(lang),
	}


def test_message(lang: str) -> dict:
	"""The "Test channel" message of Slack Settings."""
	return {
		"can_post": _("{0} can post in this channel.", lang=lang),
		"can_post_from": _("{0} can post in this channel from {1}.", lang=lang),
		"sent_by": _(
			"Sent by the Test Channel button in Slack Settings. Leave summaries and notes will appear here.",
			lang=lang,
		),
	}


def _timesheet_scoped(lang: str) -> dict:
	"""The Log Time modal's words that are ERPNext field labels too (a row without context would
	also change the desk's Timesheet), and its submit button."""
	_ = _in_context(lang)
	return {
		"submit": _("Log", context="Send the timesheet form"),
		"date": _("Date", context="Slack timesheet"),
		"project": _("Project", context="Slack timesheet"),
		"task": _("Task", context="Slack timesheet"),
		"activity_type": _("Activity Type", context="Slack timesheet"),
		"hours": _("Hours", context="Slack timesheet"),
		"description": _("Description", context="Slack timesheet"),
	}


def timesheet_status(lang: str, status: str) -> str:
	"""A Timesheet's status (erpnext v15 timesheet.json options) in `lang`; another is shown as is."""
	_ = _in_context(lang)
	statuses = {
		"Draft": _("Draft", context="Timesheet status"),
		"Submitted": _("Submitted", context="Timesheet status"),
		"Billed": _("Billed", context="Timesheet status"),
		"Payslip": _("Payslip", context="Timesheet status"),
		"Completed": _("Completed", context="Timesheet status"),
		"Cancelled": _("Cancelled", context="Timesheet status"),
	}
	return statuses.get(status, status)


def timesheet(lang: str) -> dict:
	"""The Log Time modal (`/timesheet`), its inline errors, the confirmation, the missed-hours
	reminder and the timesheet notices."""
	scoped = _timesheet_scoped(lang)
	return {
		"title": _("Log Time", lang=lang),
		"submit": scoped["submit"],
		"close": _("Cancel", lang=lang),
		"date": scoped["date"],
		"project": scoped["project"],
		"project_placeholder": _("Choose a project", lang=lang),
		"task": scoped["task"],
		"task_placeholder": _("Choose a task (optional)", lang=lang),
		"choose_project_first": _("Choose a project to pick one of its tasks.", lang=lang),
		"no_tasks": _("This project has no open tasks; the time is logged on the project.", lang=lang),
		"activity_type": scoped["activity_type"],
		"activity_type_placeholder": _("Choose an activity type", lang=lang),
		"hours": scoped["hours"],
		# {0}: fewest, {1}: most hours.
		"hours_hint": _("From {0} to {1} hours, e.g. 1.5", lang=lang),
		"description": scoped["description"],
		"description_placeholder": _("What did you work on?", lang=lang),
		"option_group": _("Options {0}–{1}", lang=lang),  # noqa: RUF001 - the en dash of a range
		# {0}: how many are shown, {1}: how many there are.
		"options_cut": _(
			"Showing the first {0} of {1}. Ask your project manager to close the ones you no longer need.",
			lang=lang,
		),
		"hours_value": _("{0} h", lang=lang),
		"date_missing": _("Choose the day you worked.", lang=lang),
		"date_in_future": _("Time can only be logged up to today ({0}).", lang=lang),
		"project_missing": _("Choose a project.", lang=lang),
		"activity_type_missing": _("Choose an activity type.", lang=lang),
		"hours_missing": _("Enter the hours you worked.", lang=lang),
		"hours_not_a_number": _(
			"Enter the hours as a number with at most two decimals, e.g. 1.5.", lang=lang
		),
		"hours_out_of_range": _("Enter between {0} and {1} hours.", lang=lang),
		"description_missing": _("Describe what you worked on.", lang=lang),
		"description_too_long": _("The description can be at most {0} characters (it has {1}).", lang=lang),
		"logged_header": _("Time logged", lang=lang),
		# {0}: hours, {1}: project, {2}: date.
		"logged": _("You logged {0} on {1} for {2}.", lang=lang),
		"day_total": _("Your total for {0}: {1}.", lang=lang),
		"in_timesheet": _("Timesheet {0} ({1})", lang=lang),
		"reminder_header": _("Time to log your hours", lang=lang),
		# {0}: the person, {1}: hours logged, {2}: hours expected, {3}: the date.
		"reminder": _("{0}, you logged {1} of {2} on {3}.", lang=lang),
		"reminder_half_day": _("You were on leave for half of that day, so half a day counts.", lang=lang),
		"log_time": _("Log time", lang=lang),
		"slack_not_linked": _(
			"Your Slack account is not linked to a user in the HR system. Ask HR to connect your Slack "
			"account, then try again.",
			lang=lang,
		),
		"no_employee": _(
			"Your user has no active Employee record. Ask HR to link your user to your Employee record, "
			"then try again.",
			lang=lang,
		),
		"no_projects": _(
			"There is no open project you can log time on. Ask your project manager to add you to a "
			"project (or assign you a task in one).",
			lang=lang,
		),
		"no_activity_types": _(
			"There are no activity types to log time with. Ask your ERP administrator to create one.",
			lang=lang,
		),
		"bad_date": _(
			"{0} is not a date. Type /timesheet alone for today, or a day as YYYY-MM-DD.", lang=lang
		),
		"form_not_opened": _(
			"The timesheet form could not be opened ({0}). Please run /timesheet again.", lang=lang
		),
		"dates": dates(lang),
	}


def reminder(lang: str) -> dict:
	"""The daily reminder to a leave approver (its facts and outcomes: `leave_messages`)."""
	return {
		"header": _("Leave requests waiting for you", lang=lang),
		# {0}: how many are still open.
		"intro": _("Still open, oldest first: {0}. Approve or reject them here.", lang=lang),
		"none_left": _("Every request in this reminder has been decided.", lang=lang),
		# {0}: the Leave Application (a link to it), {1}: the requester.
		"item": _("{0}, requested by {1}", lang=lang),
		# {0}: how many more open requests are not listed.
		"more": _("+{0} more", lang=lang),
		"open_in_desk": _("Open them in the desk", lang=lang),
	}


def approvals(lang: str) -> dict:
	"""The approval engine's cards (every document but leave): the approver's DM and its final
	state, the requester's notice, the reason modal and the daily reminder. The document's kind
	and its facts' labels come with the card (`approval_labels`)."""
	return {
		# {0}: the document's kind (e.g. Expense Claim).
		"request_header": _("{0} to approve", lang=lang),
		# {0}: the requester, {1}: the document's kind, {2}: the document (a link).
		"requested": _("{0} asks you to approve {1} {2}.", lang=lang),
		"approve": _("Approve", lang=lang),
		"reject": _("Reject", lang=lang),
		"approved_by": _("Approved by {0}", lang=lang),
		"rejected_by": _("Rejected by {0}", lang=lang),
		"cancelled_by": _("Cancelled by {0}", lang=lang),
		"deleted_by": _("Deleted by {0}", lang=lang),
		# {0}: the new approver, {1}: who changed it.
		"reassigned_to_by": _("Reassigned to {0} by {1}", lang=lang),
		"workflow_state": _("Workflow state: {0}", lang=lang),
		"moved_to_by": _("Moved to {0} by {1}", lang=lang),
		"outcome_reason": _("Reason given", lang=lang),
		# {0}: the document's kind.
		"approved_header": _("{0} Approved", lang=lang),
		"rejected_header": _("{0} Rejected", lang=lang),
		"cancelled_header": _("{0} Cancelled", lang=lang),
		"deleted_header": _("{0} Deleted", lang=lang),
		"reassigned_header": _("{0} Reassigned", lang=lang),
		# {0}: the kind, {1}: the document, {2}: "approved" / "rejected" / … (bold), {3}: who.
		"request_decided": _("Your {0} {1} was {2} by {3}.", lang=lang),
		"approved": _("approved", lang=lang),
		"rejected": _("rejected", lang=lang),
		"cancelled": _("cancelled", lang=lang),
		"deleted": _("deleted", lang=lang),
		# {0}: the kind, {1}: the document, {2}: the new approver, {3}: who changed it.
		"request_reassigned": _("Your {0} {1} was reassigned to {2} by {3}.", lang=lang),
		"modal_title": _("Reject Request", lang=lang),
		# {0}: the document, {1}: the requester (both in bold).
		"modal_intro": _("Reject {0} of {1}? They are told, with your reason if you give one.", lang=lang),
		"reason": _("Reason", lang=lang),
		"reason_hint": _(
			"Optional. The requester reads it, and it goes on the document's timeline.", lang=lang
		),
		"reason_placeholder": _("Why is this request rejected?", lang=lang),
		"submit": _("Reject", lang=lang),
		"close": _("Cancel", lang=lang),
		"reminder_header": _("Requests waiting for your approval", lang=lang),
		"reminder_intro": _("Still open, oldest first: {0}. Approve or reject them here.", lang=lang),
		"reminder_none_left": _("Every request in this reminder has been decided.", lang=lang),
		# {0}: the document's kind, {1}: the document (a link), {2}: the requester.
		"reminder_item": _("{0} {1}, requested by {2}", lang=lang),
		"reminder_more": _("+{0} more", lang=lang),
	}


def approval_labels(lang: str) -> dict:
	"""What the approval cards call the documents and their facts (handed in with each card)."""
	return {
		"Expense Claim": _("Expense Claim", lang=lang),
		"Employee Advance": _("Employee Advance", lang=lang),
		"employee": _("Employee", lang=lang),
		"posting_date": _("Posting Date", lang=lang),
		"total_claimed": _("Total Claimed", lang=lang),
		"total_sanctioned": _("Total Sanctioned", lang=lang),
		"advances_allocated": _("Advances Allocated", lang=lang),
		"grand_total": _("Grand Total", lang=lang),
		"expenses": _("Expenses", lang=lang),
		"attachments": _("Attachments", lang=lang),
		"advances": _("Advances", lang=lang),
		"advance_amount": _("Advance Amount", lang=lang),
		"purpose": _("Purpose", lang=lang),
		"remark": _("Remark", lang=lang),
		# {0}: how many more lines are not listed.
		"more_lines": _("+{0} more", lang=lang),
		# Frappe HR's requests without money; their German is hrms's own (the desk's words).
		"Shift Request": _("Shift Request", lang=lang),
		"Attendance Request": _("Attendance Request", lang=lang),
		"Compensatory Leave Request": _("Compensatory Leave Request", lang=lang),
		"shift_type": _("Shift Type", lang=lang),
		"from_date": _("From Date", lang=lang),
		"to_date": _("To Date", lang=lang),
		"reason": _("Reason", lang=lang),
		"half_day": _("Half Day", lang=lang),
		"include_holidays": _("Include Holidays", lang=lang),
		"shift": _("Shift", lang=lang),
		"explanation": _("Explanation", lang=lang),
		"attendance_warnings": _("Attendance Warnings", lang=lang),
		"leave_type": _("Leave Type", lang=lang),
		"work_from_date": _("Work From Date", lang=lang),
		"work_end_date": _("Work End Date", lang=lang),
		# A Shift Request without a To Date (the shift is assigned with no end).
		"open_ended": _("Open-ended", lang=lang),
	}


def fixed_word(word: str, lang: str) -> str:
	"""A word Frappe or Frappe HR translate themselves (a Select option of theirs) in `lang`."""
	return translate(word, lang=lang)


def home(lang: str) -> dict:
	"""The app's Home tab in Slack (`views.publish`)."""
	scoped = _scoped(lang)
	return {
		"title": _("Your Leave", lang=lang),
		"apply_leave": _("Apply for leave", lang=lang),
		"balances_header": _("Balances", lang=lang),
		# {0}: the number of days (a leave type's balance).
		"days_left": _("{0} days left", lang=lang),
		"day_left": _("{0} day left", lang=lang),
		"no_balance": _("leave without pay, no balance", lang=lang),
		"no_balances": _("No leave is allocated to you today.", lang=lang),
		"my_leave_header": _("My Leave", lang=lang),
		"nothing_upcoming": _("Nothing upcoming or pending.", lang=lang),
		"recent_header": _("Recently Decided", lang=lang),
		"out_header": _("Who Is Out", lang=lang),
		"out_intro": _("Your department, today and the next 7 days.", lang=lang),
		"nobody_out": _("Nobody in your department is out today or in the next 7 days.", lang=lang),
		"waiting_header": _("Waiting for You", lang=lang),
		"nothing_waiting": _("Nothing waits for your decision.", lang=lang),
		# {0}: how many more are not listed (a link to the desk).
		"more_in_desk": _("+{0} more — open in the desk", lang=lang),
		# {0}: the leave approver.
		"with_approver": _("approver {0}", lang=lang),
		# {0}: the number of days of a request.
		"total_days": _("{0} days", lang=lang),
		"total_day": _("{0} day", lang=lang),
		"half_day": scoped["half_day"],
		"withdraw": _("Withdraw", lang=lang),
		"ask_to_cancel": _("Ask to cancel", lang=lang),
		"approve": _("Approve", lang=lang),
		"reject": _("Reject", lang=lang),
		"not_linked": _(
			"Your Slack account is not linked to a user in the HR system. Ask HR to connect your Slack "
			"account; this tab then shows your leave, your balances and what waits for your approval.",
			lang=lang,
		),
		"no_employee": _(
			"Your user has no active Employee record. Ask HR to link your user to your Employee record; "
			"this tab then shows your leave, your balances and what waits for your approval.",
			lang=lang,
		),
		"statuses": notices(lang)["statuses"],
		"dates": dates(lang),
		"away": away(lang),
		"celebrations_announced": _(
			"Your birthday and work anniversary are announced in the channels that celebrate them "
			"(never your year of birth).",
			lang=lang,
		),
		"celebrations_kept_out": _("Your birthday and work anniversary are kept out of Slack.", lang=lang),
		"celebrations_keep_out": _("Keep them out", lang=lang),
		"celebrations_announce": _("Announce them", lang=lang),
	}


def _out(lang: str) -> str:
	""" "Out" in place of a hidden leave type (plain "Out" means stock movement elsewhere)."""
	_ = _in_context(lang)
	return _("Out", context="Away on leave, the leave type hidden")


def unfurl(lang: str) -> dict:
	"""A Leave Application's link preview (its facts are `leave_messages`)."""
	return {"status": _("Current status", lang=lang), "statuses": notices(lang)["statuses"]}


def who_is_out(lang: str) -> dict:
	"""Who is out, leave by leave: the approver's card's list and the /whoisout answer."""
	return {
		"others_heading": _("Also out on these days", lang=lang),
		# {0}: how many more people are out than listed.
		"more": _("and {0} more", lang=lang),
		"open": _("awaiting approval", lang=lang),
		"approved": _("approved", lang=lang),
		# {0}: the day of the half day.
		"half_day_on": _("half day on {0}", lang=lang),
		"periods": _periods(lang),
		"kinds": _kinds(lang),
		# {0}: the day.
		"title_day": _("Who is out on {0}", lang=lang),
		# {0}: the first day, {1}: the last.
		"title_span": _("Who is out from {0} to {1}", lang=lang),
		"nobody": _("Nobody is out.", lang=lang),
		"no_working_day": _("There is no working day in that period.", lang=lang),
		"out": _out(lang),
		# {0}: what was typed after the command.
		"usage": _(
			"I do not know the day “{0}”. Try /whoisout, /whoisout tomorrow, /whoisout week or "
			"/whoisout 2026-12-24.",
			lang=lang,
		),
		"dates": dates(lang),
	}


def digest(lang: str) -> dict:
	"""A digest rule's post: the `today` horizon is the daily summary (its words), the look-ahead
	horizons list who is out by day and by person, then holidays, birthdays and anniversaries."""
	return {
		"summary": summary(lang),
		# {0}: the day.
		"title_tomorrow": _("Who is out on {0}", lang=lang),
		# {0}: the first day, {1}: the last.
		"title_this_week": _("Who is out this week, {0} to {1}", lang=lang),
		"title_next_week": _("Who is out next week, {0} to {1}", lang=lang),
		# {0}: the rule's own title, {1}: the day or the span of days.
		"titled": _("{0} for {1}", lang=lang),
		# {0}: the first day, {1}: the last.
		"span": _("{0} to {1}", lang=lang),
		"nobody": _("Nobody is out.", lang=lang),
		"no_working_day": _("There is no working day in that period.", lang=lang),
		"several_days": _("Out for several days", lang=lang),
		"kinds": _kinds(lang),
		# {0}: which half (First Half…), {1}: the day.
		"half_on": _("{0} on {1}", lang=lang),
		"open": _("awaiting approval", lang=lang),
		"continued": _("{0} (continued)", lang=lang),
		# {0}: how many more are out than listed.
		"more": _("and {0} more", lang=lang),
		"report": _("Open the full report", lang=lang),
		"holidays": _("Public holidays ahead", lang=lang),
		"birthdays": _("Happy birthday", lang=lang),
		"anniversaries": _("Work anniversaries", lang=lang),
		"one_year": _("1 year", lang=lang),
		# {0}: how many years since joining.
		"years": _("{0} years", lang=lang),
		"dates": dates(lang),
	}


def away(lang: str) -> dict:
	""" "While you are away": the Home tab's section and the consent modal."""
	return {
		"header": _("While You Are Away", lang=lang),
		"offer": _(
			"Show your approved leave in Slack: while you are away your status says so, and it clears "
			"itself when you are back or the leave is cancelled. Slack asks you once to allow it.",
			lang=lang,
		),
		"show": _("Show my leave in Slack", lang=lang),
		"on": _(
			"Your Slack status shows your approved leave while you are away. A status you set yourself "
			"is never overwritten.",
			lang=lang,
		),
		"stop": _("Stop showing", lang=lang),
		"dnd_on": _("Your notifications are paused while you are on leave.", lang=lang),
		"dnd_off": _("Your notifications are not paused while you are on leave.", lang=lang),
		"dnd_turn_on": _("Also pause my notifications", lang=lang),
		"dnd_turn_off": _("Don't pause my notifications", lang=lang),
		"dnd_unavailable": _(
			"To pause your notifications too, stop showing and allow it again: Slack did not grant it.",
			lang=lang,
		),
		"modal_title": _("Show my leave", lang=lang),
		"modal_text": _(
			"Slack will ask you to let this app read and change your status and pause your "
			"notifications. It changes them only during your approved leave and never replaces a "
			"status you set yourself. You can stop it at any time on this tab.",
			lang=lang,
		),
		"authorize": _("Continue in Slack", lang=lang),
		"close": _("Close", lang=lang),
	}


def away_status(lang: str, text: str | None, emoji: str | None) -> dict:
	"""The status a person on leave shows: Slack Settings' text and emoji (the translated default
	when empty; `{date}` the last day of the leave) and how the date reads in their language."""
	return {
		"text": text or _("On leave until {date}", lang=lang),
		"emoji": emoji or "",
		"dates": dates(lang),
	}


def consent_page(lang: str, outcome: str) -> tuple[str, str]:
	"""(title, message) of the page a person's browser shows after Slack's consent screen."""
	shown = _("Your leave will show in Slack", lang=lang)
	not_shown = _("Your leave will not show in Slack", lang=lang)
	again = _("Start again from the app's Home tab in Slack.", lang=lang)
	return {
		"ok": (
			shown,
			_(
				"You can close this page. During approved leave your Slack status says you are away; "
				"stop it at any time on the app's Home tab.",
				lang=lang,
			),
		),
		"denied": (not_shown, _("You did not allow it; nothing was changed.", lang=lang)),
		"wrong_user": (
			not_shown,
			_("You allowed it with another Slack account than the one that asked.", lang=lang) + " " + again,
		),
		"missing_scopes": (
			not_shown,
			_("Slack did not grant reading and changing your status.", lang=lang) + " " + again,
		),
		"not_linked": (
			not_shown,
			_("Your Slack account is not linked to a user in the HR system.", lang=lang),
		),
		"failed": (not_shown, _("Slack did not complete it.", lang=lang) + " " + again),
	}[outcome]


def leave_type_with_balance(lang: str, leave_type: str, days_left: float) -> str:
	"""A leave type option of the leave modal with its balance: "Casual Leave — 4 days left"."""
	days = f"{days_left:.0f}" if float(days_left).is_integer() else f"{round(days_left, 2):g}"
	if days_left == 1:
		return _("{0} — {1} day left", lang=lang).format(leave_type, days)
	return _("{0} — {1} days left", lang=lang).format(leave_type, days)


# --- messages the handlers write themselves (shown as a notice or an inline error) -------------


def form_not_opened(lang: str, error: str) -> str:
	return _("The leave form could not be opened ({0}). Please run /apply-leave again.", lang=lang).format(
		error
	)


def reject_form_not_opened(lang: str, error: str) -> str:
	return _(
		"The reject form could not be opened ({0}). Click Reject again, or reject it in the desk.", lang=lang
	).format(error)


def cancellation_not_sent(lang: str, approver: str) -> str:
	return _(
		"Your request to cancel could not be sent to {0} in Slack. Ask them to cancel it in the desk.",
		lang=lang,
	).format(approver)


def no_approver_to_ask(lang: str) -> str:
	return _("Your leave has no leave approver to ask. Ask HR to cancel it in the desk.", lang=lang)


def no_active_employee(lang: str) -> str:
	return _("Your Slack account is not linked to an active Employee. Ask HR to connect it.", lang=lang)


def leave_not_applied(lang: str) -> str:
	return _(
		"Something went wrong and your leave was not applied. Please try again, or apply from the desk.",
		lang=lang,
	)


def leave_gone(lang: str, leave_application: str) -> str:
	return _("Leave Application {0} no longer exists.", lang=lang).format(leave_application)


def document_gone(lang: str, kind: str, name: str) -> str:
	# {0}: the document's kind (e.g. Expense Claim), {1}: its name.
	return _("{0} {1} no longer exists.", lang=lang).format(kind, name)


def approval_not_allowed(lang: str, kind: str, name: str) -> str:
	# {0}: the document's kind, {1}: its name.
	return _(
		"You are not allowed to approve or reject {0} {1}: the HR system does not let you submit it.",
		lang=lang,
	).format(kind, name)


def nothing_changed(lang: str) -> str:
	return _("Something went wrong; nothing was changed. Please try again.", lang=lang)


def time_not_logged(lang: str) -> str:
	return _(
		"Something went wrong and your time was not logged. Please try again, or log it in the desk.",
		lang=lang,
	)


def try_again_later(lang: str) -> str:
	return _("Something went wrong. Please try again later.", lang=lang)


# --- Workflow Builder steps: why a step failed, as the workflow shows it ------------------------


def step_not_linked(lang: str) -> str:
	return _("This Slack user is not linked to a user in the HR system.", lang=lang)


def step_person_not_found_now(lang: str) -> str:
	return _(
		"Slack could not be asked who this person is just now. Please run the workflow again.", lang=lang
	)


def step_no_employee(lang: str) -> str:
	return _("This Slack user's HR user has no active Employee record.", lang=lang)


def step_leave_refused(lang: str, message: str) -> str:
	# {0}: Frappe HR's own message.
	return _("The leave application was not filed: {0}", lang=lang).format(message)


def step_no_department(lang: str, department: str) -> str:
	# {0}: the department name the step was given.
	return _("There is no department “{0}”.", lang=lang).format(department)


def step_bad_input(lang: str, field: str, reason: str) -> str:
	"""Why a step's input `field` cannot be used (`reason`: the core's code)."""
	if reason == "dates_reversed":
		return _("The last day is before the first day.", lang=lang)
	messages = {
		"missing": _("The input “{0}” is missing.", lang=lang),
		"not_a_user": _("The input “{0}” is not a Slack user.", lang=lang),
		"not_a_date": _("The input “{0}” is not a date.", lang=lang),
		"too_long": _("The input “{0}” is too long.", lang=lang),
	}
	return messages.get(reason, _("The input “{0}” is not text.", lang=lang)).format(field)


def catalogue(lang: str) -> dict:
	"""Every surface's words in `lang`, keyed as the Rust `words::Catalogue`."""
	return {
		"modal": modal(lang),
		"reject_modal": reject_modal(lang),
		"view_errors": view_errors(lang),
		"leave_messages": leave_messages(lang),
		"notices": notices(lang),
		"summary": summary(lang),
		"late_leave_note": late_leave_note(lang),
		"test_message": test_message(lang),
		"timesheet": timesheet(lang),
		"reminder": reminder(lang),
		"home": home(lang),
		"who_is_out": who_is_out(lang),
		"away": away(lang),
		"unfurl": unfurl(lang),
		"approvals": approvals(lang),
		"digest": digest(lang),
	}
