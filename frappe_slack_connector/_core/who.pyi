"""Who is out, leave by leave: the days `/whoisout` asks about, its answer, and the rows both it
and the approver's card read (rust/python/src/who.rs; the card is `build_approver_message`).
"""

from typing import Literal, NotRequired, TypedDict

from .blocks import SlackMessage
from .words import WhoIsOutWords

class WhoRow(TypedDict):
	"""An absence row of `build_attendance_summary` (dates as `YYYY-MM-DD` text here) with the
	leave's type and status, and whether the reader may read that leave (default True)."""

	employee: str
	employee_name: str
	slack_user_id: str | None
	from_date: str
	to_date: str
	half_day: bool
	half_day_date: str | None
	half_period: str | None
	leave_type: str
	status: Literal["Open", "Approved"]
	readable: NotRequired[bool]

class OthersOut(TypedDict):
	"""Who else may be out during a request: the applicant's Employee (never listed) and rows."""

	applicant: str
	rows: list[WhoRow]

def who_is_out_span(text: str, today: str) -> tuple[str, str] | None:
	"""The first and last day (ISO) `/whoisout <text>` asks about on `today`: blank, `today` or
	`heute` → today; `tomorrow` / `morgen` → the next day; `week` / `woche` → today to Sunday
	(on a Saturday or Sunday: the next Monday to Sunday); a `YYYY-MM-DD` date → that day. Case
	and surrounding spaces do not matter; anything else → None (answer with the usage hint).

	Raises:
		InputError: `today` is not a `YYYY-MM-DD` date (`bad_date`).
	"""

def build_who_is_out(
	rows: list[WhoRow],
	*,
	from_date: str,
	to_date: str,
	days: list[str],
	words: WhoIsOutWords,
	hide_types: bool = False,
) -> SlackMessage:
	"""The `/whoisout` answer: a header "Who is out on <day>" (or "Who is out from <from> to
	<to>"), then for each of `days` (the working days of the span, ISO) everyone a row covers,
	once, sorted by name: "• <@id> — Sick Leave (First Half), awaiting approval" (several leave
	types joined; "Out" for each with `hide_types`); "Nobody is out." for a day without anyone;
	"There is no working day in that period." when `days` is empty. A day shows at most 25
	people and 3000 characters, then "_and N more_".

	Raises:
		InputError: a bad row or date (`bad_input`, `bad_date`), bad words (`bad_words`).
	"""

def who_is_out_text(
	rows: list[WhoRow],
	*,
	from_date: str,
	to_date: str,
	days: list[str],
	words: WhoIsOutWords,
	hide_types: bool = False,
) -> str:
	"""`build_who_is_out`'s answer as plain text (its fallback text, ≤ 3000 characters): the
	same days, names and leave types, for a Workflow Builder step's output.

	Raises:
		InputError: as `build_who_is_out`.
	"""

def build_who_is_out_usage(text: str, *, words: WhoIsOutWords) -> SlackMessage:
	"""The answer to an argument `/whoisout` does not understand: `text` quoted back (escaped,
	cut to 80 characters) and what it understands.

	Raises:
		InputError: bad words (`bad_words`).
	"""
