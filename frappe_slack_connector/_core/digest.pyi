"""Digests (issue 27): the working days of a horizon, a digest rule's post, the birthdays and work
anniversaries due and the holidays to announce (rust/python/src/digest.rs; the rules are
rust/core/src/absence/digest/, the Block Kit rust/core/src/blocks/digest.rs).
"""

from typing import Literal, NotRequired, TypedDict, final

from .blocks import SlackMessage
from .who import WhoRow
from .words import DigestWords

Horizon = Literal["today", "tomorrow", "this_week", "next_week"]

class DigestPerson(TypedDict):
	"""An Employee as far as celebrations go (dates `YYYY-MM-DD` text or `datetime.date`)."""

	employee: str
	employee_name: str | None
	slack_user_id: str | None
	date_of_birth: str | None
	date_of_joining: str | None

class Celebration(TypedDict):
	"""A birthday or work anniversary due: what `celebrations_due` returns and `build_digest` takes."""

	employee: str
	employee_name: str
	slack_user_id: str | None
	kind: Literal["birthday", "anniversary"]
	date: str
	years: NotRequired[int]  # anniversaries only, at least 1

class HolidayRow(TypedDict):
	"""A row of a Holiday List (its description is HTML in ERPNext: read as plain text)."""

	date: str
	description: str | None
	weekly_off: NotRequired[bool | int]

class AnnouncedHoliday(TypedDict):
	date: str
	description: str  # plain text, at most 200 characters; may be ""

@final
class DigestRows:
	"""The leave rows of one scheduler tick, read once and shared by every rule's `build_digest`
	(reading 10,000 dicts is most of one rule's cost).

	`DigestRows(rows)` takes `WhoRow` dicts (the fields of a `build_attendance_summary` row plus
	`leave_type` and `status`, "Open" or "Approved"; `readable` is ignored; dates as `YYYY-MM-DD`
	text or `datetime.date`). `len()` is the number of rows.

	Raises:
		InputError: a bad row (`bad_row`, `index` its position).
	"""

	def __new__(cls, rows: list[WhoRow]) -> DigestRows: ...
	def __len__(self) -> int: ...

def digest_days(horizon: Horizon, today: str, days_off: list[str]) -> list[str]:
	"""The working days (ISO, in order) `horizon` covers on `today`.

	`today` → `[today]` if it is a working day, else `[]`; `tomorrow` → the next working day after
	today (Friday → Monday; holidays skipped; `[]` when none in the days known); `this_week` →
	today to Sunday; `next_week` → the next calendar week, Monday to Sunday; working days only.
	`days_off` is every day off the caller knows (holidays and weekly offs of the scope's Holiday
	List) from today to today + 21; nothing is assumed about weekends.

	Raises:
		InputError: an unknown horizon (`bad_horizon`, field "horizon"), a date that is not
			`YYYY-MM-DD` (`bad_date`, field "today" or "days_off").
	"""

def build_digest(
	rows: DigestRows | list[WhoRow],
	*,
	horizon: Horizon,
	today: str,
	days: list[str],
	words: DigestWords,
	employees: list[str] | None = None,
	include_open: bool = True,
	mention: bool = True,
	hide_types: bool = False,
	holidays: list[AnnouncedHoliday] | None = None,
	celebrations: list[Celebration] | None = None,
	title: str = "",
	report_url: str | None = None,
) -> list[SlackMessage]:
	"""One digest rule's post: the JSON text (`{"text", "blocks"}`) of each message; post the first,
	then the others as thread replies of it. (The texts below are the English words.)

	`rows`: the tick's `DigestRows`, or the `WhoRow` dicts themselves. `employees`: the rule's scope
	(employee ids, any iterable of str; None = everyone; ids without rows cost a lookup each, nothing is copied). `include_open=False` reads Approved leaves only. `days`: the
	working days of the period (`digest_days`). `mention=False` names people by their escaped name,
	never `<@…>`; `hide_types=True` leaves the leave types out. `holidays` and `celebrations` are
	announced after the list (from `holidays_to_announce` and `celebrations_due`, the caller
	leaving out who opted out); a celebration's date is shown when it is not `today`.

	`today`: exactly `build_attendance_summary(rows of the scope, today=today, title=title,
	mention=mention, words=words["summary"])` (`days` is not read), then the holiday and
	celebration sections (in the last message while it has room, else in a reply).
	`tomorrow`, `this_week`, `next_week`: the header ":calendar: Who is out on <day>" / "Who is
	out this week, <Mon> to <Sun>" (with a `title`: "<title> for <day or span>"); then each
	working day with the people out on that day alone, "*Dec 09, 2026 (Wed)*" then "Jane (Full
	Day, Casual Leave), <@U2> (First Half, Sick Leave, awaiting approval)"; then "*Out for
	several days*" with one line per run of consecutive working days (days off skipped: Friday
	and the next Monday are consecutive): "• Jane: Dec 11, 2026 (Fri) to Dec 15, 2026 (Tue)
	(Casual Leave, First Half on Dec 15, 2026 (Tue))". "Nobody is out." when nobody is; "There is
	no working day in that period." when `days` is empty. Days in order; people by name
	(case-insensitive), then employee id; runs by first day, then name. A line names at most 5
	leave types (each cut to 80 characters), in the order of the person's rows.

	Limits: sections of at most 3000 characters (a list that goes on restarts under "*<heading>*
	(continued)"), messages of at most 50 blocks (the rest in thread replies), header 150
	characters. A look-ahead post takes at most 3 messages: past that the list ends with "_and N
	more_", followed by a link "Open the full report" to `report_url` when given.

	Raises:
		InputError: `bad_horizon`, `bad_date` (`today`, `days`, a holiday's or celebration's
			date), `bad_row` (a row, holiday or celebration; `index` its position), `bad_url`
			(`report_url` not http(s) or with spaces, `|`, `<`, `>`), `bad_words`.
		TypeError: an employee id in `employees` that is not a str.
	"""

def celebrations_due(people: list[DigestPerson], *, from_day: str, to_day: str) -> list[Celebration]:
	"""Every birthday and work anniversary of `people` falling on a day of `from_day..to_day`
	(inclusive; pass from = the day after the last one announced, so days missed are caught up
	once; at most the last 366 days of the range are read).

	An anniversary is `years` ≥ 1 after `date_of_joining` (the joining day itself is not one); a
	birthday carries no age and no year of birth. 29 February is celebrated on 28 February in a
	year that is not a leap year. A missing, None or "" date means nothing to celebrate. Sorted by
	date, birthdays first, then by name (case-insensitive), then employee id. `from_day` after
	`to_day` → `[]`.

	Raises:
		InputError: `bad_date` (`from_day`, `to_day`), `bad_row` (a person: no `employee`, a date
			that is not `YYYY-MM-DD`, a malformed Slack id; `index` its position).
	"""

def holidays_to_announce(horizon: Horizon, today: str, holidays: list[HolidayRow]) -> list[AnnouncedHoliday]:
	"""The holidays a `horizon` rule announces on `today`, by date; weekly offs never.

	`today` / `tomorrow`: the holidays of the days after today up to the next working day
	(announced the day before: on a Friday before a holiday Monday, Monday's); `this_week`: today to
	Sunday; `next_week`: next Monday to Sunday. `holidays` are the scope's Holiday List rows
	(weekly offs included: they decide which days are working days). A description's HTML tags are
	dropped, its entities read, white space collapsed, cut to 200 characters.

	Raises:
		InputError: `bad_horizon`, `bad_date` (`today`), `bad_row` (a holiday; `index` its
			position).
	"""
