"""The attendance channel: the daily summary, its send gate, the late-leave note and the test
message (rust/python/src/channel.rs).
"""

from .blocks import SlackMessage
from .words import LateLeaveWords, SummaryWords, TestMessageWords

def build_attendance_summary(
	rows: list[dict[str, object]],
	*,
	today: str,
	words: SummaryWords,
	title: str = "",
	mention: bool = True,
) -> list[SlackMessage]:
	"""Build the day's "who is out" messages in `words`: one message (JSON text of `{"text", "blocks"}`) per
	message. (The texts below are the English words.)

	Each row: `employee` (str, required), `employee_name` (str; blank → the employee id),
	`slack_user_id` (str of ASCII letters/digits, None or ""), `from_date`, `to_date`
	(`YYYY-MM-DD` str or `datetime.date`, `to_date >= from_date`), `half_day` (bool or 0/1,
	missing → False), `half_day_date` (date, None or ""), `half_period` ("First Half",
	"Second Half", None or ""). Other keys are ignored. `today` is `YYYY-MM-DD`.

	Rules: rows not covering `today` are ignored. A half-day row is a half day only on its
	`half_day_date`, or on a one-day leave without one; on other days of its range it is a full
	day. Rows of one employee merge into one line: the latest `to_date` is shown, Full Day if any
	row is a full day today or both halves are taken, else the known half period. Groups Full Day,
	Half Day (period unknown), First Half, Second Half (empty ones left out); within a group by
	end date, then name (case-insensitive), then employee id; numbered from 1 per group. A line is
	`<@slack_id>` or the escaped name, plus `_until Dec 04, 2026 (Fri)_` when the leave ends
	after today. `mention=False` (Slack Settings "Mention people in the daily summary" off) names
	everyone by the escaped name, never `<@…>`, so nobody is pinged.

	The first message starts with the header `:palm_tree: <N> <title>`; sections stay within
	3000 characters and messages within 50 blocks, so a large day yields several messages: post
	the first, then the rest as thread replies of it (a group cut by a message boundary resumes
	with "*<group>* (continued)"). Nobody out → one message `:sunny: No <title>`. A blank title
	means `words.default_title` ("Employees on Leave"). The dicts are read in place (only the fields above; other keys
	are ignored whatever their type); grouping, packing and rendering run with the GIL released.
	Raises `InputError` for a bad row or date or bad words (`bad_words`), `TypeError` for a value
	in one of the fields above that is not JSON-like (other than dates) or an int beyond 64 bits.
	"""

def should_send_attendance(
	*,
	now: str,
	enabled: bool,
	send_time: str,
	is_holiday: bool,
	last_sent: str | None = None,
) -> tuple[bool, str]:
	"""Decide whether the scheduler tick at `now` should send today's summary.

	Returns `(send, reason)`: `(True, "ok")`, or `(False, reason)` with `reason` the first
	obstacle (`"disabled"`, `"holiday"`, `"already_sent"`, `"before_time"`) in the
	order `disabled` → `holiday` → `already_sent` → `before_time`. `now` is the site-local ISO
	date-time (`YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]]`, no UTC offset); `send_time` is `HH:MM`,
	`HH:MM:SS` or `H:MM:SS` (as `str(timedelta)` gives); `last_sent` is `YYYY-MM-DD`, None or "".
	A `last_sent` on or after today's date counts as already sent. Pure: the caller still has to
	claim the day atomically before posting. Raises `InputError` (`bad_datetime`, `bad_time`,
	`bad_date`).
	"""

def build_late_leave_note(
	row: dict[str, object], *, today: str, words: LateLeaveWords, mention: bool = True
) -> SlackMessage | None:
	"""The threaded reply for a leave created after today's summary went out, in `words`.

	`row` has the shape of a `build_attendance_summary` row. Returns the message's JSON text
	(`{"text", "blocks"}`) reading e.g. "<@U1> is also on leave today (First Half)" (plus `_until <date>_` when
	the leave goes on after today), or None when the row does not cover `today`; with
	`mention=False` the person is named by the escaped name, never `<@…>`. Post it with
	`thread_ts` = the summary's ts and `reply_broadcast=True`. Raises `InputError` like
	`build_attendance_summary`.
	"""

def build_test_message(site: str = "", *, words: TestMessageWords) -> SlackMessage:
	"""The message the "Test channel" button posts, in `words`: its JSON text (`{"text", "blocks"}`)
	saying that Frappe Slack Connector can post in the channel, naming `site` (escaped) when given.
	Raises `InputError` (`bad_words`) for bad words."""
