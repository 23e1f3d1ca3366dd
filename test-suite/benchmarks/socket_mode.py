"""Socket Mode: envelope received → ack sent, against the HTTP route's own time for the same
payloads; and the two WebSocket clients considered, on a bare ack loop.

    python test-suite/benchmarks/socket_mode.py [envelopes] [--quick]     # default 1000 per payload
    python test-suite/benchmarks/socket_mode.py 1000 --switch-interval=0.0005   # GIL hand-offs 10x sooner

Run from the repository root, like test-suite/benchmarks/routes_e2e.py: the Frappe test double, the Web API
mock (frappe_slack_connector/tests/support/slack_mock.py) and the loopback Socket Mode server
(frappe_slack_connector/tests/support/socket_mock.py), all on 127.0.0.1.

Part 1, the app. For each payload, N envelopes one after the other (the next is sent when the
previous ack arrived), served by the app's `SocketModeClient` in the main thread:
- `socket`: in the client, from the frame's arrival (`ws.recv` returned) to the ack sent — Rust
  parse and routing, a fresh site context (init, connect, Guest, commit, destroy), the handler,
  the ack built in Rust, `ws.send`;
- `round trip`: at the server, envelope sent → ack received (adds the loopback and websockets'
  framing, both directions);
- `http`: the same payload through the HTTP route (`frappe_slack_connector.tests.support.dispatch`, signed), timed around
  `dispatch()` only — the number routes_e2e.py reports as `total`.
Payloads: an ignored button (the `ack` route: routing only), a leave form with an inline error
(`leave_submission`: ERP reads, the errors built in Rust, carried in the ack), and /apply-leave
from a Slack user the site does not know (`users.info` to the mock, a notice carried in the ack).

Part 2, the libraries (why websockets). A bare loop, no Frappe: the server sends an envelope, the
client acks it with `{"envelope_id"}`, N times; timed at the server. `websockets` sync client
(what the app uses, as `slack/socket_mode.py` reads: recv with a timeout, send) against
slack_sdk's built-in `SocketModeClient` (no extra dependency; a listener answering each
`SocketModeRequest`).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time

SUITE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(SUITE)
sys.path.insert(0, ROOT)
sys.path.insert(0, SUITE)
sys.path.insert(0, os.path.join(SUITE, "doubles"))

import benchlib  # noqa: E402  — this directory
import frappe  # noqa: E402  — the double, from test-suite/doubles
from frappe_test_site import reset_site  # noqa: E402
from websockets.sync.client import connect as ws_connect  # noqa: E402

from frappe_slack_connector.flows import dispatch as flows_dispatch  # noqa: E402
from frappe_slack_connector.slack import socket_mode  # noqa: E402
from frappe_slack_connector.slack.socket_mode import SocketModeClient  # noqa: E402
from frappe_slack_connector.tests.support.dispatch import build_request, dispatch  # noqa: E402
from frappe_slack_connector.tests.support.slack_mock import SlackMock  # noqa: E402
from frappe_slack_connector.tests.support.slack_requests import (  # noqa: E402
	block_actions_message,
	button_action,
	interaction_request,
	slash_command_request,
	state_checkboxes,
	state_datepicker,
	state_plain_text,
	state_static_select,
	view_payload,
	view_submission,
)
from frappe_slack_connector.tests.support.socket_mock import SocketModeMock  # noqa: E402
from harness.app_fixtures import SIGNING_SECRET, App  # noqa: E402

JANE, JANE_EMAIL, BOSS_EMAIL = "U0JANE0001", "jane@example.com", "boss@example.com"
TODAY = "2026-12-01"


def p50_p99(values: list[float]) -> tuple[float, float]:
	values = sorted(values)
	return statistics.median(values) * 1000, values[min(len(values) - 1, int(len(values) * 0.99))] * 1000


def ms(values: list[float]) -> str:
	p50, p99 = p50_p99(values)
	return f"p50 {p50:7.3f} ms  p99 {p99:7.3f} ms  mean {statistics.fmean(values) * 1000:7.3f} ms"


def report(name: str, what: str, socket: list[float], http: list[float]) -> None:
	"""A RESULT line: envelope received → ack sent over the socket, against the HTTP route."""
	(s50, s99), (h50, h99) = p50_p99(socket), p50_p99(http)
	benchlib.result(
		name,
		what=what,
		rust=f"socket p50 {s50:.3f} / p99 {s99:.3f} ms",
		ref=f"HTTP route p50 {h50:.3f} / p99 {h99:.3f} ms",
		goal="-",
		met="-",
	)


def make_site(slack: SlackMock) -> tuple[App, str]:
	site = reset_site(conf={"slack_api_url": slack.url})
	app = App(site=site, slack=slack)
	site.freeze_time(f"{TODAY} 10:00:00")
	site.make_holiday_list("HL 2026", "2026-01-01", "2026-12-31")
	site.make_company("Test Co", default_holiday_list="HL 2026")
	site.make_user(BOSS_EMAIL, roles=["Employee"], full_name="Bea Boss")
	employee = site.make_employee(
		JANE_EMAIL, first_name="Jane", last_name="Doe", leave_approver=BOSS_EMAIL
	).name
	site.make_allocation(employee, "Casual Leave", "2026-01-01", "2026-12-31")
	frappe.get_doc({"doctype": "Slack User Meta", "user": JANE_EMAIL, "slack_user_id": JANE}).insert(
		ignore_permissions=True
	)
	frappe.db.commit()
	slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane")
	app.configure(
		signing_secret=SIGNING_SECRET,
		bot_user_oauth_token=slack.bot_token,
		connection="Socket Mode",
		app_level_token=slack.app_token,
	)
	return app, employee


def payloads(employee: str) -> dict[tuple[str, str], tuple[str, dict]]:
	ignored = block_actions_message(
		button_action("ignore_open_in_desk", "x", block_id="leave_actions_block"),
		user={"id": JANE, "username": "jane", "name": "jane", "team_id": "T0TEST0001"},
	)
	values = {
		"start_date": {"start_date_picker": state_datepicker("2026-12-04")},
		"end_date": {"end_date_picker": state_datepicker("2026-12-02")},
		"leave_type": {"leave_type_select": state_static_select("Casual Leave")},
		"half_day_checkbox": {"half_day_checkbox": state_checkboxes([])},
		"reason": {"reason_input": state_plain_text("Trip")},
	}
	view = view_payload(
		callback_id="apply_leave_application",
		state_values=values,
		private_metadata=json.dumps({"employee": employee}),
	)
	inline_error = view_submission(view, user={"id": JANE, "username": "jane", "name": "jane"})
	stranger = slash_command_request(secret=SIGNING_SECRET, user_id="U0NOBODY01").form()
	return {
		("socket_ignored", "ignored button (ack route)"): ("interactive", ignored),
		("socket_inline_error", "form with an inline error"): ("interactive", inline_error),
		("socket_slash_stranger", "/apply-leave, unknown user"): ("slash_commands", stranger),
	}


def socket_run(app: App, kind: str, payload: dict, n: int, server: SocketModeMock) -> tuple[list, list]:
	"""N envelopes through the app's client; (in-client times, server round trips)."""
	client = SocketModeClient(frappe.local.site, frappe.local.sites_path, handlers=flows_dispatch)
	in_client: list[float] = []
	real_frame = client._frame

	def timed_frame(ws, text):
		start = time.perf_counter()
		outcome = real_frame(ws, text)
		if '"envelope_id"' in (text if isinstance(text, str) else text.decode()):
			in_client.append(time.perf_counter() - start)
		return outcome

	client._frame = timed_frame
	round_trips: list[float] = []
	site = frappe.local.site
	frappe.db.commit()

	def play():
		try:
			server.wait_for_open(1)
			for _ in range(n):
				accepts = kind == "slash_commands" or payload.get("type") == "view_submission"
				eid = server.send_envelope(kind, payload, accepts_response_payload=accepts)
				round_trips.append(server.wait_ack(eid).elapsed)
		finally:
			client.stop()

	thread = threading.Thread(target=play)
	thread.start()
	client.run()
	thread.join()
	frappe.init(site, force=True)
	frappe.connect()
	return in_client, round_trips


def http_run(kind: str, payload: dict, n: int) -> list[float]:
	times = []
	for _ in range(n):
		if kind == "slash_commands":
			req = slash_command_request(secret=SIGNING_SECRET, user_id=payload["user_id"])
		else:
			req = interaction_request(payload, secret=SIGNING_SECRET)
		request = build_request(req.path, data=req.body, headers=req.headers)
		start = time.perf_counter()
		response = dispatch(request)
		times.append(time.perf_counter() - start)
		assert response.status_code == 200, response.get_data()
	return times


def bare_websockets(server: SocketModeMock, n: int) -> list[float]:
	def client():
		with ws_connect(server.new_url()) as ws:
			while True:
				try:
					frame = json.loads(ws.recv(timeout=5))
				except TimeoutError:
					return
				if frame.get("type") == "stop":
					return
				if "envelope_id" in frame:
					ws.send(json.dumps({"envelope_id": frame["envelope_id"]}))

	return _bare(server, n, client)


def bare_slack_sdk(server: SocketModeMock, slack: SlackMock, n: int) -> list[float]:
	from slack_sdk import WebClient  # noqa: PLC0415
	from slack_sdk.socket_mode.builtin import SocketModeClient as SdkClient  # noqa: PLC0415
	from slack_sdk.socket_mode.response import SocketModeResponse  # noqa: PLC0415

	sdk = SdkClient(
		app_token=slack.app_token, web_client=WebClient(base_url=slack.url), auto_reconnect_enabled=False
	)

	def listener(client, request):
		client.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id))

	sdk.socket_mode_request_listeners.append(listener)
	stop = threading.Event()

	def client():
		sdk.connect()
		stop.wait()
		sdk.close()

	try:
		return _bare(server, n, client, stop)
	finally:
		stop.set()


def _bare(server: SocketModeMock, n: int, client, stop: threading.Event | None = None) -> list[float]:
	server.reset()
	thread = threading.Thread(target=client, daemon=True)
	thread.start()
	server.wait_for_open(1)
	time.sleep(0.2)  # let the client read hello
	times = []
	for _ in range(n):
		eid = server.send_envelope("events_api", {"type": "event_callback", "event": {"type": "x"}})
		times.append(server.wait_ack(eid).elapsed)
	if stop is not None:
		stop.set()
	else:
		server.send_raw(json.dumps({"type": "stop"}))
	thread.join(10)
	return times


def main(n: int) -> None:
	slack = SlackMock().start()
	server = SocketModeMock().start()
	slack.socket_urls = server.new_url
	socket_mode.logger.disabled = True
	try:
		app, employee = make_site(slack)
		print(f"{n} envelopes / requests per payload, one at a time")
		for (slug, name), (kind, payload) in payloads(employee).items():
			# Interleaved: socket, http, socket, http (halves), so drift hits both alike.
			half = n // 2
			in_client, round_trips, http = [], [], []
			for _ in range(2):
				a, b = socket_run(app, kind, payload, half, server)
				in_client += a
				round_trips += b
				http += http_run(kind, payload, half)
			print(f"{name}")
			print(f"  socket, received → ack sent  {ms(in_client)}")
			print(f"  socket, server round trip     {ms(round_trips)}")
			print(f"  http, dispatch()              {ms(http)}")
			report(slug, f"Socket Mode, {name}: received → ack sent ({n} envelopes)", in_client, http)
		print("bare ack loop (no Frappe), server round trip")
		bare_ws, bare_sdk = bare_websockets(server, n), bare_slack_sdk(server, slack, n)
		print(f"  websockets sync client        {ms(bare_ws)}")
		print(f"  slack_sdk builtin client      {ms(bare_sdk)}")
		(w50, w99), (k50, k99) = p50_p99(bare_ws), p50_p99(bare_sdk)
		benchlib.result(
			"socket_bare_clients",
			what=f"Socket Mode, bare ack loop, server round trip ({n} envelopes)",
			rust=f"websockets p50 {w50:.3f} / p99 {w99:.3f} ms",
			ref=f"slack_sdk client p50 {k50:.3f} / p99 {k99:.3f} ms",
			goal="-",
			met="-",
		)
	finally:
		server.stop()
		slack.stop()


if __name__ == "__main__":
	args = [a for a in benchlib.args() if not a.startswith("--switch-interval=")]
	for a in sys.argv[1:]:
		if a.startswith("--switch-interval="):
			# Every mock, the client and the app share one interpreter here: a thread handing the
			# GIL back (the mock answering users.info) may wait up to this long for it.
			sys.setswitchinterval(float(a.split("=", 1)[1]))
	main(int(args[0]) if args else benchlib.size(1000, 4))
