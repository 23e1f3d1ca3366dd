"""Digests (issue 27): one scheduler tick — every rule's post built — Rust core vs plain Python.

    python test-suite/benchmarks/digest.py [--quick]

The company: 10,000 employees in 10 departments, 2,000 leaves in December 2026 (a fifth of them
open, a fifth with a half day), a Holiday List with weekends and Christmas. 20 rules: every
horizon (today, tomorrow, this week, next week), scopes from one department to the whole company,
mentions on and off, leave types shown and hidden, open requests in or out, some with their own
title, holidays and celebrations.

One tick, as the daily job runs it: the rows read once (`core.DigestRows`), the birthdays and work
anniversaries due today computed once for everyone (`core.celebrations_due`), then per rule its
working days (`core.digest_days`), its holidays (`core.holidays_to_announce`), its share of the
celebrations and its post (`core.build_digest`). The reference below does the same in plain
Python, to the same rules (the `today` horizon is `attendance.reference_summary`, the daily
summary's reference). Before timing, the script checks that both give byte-identical bodies for
every rule and stops if they differ.

Output: ms per tick of each side (timed in turns, `benchlib.interleaved`) and the ratio (goal
≥ 5x), and the peak of Python memory one tick allocates (tracemalloc) on each side, with its bound.
"""

from __future__ import annotations

import datetime
import random
import sys
import tracemalloc

import benchlib  # this directory, on sys.path as the script's own
from attendance import (  # the daily summary's reference (the `today` horizon)
	BLOCKS_PER_MESSAGE,
	HEADER_TEXT,
	PERIOD_KIND,
	SECTION_TEXT,
	_as_date,
	_display,
	_escape,
	_merge,
	_message,
	_section,
	_truncate,
	_who,
	reference_summary,
)

from frappe_slack_connector import core

TODAY = "2026-12-14"  # a Monday
EMPLOYEES = benchlib.size(10_000, 300)
LEAVES = benchlib.size(2_000, 60)
RULES = 20
DEPARTMENTS = 10
GOAL = 5
# Python memory one Rust tick may allocate at full size (the output strings and the scopes).
MEMORY_BOUND = 16 * 1024 * 1024
WORDS = benchlib.english_words()["digest"]
LEAVE_TYPES = ("Casual Leave", "Sick Leave", "Privilege Leave", "Compensatory Off", "Leave Without Pay")
HORIZONS = ("today", "tomorrow", "this_week", "next_week")

# --- the company ----------------------------------------------------------------------------------


def make_company(seed: int = 27):
	rng = random.Random(seed)
	people = []
	for i in range(EMPLOYEES):
		born = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(40 * 365))
		joined = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randrange(27 * 365))
		people.append(
			{
				"employee": f"HR-EMP-{i:05}",
				"employee_name": f"Employee {i:05} Surname{i % 97}",
				"slack_user_id": None if i % 3 == 0 else f"U{i:09}",
				"date_of_birth": born.isoformat() if i % 7 else None,
				"date_of_joining": joined.isoformat(),
				"department": i % DEPARTMENTS,
			}
		)
	rows = []
	for n in range(LEAVES):
		who = people[rng.randrange(EMPLOYEES)]
		start = datetime.date(2026, 12, 1) + datetime.timedelta(days=rng.randrange(31))
		length = rng.choice((1, 1, 1, 2, 3, 5))
		end = start + datetime.timedelta(days=length - 1)
		half = n % 5 == 0
		rows.append(
			{
				"employee": who["employee"],
				"employee_name": who["employee_name"],
				"slack_user_id": who["slack_user_id"],
				"from_date": start.isoformat(),
				"to_date": end.isoformat(),
				"half_day": int(half),
				"half_day_date": end.isoformat() if half and length > 1 else None,
				"half_period": (None, "First Half", "Second Half")[n % 3] if half else None,
				"leave_type": LEAVE_TYPES[n % len(LEAVE_TYPES)],
				"status": "Open" if n % 5 == 1 else "Approved",
			}
		)
	holidays = []
	day = datetime.date(2026, 12, 1)
	while day <= datetime.date(2027, 1, 10):
		if day.weekday() >= 5:
			holidays.append({"date": day.isoformat(), "description": day.strftime("%A"), "weekly_off": 1})
		day += datetime.timedelta(days=1)
	for date, name in (
		("2026-12-24", "Christmas Eve"),
		("2026-12-25", "<p>Christmas Day</p>"),
		("2027-01-01", "New Year"),
	):
		holidays.append({"date": date, "description": name, "weekly_off": 0})
	rules = []
	for r in range(RULES):
		if r % 5 == 0:
			scope = None  # the whole company
		else:
			departments = {r % DEPARTMENTS, (r * 3) % DEPARTMENTS} if r % 2 else {r % DEPARTMENTS}
			scope = [p["employee"] for p in people if p["department"] in departments]
		rules.append(
			{
				"horizon": HORIZONS[r % 4],
				"employees": scope,
				"mention": r % 3 != 1,
				"hide_types": r % 4 == 3,
				"include_open": r % 2 == 0,
				"title": f"Team {r}" if r % 6 == 5 else "",
				"holidays": r % 2 == 1,
				"celebrations": r % 3 == 0,
			}
		)
	return people, rows, holidays, rules


# --- one tick, through the core -------------------------------------------------------------------


def days_off(holidays: list[dict]) -> list[str]:
	return [h["date"] for h in holidays]


def rust_tick(people, rows, holidays, rules) -> list[list[str]]:
	shared = core.DigestRows(rows)
	due = core.celebrations_due(people, from_day=TODAY, to_day=TODAY)
	off = days_off(holidays)
	posts = []
	for rule in rules:
		scope = rule["employees"]
		in_scope = set(scope) if scope is not None and rule["celebrations"] else None
		days = core.digest_days(rule["horizon"], TODAY, off)
		posts.append(
			core.build_digest(
				shared,
				horizon=rule["horizon"],
				today=TODAY,
				days=days,
				employees=scope,
				include_open=rule["include_open"],
				mention=rule["mention"],
				hide_types=rule["hide_types"],
				holidays=core.holidays_to_announce(rule["horizon"], TODAY, holidays)
				if rule["holidays"]
				else None,
				celebrations=[c for c in due if in_scope is None or c["employee"] in in_scope]
				if rule["celebrations"]
				else None,
				title=rule["title"],
				words=WORDS,
			)
		)
	return posts


# --- the reference: the same tick in plain Python ----------------------------------------------

MAX_MESSAGES = 3
TYPES_SHOWN = 5
TYPE_CHARS = 80
LINE_CHARS = 2500
DAYS_OFF_KNOWN = 21
KIND_WORDS = ("Full Day", "Half Day", "First Half", "Second Half")


def ref_week(horizon: str, today: datetime.date):
	sunday = today + datetime.timedelta(days=6 - today.weekday())
	if horizon == "this_week":
		return today, sunday
	if horizon == "next_week":
		return sunday + datetime.timedelta(days=1), sunday + datetime.timedelta(days=7)
	return None


def ref_digest_days(horizon: str, today: datetime.date, off: set) -> list[datetime.date]:
	if horizon == "today":
		return [] if today in off else [today]
	if horizon == "tomorrow":
		for n in range(1, DAYS_OFF_KNOWN + 1):
			day = today + datetime.timedelta(days=n)
			if day not in off:
				return [day]
		return []
	start, end = ref_week(horizon, today)
	return [
		start + datetime.timedelta(days=n)
		for n in range((end - start).days + 1)
		if start + datetime.timedelta(days=n) not in off
	]


def ref_celebrated_on(original: datetime.date, year: int) -> datetime.date | None:
	try:
		return original.replace(year=year)
	except ValueError:
		return datetime.date(year, 2, 28) if original.month == 2 else None


def ref_celebrations_due(people, start: datetime.date, end: datetime.date) -> list[dict]:
	start = max(start, end - datetime.timedelta(days=365))
	out = []
	for p in people:
		for field, kind in (("date_of_birth", 0), ("date_of_joining", 1)):
			value = p.get(field)
			if not value:
				continue
			original = _as_date(value)
			for year in range(start.year, end.year + 1):
				date = ref_celebrated_on(original, year)
				if date is None or date < start or date > end or date <= original:
					continue
				name = p.get("employee_name") or p["employee"]
				item = {
					"employee": p["employee"],
					"employee_name": name,
					"slack_user_id": p.get("slack_user_id") or None,
					"kind": ("birthday", "anniversary")[kind],
					"date": date,
				}
				if kind:
					item["years"] = year - original.year
				out.append((date, kind, name.lower(), name, p["employee"], item))
	out.sort(key=lambda t: t[:5])
	return [t[5] for t in out]


def ref_plain_description(html: str) -> str:
	text, in_tag = [], False
	for c in html:
		if c == "<":
			in_tag = True
			text.append(" ")
		elif c == ">" and in_tag:
			in_tag = False
		elif not in_tag:
			text.append(c)
	s = "".join(text)
	for entity, char in (
		("&nbsp;", " "),
		("&lt;", "<"),
		("&gt;", ">"),
		("&quot;", '"'),
		("&#39;", "'"),
		("&amp;", "&"),
	):
		s = s.replace(entity, char)
	return _truncate(" ".join(s.split()), 200)


def ref_holidays_to_announce(horizon: str, today: datetime.date, holidays: list[dict]) -> list[tuple]:
	parsed = [
		(_as_date(h["date"]), ref_plain_description(h.get("description") or ""), bool(h.get("weekly_off")))
		for h in holidays
	]
	week = ref_week(horizon, today)
	if week:
		start, end = week
	else:
		off = {d for d, _, _ in parsed}
		start = end = today + datetime.timedelta(days=1)
		for n in range(1, 32):
			day = today + datetime.timedelta(days=n)
			if day not in off:
				break
			end = day
	return sorted({(d, text) for d, text, weekly in parsed if not weekly and start <= d <= end})


def ref_kind_on(row: dict, day: datetime.date) -> int | None:
	start, end = row["_from"], row["_to"]
	if not start <= day <= end:
		return None
	hdd = row.get("half_day_date") or None
	half_today = bool(row.get("half_day")) and (_as_date(hdd) == day if hdd is not None else start == end)
	return PERIOD_KIND[row.get("half_period")] if half_today else 0


def ref_look_ahead(rows, scope, include_open, days):
	days = sorted(set(days))
	if not days:
		return [], []
	first, last = days[0], days[-1]
	people: dict[str, list] = {}  # employee -> [first row, slack id, types, marks]
	for row in rows:
		if row["_to"] < first or row["_from"] > last:
			continue
		if not include_open and row["status"] != "Approved":
			continue
		if scope is not None and row["employee"] not in scope:
			continue
		person = people.get(row["employee"])
		if person is None:
			person = people[row["employee"]] = [row, None, [], [None] * len(days)]
		approved = row["status"] == "Approved"
		t = None
		for i, day in enumerate(days):
			kind = ref_kind_on(row, day)
			if kind is None:
				continue
			if t is None:  # the type's slot; -1: the person's list is full (at most 5 kept)
				if row["leave_type"] in person[2]:
					t = person[2].index(row["leave_type"])
				elif len(person[2]) < TYPES_SHOWN:
					person[2].append(row["leave_type"])
					t = len(person[2]) - 1
				else:
					t = -1
			mark = person[3][i]
			if mark is None:
				person[3][i] = [kind, [t] if t >= 0 else [], not approved]
			else:
				mark[0] = _merge(mark[0], kind)
				mark[2] = mark[2] and not approved
				if t >= 0 and t not in mark[1]:
					mark[1].append(t)
		if person[1] is None and t is not None:
			person[1] = row.get("slack_user_id") or None
	by_day = [[] for _ in days]
	runs = []
	for employee, (row, slack, types, marks) in people.items():
		name = row.get("employee_name") or employee
		i = 0
		while i < len(marks):
			if marks[i] is None:
				i += 1
				continue
			start = i
			while i < len(marks) and marks[i] is not None:
				i += 1
			stretch = [(days[j], marks[j]) for j in range(start, i)]
			if len(stretch) == 1:
				kind, t, is_open = stretch[0][1]
				by_day[start].append(
					(employee, name, slack, kind, [types[x] for x in sorted(set(t))], is_open)
				)
			else:
				all_types = sorted({x for _, m in stretch for x in m[1]})
				runs.append(
					(
						employee,
						name,
						slack,
						stretch[0][0],
						stretch[-1][0],
						[(d, m[0]) for d, m in stretch if m[0] != 0],
						[types[x] for x in all_types],
						all(m[2] for _, m in stretch),
					)
				)
	for entries in by_day:
		entries.sort(key=lambda e: (e[1].lower(), e[1], e[0]))
	runs.sort(key=lambda r: (r[3], r[1].lower(), r[1], r[0]))
	return list(zip(days, by_day, strict=True)), runs


def ref_pack(groups, max_sections):
	sections, written = [], 0
	total = sum(len(items) for _, _, items in groups)
	for heading, separator, items in groups:
		if len(sections) >= max_sections:
			break
		buf, full = heading, False
		for n, whole in enumerate(items):
			item = _truncate(whole, LINE_CHARS)
			sep = "" if not buf else "\n" if n == 0 else separator
			if len(buf) + len(sep) + len(item) > SECTION_TEXT:
				if len(sections) + 2 > max_sections:
					full = True
					break
				sections.append(buf)
				buf = f"{heading} (continued)\n" if heading else ""
			else:
				buf += sep
			buf += item
			written += 1
		if buf:
			sections.append(buf)
		if full:
			break
	return sections, total - written


def ref_details(text: str, details: list[str]) -> str:
	return f"{text} ({', '.join(details)})" if details else text


def ref_escape_cut(text: str, limit: int) -> str:
	"""Escaped, then cut to `limit` characters without cutting an entity in half."""
	escaped = _escape(text)
	if len(escaped) <= limit:
		return escaped
	out, used = [], 0
	for c in text:
		piece = _escape(c)
		if used + len(piece) > limit - 1:
			break
		out.append(piece)
		used += len(piece)
	return "".join(out) + "…"


def ref_types(types: list[str]) -> list[str]:
	return [ref_escape_cut(t, TYPE_CHARS) for t in types[:TYPES_SHOWN]]


def ref_extra_groups(today, holidays, celebrations, mention):
	groups = []
	if holidays:
		items = [f"• {_display(d)}: {_escape(text)}" if text else f"• {_display(d)}" for d, text in holidays]
		groups.append((":beach_with_umbrella: *Public holidays ahead*", "\n", items))

	def when(c):
		return [] if c["date"] == today else [_display(c["date"])]

	def who(c):
		return _who(c["employee_name"], c["slack_user_id"] if mention else None)

	birthdays = [ref_details(f"• {who(c)}", when(c)) for c in celebrations if c["kind"] == "birthday"]
	if birthdays:
		groups.append((":birthday: *Happy birthday*", "\n", birthdays))
	anniversaries = [
		ref_details(f"• {who(c)}: {'1 year' if c['years'] == 1 else str(c['years']) + ' years'}", when(c))
		for c in celebrations
		if c["kind"] == "anniversary"
	]
	if anniversaries:
		groups.append((":tada: *Work anniversaries*", "\n", anniversaries))
	return groups


def ref_header(text: str) -> dict:
	return {
		"type": "header",
		"text": {"type": "plain_text", "text": _truncate(text, HEADER_TEXT), "emoji": True},
	}


def ref_build_digest(rows, rule, today, days, holidays, celebrations) -> list[dict]:
	scope = set(rule["employees"]) if rule["employees"] is not None else None
	mention = rule["mention"]
	extra = ref_extra_groups(today, holidays, celebrations, mention)
	if rule["horizon"] == "today":
		selected = [
			r if mention else {**r, "slack_user_id": None}
			for r in rows
			if (rule["include_open"] or r["status"] == "Approved")
			and (scope is None or r["employee"] in scope)
		]
		messages = reference_summary(selected, today.isoformat(), rule["title"])
		if not extra:
			return messages
		sections, _ = ref_pack(extra, sys.maxsize)
		blocks = messages.pop()["blocks"]
		for text in sections:
			if len(blocks) >= BLOCKS_PER_MESSAGE:
				messages.append(_message(blocks))
				blocks = []
			blocks.append(_section(text))
		messages.append(_message(blocks))
		return messages

	by_day, runs = ref_look_ahead(rows, scope, rule["include_open"], days)
	body = []
	if not days:
		body.append(("", "\n", ["There is no working day in that period."]))
	elif not runs and all(not entries for _, entries in by_day):
		body.append(("", "\n", ["Nobody is out."]))
	for day, entries in by_day:
		if not entries:
			continue
		items = []
		for _employee, name, slack, kind, types, is_open in entries:
			details = [KIND_WORDS[kind]]
			if not rule["hide_types"]:
				details += ref_types(types)
			if is_open:
				details.append("awaiting approval")
			items.append(ref_details(_who(name, slack if mention else None), details))
		body.append((f"*{_display(day)}*", ", ", items))
	if runs:
		items = []
		for _employee, name, slack, start, end, halves, types, is_open in runs:
			details = [] if rule["hide_types"] else ref_types(types)
			details += [f"{KIND_WORDS[kind]} on {_display(d)}" for d, kind in halves]
			if is_open:
				details.append("awaiting approval")
			who = _who(name, slack if mention else None)
			items.append(ref_details(f"• {who}: {_display(start)} to {_display(end)}", details))
		body.append(("*Out for several days*", "\n", items))
	extra_sections, _ = ref_pack(extra, sys.maxsize)
	room = max(MAX_MESSAGES * BLOCKS_PER_MESSAGE - (2 + len(extra_sections)), 1)
	sections, cut = ref_pack(body, room)

	week = ref_week(rule["horizon"], today)
	if week:
		period = f"{_display(week[0])} to {_display(week[1])}"
		which = "this week" if rule["horizon"] == "this_week" else "next week"
		default = f"Who is out {which}, {period}"
	else:
		period = _display(min(days) if days else today + datetime.timedelta(days=1))
		default = f"Who is out on {period}"
	title = f"{rule['title'].strip()} for {period}" if rule["title"].strip() else default
	blocks = [ref_header(f":calendar: {title}")]
	blocks += [_section(s) for s in sections]
	if cut:
		blocks.append(_section(f"_and {cut} more_"))
	blocks += [_section(s) for s in extra_sections]
	return [_message(blocks[i : i + BLOCKS_PER_MESSAGE]) for i in range(0, len(blocks), BLOCKS_PER_MESSAGE)]


def reference_tick(people, rows, holidays, rules) -> list[list[dict]]:
	today = datetime.date.fromisoformat(TODAY)
	parsed = [{**r, "_from": _as_date(r["from_date"]), "_to": _as_date(r["to_date"])} for r in rows]
	due = ref_celebrations_due(people, today, today)
	off = {_as_date(h["date"]) for h in holidays}
	posts = []
	for rule in rules:
		scope = rule["employees"]
		in_scope = set(scope) if scope is not None and rule["celebrations"] else None
		days = ref_digest_days(rule["horizon"], today, off)
		posts.append(
			ref_build_digest(
				parsed,
				rule,
				today,
				days,
				ref_holidays_to_announce(rule["horizon"], today, holidays) if rule["holidays"] else [],
				[c for c in due if in_scope is None or c["employee"] in in_scope]
				if rule["celebrations"]
				else [],
			)
		)
	return posts


# --- the benchmark ---------------------------------------------------------------------------


def bodies_rust(company) -> list[list[bytes]]:
	return [[benchlib.wire_bytes(m) for m in post] for post in rust_tick(*company)]


def bodies_reference(company) -> list[list[bytes]]:
	return [[benchlib.reference_bytes(m) for m in post] for post in reference_tick(*company)]


def peak(fn) -> int:
	"""Peak bytes of Python memory `fn()` allocates (tracemalloc; the core's own Rust allocations
	are not Python's and are freed when the call returns)."""
	tracemalloc.start()
	try:
		fn()
		return tracemalloc.get_traced_memory()[1]
	finally:
		tracemalloc.stop()


def main() -> int:
	company = make_company()
	rust, ref = bodies_rust(company), bodies_reference(company)
	for r, (a, b) in enumerate(zip(rust, ref, strict=True)):
		benchlib.check_identical(f"digest rule {r} ({company[3][r]['horizon']})", a, b)
	messages = sum(len(p) for p in rust)
	print(f"check: reference == core for all {RULES} rules ({messages} messages, byte-identical bodies)")

	best = benchlib.interleaved(
		{"rust": lambda: rust_tick(*company), "python": lambda: reference_tick(*company)}, rounds=5
	)
	benchlib.builder_result(
		"digest_tick",
		f"digest tick: {RULES} rules, {EMPLOYEES:,} employees, {LEAVES:,} leaves",
		best["rust"],
		best["python"],
		GOAL,
	)
	rust_peak, ref_peak = peak(lambda: rust_tick(*company)), peak(lambda: reference_tick(*company))
	print(f"peak Python memory per tick: rust {rust_peak / 1e6:.2f} MB, plain Python {ref_peak / 1e6:.2f} MB")
	bounded = rust_peak <= MEMORY_BOUND
	benchlib.result(
		"digest_tick_memory",
		what=f"digest tick peak Python memory ({EMPLOYEES:,} employees)",
		rust=f"{rust_peak / 1e6:.2f} MB",
		ref=f"{ref_peak / 1e6:.2f} MB",
		ratio=f"{ref_peak / max(rust_peak, 1):.2f}",
		goal=f"≤ {MEMORY_BOUND // (1024 * 1024)} MB",
		met="yes" if bounded else "no",
	)
	if not bounded:
		print(f"MEMORY over the bound: {rust_peak} bytes > {MEMORY_BOUND}", file=sys.stderr)
		return 1
	return 0


if __name__ == "__main__":
	sys.exit(main())
