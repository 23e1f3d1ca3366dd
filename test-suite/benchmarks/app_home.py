"""The Home tab of a leave approver and of an employee: `app_home_opened` → the published view,
Rust core vs a plain-Python build of the same view, and the number of reads, at two sizes.

    python test-suite/benchmarks/app_home.py [--quick]   # 500 pending applications, 20 leave types (and 50)

Run from the repository root. The site is the Frappe test double (test-suite/doubles, on sys.path as
test-suite/suite_plugin.py puts it), filled with an approver (an Active Employee, 20 leave types
allocated) and N Open applications waiting for her, from N employees of her department (every
sixth a half day, spread over 20 days from tomorrow); the first of them also has an approved leave
to come and a rejected one.

- reads: calls into the double's store (`Database._select`, `_get_row`, `_singles`; each a
  SELECT on a real site) made by `erp/home.home_input` — at both sizes: the count must not grow
  with the number of applications (hrms's balance functions cost a few per leave type held);
- build: `core.build_home_view(spec, words=…)` on what `erp/home.home_input` read, to the bytes
  of the view on the wire (`benchlib.wire_bytes`), against `python_home_view` below, a
  straightforward Python build of the same view: the approver's tab (balances, Who is out,
  Waiting for you) and the first employee's (My leave with Withdraw / Ask to cancel, Recently
  decided, Who is out). Checked byte-identical before timing; timed in turns;
- job: `flows/home/jobs.view_for(user)` (the reads, the words and the Rust build: the job's work
  without the Slack call), for scale.
"""

from __future__ import annotations

import datetime
import os
import sys
import timeit

SUITE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(SUITE)
sys.path.insert(0, ROOT)
sys.path.insert(0, SUITE)
sys.path.insert(0, os.path.join(SUITE, "doubles"))

import benchlib  # noqa: E402  — this directory
import frappe  # noqa: E402  — the double, from test-suite/doubles
from frappe_test_site import reset_site  # noqa: E402
from reference_blocks import (  # noqa: E402
	NAME_CHARS,
	actions,
	button,
	date_text,
	esc,
	esc_cut,
	header,
	link,
	md,
	person,
	plain,
	section,
)

from frappe_slack_connector import core  # noqa: E402
from frappe_slack_connector.erp import home as erp_home  # noqa: E402
from frappe_slack_connector.flows import words as app_words  # noqa: E402
from frappe_slack_connector.flows.home import jobs as home_jobs  # noqa: E402

APPROVER = "boss@example.com"
EMPLOYEE = "p0@example.com"
TODAY = "2026-12-01"
SIZES = benchlib.size((50, 500), (3, 6))
LEAVE_TYPES = benchlib.size(20, 3)
DEPARTMENT = "Engineering"

benchlib.META_CACHE.install()


def make_site(pending: int):
	site = reset_site()
	benchlib.META_CACHE.clear()
	site.freeze_time(f"{TODAY} 10:00:00")
	frappe.set_user("Administrator")
	site.make_holiday_list("HL 2026", "2026-01-01", "2026-12-31")
	site.make_company("Test Co", default_holiday_list="HL 2026")
	department = site.make_department(DEPARTMENT).name
	boss = site.make_employee(APPROVER, first_name="Bea", last_name="Boss", department=department)
	frappe.get_doc("User", APPROVER).add_roles("Leave Approver")
	for t in range(LEAVE_TYPES):
		site.make_allocation(
			boss.name, f"Leave Type {t:02d}", "2026-01-01", "2026-12-31", new_leaves_allocated=10 + t
		)
	for i in range(pending):
		emp = site.make_employee(
			f"p{i}@example.com",
			first_name=f"Person{i}",
			last_name="X",
			leave_approver=APPROVER,
			department=department,
		)
		site.make_allocation(emp.name, "Leave Type 00", "2026-01-01", "2026-12-31")
		day = str(datetime.date(2026, 12, 2) + datetime.timedelta(days=i % 20))
		apply_leave(emp.name, day, half_day=i % 6 == 5)
		if i == 0:
			# The employee tab's own leave besides the Open one: an approved one to come (Ask to
			# cancel) and a rejected one (Recently decided).
			apply_leave(emp.name, "2026-12-28", status="Approved")
			apply_leave(emp.name, "2026-12-29", status="Rejected")
	frappe.db.commit()
	frappe.flags.in_test = True
	return site


def apply_leave(employee: str, day: str, *, half_day: bool = False, status: str = "Open") -> None:
	doc = frappe.get_doc(
		{
			"doctype": "Leave Application",
			"employee": employee,
			"leave_type": "Leave Type 00",
			"from_date": day,
			"to_date": day,
			"half_day": int(half_day),
			"half_day_date": day if half_day else None,
			"leave_approver": APPROVER,
			"posting_date": TODAY,
			"status": status,
		}
	).insert(ignore_permissions=True)
	if status != "Open":
		doc.submit()


def count_reads(fn) -> int:
	db = frappe.db
	count = [0]
	originals = {}
	for method in ("_select", "_get_row", "_singles"):
		originals[method] = getattr(db, method)

		def counted(*args, _original=originals[method], **kwargs):
			count[0] += 1
			return _original(*args, **kwargs)

		setattr(db, method, counted)
	try:
		fn()
	finally:
		for method, original in originals.items():
			setattr(db, method, original)
	return count[0]


# --- the same view in plain Python (benchmark only: the app builds Slack JSON in Rust) -----------

MAX_BALANCES, MAX_MY_LEAVE, MAX_RECENT, MAX_OUT, MAX_WAITING, MAX_BLOCKS = 20, 20, 5, 30, 40, 100
STATUSES = ("Open", "Approved", "Rejected", "Cancelled")
OFFERS = {"withdraw": ("withdraw", "leave_withdraw"), "ask_to_cancel": ("ask_to_cancel", "leave_ask_cancel")}


def dates(a: str, b: str, w: dict) -> str:
	first = esc(date_text(a, w["dates"]))
	return first if a == b else f"{first} → {esc(date_text(b, w['dates']))}"


def days(n: float) -> str:
	return f"{n:.0f}" if float(n).is_integer() else f"{round(n * 100) / 100}"


def more_text(hidden: int, url: str | None, w: dict) -> str:
	return link(url, plain(w["more_in_desk"], str(hidden)))


def half(flag: bool, w: dict) -> str:
	return f" ({md(w['half_day'])})" if flag else ""


def leave_line(item: dict, w: dict) -> str:
	status = item["status"]
	shown = md(w["statuses"][status.lower()]) if status in STATUSES else esc_cut(status, NAME_CHARS)
	line = (
		f"{link(item.get('form_url'), item['leave_application'])} · {esc_cut(item['leave_type'], NAME_CHARS)} · "
		f"{dates(item['from_date'], item['to_date'], w)}{half(item.get('half_day'), w)} · *{shown}*"
	)
	approver = (item.get("approver_name") or "").strip()
	if approver:
		line += " · " + md(w["with_approver"], f"*{esc_cut(approver, NAME_CHARS)}*")
	return line


def python_home_view(spec: dict, w: dict) -> dict:
	"""`core.build_home_view` for an employee (and an approver: `waiting`), for ordinary input."""
	desk = spec.get("desk_url")
	blocks = [
		header(plain(w["title"])),
		actions(
			"home_actions_block", [button(plain(w["apply_leave"]), "home_apply_leave", "apply", "primary")]
		),
		header(plain(w["balances_header"])),
	]
	bal = spec.get("balances") or []
	if not bal:
		blocks.append(section(md(w["no_balances"])))
	else:
		lines = []
		for b in bal[:MAX_BALANCES]:
			left = b.get("days_left")
			word = (
				md(w["day_left" if left == 1 else "days_left"], days(left))
				if left is not None
				else md(w["no_balance"])
			)
			lines.append(f"• *{esc_cut(b['leave_type'], NAME_CHARS)}*: {word}")
		if len(bal) > MAX_BALANCES:
			lines.append(more_text(len(bal) - MAX_BALANCES, desk, w))
		blocks.append(section("\n".join(lines)))
	blocks.append(header(plain(w["my_leave_header"])))
	mine = spec.get("my_leave") or []
	if not mine:
		blocks.append(section(md(w["nothing_upcoming"])))
	for item in mine[:MAX_MY_LEAVE]:
		block = section(leave_line(item, w))
		if item.get("offer"):
			word, action_id = OFFERS[item["offer"]]
			block["accessory"] = button(plain(w[word]), action_id, item["leave_application"])
		blocks.append(block)
	if len(mine) > MAX_MY_LEAVE:
		blocks.append(section(more_text(len(mine) - MAX_MY_LEAVE, desk, w)))
	recent = spec.get("recent") or []
	if recent:
		blocks.append(header(plain(w["recent_header"])))
		blocks.append(section("\n".join(leave_line(item, w) for item in recent[:MAX_RECENT])))
	blocks.append(header(plain(w["out_header"])))
	blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": md(w["out_intro"])}]})
	out = spec.get("out") or []
	if not out:
		blocks.append(section(md(w["nobody_out"])))
	else:
		lines = [
			f"• {person(o.get('slack_id'), o['employee_name'])} · {dates(o['from_date'], o['to_date'], w)}"
			f"{half(o.get('half_day'), w)}"
			for o in out[:MAX_OUT]
		]
		shown = min(len(out), MAX_OUT)
		total = max(spec.get("out_total") or 0, len(out))
		if total > shown:
			lines.append(more_text(total - shown, desk, w))
		blocks.append(section("\n".join(lines)))
	waiting = spec.get("waiting")
	if waiting is not None:
		blocks.append(header(plain(w["waiting_header"])))
		if not waiting:
			blocks.append(section(md(w["nothing_waiting"])))
		room = (MAX_BLOCKS - (len(blocks) + 1)) // 2
		shown = min(len(waiting), MAX_WAITING, room)
		for i, item in enumerate(waiting[:shown]):
			line = (
				f"{link(item['form_url'], item['leave_application'])} · "
				f"{person(item.get('requester_slack_id'), item['requester_name'])} · "
				f"{esc_cut(item['leave_type'], NAME_CHARS)} · {dates(item['from_date'], item['to_date'], w)}"
			)
			if item.get("total_days") is not None:
				t = item["total_days"]
				line += " · " + md(w["total_day" if t == 1 else "total_days"], days(t))
			blocks.append(section(line))
			name = item["leave_application"]
			blocks.append(
				actions(
					f"home_waiting_{i}",
					[
						button(plain(w["approve"]), "leave_approve", name, "primary"),
						button(plain(w["reject"]), "leave_reject", name, "danger"),
					],
				)
			)
		total = max(spec.get("waiting_total") or 0, len(waiting))
		if total > shown:
			blocks.append(section(more_text(total - shown, spec.get("waiting_url") or desk, w)))
	return {"type": "home", "blocks": blocks}


def main() -> int:
	words = app_words.home("en")
	reads = {}
	for n in SIZES:
		make_site(n)
		spec = {}

		def read(spec=spec):
			spec.update(erp_home.home_input(APPROVER))

		reads[n] = count_reads(read)
		assert spec["waiting_total"] == n, spec.get("waiting_total")
		employee = erp_home.home_input(EMPLOYEE)
		assert employee["my_leave"] and employee["recent"] and employee["out"], employee
		for tab, tab_spec in (("approver", spec), ("employee", employee)):
			benchlib.check_identical(
				f"{tab} tab, {n} pending", rust_view(tab_spec, words), python_view(tab_spec, words)
			)
		for tab, tab_spec, what in (
			("approver", spec, f"Home tab of an approver: {n} pending, {LEAVE_TYPES} leave types"),
			(
				"employee",
				employee,
				f"Home tab of an employee: own leave, {employee['out_total']} colleagues out",
			),
		):
			best = benchlib.interleaved(
				{
					"rust": lambda s=tab_spec: rust_view(s, words),
					"python": lambda s=tab_spec: python_view(s, words),
				}
			)
			benchlib.builder_result(f"home_{tab}_{n}", what, best["rust"], best["python"], 2)
		t_words = benchlib.per_call(lambda: app_words.home("en"))
		# The double's reads are slow (it deep-copies rows): best of 3 single calls.
		t_job = min(timeit.repeat(lambda: home_jobs.view_for(APPROVER), number=1, repeat=3))
		print(
			f"pending {n:>4}: reads {reads[n]:>3} | words {t_words * 1e6:7.1f} µs | "
			f"job (reads + words + build) {t_job * 1e3:7.2f} ms"
		)
	if len(set(reads.values())) != 1:
		print(f"reads grow with the number of applications: {reads}", file=sys.stderr)
		return 1
	print(f"reads: the same at {', '.join(map(str, SIZES))} pending applications ({reads[SIZES[0]]})")
	benchlib.result(
		"home_reads",
		what=f"Home tab of an approver: reads at {' and '.join(map(str, SIZES))} pending applications",
		rust=f"{reads[SIZES[0]]} reads at both sizes; job (reads + words + build) {t_job * 1e3:.1f} ms on the double",
		goal="fixed (no read per application)",
		met="yes",
	)
	return 0


def rust_view(spec: dict, words: dict) -> bytes:
	return benchlib.wire_bytes(core.build_home_view(spec, words=words))


def python_view(spec: dict, words: dict) -> bytes:
	return benchlib.reference_bytes(python_home_view(spec, words))


if __name__ == "__main__":
	raise SystemExit(main())
