"""The timesheet builders: the Log Time modal, its inline errors, the confirmation, the reminders
and the notices (rust/python/src/timesheet.rs).
"""

from collections.abc import Mapping
from typing import Literal, TypedDict

from .blocks import SlackAnswer, SlackMessage, SlackView
from .interaction import TimesheetError, TimesheetValues
from .words import TimesheetWords

class NamedOption(TypedDict, total=False):
	name: str  # required: the document name, submitted back
	label: str  # shown; default the name

class TimesheetModalInput(TypedDict, total=False):
	today: str  # required, ISO: bounds the date
	projects: list[NamedOption]  # required, at least one
	tasks: list[NamedOption]  # of current["project"]
	activity_types: list[NamedOption]  # required, at least one
	current: TimesheetValues  # the date to log for and what was typed

def build_timesheet_modal(input: TimesheetModalInput, *, words: TimesheetWords) -> SlackView:
	"""The "Log Time" modal (callback `log_timesheet`) for `views.open` / `views.update`.

	Selects list up to 100 options flat, option groups of 100 past that, at most 500 (a hint says
	how many were left out). Choosing a project dispatches `timesheet_project_change`. Raises
	`InputError` (reason `unbuildable`) when there are no projects or no activity types.
	"""

def build_timesheet_view_errors(
	errors: Mapping[str, str | TimesheetError], *, words: TimesheetWords
) -> SlackAnswer:
	"""`{"response_action": "errors", "errors": {block_id: message}}` for a Log Time submission;
	values are route error codes or messages already in the reader's words. Empty → `InputError`."""

class LoggedTime(TypedDict, total=False):
	date: str  # required, ISO
	hours: float  # required
	project: str  # required
	project_name: str | None
	task: str | None
	task_subject: str | None
	activity_type: str  # required
	description: str  # required
	day_total: float  # required: every hour logged on `date`, this one included
	timesheet: str  # required
	timesheet_status: str  # required

def build_timesheet_confirmation(logged: LoggedTime, *, words: TimesheetWords) -> SlackMessage:
	"""The DM after a time log was added: what, where, and the day's total."""

class ReminderRow(TypedDict, total=False):
	employee_name: str  # required
	slack_user_id: str | None
	date: str  # required, ISO: the day short of hours
	logged: float  # required
	expected: float  # required
	half_day: bool  # expected is half a norm (half-day leave)

def build_timesheet_reminders(
	rows: list[ReminderRow], *, words: TimesheetWords, mention: bool = True
) -> list[SlackMessage]:
	"""One missed-hours reminder per row (same order): logged vs expected and a "Log time" button
	(action `ts_log_time`, value the date). `mention=False` names the reader instead of `<@U…>`."""

class TimesheetNotice(TypedDict, total=False):
	kind: Literal[
		"slack_not_linked", "no_employee", "no_projects", "no_activity_types", "bad_date", "form_not_opened"
	]
	text: str  # bad_date: what was typed
	error: str  # form_not_opened: Slack's error code

def build_timesheet_notice(notice: TimesheetNotice, *, words: TimesheetWords) -> SlackMessage:
	"""A short (ephemeral) `/timesheet` answer saying what is missing and whom to ask."""

def block_for_timesheet_field(field: str) -> str:
	"""The Log Time modal's input block for an error about Timesheet (Detail) field `field`
	(`project` → `ts_project`, `hours`/`from_time`/`to_time` → `ts_hours`, …); anything else →
	`ts_description`."""

def timesheet_command_date(text: str, today: str) -> str | None:
	"""The day `/timesheet` asks for: blank `text` → `today`; a `YYYY-MM-DD` date not after
	`today` → that day (ISO); anything else → None (answer with the `bad_date` notice)."""
