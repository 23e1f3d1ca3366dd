"""The outbox (issue 23): an outage's backlog, fan-out at scale, and the cost per delivery.

    python test-suite/benchmarks/outbox.py [dms] [--quick]     # default 1000

Run from the repository root; the site is the Frappe test double with the Slack mock over HTTP.

a. **Outage**: 200 posts (200 channels) owed while Slack refuses connections for 10 simulated
   minutes (quick mode: 5 posts, 1 minute); the app's clock is moved from one due time to the next (no real wait), each step a
   drain as the workers would run it. Then Slack is back: the simulated time until the last one
   is delivered, and how many times each is in Slack (must be once).
b. **Fan-out**: `dms` DMs (distinct users) with the mock answering each call 150 ms late and
   enforcing Slack's rate limits; wall time of one drain, against sequential sending (one
   chat.postMessage after the other, measured on 30 and extrapolated).
c. **Overhead**: database calls (the double's `frappe.db.*` and `get_all`, outermost only) to owe
   and to deliver 200 posts on the happy path, per delivery.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import time

SUITE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(SUITE)
sys.path.insert(0, ROOT)
sys.path.insert(0, SUITE)
sys.path.insert(0, os.path.join(SUITE, "doubles"))

import benchlib  # noqa: E402  — this directory
import frappe  # noqa: E402  — the double, from test-suite/doubles
from frappe_test_site import reset_site  # noqa: E402
from timesheet_reminder import COUNTER  # noqa: E402  — the double's query counter

from frappe_slack_connector.erp import deliveries  # noqa: E402
from frappe_slack_connector.outbox import owe, relay  # noqa: E402
from frappe_slack_connector.slack import client as slack_client  # noqa: E402
from frappe_slack_connector.tests.support.slack_mock import SlackMock  # noqa: E402
from harness.app_fixtures import App  # noqa: E402

MESSAGE = {"text": "Hello", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}]}
# What owe.post takes: a builder's result, the body's JSON text.
OWED = json.dumps(MESSAGE, separators=(",", ":"))
START = datetime.datetime(2026, 12, 2, 9, 0, 0)
# Posts owed during the outage, posts counted for the overhead, DMs timed one after another.
OUTAGE_POSTS = benchlib.size(200, 5)
OVERHEAD_POSTS = benchlib.size(200, 10)
SEQUENTIAL_SAMPLE = benchlib.size(30, 3)
OUTAGE_MINUTES = benchlib.size(10, 1)


def fresh(mock: SlackMock) -> App:
	mock.reset()
	site = reset_site()
	site.set_conf(slack_api_url=mock.url)
	app = App(site=site, slack=mock)
	app.configure(bot_user_oauth_token=mock.bot_token)
	slack_client.clear_clients()
	return app


def owe_posts(count: int, channel_of) -> list[str]:
	names = [owe.post(OWED, channel=channel_of(i)) for i in range(count)]
	frappe.db.commit()
	return names


def delivered_once(mock: SlackMock, names: list[str]) -> bool:
	return all(mock.count_with_metadata(event_type="frappe_slack_delivery", delivery=n) == 1 for n in names)


def outage(mock: SlackMock) -> None:
	app = fresh(mock)
	now = START
	app.site.freeze_time(now)
	mock.start_outage()
	names = owe_posts(OUTAGE_POSTS, lambda i: f"C{i:09d}")
	recovery = START + datetime.timedelta(minutes=OUTAGE_MINUTES)
	drains = 0
	while True:
		if now >= recovery and mock.in_outage:
			mock.end_outage()
		relay.drain()
		drains += 1
		if frappe.db.count(deliveries.DOCTYPE, {"status": "Delivered"}) == len(names):
			break
		due = deliveries.next_due_at()
		# The scheduler's drain waits for the next due row; Slack comes back at `recovery`.
		now = min(due, recovery) if mock.in_outage and due > recovery else due
		app.site.freeze_time(now)
	last = max(frappe.get_all(deliveries.DOCTYPE, pluck="delivered_at"))
	attempts = sum(frappe.get_all(deliveries.DOCTYPE, pluck="attempts"))
	once = delivered_once(mock, names)
	after = (last - recovery).total_seconds()
	print(
		f"a. outage: {OUTAGE_POSTS} owed, Slack refused connections for {OUTAGE_MINUTES} simulated minutes; {drains} drains, "
		f"{attempts} attempts in all; last delivered {after:.1f} s "
		f"(simulated) after recovery; each in Slack once: {once}"
	)
	benchlib.result(
		"outbox_outage",
		what=f"outbox: {OUTAGE_POSTS} posts owed during a {OUTAGE_MINUTES}-minute outage (simulated clock)",
		rust=f"all delivered {after:.1f} s after Slack came back; {attempts} attempts; each once: {once}",
		goal="each delivered once",
		met="yes" if once else "no",
	)


def fan_out(mock: SlackMock, dms: int) -> None:
	app = fresh(mock)
	for i in range(dms):
		mock.add_user(id=f"U{i:09d}", email=f"u{i}@example.com", real_name=f"U {i}")
	mock.delay_each_call(0.15)
	mock.enforce_rate_limits()
	web_client = slack_client.make_client(mock.bot_token, mock.url, path=slack_client.OUTBOX)
	started = time.perf_counter()
	for i in range(SEQUENTIAL_SAMPLE):
		slack_client.call(web_client, "chat.postMessage", channel=f"U{i:09d}", **MESSAGE)
	sequential = (time.perf_counter() - started) / SEQUENTIAL_SAMPLE * dms
	mock.reset_calls()
	names = owe_posts(dms, lambda i: f"U{i:09d}")
	started = time.perf_counter()
	while frappe.db.count(deliveries.DOCTYPE, {"status": "Delivered"}) < dms:
		relay.drain()
		app.site.freeze_time(frappe.utils.now_datetime() + datetime.timedelta(seconds=61))
	wall = time.perf_counter() - started
	app.site.freeze_time(None)
	limited = sum(1 for c in mock.calls_to("chat.postMessage") if c.status == 429)
	once = delivered_once(mock, names)
	print(
		f"b. fan-out: {dms} DMs, Slack at 150 ms with its rate limits: {wall:.1f} s "
		f"({dms / wall:.1f}/s; {limited} answered 429); sequential ≈ {sequential:.1f} s; "
		f"ratio {sequential / wall:.1f}x; each once: {once}"
	)
	benchlib.result(
		"outbox_fan_out",
		what=f"outbox: {dms} DMs, Slack answering in 150 ms with its rate limits",
		rust=f"{wall:.1f} s wall ({dms / wall:.1f}/s, {limited} answered 429); each once: {once}",
		ref=f"one after another ≈ {sequential:.1f} s",
		ratio=f"{sequential / wall:.2f}",
		goal="each delivered once",
		met="yes" if once else "no",
	)
	mock.delay_each_call(0)
	mock.enforce_rate_limits(enabled=False)


def overhead(mock: SlackMock) -> None:
	fresh(mock)
	count = OVERHEAD_POSTS
	names, owing = COUNTER.measure(lambda: owe_posts(count, lambda i: f"C{i:09d}"))
	stats, delivering = COUNTER.measure(relay.drain)
	assert stats == {"delivered": count}, stats
	assert delivered_once(mock, names)
	print(
		f"c. overhead: owing {count} posts {owing} db calls ({owing / count:.2f} each: the insert); "
		f"delivering them {delivering} ({delivering / count:.2f} each: claim per batch of "
		f"{relay.BATCH}, a locked check + one update per delivery)"
	)
	benchlib.result(
		"outbox_overhead",
		what=f"outbox: database calls per delivery on the happy path ({count} posts)",
		rust=f"owing {owing / count:.2f}, delivering {delivering / count:.2f}",
		goal="-",
		met="-",
	)


def main(dms: int) -> None:
	mock = SlackMock().start()
	try:
		overhead(mock)
		outage(mock)
		fan_out(mock, dms)
	finally:
		mock.stop()


if __name__ == "__main__":
	args = benchlib.args()
	main(int(args[0]) if args else benchlib.size(1000, 5))
