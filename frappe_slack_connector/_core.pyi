"""Type stub of the native module `frappe_slack_connector._core` (Rust, PyO3).

Every export carries a docstring. Errors raised by the core are the exception classes below;
each has a stable `.reason` code meant for logs and tests.
"""

__version__: str

# --- request verification ---

class SignatureError(ValueError):
	"""A Slack request failed verification.

	`reason` is one of `no_secret`, `missing_header`, `malformed_timestamp`, `stale_timestamp`,
	`malformed_signature`, `bad_signature`. The message never contains the secret or the body.
	"""

	reason: str

def verify_request(
	signing_secret: str,
	timestamp: str | None,
	signature: str | None,
	body: bytes,
	*,
	now: int | None = None,
	tolerance: int = 300,
) -> None:
	"""Verify a Slack request signature (v0: HMAC-SHA256 over `v0:{timestamp}:{body}`).

	`timestamp` and `signature` are the `X-Slack-Request-Timestamp` and `X-Slack-Signature`
	headers (None when absent); `body` is the raw request body, any bytes. Timestamps more than
	`tolerance` seconds away from `now` (default: the current Unix time) in either direction are
	rejected. The digest comparison is constant time; bodies over 64 KiB are hashed with the GIL
	released. Returns None on success, raises `SignatureError` otherwise.
	"""

def sign_request(signing_secret: str, timestamp: str, body: bytes) -> str:
	"""Return the `v0=<hex>` signature Slack would send for `body` at `timestamp`.

	For tests and tooling. Raises `SignatureError` (`no_secret`) for an empty secret.
	"""

# --- attendance ---
# (no imports here: builtins only, so this block stays self-contained)

class InputError(ValueError):
	"""Bad input to an attendance builder or to `render_markdown`.

	`reason` is one of `bad_row` (a leave row; `index` is the row's position), `bad_date`,
	`bad_datetime`, `bad_time` (an argument; `index` is None), `not_a_list`, `invalid_block`,
	`unknown_block` (`render_markdown`; `index` is the block's position). `field` names the
	offending field or argument (`"blocks"` for block errors). Values quoted in the message are
	cut to 80 characters.
	"""

	reason: str
	field: str | None
	index: int | None

def build_attendance_summary(
	rows: list[dict[str, object]],
	*,
	today: str,
	title: str = "Employees on Leave",
) -> list[dict[str, object]]:
	"""Build the day's "who is out" messages: one `{"text": str, "blocks": list}` per message.

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
	after today.

	The first message starts with the header `:palm_tree: <N> <title>`; sections stay within
	3000 characters and messages within 50 blocks, so a large day yields several messages: post
	the first, then the rest as thread replies of it (a group cut by a message boundary resumes
	with "*<group>* (continued)"). Nobody out → one message `:sunny: No <title>`. A blank title
	means "Employees on Leave". Runs with the GIL released. Raises `InputError` for a bad row or
	date, `TypeError` for values that are not JSON-like (other than dates).
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

def render_markdown(blocks: list[dict[str, object]]) -> str:
	"""Render Block Kit blocks (as sent to Slack) as Markdown, for dry runs and logs.

	The blocks are parsed into slack-morphism's typed model first; a malformed block or an
	unknown block type raises `InputError` (`invalid_block` / `unknown_block`, with `index`),
	a non-list `not_a_list`.
	"""

def build_late_leave_note(row: dict[str, object], *, today: str) -> dict[str, object] | None:
	"""The threaded reply for a leave created after today's summary went out.

	`row` has the shape of a `build_attendance_summary` row. Returns `{"text": str, "blocks":
	list}` reading e.g. "<@U1> is also on leave today (First Half)" (plus `_until <date>_` when
	the leave goes on after today), or None when the row does not cover `today`. Post it with
	`thread_ts` = the summary's ts and `reply_broadcast=True`. Raises `InputError` like
	`build_attendance_summary`.
	"""

def build_test_message(site: str = "") -> dict[str, object]:
	"""The message the "Test channel" button posts: `{"text": str, "blocks": list}` saying that
	Frappe Slack Connector can post in the channel, naming `site` (escaped) when given."""
