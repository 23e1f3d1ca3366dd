"""Socket Mode end to end: the app's client (`slack/socket_mode.py`) against a loopback Socket
Mode server (`frappe_slack_connector/tests/support/socket_mock.py`) whose URLs the Web API mock's
`apps.connections.open` hands out.

The client runs as it does under `bench --site <site> slack-socket-mode`: in the main thread, one
fresh Frappe site context per envelope. Each test's scenario (what Slack sends) runs in another
thread and touches only the mocks; ERP state is read after the client has stopped, in a site
context opened again (`reopen`), as a later process would see it.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import frappe
import pytest
from click.testing import CliRunner

from frappe_slack_connector import core
from frappe_slack_connector.erp import desk
from frappe_slack_connector.flows import dispatch
from frappe_slack_connector.slack import socket_mode
from frappe_slack_connector.slack.socket_mode import Backoff, SocketModeClient
from frappe_slack_connector.tests.support.dispatch import post
from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_message,
	button_action,
	interaction_request,
	link_shared,
	slash_command_request,
	state_checkboxes,
	state_datepicker,
	state_plain_text,
	state_static_select,
	view_payload,
	view_submission,
)
from frappe_slack_connector.tests.support.socket_mock import SocketModeMock, run_client_while
from harness.app_fixtures import SIGNING_SECRET, json_body

JANE = "U0JANE0001"
BOSS = "U0BOSS0001"
JANE_EMAIL = "jane@example.com"
BOSS_EMAIL = "boss@example.com"
TODAY = "2026-12-01"
CASUAL = "Casual Leave"
REPO = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def socket_server() -> Iterator[SocketModeMock]:
	server = SocketModeMock().start()
	try:
		yield server
	finally:
		server.stop()


@pytest.fixture
def socket_mock(socket_server, slack_mock) -> Iterator[SocketModeMock]:
	"""The loopback server, reset; `apps.connections.open` hands out its URLs. At teardown the
	test fails if an ack was malformed, doubled, for an unknown envelope or later than 3 s."""
	socket_server.reset()
	slack_mock.socket_urls = socket_server.new_url
	yield socket_server
	report = socket_server.problems_report()
	socket_server.reset()
	if report:
		pytest.fail(report, pytrace=False)


@pytest.fixture
def fast(monkeypatch):
	"""Short reconnect waits and polls, so reconnect tests take milliseconds."""
	monkeypatch.setattr(socket_mode, "POLL_SECONDS", 0.05)
	monkeypatch.setattr(socket_mode, "BACKOFF_FIRST_SECONDS", 0.02)


@pytest.fixture
def restore_signals():
	saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
	yield
	for sig, handler in saved.items():
		signal.signal(sig, handler)


class World:
	"""Jane (employee, 10 days Casual Leave), Bea Boss (her approver), both in Slack; Slack
	Settings in Socket Mode with the mock's App-Level Token."""

	def __init__(self, app, socket):
		self.app, self.socket = app, socket
		site = app.site
		site.freeze_time(f"{TODAY} 10:00:00")
		site.make_holiday_list("HL 2026", "2026-01-01", "2026-12-31", holidays=["2026-12-25"])
		site.make_company("Test Co", default_holiday_list="HL 2026")
		site.make_user(BOSS_EMAIL, roles=["Employee"], full_name="Bea Boss")
		self.employee = site.make_employee(
			JANE_EMAIL, first_name="Jane", last_name="Doe", leave_approver=BOSS_EMAIL
		).name
		site.make_allocation(self.employee, CASUAL, "2026-01-01", "2026-12-31", new_leaves_allocated=10)
		frappe.db.commit()
		app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane")
		app.slack.add_user(id=BOSS, email=BOSS_EMAIL, real_name="Bea Boss", name="bea")
		app.configure(connection="Socket Mode", app_level_token=app.slack.app_token)
		self.site_name = frappe.local.site
		self.sites_path = frappe.local.sites_path

	def client(self, **kw) -> SocketModeClient:
		return SocketModeClient(self.site_name, self.sites_path, handlers=dispatch, **kw)

	def run(self, scenario: Callable[[SocketModeMock], Any], client: SocketModeClient | None = None):
		"""Run the client in this (the main) thread while `scenario` plays Slack in another; the
		scenario's end stops the client. Returns (exit code, the scenario's result)."""
		client = client or self.client()
		frappe.db.commit()  # the test's own transaction ends here, as a process boundary would
		try:
			return run_client_while(client, scenario, self.socket)
		finally:
			reopen(self.site_name)

	# ------------------------------------------------------------------ payloads

	def slash_form(self, user_id=JANE, trigger_id=None) -> dict[str, str]:
		"""What Slack puts in a slash_commands envelope: the HTTP form's fields."""
		request = slash_command_request(secret=SIGNING_SECRET, user_id=user_id, trigger_id=trigger_id)
		return request.form()

	def submission(self, start=TODAY, end=TODAY, reason="Family trip", user=JANE) -> dict:
		values = {
			"start_date": {"start_date_picker": state_datepicker(start)},
			"end_date": {"end_date_picker": state_datepicker(end)},
			"leave_type": {"leave_type_select": state_static_select(CASUAL)},
			"half_day_checkbox": {"half_day_checkbox": state_checkboxes([])},
			"reason": {"reason_input": state_plain_text(reason)},
		}
		view = view_payload(
			callback_id="apply_leave_application",
			state_values=values,
			private_metadata=json.dumps({"employee": self.employee}),
		)
		return view_submission(view, user={"id": user, "username": "jane", "name": "jane"})

	def click(self, name, channel, ts, action="leave_approve", user=BOSS) -> dict:
		return block_actions_message(
			button_action(action, name, block_id="leave_actions_block"),
			channel_id=channel,
			message_ts=ts,
			user={"id": user, "username": "x", "name": "x", "team_id": "T0TEST0001"},
		)

	def link(self, user=JANE_EMAIL, slack_id=JANE):
		frappe.get_doc({"doctype": "Slack User Meta", "user": user, "slack_user_id": slack_id}).insert(
			ignore_permissions=True
		)
		frappe.db.commit()

	def applications(self):
		return frappe.get_all("Leave Application", fields=["name", "status", "docstatus", "owner"])


def reopen(site: str) -> None:
	"""A site context for the test's own asserts, after the client destroyed its last one."""
	frappe.init(site, force=True)
	frappe.connect()
	frappe.local.flags.in_test = True


@pytest.fixture
def world(app, socket_mock, fast) -> World:
	return World(app, socket_mock)


def section_text(message) -> str:
	return "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")


# ---------------------------------------------------------------------- the leave flow


def test_leave_flow_end_to_end_over_socket_mode(world, app):
	"""Slash → modal; a submission with an inline error → the errors in the ack; a valid one →
	the Leave Application; then (a second process run) Approve → decided: the ERP state and Slack
	calls the HTTP tests assert (test-suite/test_leave_workflow.py)."""

	def apply(socket):
		socket.wait_for_connection()
		slash = socket.wait_ack(socket.send_slash_command(world.slash_form()))
		opened = app.slack.calls_to("views.open")
		wrong = socket.wait_ack(
			socket.send_interactive(world.submission(start="2026-12-04", end="2026-12-02"))
		)
		valid = socket.wait_ack(
			socket.send_interactive(world.submission(start="2026-12-02", end="2026-12-03"))
		)
		return slash, opened, wrong, valid

	code, (slash, opened, wrong, valid) = world.run(apply)
	assert code == 0
	# The modal opened with the trigger of the command; the ack is a plain one (HTTP: empty 200).
	assert slash.payload is None
	[call] = opened
	assert call.args["view"]["callback_id"] == "apply_leave_application"
	assert json.loads(call.args["view"]["private_metadata"]) == {"employee": world.employee}
	# Inline errors travel in the ack, exactly as the HTTP answer's body.
	assert wrong.payload["response_action"] == "errors"
	assert set(wrong.payload["errors"]) == {"end_date"}
	assert valid.payload is None  # closes the modal
	[row] = world.applications()
	assert (row.status, row.docstatus, row.owner) == ("Open", 0, JANE_EMAIL)
	doc = frappe.get_doc("Leave Application", row.name)
	assert str(doc.from_date) == "2026-12-02" and doc.total_leave_days == 2
	assert frappe.db.get_value("Slack User Meta", {"slack_user_id": JANE}, "user") == JANE_EMAIL
	# The approver's DM comes from the after-commit job, as for a leave filed over HTTP.
	app.site.run_jobs()
	[dm] = [c for c in app.slack.calls_to("chat.postMessage") if c.args["channel"] == BOSS]
	channel, ts = dm.response["channel"], dm.response["ts"]
	assert app.error_titles() == []

	def approve(socket):
		socket.wait_for_connection(2)
		return socket.wait_ack(socket.send_interactive(world.click(row.name, channel, ts)))

	code, click = world.run(approve)
	assert code == 0 and click.payload is None
	doc = frappe.get_doc("Leave Application", row.name)
	assert (doc.status, doc.docstatus, doc.modified_by) == ("Approved", 1, BOSS_EMAIL)
	comments = frappe.get_all("Comment", filters={"reference_name": row.name}, fields=["content"])
	assert [c.content for c in comments] == ["Approved via Slack by Bea Boss"]
	assert [c for c in app.slack.calls_to("chat.update") if c.args["channel"] == channel] == []
	app.site.run_jobs()
	update = [c for c in app.slack.calls_to("chat.update") if c.args["channel"] == channel][-1]
	assert update.args["ts"] == ts and "Approved by *Bea Boss*" in section_text(update.args)
	assert app.error_titles() == []


def test_a_command_notice_is_the_ack_payload_the_http_answer_would_be(world, app):
	"""A Slack user the site does not know: the notice the HTTP route answers is the ack's
	payload, byte for byte the same JSON."""

	def scenario(socket):
		socket.wait_for_connection()
		return socket.wait_ack(socket.send_slash_command(world.slash_form(user_id="U0NOBODY01")))

	_, ack = world.run(scenario)
	request = slash_command_request(secret=SIGNING_SECRET, user_id="U0NOBODY01")
	http = post(request.path, data=request.body, headers=request.headers)
	assert http.status_code == 200
	assert ack.payload == json_body(http)
	assert "Ask HR to connect your Slack account" in section_text(ack.payload)


def test_the_socket_route_is_the_http_route(world):
	"""parse_socket_frame routes an interactive payload with route_interaction's table."""
	payload = world.click("HR-LAP-2026-00001", "D0BOSS0001", "1700000000.000100")
	frame = core.parse_socket_frame(
		json.dumps({"envelope_id": "e1", "type": "interactive", "payload": payload})
	)
	assert frame["handler"] == "interaction"
	assert frame["route"] == core.route_interaction(json.dumps(payload))
	form = world.slash_form()
	frame = core.parse_socket_frame(
		json.dumps({"envelope_id": "e2", "type": "slash_commands", "payload": form})
	)
	assert frame["form"] == form and frame["accepts_response_payload"] is False


def test_timesheet_over_socket_mode(world, app):
	"""/timesheet is served over the socket as over HTTP: a bad date's notice is the ack's payload
	(the HTTP answer's JSON), the command opens the Log Time modal, a submission with an inline
	error gets the errors in its ack, a valid one adds the time log to a new draft Timesheet."""
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		project = frappe.get_doc(
			{
				"doctype": "Project",
				"project_name": "Apollo",
				"company": "Test Co",
				"users": [{"user": JANE_EMAIL, "welcome_email_sent": 1}],  # invited already: no mail
			}
		).insert()
		frappe.get_doc({"doctype": "Activity Type", "activity_type": "Development"}).insert()
	finally:
		frappe.set_user(previous)
	frappe.db.commit()

	def timesheet_form(text=""):
		request = slash_command_request("/timesheet", text, secret=SIGNING_SECRET, user_id=JANE)
		return request.form()

	def submission(opened, hours):
		values = {
			"ts_date": {"ts_date_picker": state_datepicker(TODAY)},
			"ts_project": {"ts_project_select": state_static_select(project.name)},
			"ts_activity_type": {"ts_activity_type_select": state_static_select("Development")},
			"ts_hours": {"ts_hours_input": {"type": "number_input", "value": hours}},
			"ts_description": {"ts_description_input": state_plain_text("Planning")},
		}
		view = {**opened, "state": {"values": values}}
		return view_submission(view, user={"id": JANE, "username": "jane", "name": "jane"})

	def scenario(socket):
		socket.wait_for_connection()
		bad = socket.wait_ack(socket.send_slash_command(timesheet_form("someday")))
		slash = socket.wait_ack(socket.send_slash_command(timesheet_form()))
		opened = app.slack.last_call("views.open").response["view"]
		wrong = socket.wait_ack(socket.send_interactive(submission(opened, "30")))
		valid = socket.wait_ack(socket.send_interactive(submission(opened, "2")))
		return bad, slash, wrong, valid

	code, (bad, slash, wrong, valid) = world.run(scenario)
	assert code == 0
	request = slash_command_request(
		"/timesheet",
		"someday",
		secret=SIGNING_SECRET,
		user_id=JANE,
		path="/api/method/frappe_slack_connector.api.slash_timesheet.slash_timesheet",
	)
	http = post(request.path, data=request.body, headers=request.headers)
	assert bad.payload == json_body(http) and "YYYY-MM-DD" in section_text(bad.payload)
	assert slash.payload is None
	assert app.slack.last_call("views.open").args["view"]["callback_id"] == "log_timesheet"
	assert set(wrong.payload["errors"]) == {"ts_hours"}
	assert valid.payload is None
	[sheet] = frappe.get_all("Timesheet", fields=["name", "owner", "total_hours", "docstatus"])
	assert (sheet.owner, sheet.total_hours, sheet.docstatus) == (JANE_EMAIL, 2, 0)
	assert app.error_titles() == []


def test_whoisout_over_socket_mode(world, app):
	"""/whoisout is served over the socket as over HTTP: its answer and a bad argument's usage
	hint are the ack's payload, the same JSON the HTTP route answers."""
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		frappe.get_doc(
			{
				"doctype": "Leave Application",
				"employee": world.employee,
				"leave_type": CASUAL,
				"from_date": TODAY,
				"to_date": TODAY,
				"posting_date": TODAY,
				"leave_approver": BOSS_EMAIL,
				"status": "Approved",
			}
		).insert()
	finally:
		frappe.set_user(previous)
	frappe.db.commit()

	def whoisout_form(text=""):
		return slash_command_request("/whoisout", text, secret=SIGNING_SECRET, user_id=JANE).form()

	def scenario(socket):
		socket.wait_for_connection()
		today = socket.wait_ack(socket.send_slash_command(whoisout_form()))
		bad = socket.wait_ack(socket.send_slash_command(whoisout_form("someday")))
		return today, bad

	code, (today, bad) = world.run(scenario)
	assert code == 0
	assert today.payload["blocks"][0]["text"]["text"] == "Who is out on Dec 01, 2026 (Tue)"
	assert f"• <@{JANE}> — Casual Leave" in section_text(today.payload)
	request = slash_command_request(
		"/whoisout",
		"someday",
		secret=SIGNING_SECRET,
		user_id=JANE,
		path="/api/method/frappe_slack_connector.api.slash_whoisout.slash_whoisout",
	)
	http = post(request.path, data=request.body, headers=request.headers)
	assert bad.payload == json_body(http) and "/whoisout week" in section_text(bad.payload)


# ---------------------------------------------------------------------- connection


def test_disconnect_opens_a_new_connection_at_once(world, app):
	def scenario(socket):
		first = socket.wait_for_connection()
		socket.send_disconnect("refresh_requested")
		second = socket.wait_for_connection(2)
		ack = socket.wait_ack(socket.send_event({"type": "app_home_opened", "user": JANE}))
		return first, second, ack

	sleeps: list[float] = []
	code, (first, second, ack) = world.run(scenario, world.client(sleep=sleeps.append))
	assert code == 0
	assert ack.connection == second.number == 2
	assert not first.open  # the client closed the old connection
	assert world.socket.tickets_issued == 2  # a fresh URL from apps.connections.open
	assert sleeps == []  # Slack asked: no backoff
	assert len(app.slack.calls_to("apps.connections.open")) == 2


def test_dropped_connection_and_unreachable_slack_are_retried_with_backoff(world, app):
	"""Network loss: the TCP connection dies; then apps.connections.open fails twice. The waits
	double (jittered within the upper half) and start over once Slack says hello."""
	sleeps: list[float] = []
	backoff = Backoff(first=0.02, maximum=1.0, rng=lambda: 1.0)  # no jitter: exact ceilings

	def scenario(socket):
		socket.wait_for_connection()
		app.slack.fail_next("apps.connections.open", "internal_error", times=2)
		socket.drop()
		second = socket.wait_for_connection(2)
		# An envelope answered on the new connection: its hello has been read.
		socket.wait_ack(socket.send_event({"type": "app_home_opened", "user": JANE}, connection=second))
		after_second_hello = list(sleeps)
		socket.drop(second)
		third = socket.wait_for_connection(3)
		return after_second_hello, socket.wait_ack(
			socket.send_event({"type": "app_home_opened", "user": JANE}, connection=third)
		)

	def sleep(seconds):
		sleeps.append(seconds)
		time.sleep(seconds)

	code, (after_second_hello, ack) = world.run(scenario, world.client(sleep=sleep, backoff=backoff))
	assert code == 0 and ack.connection == 3
	# drop → 0.02; URL refused → 0.04; refused again → 0.08; connected (hello resets).
	assert after_second_hello == [0.02, 0.04, 0.08]
	# The second drop starts from the first delay again.
	assert sleeps[3] == 0.02
	assert len(app.slack.calls_to("apps.connections.open")) == 5


def test_backoff_doubles_up_to_its_maximum_with_jitter():
	backoff = Backoff(first=1.0, maximum=8.0, rng=lambda: 0.0)
	assert [backoff.next_delay() for _ in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
	backoff.reset()
	jittered = Backoff(first=1.0, maximum=8.0)
	delays = [jittered.next_delay() for _ in range(5)]
	assert all(c / 2 <= d <= c for d, c in zip(delays, [1, 2, 4, 8, 8], strict=True))


def test_link_disabled_is_retried_with_backoff(world, app):
	sleeps: list[float] = []

	def scenario(socket):
		socket.wait_for_connection()
		socket.send_disconnect("link_disabled")
		socket.wait_for_connection(2)

	world.run(scenario, world.client(sleep=sleeps.append))
	assert len(sleeps) == 1


# ---------------------------------------------------------------------- robustness


def test_bad_frames_and_envelopes_never_stop_the_process(world, app, monkeypatch):
	"""Not JSON; an unroutable interaction; an error outside every handler; a handler error:
	each is an Error Log (the acked ones a plain ack), and the next envelope is still handled."""
	real_dispatch = socket_mode.dispatch
	calls = {"n": 0}

	def dispatch_failing_once(frame, handlers):
		calls["n"] += 1
		if calls["n"] == 1:
			raise RuntimeError("database went away")
		return real_dispatch(frame, handlers)

	monkeypatch.setattr(socket_mode, "dispatch", dispatch_failing_once)

	def boom(route):
		raise RuntimeError("handler bug")

	monkeypatch.setitem(dispatch.INTERACTIONS, "leave_decision", boom)

	def scenario(socket):
		socket.wait_for_connection()
		socket.send_raw("this is not json")
		failing = socket.wait_ack(socket.send_event({"type": "app_home_opened", "user": JANE}))
		unknown = world.click("HR-LAP-2026-00001", "D0BOSS0001", "1.1", action="nobody_knows")
		unroutable = socket.wait_ack(socket.send_interactive(unknown))
		broken = socket.wait_ack(
			socket.send_interactive(world.click("HR-LAP-2026-00001", "D0BOSS0001", "1.1"))
		)
		still = socket.wait_ack(socket.send_slash_command(world.slash_form()))
		return failing, unroutable, broken, still

	code, acks = world.run(scenario)
	assert code == 0
	assert [a.payload for a in acks] == [None, None, None, None]
	assert app.error_titles() == [
		"Slack Socket Mode frame rejected: malformed_json",
		"Slack Socket Mode events_api envelope failed",
		"Slack interaction rejected: unknown_action",
		"Slack leave_decision failed",
	]
	logs = app.site.error_logs()
	assert "database went away" in logs[1]["error"]
	assert len(app.slack.calls_to("views.open")) == 1  # the last command was served


def test_app_home_opened_over_the_socket_publishes_the_home_tab_once(world, app):
	"""events_api envelopes go through the HTTP route's event table and handlers: acked plain at
	once, the tab published from a job, a re-sent envelope (retry_attempt) of the same event_id
	acked without work, an event the table does not know refused as over HTTP."""

	def scenario(socket):
		socket.wait_for_connection()
		first = socket.wait_ack(
			socket.send_event({"type": "app_home_opened", "user": JANE}, event_id="Ev0SOCK0001")
		)
		again = socket.wait_ack(
			socket.send_event(
				{"type": "app_home_opened", "user": JANE}, event_id="Ev0SOCK0001", retry_attempt=1
			)
		)
		unknown = socket.wait_ack(socket.send_event({"type": "message", "user": JANE}))
		return first, again, unknown

	_, acks = world.run(scenario)
	assert [a.payload for a in acks] == [None, None, None]
	app.site.run_jobs()
	[published] = app.slack.calls_to("views.publish")
	assert published.args["user_id"] == JANE
	assert published.args["view"]["type"] == "home"
	assert app.error_titles() == ["Slack event rejected: unknown_event"]


def test_a_link_shared_over_the_socket_unfurls_once(world, app):
	"""A desk link posted while the app runs in Socket Mode: the events_api envelope goes through
	the same event table and handler as over HTTP — acked plain, the card owed from a job and sent
	by the outbox, a re-sent envelope of the same event_id acked without work."""
	frappe.set_user(JANE_EMAIL)
	try:
		leave = frappe.get_doc(
			{
				"doctype": "Leave Application",
				"employee": world.employee,
				"leave_type": CASUAL,
				"from_date": TODAY,
				"to_date": TODAY,
				"description": "Dentist",
				"leave_approver": BOSS_EMAIL,
				"posting_date": TODAY,
			}
		).insert()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	app.site.run_jobs()
	url = desk.form_url("Leave Application", leave.name)
	event = link_shared(BOSS, [url])

	def scenario(socket):
		socket.wait_for_connection()
		first = socket.wait_ack(socket.send_event(event, event_id="Ev0SOCKLNK1"))
		again = socket.wait_ack(socket.send_event(event, event_id="Ev0SOCKLNK1", retry_attempt=1))
		return first, again

	_, acks = world.run(scenario)
	assert [a.payload for a in acks] == [None, None]
	app.site.run_jobs()
	[unfurl] = app.slack.calls_to("chat.unfurl")
	assert unfurl.args["unfurl_id"] == event["unfurl_id"]
	actions = [b for b in app.slack.unfurled()[url] if b["type"] == "actions"]
	assert [e["action_id"] for e in actions[0]["elements"]] == ["leave_approve", "leave_reject"]
	assert app.error_titles() == []


def test_a_slow_handler_still_gets_its_envelope_acked_by_the_deadline(world, app, monkeypatch, caplog):
	"""The handler outlives the ack deadline: Slack gets a plain ack in time, the handler's work
	still commits, and its late answer is dropped. (Deadline lowered; only ordering asserted.)"""
	monkeypatch.setattr(socket_mode, "ACK_DEADLINE_SECONDS", 0.2)
	acked = threading.Event()
	real = dispatch.INTERACTIONS["leave_submission"]

	def slow_submission(route):
		# Not timed: wait until the mock has the deadline's ack, then finish the real work.
		assert acked.wait(10), "no ack at the deadline"
		return real(route)

	monkeypatch.setitem(dispatch.INTERACTIONS, "leave_submission", slow_submission)
	world.link()

	def scenario(socket):
		socket.wait_for_connection()
		eid = socket.send_interactive(world.submission(start="2026-12-02", end="2026-12-02"))
		ack = socket.wait_ack(eid)
		acked.set()
		# The next envelope is served once the slow one is done.
		socket.wait_ack(socket.send_event({"type": "app_home_opened", "user": JANE}))
		return ack

	_, ack = world.run(scenario)
	assert ack.payload is None and ack.elapsed < 3.0
	[row] = world.applications()
	assert row.status == "Open"
	assert "this answer was dropped" in caplog.text
	assert app.error_titles() == []


def test_sigterm_finishes_the_envelope_in_hand(world, app, monkeypatch, restore_signals):
	"""SIGTERM arrives while a click is being handled: that click is decided and acknowledged,
	then the client closes the connection and exits 0; nothing after it is read."""
	in_handler, release = threading.Event(), threading.Event()
	real = dispatch.INTERACTIONS["ack"]

	def held_ack(route):
		in_handler.set()
		assert release.wait(10)
		return real(route)

	monkeypatch.setitem(dispatch.INTERACTIONS, "ack", held_ack)
	client = world.client()
	client.install_signal_handlers()

	def scenario(socket):
		conn = socket.wait_for_connection()
		ignored = world.click("x", "D0BOSS0001", "1.1", action="ignore_me")
		eid = socket.send_interactive(ignored)
		assert in_handler.wait(10)
		os.kill(os.getpid(), signal.SIGTERM)
		release.set()
		ack = socket.wait_ack(eid)
		deadline = time.monotonic() + 10
		while conn.open and time.monotonic() < deadline:
			time.sleep(0.01)
		return ack, conn

	code, (ack, conn) = world.run(scenario, client)
	assert code == 0
	assert ack.payload is None
	assert not conn.open and world.socket.tickets_issued == 1  # closed, not reconnected


# ---------------------------------------------------------------------- configuration


def test_wrong_app_token_exits_with_code_2_and_says_why(world, app, caplog, restore_signals):
	from frappe_slack_connector.commands import commands  # noqa: PLC0415

	[command] = commands
	assert command.name == "slack-socket-mode"
	for token, error in (
		("xapp-1-A0APP00001-9-wrongtoken", "invalid_auth"),
		(app.slack.bot_token, "not_allowed_token_type"),
	):
		app.configure(app_level_token=token)
		caplog.clear()
		result = CliRunner().invoke(
			command, obj={"sites": [world.site_name], "force": False, "profile": False}
		)
		reopen(world.site_name)
		assert result.exit_code == 2, result.output
		assert f"Slack refused the App-Level Token ({error})" in caplog.text
		assert token not in caplog.text + result.output
		assert world.socket.connections == []


def test_http_mode_and_a_missing_token_refuse_to_start(world, app, caplog):
	app.configure(connection="Public URL (HTTP)")
	assert world.client().run() == 2
	reopen(world.site_name)
	assert "Connection is 'Public URL (HTTP)'" in caplog.text
	app.configure(connection="Socket Mode", app_level_token="")
	caplog.clear()
	assert world.client().run() == 2
	reopen(world.site_name)
	assert "no App-Level Token" in caplog.text
	assert app.slack.calls_to("apps.connections.open") == []


def test_nothing_secret_in_logs(world, app, caplog):
	"""Neither token, the signing secret nor a connection ticket in what the process logs at
	INFO and above (what bench's log level keeps), nor in the app's own DEBUG lines, nor in an
	Error Log. (slack_sdk's and websockets' DEBUG traces echo requests and are left off.)"""
	caplog.set_level(logging.INFO)
	caplog.set_level(logging.DEBUG, logger="frappe_slack_connector")

	def scenario(socket):
		socket.wait_for_connection()
		socket.drop()
		socket.wait_for_connection(2)
		socket.send_raw("{not json")
		return socket.wait_ack(socket.send_slash_command(world.slash_form()))

	world.run(scenario)
	logged = caplog.text + json.dumps(app.site.error_logs(), default=str)
	for secret in (app.slack.app_token, app.slack.bot_token, SIGNING_SECRET, "ticket="):
		assert secret not in logged


def test_test_connection_checks_the_app_level_token(world, app):
	from frappe_slack_connector.api import workspace  # noqa: PLC0415

	frappe.set_user("Administrator")
	assert workspace.test_connection()["socket_mode"] is True
	[opened] = app.slack.calls_to("apps.connections.open")
	assert opened.authorization == f"Bearer {app.slack.app_token}"
	assert world.socket.connections == []  # the URL is only asked for, never used
	app.configure(app_level_token=app.slack.bot_token)
	frappe.set_user("Administrator")
	with pytest.raises(frappe.ValidationError, match="not an App-Level Token"):
		workspace.test_connection()
	frappe.db.rollback()
	[log] = [r for r in app.site.error_logs() if r["method"].startswith("Slack Socket Mode test")]
	assert log["method"] == "Slack Socket Mode test failed: not_allowed_token_type"
	assert app.slack.bot_token not in log["error"]


def test_the_manifest_in_socket_mode_has_no_request_urls(world, app):
	from frappe_slack_connector.api import manifest  # noqa: PLC0415

	frappe.set_user("Administrator")
	socket = manifest.get_manifest()
	assert socket["settings"]["socket_mode_enabled"] is True
	assert "request_url" not in socket["settings"]["interactivity"]
	assert all("url" not in c for c in socket["features"]["slash_commands"])
	app.configure(connection="Public URL (HTTP)")
	frappe.set_user("Administrator")
	http = manifest.get_manifest()
	assert http["settings"]["socket_mode_enabled"] is False
	assert http["settings"]["interactivity"]["request_url"].endswith("api.slack_interactions.event")


def test_http_routes_keep_working_in_socket_mode(world, app):
	request = slash_command_request(secret=SIGNING_SECRET, user_id=JANE)
	response = app.send(request)
	assert response.status_code == 200 and response.get_data() == b""
	assert len(app.slack.calls_to("views.open")) == 1
	response = app.send(
		interaction_request(world.submission(start="2026-12-04", end="2026-12-02"), secret=SIGNING_SECRET)
	)
	assert json_body(response)["response_action"] == "errors"


# ---------------------------------------------------------------------- two processes


def test_a_second_process_shares_the_envelopes_and_nothing_is_handled_twice(world, app, caplog):
	"""Slack gives each envelope to one connection of the app: with a second slack-socket-mode
	process running, each envelope is acknowledged exactly once, by one of them, and the process
	that connected second warns that it is not alone."""
	caplog.set_level(logging.INFO, logger=socket_mode.__name__)
	env = dict(
		os.environ,
		PYTHONPATH=os.pathsep.join(
			[str(REPO / "test-suite" / "doubles"), str(REPO / "test-suite"), str(REPO)]
		),
	)
	other = subprocess.Popen(
		[
			sys.executable,
			"-m",
			"harness.socket_process",
			app.slack.url,
			app.slack.app_token,
			app.slack.bot_token,
		],
		cwd=REPO,
		env=env,
		stderr=subprocess.PIPE,
		text=True,
	)
	try:
		world.socket.wait_for_connection(1, timeout=60)  # the other process is up

		def scenario(socket):
			socket.wait_for_open(2)
			ids = [socket.send_event({"type": "app_home_opened", "user": JANE}) for _ in range(6)]
			return [socket.wait_ack(eid) for eid in ids]

		code, acks = world.run(scenario)
	finally:
		other.send_signal(signal.SIGTERM)
		_, stderr = other.communicate(timeout=30)
	assert code == 0
	assert sorted(a.connection for a in acks) == [1, 1, 1, 2, 2, 2]
	assert len({a.envelope_id for a in world.socket.acks}) == len(world.socket.acks) == 6
	assert "2 connections open" in caplog.text
	assert other.returncode == 0, stderr
	assert "Socket Mode stopped (3 envelopes handled)" in stderr
