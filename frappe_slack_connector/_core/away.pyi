""" "While you are away" (rust/python/src/away.rs over rust/core/src/absence/away.rs and
rust/core/src/blocks/leave/away.rs): when a person on leave is away in their own time zone, the
status that shows it, the guard before a status write, and the consent modal."""

from typing import Literal, TypedDict

class AwayLeave(TypedDict):
	from_date: str  # ISO
	to_date: str  # ISO
	half_day: bool
	half_day_date: str | None  # ISO
	half_period: str | None  # "First Half" / "Second Half" (or the codes); None: unknown

class AwayInput(TypedDict):
	leaves: list[AwayLeave]  # approved leaves around now
	non_working: list[str]  # ISO days off (weekly offs, holidays) around them
	tz: str  # IANA: the person's Slack tz, else the site's
	now: int  # Unix seconds

class AwayStatus(TypedDict):
	body: str  # the users.profile.set JSON text
	text: str
	emoji: str
	expiration: int  # Unix seconds: the end of the leave
	snooze_minutes: int  # Do Not Disturb from now to the end (at least 1)
	last_day: str  # ISO

def away_status_now(input: AwayInput, *, words: dict) -> AwayStatus | None:
	"""The status a person shows now, or None when they are not away. A leave runs from its
	first day's local midnight (12:00 for a first day taken as a Second Half half day) to the
	midnight after its last day (12:00 for a last day taken as a First Half half day); leaves
	that overlap, touch or have only `non_working` days between them merge. `words`:
	`{"text"` (the template, `{date}` the last day), `"emoji"`, `"dates"}` (`words.away_status`).
	The text is cut to Slack's 100 characters; an emoji that is not `:code:` becomes
	`:palm_tree:`. Raises `InputError` (`unknown_time_zone`, `bad_dates`, `bad_input`)."""

def away_clear_body() -> str:
	"""The users.profile.set JSON text that clears the status (text and emoji both empty)."""

def away_status_of(body: str) -> dict[str, str] | None:
	"""`{"status_text", "status_emoji"}` a users.profile.set body shows; None for a clear."""

def guard_away_status(
	body: str, current: dict, ours: dict | None = None
) -> Literal["send", "already_done", "persons_own"]:
	"""May the owed users.profile.set `body` go out, Slack showing `current` (users.profile.get's
	answer), the app having set `ours` last? A set: `send` over an empty status, ours, or the same
	words; else `persons_own`. A clear: `send` only while `ours` is shown, `already_done` when
	nothing is, else `persons_own`."""

def build_away_consent_modal(authorize_url: str, *, words: dict) -> str:
	"""The consent modal (`views.open`, callback `away_consent`): what the person allows and a
	link button (action `ignore_away_authorize`) to Slack's authorize page. Raises `InputError`
	(`unbuildable`) for a URL that is not http(s)."""
