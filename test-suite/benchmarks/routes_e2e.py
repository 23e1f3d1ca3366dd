"""End-to-end time of each Slack route through the Frappe test double, with the Slack mock.

    python test-suite/benchmarks/routes_e2e.py [requests_per_route] [--quick]     # default 1000
    python test-suite/benchmarks/routes_e2e.py 20 --slack-delay-ms 300  # Slack answering each call late

With `--slack-delay-ms`, the mock answers every Web API call that late (Slack's own latency) and
only the two routes a person waits on run: the slash command and the approve click. What Slack
sees is the total: a request-path Slack call costs its delay, a call moved into a job costs
nothing there.

Run from the repository root. Uses the same pieces as the pytest suite: the Frappe test double
(test-suite/doubles, put on sys.path as test-suite/suite_plugin.py does), `frappe_slack_connector.tests.support.dispatch` (Frappe's
/api/method dispatcher as the double imitates it), requests built and signed by
`frappe_slack_connector.tests.support.slack_requests`, and `frappe_slack_connector.tests.support.slack_mock.SlackMock` (a real HTTP server on
127.0.0.1 that validates every blocks/view it receives).

For each route, N requests, each timed around `dispatch()` only (building and signing the request
and resetting state between requests are outside the clock). Per request it also measures, with
exclusive (non-nested) timers:

- `slack`: time inside `frappe_slack_connector.slack.client.call` and `.call_json` (the latter sends
  the core's request body: views.open/update, posts) — the HTTP round trip to the mock, slack_sdk
  encoding/decoding, the mock's Block Kit validation;
- `db`: time inside the ERP adapter (`frappe_slack_connector.erp`, the app's only door to
  frappe/hrms: every document read, insert, validation and submit) and inside the double's
  `frappe.database.Database` methods (its in-memory "database":
  reads, writes, commit — which deep-copies the store — and rollback), plus the double's
  `Meta` construction: its `get_meta` deep-copies the DocType definition on every call, where
  real Frappe serves Meta from a cache (a profile showed this to be most of the double's cost).

`own = total - slack - db` is what the issue calls "our own work": the signature guard, routing,
handlers, Rust builders, the ERP adapter's Python — AND the rest of the double (its dispatcher,
Document model, permission checks, werkzeug request/response), which stands in for Frappe's own
code. The line "double: trivial endpoint" dispatches a guest endpoint that does nothing, to show
what the double's dispatcher alone costs.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import statistics
import sys
import time

SUITE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(SUITE)
sys.path.insert(0, ROOT)
sys.path.insert(0, SUITE)
sys.path.insert(0, os.path.join(SUITE, "doubles"))

import benchlib  # noqa: E402  — this directory
import frappe  # noqa: E402  — the double, from test-suite/doubles
from frappe.database import Database  # noqa: E402
from frappe.model.meta import Meta  # noqa: E402
from frappe_test_site import reset_site  # noqa: E402

import frappe_slack_connector.erp  # noqa: E402
from frappe_slack_connector.slack import client as slack_client  # noqa: E402
from frappe_slack_connector.tests.support.dispatch import build_request, dispatch  # noqa: E402
from frappe_slack_connector.tests.support.slack_mock import SlackMock  # noqa: E402
from frappe_slack_connector.tests.support.slack_requests import (  # noqa: E402
	block_actions_message,
	button_action,
	interaction_request,
	slash_command_request,
	view_closed,
	view_payload,
)
from harness.app_fixtures import App  # noqa: E402
from test_leave_workflow import (  # noqa: E402
	BOSS,
	JANE,
	JANE_EMAIL,
	World,
	toggle,
)


class Exclusive:
	"""Accumulates wall time spent inside the wrapped callables, counting nested calls once."""

	def __init__(self) -> None:
		self.depth = 0
		self.start = 0.0
		self.total = 0.0

	def wrap(self, fn):
		def wrapper(*args, **kwargs):
			if self.depth == 0:
				self.start = time.perf_counter()
			self.depth += 1
			try:
				return fn(*args, **kwargs)
			finally:
				self.depth -= 1
				if self.depth == 0:
					self.total += time.perf_counter() - self.start

		wrapper.__wrapped__ = fn
		return wrapper


# Median "own" time of the trivial endpoint (the double's dispatcher); 0 until measured.
BASELINE = {"own": 0.0}
SLACK = Exclusive()
DB = Exclusive()


def instrument() -> None:
	# Both doors to Slack: `call` (kwargs) and `call_json` (the core's bytes: views.open/update).
	slack_client.call = SLACK.wrap(slack_client.call)
	slack_client.call_json = SLACK.wrap(slack_client.call_json)
	for name, attr in list(vars(Database).items()):
		if callable(attr) and not name.startswith("__") and not isinstance(attr, type):
			setattr(Database, name, DB.wrap(attr))
	# The double rebuilds (deep-copies) a DocType's Meta on every get_meta; real Frappe serves it
	# from a cache. Counted with the database, not as our work.
	Meta.__init__ = DB.wrap(Meta.__init__)
	# The ERP adapter is, by design, the app's only door to frappe/hrms: everything it does is
	# database and framework work (documents, validation, permissions), so it counts with `db`.
	for room in pkgutil.iter_modules(frappe_slack_connector.erp.__path__):
		module = importlib.import_module(f"frappe_slack_connector.erp.{room.name}")
		for name, attr in list(vars(module).items()):
			if inspect.isfunction(attr) and attr.__module__ == module.__name__:
				setattr(module, name, DB.wrap(attr))


def pct(values: list[float], p: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# Approve clicks per run, whatever `requests_per_route`: each approval leaves rows behind (versions,
# comments, deliveries) that the double's commit deep-copies, so resetting for the next click grows
# linearly and a long run quadratically (300 clicks would take an hour). The request path's own
# work does not depend on that store; 50 clicks give its p99.
APPROVALS = 50
# Whether Slack answers late in this run (then the rows are not the table's).
REPORT = {"slack_delay": False}


def run(label, n, make_request, after=None, expect_status=200, name=None):
	"""`name`: the RESULT line's, for scripts/perf-report."""
	totals, owns, slacks, dbs = [], [], [], []
	for i in range(n):
		req = make_request(i)
		request = build_request(req.path, data=req.body, headers=req.headers)
		SLACK.total = DB.total = 0.0
		t0 = time.perf_counter()
		response = dispatch(request)
		total = time.perf_counter() - t0
		if response.status_code != expect_status:
			raise SystemExit(f"{label}: HTTP {response.status_code} {response.get_data(as_text=True)[:300]}")
		totals.append(total)
		slacks.append(SLACK.total)
		dbs.append(DB.total)
		owns.append(total - SLACK.total - DB.total)
		if after:
			after(response)
	row = [
		label,
		pct(totals, 50),
		pct(totals, 99),
		statistics.mean(slacks),
		statistics.mean(dbs),
		pct(owns, 50),
		pct(owns, 99),
	]
	app_p99 = row[6] - BASELINE["own"]
	print(
		f"{row[0]:<38} | {row[1] * 1e3:>7.3f} | {row[2] * 1e3:>7.3f} | {row[3] * 1e3:>7.3f} | "
		f"{row[4] * 1e3:>7.3f} | {row[5] * 1e3:>7.3f} | {row[6] * 1e3:>7.3f} | "
		f"{app_p99 * 1e3:>8.3f} | {'met' if app_p99 < 1e-3 else 'NOT met'}"
	)
	if name and not REPORT["slack_delay"]:
		measured = f"p50 {row[1] * 1e3:.3f} / p99 {row[2] * 1e3:.3f} ms total; own p50 {row[5] * 1e3:.3f} / p99 {row[6] * 1e3:.3f}"
		if BASELINE["own"]:
			benchlib.result(
				f"route_{name}",
				what=f"request path, {label} (own work p99, {n} requests)",
				rust=f"{measured}; app p99 {app_p99 * 1e3:.3f} ms",
				goal="app p99 < 1 ms",
				met="yes" if app_p99 < 1e-3 else "no",
			)
		else:
			benchlib.result(
				f"route_{name}",
				what=f"request path, {label} ({n} requests)",
				rust=measured,
				goal="(baseline)",
				met="-",
			)
	return row


def main() -> None:
	args = benchlib.args()
	delay_ms = 0.0
	if "--slack-delay-ms" in args:
		at = args.index("--slack-delay-ms")
		delay_ms = float(args[at + 1])
		del args[at : at + 2]
	REPORT["slack_delay"] = bool(delay_ms)
	n = int(args[0]) if args else benchlib.size(1000, 5)
	mock = SlackMock().start()
	try:
		site = reset_site()
		site.set_conf(slack_api_url=mock.url)
		app = App(site=site, slack=mock)
		app.configure(
			signing_secret=app.secret,
			bot_user_oauth_token=mock.bot_token,
			attendance_channel_id="C0ATTEND01",
		)
		world = World(app)
		world.link(JANE_EMAIL, JANE)
		world.link("boss@example.com", BOSS)
		instrument()
		secret = app.secret
		if delay_ms:
			mock.delay_each_call(delay_ms / 1000)
			print(f"Slack mock answers every call {delay_ms:g} ms late")
		print(f"{n} requests per route; times in ms; slack/db are means per request")
		print(
			f"{'route':<38} | {'p50':>7} | {'p99':>7} | {'slack':>7} | {'db+meta':>7} | {'own p50':>7} | "
			f"{'own p99':>7} | {'app p99':>8} | app p99 < 1 ms"
		)

		# Double only: a guest endpoint that does nothing (dispatcher + werkzeug + the double).
		class Trivial:
			path = "/api/method/harness.sample_api.raw_response"
			body = b""
			headers: dict[str, str] = {}  # noqa: RUF012

		trivial = run("double: trivial endpoint (no app code)", n, lambda i: Trivial, name="trivial")
		# What the double's dispatcher costs per request with no app code: subtracted from "own"
		# to give "app" (our guard, routing, handlers, Rust builders, responses).
		BASELINE["own"] = trivial[5]

		# /apply-leave: resolve user, employee, leave types, build the modal, views.open.
		run(
			"slash command /apply-leave",
			n,
			lambda i: slash_command_request(secret=secret, user_id=JANE),
			name="slash_command",
		)
		view = mock.last_call("views.open").response["view"]
		view["state"] = {"values": {}}

		if not delay_ms:  # the routes nobody waits on with a Slack call
			# Half-day toggle: views.update with the view's current hash (so the mock accepts it).
			current = {"view": view}

			def toggled(response):
				current["view"] = mock.last_call("views.update").response["view"]

			run(
				"half-day toggle (views.update)",
				n,
				lambda i: interaction_request(toggle(current["view"], on=i % 2 == 0), secret=secret),
				after=toggled,
				name="half_day_toggle",
			)

			# view_submission with inline errors (end before start): route + validate + build errors.
			def bad_submission(i):
				return interaction_request(
					submission_payload(world, start="2026-12-03", end="2026-12-02"), secret=secret
				)

			run("view_submission, inline errors", n, bad_submission, name="inline_errors")

			closed = view_payload(callback_id="apply_leave_application", notify_on_close=True)
			run(
				"ack: view_closed",
				n,
				lambda i: interaction_request(view_closed_payload(closed), secret=secret),
				name="view_closed",
			)
			run(
				"ack: ignored action",
				n,
				lambda i: interaction_request(
					block_actions_message(button_action("ignore_link", "x")), secret=secret
				),
				name="ignored_action",
			)
		# Last: every approval adds rows (comments, versions) that make the double's commit, which
		# deep-copies the store, slower for whatever runs after it.
		# Approve click: decide an Open application, enqueue the DM rewrite and the requester DM.
		name = world.leave()
		post = world.approver_dm(name)
		channel, ts = post.response["channel"], post.response["ts"]

		def reopen(response):
			# Outside the clock: put the application back to Open so the next click decides again.
			frappe.db.set_value("Leave Application", name, {"status": "Open", "docstatus": 0})
			frappe.db.commit()
			site.run_jobs()

		run(
			"approve click (decide + enqueue)",
			min(n, APPROVALS),
			lambda i: interaction_request(
				block_actions_message(
					button_action("leave_approve", name, block_id="leave_actions_block"),
					channel_id=channel,
					message_ts=ts,
					user={"id": BOSS, "username": "x", "name": "x", "team_id": "T0TEST0001"},
				),
				secret=secret,
			),
			after=reopen,
			name="approve_click",
		)

		if app.error_titles():
			print("Error Log entries written during the run:", sorted(set(app.error_titles())))
	finally:
		mock.stop()


def view_closed_payload(view):
	return view_closed(view)


def submission_payload(world, start, end):
	from frappe_slack_connector.tests.support.slack_requests import (  # noqa: PLC0415
		state_checkboxes,
		state_datepicker,
		state_plain_text,
		state_static_select,
		view_submission,
	)

	values = {
		"start_date": {"start_date_picker": state_datepicker(start)},
		"end_date": {"end_date_picker": state_datepicker(end)},
		"leave_type": {"leave_type_select": state_static_select("Casual Leave")},
		"half_day_checkbox": {"half_day_checkbox": state_checkboxes([])},
		"reason": {"reason_input": state_plain_text("Family trip")},
	}
	view = view_payload(
		callback_id="apply_leave_application",
		state_values=values,
		private_metadata=json.dumps({"employee": world.employee}),
	)
	return view_submission(view, user={"id": JANE, "username": "jane", "name": "jane"})


if __name__ == "__main__":
	main()
