"""The Home tab of a leave approver: `app_home_opened` → the published view, Rust core vs a
plain-Python build of the same view, and the number of reads, at two sizes.

    python test-suite/benchmarks/app_home.py            # 500 pending applications, 20 leave types (and 50)

Run from the repository root. The site is the Frappe test double (test-suite/doubles, on sys.path as
test-suite/suite_plugin.py puts it), filled with an approver (an Active Employee, 20 leave types
allocated) and N Open applications waiting for her, from N employees.

- reads: calls into the double's store (`Database._select`, `_get_row`, `_singles`; each a
  SELECT on a real site) made by `erp/home.home_input` — at both sizes: the count must not grow
  with the number of applications (hrms's balance functions cost a few per leave type held);
- build: `core.build_home_view(spec, words=…)`, Python dict in → Rust → the view's JSON text out,
  against `python_home_text` below, a straightforward Python build of the same view serialised
  with `json.dumps`, checked byte for byte before timing;
- job: `flows/home/jobs.view_for(user)` (the reads, the words and the Rust build: the job's work
  without the Slack call), for scale.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import timeit

SUITE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(SUITE)
sys.path.insert(0, ROOT)
sys.path.insert(0, SUITE)
sys.path.insert(0, os.path.join(SUITE, "doubles"))

import frappe  # noqa: E402  — the double, from test-suite/doubles
from frappe_test_site import reset_site  # noqa: E402

from frappe_slack_connector import core  # noqa: E402
from frappe_slack_connector.erp import home as erp_home  # noqa: E402
from frappe_slack_connector.flows import words as app_words  # noqa: E402
from frappe_slack_connector.flows.home import jobs as home_jobs  # noqa: E402

APPROVER = "boss@example.com"
TODAY = "2026-12-01"
SIZES = (50, 500)
LEAVE_TYPES = 20


def per_call(fn, budget: float = 0.5) -> float:
	"""Best-of-5 seconds per call, auto-ranged to roughly `budget` seconds per repeat."""
	timer = timeit.Timer(fn)
	number, _ = timer.autorange()
	number = max(1, int(number * budget / 0.2))
	return min(timer.repeat(repeat=5, number=number)) / number


def make_site(pending: int):
	site = reset_site()
	site.freeze_time(f"{TODAY} 10:00:00")
	frappe.set_user("Administrator")
	site.make_holiday_list("HL 2026", "2026-01-01", "2026-12-31")
	site.make_company("Test Co", default_holiday_list="HL 2026")
	boss = site.make_employee(APPROVER, first_name="Bea", last_name="Boss")
	frappe.get_doc("User", APPROVER).add_roles("Leave Approver")
	for t in range(LEAVE_TYPES):
		site.make_allocation(
			boss.name, f"Leave Type {t:02d}", "2026-01-01", "2026-12-31", new_leaves_allocated=10 + t
		)
	for i in range(pending):
		emp = site.make_employee(
			f"p{i}@example.com", first_name=f"Person{i}", last_name="X", leave_approver=APPROVER
		)
		site.make_allocation(emp.name, "Leave Type 00", "2026-01-01", "2026-12-31")
		day = datetime.date(2026, 12, 7) + datetime.timedelta(days=i % 20)
		frappe.get_doc(
			{
				"doctype": "Leave Application",
				"employee": emp.name,
				"leave_type": "Leave Type 00",
				"from_date": str(day),
				"to_date": str(day),
				"leave_approver": APPROVER,
				"posting_date": TODAY,
			}
		).insert(ignore_permissions=True)
	frappe.db.commit()
	frappe.flags.in_test = True
	return site


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


def esc(text: str) -> str:
	return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def date_text(iso: str, w: dict) -> str:
	d = datetime.date.fromisoformat(iso)
	return (
		w["dates"]["pattern"]
		.replace("{month}", w["dates"]["months"][d.month - 1])
		.replace("{day}", f"{d.day:02d}")
		.replace("{year}", f"{d.year:04d}")
		.replace("{weekday}", w["dates"]["weekdays"][d.weekday()])
	)


def dates(a: str, b: str, w: dict) -> str:
	return esc(date_text(a, w)) if a == b else f"{esc(date_text(a, w))} → {esc(date_text(b, w))}"


def link(url, label: str) -> str:
	return f"<{esc(url)}|{esc(label)}>" if url else f"*{esc(label)}*"


def days(n: float) -> str:
	return f"{n:.0f}" if float(n).is_integer() else f"{round(n * 100) / 100}"


# Keys in the order the core writes them (slack-morphism's field order, `type` first).
def section(text: str) -> dict:
	return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def header(text: str) -> dict:
	return {"type": "header", "text": {"type": "plain_text", "text": text}}


def button(label, action_id, value, style=None) -> dict:
	b = {
		"type": "button",
		"action_id": action_id,
		"text": {"type": "plain_text", "text": label},
		"value": value,
	}
	if style:
		b["style"] = style
	return b


def person(slack_id, name) -> str:
	return f"<@{slack_id}>" if slack_id else f"*{esc(name)}*"


def python_home_view(spec: dict, w: dict) -> dict:
	"""The employee tab of `core.build_home_view` for ordinary input (no truncation needed)."""
	blocks = [
		header(w["title"]),
		{
			"type": "actions",
			"block_id": "home_actions_block",
			"elements": [button(w["apply_leave"], "home_apply_leave", "apply", "primary")],
		},
		header(w["balances_header"]),
	]
	bal = spec.get("balances") or []
	if not bal:
		blocks.append(section(w["no_balances"]))
	else:
		lines = []
		for b in bal[:MAX_BALANCES]:
			left = b.get("days_left")
			word = (
				w["day_left" if left == 1 else "days_left"].replace("{0}", days(left))
				if left is not None
				else None
			)
			lines.append(f"• *{esc(b['leave_type'])}*: {esc(word if word else w['no_balance'])}")
		if len(bal) > MAX_BALANCES:
			lines.append(
				link(spec.get("desk_url"), w["more_in_desk"].replace("{0}", str(len(bal) - MAX_BALANCES)))
			)
		blocks.append(section("\n".join(lines)))
	blocks.append(header(w["my_leave_header"]))
	mine = spec.get("my_leave") or []
	if not mine:
		blocks.append(section(w["nothing_upcoming"]))
	blocks.append(header(w["out_header"]))
	blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": w["out_intro"]}]})
	blocks.append(section(w["nobody_out"]))
	waiting = spec.get("waiting")
	if waiting is not None:
		blocks.append(header(w["waiting_header"]))
		room = (MAX_BLOCKS - (len(blocks) + 1)) // 2
		shown = min(len(waiting), MAX_WAITING, room)
		for i, item in enumerate(waiting[:shown]):
			line = (
				f"{link(item['form_url'], item['leave_application'])} · "
				f"{person(item.get('requester_slack_id'), item['requester_name'])} · "
				f"{esc(item['leave_type'])} · {dates(item['from_date'], item['to_date'], w)}"
			)
			if item.get("total_days") is not None:
				t = item["total_days"]
				line += " · " + esc(w["total_day" if t == 1 else "total_days"].replace("{0}", days(t)))
			blocks.append(section(line))
			blocks.append(
				{
					"type": "actions",
					"block_id": f"home_waiting_{i}",
					"elements": [
						button(w["approve"], "leave_approve", item["leave_application"], "primary"),
						button(w["reject"], "leave_reject", item["leave_application"], "danger"),
					],
				}
			)
		total = max(spec.get("waiting_total") or 0, len(waiting))
		if total > shown:
			blocks.append(
				section(link(spec.get("waiting_url"), w["more_in_desk"].replace("{0}", str(total - shown))))
			)
	return {"type": "home", "blocks": blocks}


def python_home_text(spec: dict, w: dict) -> str:
	"""`python_home_view` as the JSON text sent to Slack (what the core returns)."""
	return json.dumps(python_home_view(spec, w), ensure_ascii=False, separators=(",", ":"))


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
		rust = core.build_home_view(spec, words=words)
		python = python_home_text(spec, words)
		if rust != python:
			print(f"MISMATCH at {n}: the Python build and the core disagree", file=sys.stderr)
			at = next(i for i, (a, b) in enumerate(zip(rust, python, strict=False)) if a != b)
			print(
				rust[max(at - 200, 0) : at + 200],
				python[max(at - 200, 0) : at + 200],
				sep="\n",
				file=sys.stderr,
			)
			return 1
		t_rust = per_call(lambda spec=spec: core.build_home_view(spec, words=words))
		t_python = per_call(lambda spec=spec: python_home_text(spec, words))
		t_words = per_call(lambda: app_words.home("en"))
		# The double's reads are slow (it deep-copies rows): best of 3 single calls.
		t_job = min(timeit.repeat(lambda: home_jobs.view_for(APPROVER), number=1, repeat=3))
		print(
			f"pending {n:>4}, {LEAVE_TYPES} leave types: reads {reads[n]:>3} | blocks {len(json.loads(rust)['blocks']):>3} | "
			f"build rust {t_rust * 1e6:8.1f} µs, python {t_python * 1e6:8.1f} µs, rust/python {t_rust / t_python:5.2f} | "
			f"words {t_words * 1e6:7.1f} µs | job (reads + words + build) {t_job * 1e3:7.2f} ms"
		)
	if len(set(reads.values())) != 1:
		print(f"reads grow with the number of applications: {reads}", file=sys.stderr)
		return 1
	print(f"reads: the same at {', '.join(map(str, SIZES))} pending applications ({reads[SIZES[0]]})")
	print(f"load: {os.getloadavg()}")
	return 0


if __name__ == "__main__":
	raise SystemExit(main())
