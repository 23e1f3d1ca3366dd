"""Socket Mode: for a site Slack cannot reach, the app connects out to Slack and takes slash
commands and clicks over a WebSocket (`bench --site <site> slack-socket-mode`).

    client = SocketModeClient("erp.example.com", handlers=dispatch)   # commands.py: flows/dispatch.py
    exit_code = client.run()        # until SIGTERM / SIGINT or a configuration Slack refuses

One loop, in the process's main thread:

1. `apps.connections.open` with the App-Level Token (`slack/site.py`) gives a one-use `wss://`
   URL; the `websockets` sync client connects (keepalive pings on its own thread).
2. Each text frame is read by the Rust core (`core.parse_socket_frame`): `hello`, `disconnect`,
   or an envelope whose payload went through the same reading and routing as the HTTP routes.
3. The envelope is handled in a fresh Frappe site context (`erp/site_context.py`: Guest, commit
   or rollback, destroyed afterwards) by the very handlers the HTTP routes call: the client is
   given them (`Handlers`, the app's `flows/dispatch.py`; this transport imports nothing above
   it). Their werkzeug Response becomes the ack (`core.build_socket_ack`), so inline modal
   errors and a command's notice reach Slack as they would over HTTP. The slash commands served
   are exactly those of the registry the manifest is built from (`core.SLASH_COMMANDS`).
4. Every envelope is acknowledged within Slack's 3 s: if the handler is still at work after
   `ACK_DEADLINE_SECONDS`, a timer sends a plain ack and the handler's answer is dropped (logged);
   its work itself goes on and commits.
5. A `disconnect` from Slack (refresh_requested, warning) opens a new connection at once; a
   dropped connection or an unreachable Slack is retried with exponential backoff and jitter
   (`Backoff`); `link_disabled` (Socket Mode turned off in the Slack app) is retried with backoff
   too, so turning it back on needs no restart.
6. SIGTERM / SIGINT set a flag: the envelope in hand is finished and acknowledged, then the
   connection is closed and `run()` returns 0. An App-Level Token Slack refuses (or none) ends
   `run()` with `EXIT_CONFIG` at once: no retry can fix it.

Envelopes are handled one at a time, in the order they arrive (Frappe's site context is one per
thread; one process per site is enough for a team's leave traffic, see docs/PERFORMANCE.md). A
second process for the same site is a second connection of the same app: Slack gives each
envelope to exactly one connection, so nothing is handled twice; `hello` reports the count and
the process logs a warning when it is above one.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import connect as ws_connect
from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import site_context
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.client import SlackCallError, redact
from frappe_slack_connector.slack.responses import json_response

logger = logging.getLogger(__name__)
# websockets' own log: its DEBUG lines quote the handshake, whose URL carries the one-use ticket.
websocket_logger = logging.getLogger(f"{__name__}.websocket")
websocket_logger.setLevel(logging.INFO)

# Slack waits 3 s for an ack; the rest is for the network.
ACK_DEADLINE_SECONDS = 2.5
# How long a read waits before the loop looks at the stop flag again.
POLL_SECONDS = 0.5
BACKOFF_FIRST_SECONDS = 1.0
BACKOFF_MAX_SECONDS = 60.0
OPEN_TIMEOUT_SECONDS = 10.0
CLOSE_TIMEOUT_SECONDS = 5.0
# What the Rust core accepts (interaction payload limit + the envelope's own fields).
MAX_FRAME_BYTES = 2 * 1024 * 1024 + 64 * 1024
# apps.connections.open answers no retry can change: the process stops and says what to fix.
FATAL_ERRORS = frozenset(
	{
		"not_configured",
		"invalid_auth",
		"not_authed",
		"not_allowed_token_type",
		"account_inactive",
		"token_revoked",
		"missing_scope",
	}
)
EXIT_OK = 0
EXIT_CONFIG = 2
# The slash commands served over the socket: the registry's (command → handler key), the same
# the manifest declares and the HTTP routes answer (api/slash_*.py).
SERVED_COMMANDS: dict[str, str] = {row["command"]: row["handler"] for row in core.SLASH_COMMANDS}


class Handlers(Protocol):
	"""What envelopes are handed to, as the HTTP routes hand them (the app's `flows/dispatch.py`)."""

	def handle_interaction(self, route: dict) -> Response: ...

	def handle_event(self, route: dict, *, retry_num: str | None = None) -> Response: ...

	def handle_slash_command(self, handler: str, form: dict[str, str]) -> Response: ...


class SocketModeConfigError(Exception):
	"""Socket Mode cannot run with this site's configuration (`.error`: a Slack error code or
	`not_configured` / `http_mode`); the message says what to fix and never contains a token."""

	def __init__(self, error: str, message: str):
		super().__init__(message)
		self.error = error


class Backoff:
	"""Reconnect delays: doubling from `first` up to `maximum`, each with full jitter in its upper
	half (many sites reconnecting after a Slack outage do not arrive together)."""

	def __init__(
		self,
		first: float = BACKOFF_FIRST_SECONDS,
		maximum: float = BACKOFF_MAX_SECONDS,
		rng: Callable[[], float] = random.random,
	):
		self.first, self.maximum, self._rng = first, maximum, rng
		self.attempts = 0

	def next_delay(self) -> float:
		ceiling = min(self.maximum, self.first * 2**self.attempts)
		self.attempts += 1
		return ceiling * (0.5 + self._rng() / 2)

	def reset(self) -> None:
		self.attempts = 0


class _AckSlot:
	"""Exactly one ack per envelope: the handler's answer, or the deadline's plain ack."""

	def __init__(self, send: Callable[[str], None]):
		self._send = send
		self._lock = threading.Lock()
		self.sent_by: str | None = None

	def send(self, text: str, by: str) -> bool:
		with self._lock:
			if self.sent_by is not None:
				return False
			self.sent_by = by
		try:
			self._send(text)
		except ConnectionClosed:
			# Slack gives an envelope it never got an ack for to the next connection.
			logger.warning("Socket Mode: the connection closed before an ack could be sent")
		return True


@dataclass
class Stats:
	"""What the process did (for logs and tests)."""

	connections: int = 0
	envelopes: int = 0
	late_acks: int = 0
	bad_frames: int = 0


class SocketModeClient:
	"""The Socket Mode loop for one site (see the module docstring)."""

	def __init__(
		self,
		site: str,
		sites_path: str = ".",
		*,
		handlers: Handlers,
		connect: Callable[..., Any] = ws_connect,
		sleep: Callable[[float], None] | None = None,
		backoff: Backoff | None = None,
	):
		self.site = site
		self.sites_path = sites_path
		self.handlers = handlers
		self._connect = connect
		self._stop = threading.Event()
		# Waiting between reconnects is cut short by stop().
		self._sleep = sleep or self._stop.wait
		self.backoff = backoff or Backoff()
		self.stats = Stats()

	# ---------------------------------------------------------------- lifecycle

	def stop(self) -> None:
		"""Finish the envelope in hand, then close the connection and return from `run()`."""
		self._stop.set()

	@property
	def stopping(self) -> bool:
		return self._stop.is_set()

	def install_signal_handlers(self) -> None:
		"""SIGTERM (supervisor, systemd) and SIGINT (Ctrl-C) stop the loop cleanly. Python runs
		signal handlers in the main thread between bytecodes: the handler only sets the flag, the
		envelope being handled runs to its ack."""

		def handle(signum, _frame):
			logger.info(
				"Socket Mode: %s received, stopping after the envelope in hand", signal.Signals(signum).name
			)
			self.stop()

		signal.signal(signal.SIGTERM, handle)
		signal.signal(signal.SIGINT, handle)

	def check_configuration(self) -> None:
		"""Raise SocketModeConfigError unless Slack Settings say Socket Mode and hold a token."""
		with site_context.opened(self.site, self.sites_path):
			if not erp_settings.socket_mode():
				raise SocketModeConfigError(
					"http_mode",
					"Slack Settings → Connection is 'Public URL (HTTP)': Slack posts to the site's URL. "
					"Choose 'Socket Mode' there first.",
				)
			if not erp_settings.app_token():
				raise SocketModeConfigError(
					"not_configured",
					"Slack Settings has no App-Level Token: create one with the connections:write scope "
					"(Slack app → Basic Information → App-Level Tokens) and paste it.",
				)

	def run(self) -> int:
		"""Connect, serve and reconnect until stopped; the process's exit code."""
		try:
			self.check_configuration()
			while not self.stopping:
				url = self._open_url()
				if url is None:
					self._sleep(self.backoff.next_delay())
					continue
				outcome = self._serve_url(url)
				if outcome == "refresh":
					continue
				if not self.stopping:
					self._sleep(self.backoff.next_delay())
		except SocketModeConfigError as err:
			logger.error("Socket Mode cannot start: %s", err)
			return EXIT_CONFIG
		logger.info("Socket Mode stopped (%d envelopes handled)", self.stats.envelopes)
		return EXIT_OK

	# ---------------------------------------------------------------- connection

	def _open_url(self) -> str | None:
		"""A fresh WebSocket URL, or None to retry later; a refused token is fatal."""
		try:
			with site_context.opened(self.site, self.sites_path):
				return slack_site.open_socket_url(path=slack_site.JOB)
		except SlackCallError as err:
			if err.error in FATAL_ERRORS:
				raise SocketModeConfigError(
					err.error,
					f"Slack refused the App-Level Token ({err.error}): check Slack Settings → App-Level "
					"Token (an xapp-… token with the connections:write scope, from the same Slack app).",
				) from None
			logger.warning("Socket Mode: no connection URL (%s); retrying", err)
			return None
		except Exception:
			self._log_exception("Slack Socket Mode: connection not opened")
			return None

	def _serve_url(self, url: str) -> str:
		"""Connect to `url` and serve it; "refresh" (reconnect now), "dropped" or "stopped"."""
		try:
			ws = self._connect(
				url,
				open_timeout=OPEN_TIMEOUT_SECONDS,
				close_timeout=CLOSE_TIMEOUT_SECONDS,
				max_size=MAX_FRAME_BYTES,
				logger=websocket_logger,
			)
		except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as err:
			# The URL carries a one-use ticket: never log it.
			logger.warning("Socket Mode: could not connect (%s); retrying", type(err).__name__)
			return "dropped"
		self.stats.connections += 1
		outcome = "dropped"
		try:
			with ws:  # leaving it closes the connection (a close frame, when there is a peer)
				outcome = self._serve(ws)
		except ConnectionClosed:
			pass  # closing a connection the network already lost: nothing left to close
		return outcome

	def _serve(self, ws) -> str:
		while not self.stopping:
			try:
				text = ws.recv(timeout=POLL_SECONDS)
			except TimeoutError:
				continue
			except ConnectionClosed:
				logger.warning("Socket Mode: connection lost; reconnecting")
				return "dropped"
			outcome = self._frame(ws, text)
			if outcome is not None:
				return outcome
		return "stopped"

	def _frame(self, ws, text: str | bytes) -> str | None:
		"""Handle one frame; the loop's outcome when it ends this connection."""
		try:
			frame = core.parse_socket_frame(text)
		except (core.SocketFrameError, TypeError) as err:
			self.stats.bad_frames += 1
			self._log_error(
				f"Slack Socket Mode frame rejected: {getattr(err, 'reason', 'not_text')}",
				f"{err} ({len(text)} characters; not acknowledged: it has no envelope id)",
			)
			return None
		if frame["type"] == "hello":
			self.backoff.reset()
			connections = frame.get("num_connections")
			logger.info("Socket Mode: connected to Slack (%s connection(s) open)", connections or 1)
			if connections and connections > 1:
				logger.warning(
					"Socket Mode: this Slack app has %d connections open; another slack-socket-mode "
					"process (or another site with the same Slack app) is connected. Slack gives each "
					"envelope to one of them, so nothing is handled twice, but every site gets only "
					"its share.",
					connections,
				)
			return None
		if frame["type"] == "disconnect":
			reason = frame.get("reason") or "unknown"
			if reason == "link_disabled":
				logger.warning("Socket Mode: Slack disabled Socket Mode for this app; retrying with backoff")
				return "dropped"
			logger.info("Socket Mode: Slack asked to reconnect (%s)", reason)
			return "refresh"
		self._envelope(ws, frame)
		return None

	# ---------------------------------------------------------------- envelopes

	def _envelope(self, ws, frame: dict) -> None:
		"""Answer one envelope: the handler's ack, or a plain ack at the deadline."""
		received = time.monotonic()
		envelope_id = frame["envelope_id"]
		plain = core.build_socket_ack(envelope_id, False, 200, b"")
		slot = _AckSlot(ws.send)
		timer = threading.Timer(ACK_DEADLINE_SECONDS, slot.send, args=(plain, "deadline"))
		timer.daemon = True
		timer.start()
		try:
			status, body = self._answer(frame)
			try:
				text = core.build_socket_ack(envelope_id, frame["accepts_response_payload"], status, body)
			except core.SocketFrameError as err:
				self._log_error(
					f"Slack Socket Mode answer not sent: {err.reason}", f"{err} ({frame['kind']})"
				)
				text = plain
		finally:
			timer.cancel()
		self.stats.envelopes += 1
		if not slot.send(text, "handler"):
			self.stats.late_acks += 1
			logger.warning(
				"Socket Mode: a %s envelope took %.1f s; Slack got a plain ack at %.1f s and this "
				"answer was dropped",
				frame["kind"],
				time.monotonic() - received,
				ACK_DEADLINE_SECONDS,
			)

	def _answer(self, frame: dict) -> tuple[int, bytes]:
		"""The HTTP answer the route would give (status, body), computed in a site context of
		its own; an unexpected error is an Error Log and a plain ack, never a dead process."""
		try:
			with site_context.opened(self.site, self.sites_path):
				response = dispatch(frame, self.handlers)
				return response.status_code, response.get_data()
		except Exception:
			self._log_exception(f"Slack Socket Mode {frame.get('kind')} envelope failed")
			return 500, b""

	# ---------------------------------------------------------------- logs

	def _log_error(self, title: str, message: str) -> None:
		"""An Error Log in a context of its own; stderr when even that fails (the database may be
		what failed)."""
		try:
			with site_context.opened(self.site, self.sites_path):
				erp_log.log_error(title, message)
		except Exception:
			logger.exception("Socket Mode: could not write the Error Log %r", title)

	def _log_exception(self, title: str) -> None:
		self._log_error(title, redact(traceback.format_exc()))


def dispatch(frame: dict, handlers: Handlers) -> Response:
	"""An envelope to the handler its HTTP route would call; the same werkzeug Response."""
	handler = frame["handler"]
	if handler == "interaction":
		return handlers.handle_interaction(frame["route"])
	if handler == "slash_command":
		form = frame["form"]
		command = SERVED_COMMANDS.get(form.get("command", ""))
		if command is None:
			return _reject(
				"Slack command rejected: unknown_command",
				f"Socket Mode: no handler for the slash command {form.get('command', '')[:40]!r}.",
			)
		return handlers.handle_slash_command(command, form)
	if handler == "invalid":
		error = frame["error"]
		kind = {"slash_commands": "command", "events_api": "event"}.get(frame["kind"], "interaction")
		return _reject(
			f"Slack {kind} rejected: {error['reason']}", f"Socket Mode {frame['kind']}: {error['message']}"
		)
	if handler == "event":
		# The HTTP route's event table routed it (core.route_event): the same handlers, the same
		# once-per-event_id; Slack's retry_attempt is only for the log.
		retry = frame.get("retry_attempt") or 0
		return handlers.handle_event(frame["route"], retry_num=str(retry) if retry else None)
	logger.info("Socket Mode: envelope type %r not handled", frame.get("kind"))
	return json_response(None)


def _reject(title: str, message: str) -> Response:
	"""What the HTTP route answers a payload it cannot route: an Error Log and a 400 (which the
	ack turns into a plain ack)."""
	erp_log.log_error(title, message)
	reason = title.rpartition(": ")[2]
	return json_response({"ok": False, "error": reason}, status=400)
