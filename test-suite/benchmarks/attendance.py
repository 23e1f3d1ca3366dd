"""The daily attendance summary, Rust core vs a straightforward pure-Python reference, in one run.

    python test-suite/benchmarks/attendance.py [--quick]

`reference_summary` below is a plain Python implementation of the rules of issue 4 (the ones
`core.build_attendance_summary` documents in `_core/channel.pyi`): the same grouping, order, numbering,
"until" dates, escaping, 3000-char sections, 50-block messages and fallback text. It is here only as
the yardstick; the app uses the Rust core. Before timing, the script checks that both produce the
same messages for the benchmark rows (same people per group, same order, byte-identical bodies on
the wire: `benchlib.wire_bytes` / `reference_bytes`) and stops if they differ.

Both sides take the same input: a list of dicts as `frappe.get_all` returns them (dates as
`YYYY-MM-DD` strings), a realistic mix (a third without a Slack id, a tenth not covering today,
a few duplicate employees, every kind of half day). Output: ms per call and the ratio, both sides
timed in turns (`benchlib.interleaved`), and a RESULT line per size.
"""

from __future__ import annotations

import datetime
import json
import sys

import benchlib  # this directory, on sys.path as the script's own
from benchlib import per_call  # noqa: F401 - compare_builds.py times with it

from frappe_slack_connector import core

TODAY = "2026-12-04"
TITLE = "Employees on Leave"
SIZES = benchlib.size((100, 1_000, 10_000), (10, 100))
# Issue 25: at least 2 times faster at every size, 5 times at 10,000 rows.
GOALS = {10_000: 5}
# The English words, as the catalogue (flows/words.py) gives them (test-suite/test_words.py keeps this
# copy equal to it); converted on every call, as the scheduler's call does.
WORDS = benchlib.english_words()["summary"]

# --- the reference: a straightforward Python implementation of the same rules -----------------

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
KINDS = ("Full Day", "Half Day", "First Half", "Second Half")
PERIOD_KIND = {None: 1, "": 1, "First Half": 2, "Second Half": 3}
SECTION_TEXT = 3000
BLOCKS_PER_MESSAGE = 50
HEADER_TEXT = 150
NAME_MAX = 1000
FALLBACK_TEXT = 3000


def _as_date(value: object) -> datetime.date:
	return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _merge(a: int, b: int) -> int:
	if a == 0 or b == 0 or {a, b} == {2, 3}:
		return 0
	if a == 1:
		return b
	return a


def _escape(text: str) -> str:
	return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _truncate(text: str, limit: int) -> str:
	return text if len(text) <= limit else text[: limit - 1] + "…"


def _display(d: datetime.date) -> str:
	return f"{MONTHS[d.month - 1]} {d.day:02}, {d.year} ({WEEKDAYS[d.weekday()]})"


def _who(name: str, slack_id: str | None) -> str:
	if slack_id:
		return f"<@{slack_id}>"
	escaped = _escape(name)
	if len(escaped) <= NAME_MAX:
		return escaped
	out, used = [], 0  # never cut an entity in half
	for c in name:
		piece = _escape(c)
		if used + len(piece) > NAME_MAX - 1:
			break
		out.append(piece)
		used += len(piece)
	return "".join(out) + "…"


def _section(text: str) -> dict:
	return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _message(blocks: list[dict]) -> dict:
	texts = [b["text"]["text"].strip() for b in blocks]
	return {"text": _truncate("\n".join(t for t in texts if t), FALLBACK_TEXT), "blocks": blocks}


def reference_summary(rows: list[dict], today: str, title: str) -> list[dict]:
	day = datetime.date.fromisoformat(today)
	title = title.strip() or "Employees on Leave"
	people: dict[str, list] = {}  # employee -> [kind, name, slack id, to_date]
	for row in rows:
		start, end = _as_date(row["from_date"]), _as_date(row["to_date"])
		if not start <= day <= end:
			continue
		hdd = row.get("half_day_date") or None
		half_today = bool(row.get("half_day")) and (_as_date(hdd) == day if hdd is not None else start == end)
		kind = PERIOD_KIND[row.get("half_period")] if half_today else 0
		emp = row["employee"]
		seen = people.get(emp)
		if seen is None:
			people[emp] = [kind, row.get("employee_name") or emp, row.get("slack_user_id") or None, end]
		else:
			seen[0] = _merge(seen[0], kind)
			seen[3] = max(seen[3], end)
			seen[2] = seen[2] or row.get("slack_user_id") or None

	def header(text: str) -> dict:
		return {
			"type": "header",
			"text": {"type": "plain_text", "text": _truncate(text, HEADER_TEXT), "emoji": True},
		}

	if not people:
		return [_message([header(f":sunny: No {title}")])]

	ordered = sorted(people.items(), key=lambda p: (p[1][0], p[1][3], p[1][1].lower(), p[1][1], p[0]))
	messages: list[list[dict]] = []
	blocks = [header(f":palm_tree: {len(people)} {title}")]
	buf: list[str] = []
	size = 0

	def flush() -> None:
		nonlocal buf, size
		if buf:
			blocks.append(_section("\n".join(buf)))
			buf, size = [], 0

	def open_section(label: str, group_start: bool) -> None:
		nonlocal blocks
		flush()
		new_message = len(blocks) >= BLOCKS_PER_MESSAGE
		if new_message:
			messages.append(blocks)
			blocks = []
		if group_start:
			append(f"*{label}*")
		elif new_message:
			append(f"*{label}* (continued)")

	def append(line: str) -> None:
		nonlocal size
		size += len(line) + (1 if buf else 0)
		buf.append(line)

	current, n = None, 0
	for _emp, (kind, name, slack_id, end) in ordered:
		label = KINDS[kind]
		if kind != current:
			current, n = kind, 0
			open_section(label, True)
		n += 1
		until = f" _until {_display(end)}_" if end > day else ""
		line = f"{n}. {_who(name, slack_id)}{until}"
		if size + 1 + len(line) > SECTION_TEXT:
			open_section(label, False)
		append(line)
	flush()
	if blocks:
		messages.append(blocks)
	return [_message(b) for b in messages]


# --- the benchmark ---------------------------------------------------------------------------


def make_rows(n: int) -> list[dict]:
	"""The same mix as the criterion bench (rust/core/benches/attendance.rs)."""
	rows = []
	for i in range(n):
		kind = i % 5
		if i % 10 == 9:
			start, end = "2026-12-05", "2026-12-09"
		else:
			start, end = "2026-12-01", f"2026-12-{4 + i % 20:02}"
		rows.append(
			{
				"employee": f"HR-EMP-{i - 1 if i % 50 == 49 else i:06}",
				"employee_name": f"Employee Number {i} Surname",
				"slack_user_id": None if i % 3 == 0 else f"U{i:09}",
				"from_date": start,
				"to_date": end,
				"half_day": int(kind >= 2),
				"half_day_date": TODAY if kind >= 2 else None,
				"half_period": {3: "First Half", 4: "Second Half"}.get(kind),
				"leave_type": "Casual Leave",
			}
		)
	return rows


def groups_of(messages: list[dict]) -> list[tuple[str, list[str]]]:
	"""(group label, lines in order) across all messages, "(continued)" headings folded in."""
	groups: list[tuple[str, list[str]]] = []
	for msg in messages:
		for block in msg["blocks"]:
			if block["type"] != "section":
				continue
			for line in block["text"]["text"].split("\n"):
				if line.startswith("*"):
					label = line.split("*")[1]
					if not groups or groups[-1][0] != label:
						groups.append((label, []))
				else:
					groups[-1][1].append(line)
	return groups


def rust_bodies(rows: list[dict]) -> list[bytes]:
	"""The app's call, to the body of each message on the wire."""
	messages = core.build_attendance_summary(rows, today=TODAY, title=TITLE, words=WORDS)
	return [benchlib.wire_bytes(m) for m in messages]


def reference_bodies(rows: list[dict]) -> list[bytes]:
	return [benchlib.reference_bytes(m) for m in reference_summary(rows, TODAY, TITLE)]


def main() -> int:
	for n in SIZES:
		rows = make_rows(n)
		rust, ref = rust_bodies(rows), reference_bodies(rows)
		if groups_of([json.loads(b) for b in rust]) != groups_of([json.loads(b) for b in ref]):
			print(f"MISMATCH at {n} rows: the reference and the core group people apart", file=sys.stderr)
			return 1
		benchlib.check_identical(f"attendance summary, {n} rows", rust, ref)
	print("check: reference == core (same groups, people, order; byte-identical bodies) at", SIZES)
	for n in SIZES:
		rows = make_rows(n)
		msgs = len(rust_bodies(rows))
		best = benchlib.interleaved(
			{"rust": lambda rows=rows: rust_bodies(rows), "python": lambda rows=rows: reference_bodies(rows)}
		)
		benchlib.builder_result(
			f"attendance_{n}",
			f"attendance summary, {n:,} rows ({msgs} message{'s' if msgs > 1 else ''})",
			best["rust"],
			best["python"],
			GOALS.get(n, 2),
		)
	return 0


if __name__ == "__main__":
	sys.exit(main())
