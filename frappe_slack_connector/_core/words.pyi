"""The words of every surface: what a person reads, from the catalogue (frappe_slack_connector/slack/words.py;
rust/core/src/words/).

Every key is required and no other is accepted; a missing or unknown key, a value that is not a
str, or a template lacking one of its placeholders `{0}`, `{1}` … or naming another raises
`InputError` (reason `bad_words`, field "words"). Words are plain text: the builders escape them
for mrkdwn, fill the placeholders and add Slack syntax (bold, mentions, links, emoji).
"""

from typing import TypedDict

class DateWords(TypedDict):
	months: list[str]  # 12 abbreviations, January first
	weekdays: list[str]  # 7 abbreviations, Monday first
	pattern: str  # `{month}`, `{day}` (2 digits), `{year}` (4 digits) required, `{weekday}` optional

class PeriodWords(TypedDict):
	first_half: str
	second_half: str

class KindWords(TypedDict):
	full_day: str
	half_day: str
	first_half: str
	second_half: str

class StatusWords(TypedDict):
	open: str
	approved: str
	rejected: str
	cancelled: str

class UnfurlWords(TypedDict):
	"""A Leave Application's link preview; its facts take `LeaveWords`."""

	status: str  # the label of the application's state
	statuses: StatusWords

class RejectWords(TypedDict):
	title: str  # ≤ 24 chars
	submit: str
	close: str
	intro: str  # {0} the Leave Application, {1} the requester
	reason: str
	reason_placeholder: str
	reason_hint: str

class ModalWords(TypedDict):
	title: str  # ≤ 24 characters shown
	submit: str
	close: str
	start_date: str
	end_date: str
	leave_type: str
	leave_type_placeholder: str
	half_day: str
	half_day_option: str
	half_day_date: str
	half_period: str
	half_period_placeholder: str
	reason: str
	reason_placeholder: str
	periods: PeriodWords
	leave_type_group: str  # {0} first, {1} last number of an option group
	leave_types_cut: str  # {0} shown, {1} total
	leave_types_grouped: str  # {0} total, {1} group size
	line: LineWords

class LineWords(TypedDict):
	"""The note above a modal opened by `/apply-leave <text>`; `{0}` the words as typed."""

	intro: str
	not_a_date: str  # {0}
	past: str  # {0}
	end_before_start: str  # {0}
	two_dates: str  # {0}
	leave_types: str  # {0} the words, {1} the leave types they may mean
	half_day_range: str  # {0}
	two_halves: str  # {0}

class ViewErrorWords(TypedDict):
	start_date_missing: str
	end_date_missing: str
	leave_type_missing: str
	reason_missing: str
	reason_too_long: str  # {0} limit, {1} length
	end_before_start: str
	half_day_outside: str  # {0} first, {1} last day
	half_day_date_missing: str
	half_day_needs_date: str
	half_period_missing: str
	dates: DateWords

class LeaveWords(TypedDict):
	request_header: str
	requested: str  # {0} the requester
	leave_id: str
	leave_type: str
	from_date: str
	to_date: str
	total_days: str
	half_day: str
	submitted_on: str
	reason: str
	balance: str  # label of the balance line
	balance_change: str  # {0} days left before the request, {1} after
	periods: PeriodWords
	approve: str
	reject: str
	approved_by: str  # {0} who decided
	rejected_by: str  # {0} who decided
	cancelled_by: str  # {0} who cancelled
	deleted_by: str  # {0} who deleted
	withdrawn_by: str  # {0} the requester who withdrew it
	reassigned_to_by: str  # {0} the new approver, {1} who changed it
	workflow_state: str  # {0} the workflow state
	moved_to_by: str  # {0} the new workflow state, {1} who moved it there
	outcome_reason: str
	submitted_header: str
	submitted: str
	submitted_to: str  # {0} the approver
	approved_header: str
	rejected_header: str
	cancelled_header: str
	deleted_header: str
	withdrawn_header: str
	reassigned_header: str
	request_decided: str  # {0} `approved` / `rejected` / `cancelled` / `deleted` below, {1} who
	approved: str
	rejected: str
	cancelled: str
	deleted: str
	request_withdrawn: str
	withdraw: str  # the requester's button
	request_reassigned: str  # {0} the new approver, {1} who changed it
	ask_to_cancel: str  # the requester's button once approved
	cancellation_header: str
	cancellation_requested: str  # {0} the requester
	cancel_leave: str
	keep_leave: str
	kept_by: str  # {0} the approver who kept it
	kept_header: str
	request_kept: str  # {0} the approver who kept it
	dates: DateWords

class NoticeWords(TypedDict):
	not_allowed: str  # {0} the Leave Application
	not_yours: str  # {0} the Leave Application
	already_decided: str  # {0} the Leave Application, {1} its status
	already_decided_by: str  # … {2} who decided
	slack_not_linked: str
	no_employee: str
	no_leave_types: str
	action_failed: str  # {0} the Leave Application, {1} Frappe's message
	not_changed: str
	not_cancellable: str  # {0} the Leave Application
	cancellation_sent: str  # {0} the Leave Application, {1} the approver
	cancellation_pending: str  # {0} the Leave Application, {1} the approver
	statuses: StatusWords

class SummaryWords(TypedDict):
	default_title: str
	groups: KindWords
	until: str  # {0} the last day
	continued: str  # {0} the group heading
	nobody: str  # {0} the title
	dates: DateWords

class DigestWords(TypedDict):
	"""A digest rule's post; the `today` horizon is the daily summary (`summary`)."""

	summary: SummaryWords
	title_tomorrow: str  # {0} the day
	title_this_week: str  # {0} the first day, {1} the last
	title_next_week: str  # {0} the first day, {1} the last
	titled: str  # {0} the rule's title, {1} the day or span
	span: str  # {0} the first day, {1} the last
	nobody: str
	no_working_day: str
	several_days: str  # the heading of the people out several days in a row
	kinds: KindWords
	half_on: str  # {0} which half, {1} the day
	open: str  # a leave not approved yet
	continued: str  # {0} the heading
	more: str  # {0} how many more are out than listed
	report: str  # the link to the desk report
	holidays: str
	birthdays: str
	anniversaries: str
	one_year: str
	years: str  # {0} how many years
	dates: DateWords

class LateLeaveWords(TypedDict):
	also_on_leave: str  # {0} who, {1} how (kinds)
	kinds: KindWords
	until: str  # {0} the last day
	dates: DateWords

class TestMessageWords(TypedDict):
	can_post: str  # {0} the app's name
	can_post_from: str  # {0} the app's name, {1} the site
	sent_by: str

class ReminderWords(TypedDict):
	header: str
	intro: str  # {0} how many are still open
	none_left: str  # once every listed request is decided
	item: str  # {0} the Leave Application (a link), {1} the requester
	more: str  # {0} how many more open requests are not listed
	open_in_desk: str  # the label of the link to the desk's list

class HomeWords(TypedDict):
	title: str
	apply_leave: str
	balances_header: str
	days_left: str  # {0} the number of days
	day_left: str  # {0} the number of days (exactly one)
	no_balance: str  # a Leave Without Pay type
	no_balances: str
	my_leave_header: str
	nothing_upcoming: str
	recent_header: str
	out_header: str
	out_intro: str
	nobody_out: str
	waiting_header: str
	nothing_waiting: str
	more_in_desk: str  # {0} how many more (a link to the desk)
	with_approver: str  # {0} the leave approver
	total_days: str  # {0} the number of days
	total_day: str  # {0} the number of days (exactly one)
	half_day: str
	withdraw: str
	ask_to_cancel: str
	approve: str
	reject: str
	not_linked: str
	no_employee: str
	statuses: StatusWords
	dates: DateWords
	celebrations_announced: str  # the person's birthday and anniversary are announced
	celebrations_kept_out: str  # …or kept out of Slack
	celebrations_keep_out: str  # the button that keeps them out
	celebrations_announce: str  # the button that announces them again

class TimesheetWords(TypedDict):
	"""Every key of `slack/words.py` `timesheet(lang)` (rust/core/src/words/timesheet.rs `TimesheetWords`)."""

	title: str
	dates: DateWords

class WhoIsOutWords(TypedDict):
	others_heading: str  # the approver's card: above the others out during the request
	more: str  # {0} how many more people are out than listed
	open: str  # a leave not decided yet
	approved: str
	half_day_on: str  # {0} the day of a leave's half day
	periods: PeriodWords
	kinds: KindWords
	title_day: str  # {0} the day
	title_span: str  # {0} the first day, {1} the last
	nobody: str
	no_working_day: str
	out: str  # in place of a hidden leave type
	usage: str  # {0} what was typed after /whoisout
	dates: DateWords

class ApprovalWords(TypedDict):
	"""Every key of `flows/words.py` `approvals(lang)` (rust/core/src/words/approval.rs `ApprovalWords`)."""

	request_header: str  # {0} the document's kind
	requested: str  # {0} the requester, {1} the kind, {2} the document
	approve: str
	reject: str
	approved_by: str  # {0} who
	rejected_by: str
	cancelled_by: str
	deleted_by: str
	reassigned_to_by: str  # {0} the new approver, {1} who
	workflow_state: str  # {0} the state
	moved_to_by: str  # {0} the new state, {1} who
	outcome_reason: str
	approved_header: str  # {0} the kind
	rejected_header: str
	cancelled_header: str
	deleted_header: str
	reassigned_header: str
	request_decided: str  # {0} the kind, {1} the document, {2} approved / rejected / …, {3} who
	approved: str
	rejected: str
	cancelled: str
	deleted: str
	request_reassigned: str  # {0} the kind, {1} the document, {2} the new approver, {3} who
	modal_title: str  # ≤ 24 characters
	modal_intro: str  # {0} the document, {1} the requester
	reason: str
	reason_hint: str
	reason_placeholder: str
	submit: str
	close: str
	reminder_header: str
	reminder_intro: str  # {0} how many are open
	reminder_none_left: str
	reminder_item: str  # {0} the kind, {1} the document, {2} the requester
	reminder_more: str  # {0} how many more
