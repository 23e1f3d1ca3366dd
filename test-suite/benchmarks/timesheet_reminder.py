"""The missed-hours reminder for many employees: queries (a fixed number, whatever the size), time,
and the DMs' build, Rust core vs plain Python, in one run.

    python test-suite/benchmarks/timesheet_reminder.py [employees]     # default 5000

Run from the repository root. The site is the Frappe test double (test-suite/doubles) with the Slack
mock, as in the pytest suite. The office: `employees` Active employees with Slack accounts, on
the company's Holiday List, in two departments; of the previous working day, a quarter logged the
norm (8 h), a quarter 3 h, a twentieth were on approved leave, a twentieth on a half day, the
rest logged nothing; a few have Left.

1. **Queries**: `flows/timesheet/reminders.plan` (who gets what, DMs built, nothing sent) at `employees`
   and at a fifth of it. Every call into the double's database (`frappe.db.*` reads and writes,
   `frappe.get_all` / `get_list`) is counted, outermost calls only; the two counts must be equal
   (no query per employee) or the script stops.
2. **Time**: `plan` at both sizes, and the whole `send_reminders` (plan + one chat.postMessage
   per DM to the mock over HTTP) at `employees`.
3. **Build**: the same DMs built by `core.build_timesheet_reminders` (Python → Rust → the JSON
   text of each message) and by `reference_reminders` below, a plain-Python builder of the same
   JSON text (`json.dumps`). Checked byte for byte before timing.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
import timeit

SUITE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(SUITE)
sys.path.insert(0, ROOT)
sys.path.insert(0, SUITE)
sys.path.insert(0, os.path.join(SUITE, "doubles"))

import frappe  # noqa: E402  — the double, from test-suite/doubles
import frappe.database.query as double_query  # noqa: E402
import frappe.model.meta  # noqa: E402
from frappe.database import Database  # noqa: E402
from frappe_test_site import reset_site  # noqa: E402

from frappe_slack_connector import core  # noqa: E402
from frappe_slack_connector.erp import settings as erp_settings  # noqa: E402
from frappe_slack_connector.flows import words  # noqa: E402
from frappe_slack_connector.flows.timesheet import reminders as timesheet_jobs  # noqa: E402
from frappe_slack_connector.tests.support.slack_mock import SlackMock  # noqa: E402
from harness.app_fixtures import App  # noqa: E402

TODAY = "2026-12-02"  # Wednesday: the reminder is about Tuesday
DAY = "2026-12-01"

# --- counting queries ---------------------------------------------------------------------------

DB_METHODS = (
	"sql",
	"get_value",
	"get_values",
	"get_single_value",
	"get_singles_dict",
	"exists",
	"count",
	"set_value",
	"set_single_value",
	"delete",
)


class QueryCounter:
	"""Counts the outermost calls into the double's database while `on`."""

	def __init__(self):
		self.count = 0
		self.depth = 0
		self.on = False

	def wrap(self, fn):
		@functools.wraps(fn)
		def counted(*args, **kwargs):
			if self.on and self.depth == 0:
				self.count += 1
			self.depth += 1
			try:
				return fn(*args, **kwargs)
			finally:
				self.depth -= 1

		return counted

	def install(self):
		for name in DB_METHODS:
			setattr(Database, name, self.wrap(getattr(Database, name)))
		double_query.get_list = self.wrap(double_query.get_list)

	def measure(self, fn):
		self.count, self.on = 0, True
		try:
			result = fn()
		finally:
			self.on = False
		return result, self.count


COUNTER = QueryCounter()
COUNTER.install()

# Real Frappe serves Meta from a cache; the double builds (deep-copies) it on every call, which
# made the double's own cost quadratic here. Cached for the run (no DocType changes in it).
_METAS: dict = {}
_build_meta = frappe.model.meta.get_meta


def _cached_meta(doctype):
	meta = _METAS.get(doctype)
	if meta is None:
		meta = _METAS[doctype] = _build_meta(doctype)
	return meta


frappe.model.meta.get_meta = _cached_meta


# --- the office ---------------------------------------------------------------------------------


def as_admin(fn):
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		return fn()
	finally:
		frappe.set_user(previous)


def build_office(mock: SlackMock, employees: int) -> App:
	site = reset_site()
	_METAS.clear()
	site.set_conf(slack_api_url=mock.url)
	app = App(site=site, slack=mock)
	app.configure(
		bot_user_oauth_token=mock.bot_token, remind_to_log_time=1, timesheet_reminder_time="10:00:00"
	)
	site.freeze_time(f"{TODAY} 10:30:00")
	site.make_holiday_list("HL 2026", "2026-01-01", "2026-12-31", holidays=["2026-12-25"])
	site.make_company("Test Co", default_holiday_list="HL 2026")
	site.make_department("Engineering")
	site.make_department("Sales")
	departments = frappe.get_all("Department", pluck="name", order_by="name asc")

	def setup():
		# Setup only: each Timesheet would otherwise scan every other one for overlaps.
		frappe.db.set_single_value("Projects Settings", "ignore_employee_time_overlap", 1)
		frappe.db.set_single_value("Projects Settings", "ignore_user_time_overlap", 1)
		project = frappe.get_doc(
			{"doctype": "Project", "project_name": "Apollo", "company": "Test Co"}
		).insert()
		frappe.get_doc({"doctype": "Activity Type", "activity_type": "Development"}).insert()
		site.make_leave_type("Casual Leave")
		for i in range(employees):
			email = f"e{i:05d}@example.com"
			status = "Left" if i % 100 == 99 else "Active"
			emp = site.make_employee(
				email,
				first_name=f"Person{i}",
				last_name="Test",
				status=status,
				department=departments[i % 2],
				**({"relieving_date": "2026-11-30"} if status == "Left" else {}),
			)
			slack_id = f"U{i:09d}"
			mock.add_user(id=slack_id, email=email, real_name=f"Person{i} Test")
			frappe.get_doc({"doctype": "Slack User Meta", "user": email, "slack_user_id": slack_id}).insert()
			kind = i % 20
			hours = 8 if kind < 5 else 3 if kind < 10 else 0
			if kind == 10:  # approved leave
				leave(emp.name)
			elif kind == 11:  # half day, 2 h logged
				leave(emp.name, half_day=1, half_day_date=DAY)
				hours = 2
			if hours:
				frappe.get_doc(
					{
						"doctype": "Timesheet",
						"employee": emp.name,
						"company": "Test Co",
						"time_logs": [
							{
								"activity_type": "Development",
								"from_time": f"{DAY} 09:00:00",
								"hours": hours,
								"project": project.name,
							}
						],
					}
				).insert()
		frappe.db.set_single_value("Projects Settings", "ignore_employee_time_overlap", 0)
		frappe.db.set_single_value("Projects Settings", "ignore_user_time_overlap", 0)
		frappe.db.commit()

	as_admin(setup)
	return app


def leave(employee, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Leave Allocation",
			"employee": employee,
			"leave_type": "Casual Leave",
			"from_date": "2026-01-01",
			"to_date": "2026-12-31",
			"new_leaves_allocated": 10,
			"docstatus": 1,
		}
	).insert()
	doc = frappe.get_doc(
		{
			"doctype": "Leave Application",
			"employee": employee,
			"leave_type": "Casual Leave",
			"from_date": DAY,
			"to_date": DAY,
			"posting_date": "2026-11-20",
			"status": "Approved",
			**fields,
		}
	).insert()
	doc.submit()


def run_plan():
	today = frappe.utils.getdate(TODAY)
	return as_admin(lambda: timesheet_jobs.plan(today, erp_settings.timesheet_reminder_settings()))


# --- the plain-Python reference build -----------------------------------------------------------

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NAME_CHARS = 1000


def _escape(text: str) -> str:
	return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _hours(value: float) -> str:
	centi = round(value * 100)
	whole, frac = divmod(centi, 100)
	if frac == 0:
		return str(whole)
	return f"{whole}.{frac // 10}" if frac % 10 == 0 else f"{whole}.{frac:02d}"


def _date(iso: str) -> str:
	import datetime  # noqa: PLC0415 - the reference's own imports stay with it

	d = datetime.date.fromisoformat(iso)
	return f"{MONTHS[d.month - 1]} {d.day:02}, {d.year} ({WEEKDAYS[d.weekday()]})"


def reference_reminders(rows: list[dict], w: dict, *, mention: bool) -> list[str]:
	"""The same messages (JSON text, byte for byte) as `core.build_timesheet_reminders` for
	well-formed rows (English date format; Slack ids as the app stores them)."""
	out = []
	for r in rows:
		slack_id = r["slack_user_id"] if mention else None
		if slack_id:
			who = f"<@{slack_id}>"
		else:
			name = _escape(r["employee_name"])
			who = f"*{name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + '…'}*"
		unit = w["hours_value"]
		text = w["reminder"].format(
			who,
			f"*{_escape(unit.format(_hours(r['logged'])))}*",
			f"*{_escape(unit.format(_hours(r['expected'])))}*",
			_escape(_date(r["date"])),
		)
		if r["half_day"]:
			text += "\n" + _escape(w["reminder_half_day"])
		header = w["reminder_header"]
		# Keys in the order the core writes them (slack-morphism's field order, `type` first);
		# the JSON text is what goes to Slack.
		message = {
			"text": f"{header}\n{text}",
			"blocks": [
				{"type": "header", "text": {"type": "plain_text", "text": header}},
				{"type": "section", "text": {"type": "mrkdwn", "text": text}},
				{
					"type": "actions",
					"block_id": "ts_reminder_actions",
					"elements": [
						{
							"type": "button",
							"action_id": "ts_log_time",
							"text": {"type": "plain_text", "text": w["log_time"]},
							"value": r["date"],
							"style": "primary",
						}
					],
				},
			],
		}
		out.append(json.dumps(message, ensure_ascii=False, separators=(",", ":")))
	return out


# --- the run ------------------------------------------------------------------------------------


def main(employees: int, *, build_only: bool = False) -> None:
	if build_only:
		build(employees)
		return
	mock = SlackMock().start()
	try:
		small = max(employees // 5, 100)
		results = {}
		for size in (small, employees):
			started = time.perf_counter()
			build_office(mock, size)
			setup_s = time.perf_counter() - started
			run_plan()  # warm: Meta, imports
			started = time.perf_counter()
			planned, queries = COUNTER.measure(run_plan)
			plan_s = time.perf_counter() - started
			results[size] = (queries, plan_s, len(planned["to_send"]), len(planned["skipped"]))
			print(
				f"{size:>6} employees: plan {plan_s * 1000:8.1f} ms, {queries} queries, "
				f"{len(planned['to_send'])} DMs, {len(planned['skipped'])} skipped (setup {setup_s:.0f} s)"
			)
		if results[small][0] != results[employees][0]:
			sys.exit(f"query count grows with size: {results[small][0]} vs {results[employees][0]}")
		print(f"queries fixed: {results[employees][0]} at both sizes")

		# The whole send at `employees` (the office of the last loop), Slack = the mock over HTTP.
		mock.reset_calls()
		today = frappe.utils.getdate(TODAY)
		started = time.perf_counter()
		sent, queries = COUNTER.measure(
			lambda: as_admin(
				lambda: timesheet_jobs.send_reminders(today, erp_settings.timesheet_reminder_settings())
			)
		)
		send_s = time.perf_counter() - started
		posted = len(mock.calls_to("chat.postMessage"))
		assert sent["dms"] == posted == results[employees][2], (sent, posted)
		print(
			f"send_reminders, {employees} employees: {send_s:.2f} s for {posted} DMs "
			f"({send_s / posted * 1000:.2f} ms per DM), {queries} queries"
		)

	finally:
		mock.stop()
	build(employees)


def build(employees: int) -> None:
	"""The build alone: Python → Rust → Python vs plain Python, the same rows and words."""
	rows = [
		{
			"employee_name": f"Person {i} <Test> & co",
			"slack_user_id": f"U{i:09d}" if i % 3 else None,
			"date": DAY,
			"logged": (i % 9) * 0.75,
			"expected": 4.0 if i % 17 == 0 else 8.0,
			"half_day": i % 17 == 0,
		}
		for i in range(employees)
	]
	w = words.timesheet("en")
	rust = core.build_timesheet_reminders(rows, words=w, mention=True)
	python = reference_reminders(rows, w, mention=True)
	if rust != python:
		first = next(i for i, (a, b) in enumerate(zip(rust, python, strict=True)) if a != b)
		sys.exit(f"the builds differ at row {first}:\n{rust[first]}\n{python[first]}")
	n = 5
	rust_s = min(
		timeit.repeat(lambda: core.build_timesheet_reminders(rows, words=w, mention=True), number=1, repeat=n)
	)
	python_s = min(timeit.repeat(lambda: reference_reminders(rows, w, mention=True), number=1, repeat=n))
	print(
		f"build {employees} DMs: Python → Rust → JSON text {rust_s * 1000:.1f} ms, plain Python + json.dumps "
		f"{python_s * 1000:.1f} ms ({python_s / rust_s:.2f}x; best of {n})"
	)


if __name__ == "__main__":
	args = [a for a in sys.argv[1:] if not a.startswith("--")]
	main(int(args[0]) if args else 5000, build_only="--build-only" in sys.argv)
