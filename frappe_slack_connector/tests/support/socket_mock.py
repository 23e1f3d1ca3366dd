"""A loopback Socket Mode server: Slack's side of the app's WebSocket, on 127.0.0.1.

    socket = SocketModeMock().start()          # or the `socket_mock` fixture
    slack_mock.socket_urls = socket.new_url    # apps.connections.open answers one of these
    conn = socket.wait_for_connection()        # the app connected and got `hello`
    eid = socket.send_slash_command({...})     # an envelope, as Slack sends it
    ack = socket.wait_ack(eid)                 # the app's ack: .payload, .elapsed
    socket.send_disconnect("refresh_requested") / socket.drop()

Behaviour follows Slack's Socket Mode as documented (REFERENCE/DESIGN §11) and as slack_sdk's
socket mode clients read it:

- `apps.connections.open` hands out a one-use URL `ws://127.0.0.1:<port>/link/?ticket=<n>&app_id=…`;
  a connection with an unknown or used ticket is refused (HTTP 403 at the handshake);
- on connect the server sends `{"type": "hello", "num_connections": <open connections>,
  "debug_info": {...}, "connection_info": {"app_id": …}}`;
- envelopes are `{"envelope_id": <uuid>, "type": "slash_commands" | "interactive" |
  "events_api", "payload": …, "accepts_response_payload": bool, "retry_attempt", "retry_reason"}`
  (`accepts_response_payload` true for slash commands and view submissions, as Slack sets it);
- with several connections open, each envelope goes to exactly one of them (round robin);
- every frame the app sends must be an ack: a JSON object with `envelope_id` (of an envelope this
  connection got and not yet acknowledged) and at most a `payload` object. Anything else, a
  second ack, or an ack later than `ACK_DEADLINE_SECONDS` is a problem: the fixture fails the test
  at teardown unless the test took it with `take_problems()`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Response
from websockets.sync.server import ServerConnection, serve

APP_ID = "A0APP00001"
ACK_DEADLINE_SECONDS = 3.0  # Slack's


@dataclass
class Ack:
	envelope_id: str
	payload: dict[str, Any] | None
	elapsed: float  # seconds from the envelope's send to its ack
	connection: int


@dataclass
class Envelope:
	envelope_id: str
	kind: str
	frame: dict[str, Any]
	connection: int
	sent_at: float


@dataclass
class Connection:
	number: int
	ws: ServerConnection
	open: bool = True
	pending: set[str] = field(default_factory=set)


class SocketModeMock:
	def __init__(self, *, app_id: str = APP_ID):
		self.app_id = app_id
		self._lock = threading.Condition(threading.RLock())
		self._server = None
		self._thread: threading.Thread | None = None
		self.reset()

	# ---------------------------------------------------------------- lifecycle

	def start(self) -> SocketModeMock:
		if self._server is None:
			self._server = serve(self._serve, "127.0.0.1", 0, process_request=self._check_ticket)
			self._thread = threading.Thread(
				target=self._server.serve_forever, name="socket-mock", daemon=True
			)
			self._thread.start()
		return self

	def stop(self) -> None:
		if self._server is not None:
			self.drop_all()
			self._server.shutdown()
			self._server = None
		if self._thread is not None:
			self._thread.join(timeout=5)
			self._thread = None

	def reset(self) -> None:
		with self._lock:
			for conn in getattr(self, "_connections", []):
				if conn.open:
					with contextlib.suppress(Exception):
						conn.ws.close()
			self._tickets: dict[str, bool] = {}  # ticket -> used
			self._ticket_ids = itertools.count(1)
			self._connections: list[Connection] = []
			self._envelopes: dict[str, Envelope] = {}
			self._acks: list[Ack] = []
			self._problems: list[str] = []
			self._round_robin = itertools.count()
			self.refused_handshakes = 0

	@property
	def port(self) -> int:
		if self._server is None:
			raise RuntimeError("SocketModeMock is not started")
		return self._server.socket.getsockname()[1]

	def new_url(self) -> str:
		"""A one-use connection URL, what `apps.connections.open` returns."""
		with self._lock:
			ticket = f"t{next(self._ticket_ids):04d}-{uuid.uuid4().hex[:8]}"
			self._tickets[ticket] = False
			return f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}&app_id={self.app_id}"

	@property
	def tickets_issued(self) -> int:
		with self._lock:
			return len(self._tickets)

	# ---------------------------------------------------------------- server side

	def _check_ticket(self, connection: ServerConnection, request) -> Response | None:
		ticket = (parse_qs(urlsplit(request.path).query).get("ticket") or [""])[0]
		with self._lock:
			if self._tickets.get(ticket, True):
				self.refused_handshakes += 1
				return connection.respond(403, "invalid or used ticket\n")
			self._tickets[ticket] = True
		return None

	def _serve(self, ws: ServerConnection) -> None:
		with self._lock:
			conn = Connection(number=len(self._connections) + 1, ws=ws)
			self._connections.append(conn)
			open_now = sum(1 for c in self._connections if c.open)
			self._lock.notify_all()
		try:
			ws.send(
				json.dumps(
					{
						"type": "hello",
						"num_connections": open_now,
						"debug_info": {
							"host": "applink-mock",
							"build_number": 1,
							"approximate_connection_time": 18060,
						},
						"connection_info": {"app_id": self.app_id},
					}
				)
			)
			for message in ws:
				self._record(conn, message)
		except ConnectionClosed:
			pass
		finally:
			with self._lock:
				conn.open = False
				self._lock.notify_all()

	def _record(self, conn: Connection, message: str | bytes) -> None:
		now = time.monotonic()
		with self._lock:
			try:
				frame = json.loads(message)
			except (TypeError, ValueError):
				self._problems.append(f"connection {conn.number}: not JSON: {message[:200]!r}")
				return
			if not isinstance(frame, dict) or not isinstance(frame.get("envelope_id"), str):
				self._problems.append(f"connection {conn.number}: not an ack: {frame!r:.200}")
				return
			extra = set(frame) - {"envelope_id", "payload"}
			if extra:
				self._problems.append(f"ack has unexpected keys {sorted(extra)}")
			eid = frame["envelope_id"]
			payload = frame.get("payload")
			if payload is not None and not isinstance(payload, dict):
				self._problems.append(f"ack {eid}: payload is not an object")
			if eid not in conn.pending:
				why = "a second ack" if eid in self._envelopes else "an unknown envelope"
				self._problems.append(f"connection {conn.number}: ack for {why} {eid}")
				return
			conn.pending.discard(eid)
			envelope = self._envelopes[eid]
			elapsed = now - envelope.sent_at
			if elapsed > ACK_DEADLINE_SECONDS:
				self._problems.append(f"ack {eid} ({envelope.kind}) after {elapsed:.2f} s")
			self._acks.append(Ack(eid, payload, elapsed, conn.number))
			self._lock.notify_all()

	# ---------------------------------------------------------------- test side: connections

	@property
	def connections(self) -> list[Connection]:
		with self._lock:
			return list(self._connections)

	def open_connections(self) -> list[Connection]:
		with self._lock:
			return [c for c in self._connections if c.open]

	def wait_for_connection(self, count: int = 1, timeout: float = 10.0) -> Connection:
		"""Wait until `count` connections have been made in all (and the last is open)."""
		deadline = time.monotonic() + timeout
		with self._lock:
			while not (len(self._connections) >= count and self._connections[count - 1].open):
				remaining = deadline - time.monotonic()
				if remaining <= 0:
					raise AssertionError(
						f"no connection #{count} within {timeout} s ({len(self._connections)} made)"
					)
				self._lock.wait(remaining)
			return self._connections[count - 1]

	def wait_for_open(self, count: int, timeout: float = 10.0) -> None:
		deadline = time.monotonic() + timeout
		with self._lock:
			while len([c for c in self._connections if c.open]) < count:
				remaining = deadline - time.monotonic()
				if remaining <= 0:
					raise AssertionError(f"fewer than {count} open connections within {timeout} s")
				self._lock.wait(remaining)

	def _target(self, connection: Connection | None) -> Connection:
		with self._lock:
			if connection is not None:
				return connection
			live = [c for c in self._connections if c.open]
			if not live:
				raise AssertionError("no open connection to send to")
			return live[next(self._round_robin) % len(live)]

	def send_disconnect(
		self, reason: str = "refresh_requested", connection: Connection | None = None
	) -> None:
		conn = self._target(connection)
		conn.ws.send(
			json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-mock"}})
		)

	def drop(self, connection: Connection | None = None) -> None:
		"""Network loss: the TCP connection dies without a close frame."""
		conn = self._target(connection)
		with contextlib.suppress(OSError):
			conn.ws.socket.shutdown(socket.SHUT_RDWR)

	def drop_all(self) -> None:
		for conn in self.open_connections():
			self.drop(conn)

	def send_raw(self, text: str, connection: Connection | None = None) -> None:
		self._target(connection).ws.send(text)

	# ---------------------------------------------------------------- test side: envelopes

	def send_envelope(
		self,
		kind: str,
		payload: Any,
		*,
		accepts_response_payload: bool = False,
		retry_attempt: int = 0,
		retry_reason: str = "",
		connection: Connection | None = None,
		envelope_id: str | None = None,
	) -> str:
		conn = self._target(connection)
		eid = envelope_id or str(uuid.uuid4())
		frame = {
			"envelope_id": eid,
			"type": kind,
			"payload": payload,
			"accepts_response_payload": accepts_response_payload,
			"retry_attempt": retry_attempt,
			"retry_reason": retry_reason,
		}
		with self._lock:
			conn.pending.add(eid)
			self._envelopes[eid] = Envelope(eid, kind, frame, conn.number, time.monotonic())
		conn.ws.send(json.dumps(frame))
		return eid

	def send_slash_command(self, form: dict[str, str], **kw: Any) -> str:
		"""A slash command: the HTTP form's fields as a JSON object; Slack accepts a response."""
		return self.send_envelope("slash_commands", form, accepts_response_payload=True, **kw)

	def send_interactive(self, payload: dict[str, Any], **kw: Any) -> str:
		"""An interaction: the HTTP `payload=` JSON; view submissions accept a response payload."""
		accepts = payload.get("type") == "view_submission"
		return self.send_envelope("interactive", payload, accepts_response_payload=accepts, **kw)

	def send_event(self, event: dict[str, Any], *, event_id: str | None = None, **kw: Any) -> str:
		payload = {
			"token": "deprecated",
			"team_id": "T0TEST0001",
			"api_app_id": self.app_id,
			"event": event,
			"type": "event_callback",
			"event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
			"event_time": int(time.time()),
		}
		return self.send_envelope("events_api", payload, **kw)

	def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> Ack:
		deadline = time.monotonic() + timeout
		with self._lock:
			while True:
				found = [a for a in self._acks if a.envelope_id == envelope_id]
				if found:
					return found[0]
				remaining = deadline - time.monotonic()
				if remaining <= 0:
					raise AssertionError(f"no ack for {envelope_id} within {timeout} s")
				self._lock.wait(remaining)

	@property
	def acks(self) -> list[Ack]:
		with self._lock:
			return list(self._acks)

	def take_problems(self) -> list[str]:
		with self._lock:
			taken, self._problems = self._problems, []
			return taken

	def problems_report(self) -> str | None:
		with self._lock:
			if not self._problems:
				return None
			return "Socket Mode mock recorded problems:\n" + "\n".join(f"  - {p}" for p in self._problems)


def run_client_while(client: Any, scenario: Any, server: SocketModeMock) -> tuple[int, Any]:
	"""Run the app's Socket Mode `client` in this (the main) thread, as under bench, while
	`scenario(server)` plays Slack in another thread; the scenario's end stops the client.
	Returns (the client's exit code, the scenario's result); an error of the scenario is raised
	here. The client's last envelope destroyed its site context: callers open their own again."""
	outcome: dict[str, Any] = {}

	def play():
		try:
			outcome["value"] = scenario(server)
		except BaseException as exc:  # re-raised in the caller's thread below
			outcome["error"] = exc
		finally:
			client.stop()

	thread = threading.Thread(target=play, name="slack-scenario", daemon=True)
	thread.start()
	try:
		code = client.run()
	finally:
		client.stop()
		thread.join(30)
	if "error" in outcome:
		raise outcome["error"]
	return code, outcome.get("value")
