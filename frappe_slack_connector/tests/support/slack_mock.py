"""A Slack Web API double served over real HTTP on 127.0.0.1, for slack_sdk's WebClient.

    mock = SlackMock().start()            # or the `slack_mock` pytest fixture
    client = WebClient(token=mock.bot_token, base_url=mock.url)
    mock.add_user(id="U1", email="jane@example.com", real_name="Jane")
    client.chat_postMessage(channel="C1", text="hi", blocks=[...])
    assert mock.calls_to("chat.postMessage")[0].args["blocks"][0]["type"] == "section"

Behaviour follows Slack's Web API as slack_sdk 3.48 talks to it:

- every method is POST `/api/<method>` (slack_sdk also sends "GET" methods as POST with a form body);
  bodies are JSON (`chat.*`, `views.*`: slack_sdk sends `json=`) or form-encoded, where `blocks`,
  `view`, `attachments` and `metadata` arrive as JSON strings: both are decoded before recording;
- auth: `Authorization: Bearer <token>` (or a `token` form field, not in JSON bodies) must be a bot
  token (`mock.tokens`), a person's user token (xoxp-, from `grant_user_token` or an OAuth exchange
  with user scopes) or, for Socket Mode, the App-Level Token: no token → `not_authed`, other token →
  `invalid_auth`, a revoked one (`auth.revoke`, `revoke_token`) → `token_revoked`; a token of the
  wrong type for the method → `not_allowed_token_type`, one without the method's scope (METHOD_SCOPES,
  each token its own grant) → `missing_scope` with `needed` and `provided`; `oauth.v2.access` checks
  the client id/secret (HTTP Basic or form fields) instead;
- errors are HTTP 200 `{"ok": false, "error": ...}`; a scripted rate limit is HTTP 429 with
  `Retry-After` and `{"ok": false, "error": "ratelimited"}`;
- every `blocks` and `view` goes through `frappe_slack_connector.tests.support.blockkit`: a payload Slack would reject is
  answered like Slack (`invalid_blocks` + `errors` for messages, `invalid_arguments` +
  `response_metadata.messages` for views) and every problem, including product rules Slack
  accepts (a message with blocks but no top-level `text`), lands in `mock.violations`.

Faults for the outbox's tests: `outage()` (the port refuses connections), `server_error_next` (5xx,
nothing done), `fail_after_doing_next` (done, then a 5xx or no answer), `delay_next` (a late answer,
done or not), `rate_limit_next` (scripted 429) and `enforce_rate_limits()` (Slack's published limits,
on a clock tests can `freeze_clock()`/`advance_clock()`), `delay_each_call` (Slack's latency, per
request, concurrent requests overlap). Messages keep their `metadata`; `conversations.history`
lists them; `count_with_metadata` counts them ("delivered exactly once").

A person's Slack: custom status (`users.profile.get`/`set`, with `status_expiration`) and Do Not
Disturb (`dnd.setSnooze`/`endSnooze`/`info`), changed with that person's user token; a status whose
expiration passed reads as cleared and a snooze ends on the mock's clock (`now()`, epoch seconds, which
`freeze_clock(at=...)` and `advance_clock` move). `person_sets_status` is a change the person makes in
Slack themselves; `status_of`/`snooze_of` read what Slack shows.

Workflow Builder steps: `start_step(callback_id, inputs)` runs one of the app's steps (declared by
its manifest's `functions`) and gives the execution id and its short-lived token (a bot token of
that execution, working until the step is completed); `functions.completeSuccess` /
`completeError` check the execution is known (`function_execution_not_found`), still running
(`execution_not_in_running_state`: a step completes once) and the outputs against the declared
output parameters (`parameter_validation_failed`); `step_completion` reads how a step ended.

State (users, channels, messages, views, scripts, calls, violations, scopes, rate limits) is per
mock and cleared by `reset()` (which also ends an outage); the pytest fixture resets it before each test and fails the test at teardown when a
violation was recorded that the test did not declare with `expect_violations()`.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import itertools
import json
import math
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from frappe_slack_connector.tests.support.blockkit import Problem, validate_message, validate_view

JSON_FIELDS = ("blocks", "view", "attachments", "metadata", "profile", "unfurls", "outputs")
MESSAGE_METHODS = frozenset({"chat.postMessage", "chat.update", "chat.postEphemeral"})
VIEW_METHODS = frozenset({"views.open", "views.update", "views.push", "views.publish"})
NO_BEARER_METHODS = frozenset({"oauth.v2.access"})
# Methods that take the App-Level Token (xapp-), not the bot token.
APP_TOKEN_METHODS = frozenset({"apps.connections.open"})
TS_BASE_MICROS = 1_700_000_000_000_000
DROP = 0  # fail_after_doing_next(status=DROP): close the connection instead of answering
PORT_FLOOR = 20000  # lowest port the mock picks (below the kernel's ephemeral range, see start())
SHUTDOWN_POLL_SECONDS = 0.05  # how soon the serving loop notices stop()/start_outage()
REBIND_SECONDS = 5.0  # how long end_outage() keeps trying to listen on the port again
HISTORY_DEFAULT_LIMIT = 100  # conversations.history: Slack's default page size
HISTORY_MAX_LIMIT = 999  # conversations.history: Slack's largest page
# The scopes `revoke_scopes` starts from when every scope was granted (the mock's own list).
KNOWN_SCOPES = frozenset(
	{
		"commands",
		"chat:write",
		"im:write",
		"users:read",
		"users:read.email",
		"im:history",
		"channels:history",
		"groups:history",
		"channels:read",
		"groups:read",
		"im:read",
		"users.profile:read",
		"dnd:read",
		"links:read",
		"links:write",
	}
)
# chat.unfurl (https://api.slack.com/methods/chat.unfurl): `source` takes one of these, and the
# target is `channel` + `ts` or `unfurl_id` + `source`, "provided together".
UNFURL_SOURCES = frozenset({"composer", "conversations_history"})
# The bot scopes an install's oauth.v2.access answers with unless a test scripts others.
INSTALL_BOT_SCOPES = ("chat:write", "commands", "users:read", "users:read.email")
INSTALLER_USER_ID = "U0INSTALLER"  # authed_user.id of an install whose test names no person
# Custom status (https://api.slack.com/apis/presence-and-status, "Custom status"): status_text is "a
# string of no more than 100 characters" (users.profile.set answers `too_long` above it,
# https://api.slack.com/methods/users.profile.set); status_emoji is an emoji's `:name:` (an optional
# skin tone after it), Slack answers `profile_status_set_failed_not_emoji_syntax` to anything else (a
# raw "🧶": github.com/raycast/extensions/issues/1566); emptied beside a text, it becomes the
# default ":speech_balloon:"; status_expiration is epoch seconds, 0 or omitted: never.
STATUS_TEXT_MAX_CHARS = 100
STATUS_EMOJI = re.compile(r":[a-z0-9_+'-]+:(?::skin-tone-[2-6]:)?")
DEFAULT_STATUS_EMOJI = ":speech_balloon:"
STATUS_FIELDS = ("status_text", "status_emoji", "status_expiration")
# A person without a Do Not Disturb schedule, as dnd.teamInfo shows one
# (https://api.slack.com/methods/dnd.teamInfo: `"dnd_enabled": false, "next_dnd_start_ts": 1,
# "next_dnd_end_ts": 1`).
NO_DND_SCHEDULE = {"dnd_enabled": False, "next_dnd_start_ts": 1, "next_dnd_end_ts": 1}
ANY_METHOD = "*"  # scripts (server_error_next, delay_next) that apply to whichever method comes next


@dataclass
class SlackCall:
	"""One HTTP request the mock received, as the app sent it."""

	method: str
	args: dict[str, Any]
	headers: dict[str, str]
	http_method: str
	encoding: str  # "json" | "form" | "none" | "multipart" | "invalid"
	raw_body: bytes
	status: int = 200
	response: dict[str, Any] = field(default_factory=dict)
	answer_delay: float = 0.0  # a scripted late answer (delay_next), on top of delay_each_call

	@property
	def authorization(self) -> str | None:
		return self.header("Authorization")

	def header(self, name: str) -> str | None:
		lname = name.lower()
		for k, v in self.headers.items():
			if k.lower() == lname:
				return v
		return None

	@property
	def ok(self) -> bool:
		return self.status == 200 and bool(self.response.get("ok"))


@dataclass(frozen=True)
class Violation:
	"""A Block Kit payload that Slack would reject (or that breaks a product rule)."""

	method: str
	call_index: int
	problems: tuple[Problem, ...]

	@property
	def rejected(self) -> bool:
		return any(p.rejects for p in self.problems)

	def __str__(self) -> str:
		lines = "\n".join(f"    - {p}" + ("" if p.rejects else "  (product rule)") for p in self.problems)
		return f"{self.method} (call #{self.call_index}):\n{lines}"


class SlackError(Exception):
	"""Raised inside a method handler: answered as `{"ok": false, "error": code, **extra}`."""

	def __init__(self, error: str, **extra: Any):
		super().__init__(error)
		self.error = error
		self.extra = extra


@dataclass(frozen=True)
class RateLimit:
	"""A token bucket: `burst` calls at once, refilled at `per_second` calls per second."""

	per_second: float
	burst: int
	per_channel: bool = False  # one bucket per channel (chat.postMessage), else one per method


@dataclass(frozen=True)
class TokenScopes:
	"""The scope a bot token and a user token need for one method: "" no scope, None that token type
	may not call it (Slack answers `not_allowed_token_type`)."""

	bot: str | None
	user: str | None


ANY_TOKEN = TokenScopes(bot="", user="")
# Methods whose scope depends on the channel's kind: `<kind>:<action>` (im, groups, channels).
CHANNEL_SCOPE_ACTIONS = {"conversations.history": "history", "conversations.info": "read"}
# Each method's "Scopes" (https://api.slack.com/methods/<method>). Methods not listed need no scope
# (auth.test, auth.revoke, views.*); conversations.history/info/open need the scope of the channel's
# kind (SlackMock._needed_scope).
METHOD_SCOPES: dict[str, TokenScopes] = {
	"chat.postMessage": TokenScopes("chat:write", "chat:write"),
	"chat.update": TokenScopes("chat:write", "chat:write"),
	"chat.delete": TokenScopes("chat:write", "chat:write"),
	"chat.postEphemeral": TokenScopes("chat:write", "chat:write"),
	"users.lookupByEmail": TokenScopes("users:read.email", "users:read.email"),
	"users.info": TokenScopes("users:read", "users:read"),
	"users.list": TokenScopes("users:read", "users:read"),
	"users.profile.get": TokenScopes("users.profile:read", "users.profile:read"),
	# "requires you to use a user access token (starts with xoxp-)"
	"users.profile.set": TokenScopes(None, "users.profile:write"),
	"dnd.setSnooze": TokenScopes(None, "dnd:write"),
	"dnd.endSnooze": TokenScopes(None, "dnd:write"),
	"dnd.info": TokenScopes("dnd:read", "dnd:read"),
	"chat.unfurl": TokenScopes("links:write", "links:write"),
}


# Slack's published Web API limits (https://api.slack.com/apis/rate-limits, now
# https://docs.slack.dev/apis/web-api/rate-limits), per app per workspace. Literals on purpose: the
# mock holds Slack's numbers, never the app's own limiter settings.
SLACK_RATE_LIMITS: dict[str, RateLimit] = {
	# "no more than one message per second per channel", "bursts over that limit for short periods"
	# (the burst size is not published: 3 is the mock's choice).
	"chat.postMessage": RateLimit(per_second=1.0, burst=3, per_channel=True),
	"chat.update": RateLimit(per_second=50 / 60, burst=50),  # Tier 3: 50+ per minute
	"chat.delete": RateLimit(per_second=50 / 60, burst=50),  # Tier 3: 50+ per minute
	"views.publish": RateLimit(per_second=100 / 60, burst=100),  # Tier 4: 100+ per minute
	# A person's status and Do Not Disturb: still per app per workspace, whichever user token calls.
	"users.profile.set": RateLimit(per_second=50 / 60, burst=50),  # Tier 3: 50+ per minute
	"users.profile.get": RateLimit(per_second=100 / 60, burst=100),  # Tier 4: 100+ per minute
	"dnd.setSnooze": RateLimit(per_second=20 / 60, burst=20),  # Tier 2: 20+ per minute
	"dnd.endSnooze": RateLimit(per_second=20 / 60, burst=20),  # Tier 2: 20+ per minute
	"dnd.info": RateLimit(per_second=50 / 60, burst=50),  # Tier 3: 50+ per minute
	"auth.revoke": RateLimit(per_second=50 / 60, burst=50),  # Tier 3: 50+ per minute
	"chat.unfurl": RateLimit(per_second=50 / 60, burst=50),  # Tier 3: 50+ per minute
	"functions.completeSuccess": RateLimit(per_second=50 / 60, burst=50),  # Tier 3: 50+ per minute
	"functions.completeError": RateLimit(per_second=50 / 60, burst=50),  # Tier 3: 50+ per minute
}


@dataclass
class _Bucket:
	tokens: float
	at: float


@dataclass
class _Script:
	kind: str  # "fail" | "ratelimit" | "after" | "5xx" | "late"
	remaining: int
	error: str = ""
	status: int = 200
	retry_after: int = 1
	extra: dict[str, Any] = field(default_factory=dict)
	seconds: float = 0.0  # "late": how long the answer waits
	done: bool = True  # "late": the call is carried out (a post is posted) before the wait
	channel: str | None = None  # only calls to this channel (an id, a #name or a user id for the DM)


@dataclass(frozen=True)
class _Caller:
	"""Who a call authenticates as."""

	token: str
	kind: str  # "bot" | "user" | "app"
	user_id: str  # the bot user for the bot token, the person for a user token
	scopes: frozenset[str] | None  # None: every scope (the bot token unless set_scopes narrowed it)


@dataclass
class _StepRun:
	"""One execution of a Workflow Builder step."""

	callback_id: str
	token: str
	outputs: dict[str, dict[str, Any]]  # the declared output parameters
	required: tuple[str, ...]
	completion: dict[str, Any] | None = None  # {"outputs": ...} or {"error": ...} once completed


@dataclass(frozen=True)
class _UserToken:
	user_id: str
	scopes: frozenset[str]


@dataclass(frozen=True)
class _OAuthGrant:
	"""What the person approved on the authorize page, for the code the redirect carries."""

	redirect_uri: str | None
	user_id: str
	bot_scopes: tuple[str, ...]
	user_scopes: tuple[str, ...]
	user_token: str | None  # issued at the exchange


class ExpectedViolations:
	"""Returned by `SlackMock.expecting_violations()`: violations recorded inside the block."""

	def __init__(self) -> None:
		self.violations: list[Violation] = []


class SlackMock:
	def __init__(
		self,
		*,
		bot_token: str = "xoxb-test-bot-token",
		team_id: str = "T0TEST0001",
		team_name: str = "Test Workspace",
		team_domain: str = "test-workspace",
		bot_user_id: str = "U0BOT00001",
		bot_id: str = "B0BOT00001",
		app_id: str = "A0APP00001",
		client_id: str = "1111111111.2222222222",
		client_secret: str = "test-client-secret",
		app_token: str = "xapp-1-A0APP00001-1234-testapptoken",
	):
		self.bot_token = bot_token
		self.team_id = team_id
		self.team_name = team_name
		self.team_domain = team_domain
		self.bot_user_id = bot_user_id
		self.bot_id = bot_id
		self.app_id = app_id
		self.client_id = client_id
		self.client_secret = client_secret
		self.app_token = app_token
		self._lock = threading.RLock()
		self._life_lock = threading.RLock()  # start/stop/outage, never held while answering
		self._server: _Server | None = None
		self._thread: threading.Thread | None = None
		self._port: int | None = None
		self._outage = False
		self._handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
			"api.test": self._api_test,
			"auth.test": self._auth_test,
			"auth.revoke": self._auth_revoke,
			"chat.postMessage": self._chat_post_message,
			"chat.update": self._chat_update,
			"chat.delete": self._chat_delete,
			"chat.postEphemeral": self._chat_post_ephemeral,
			"chat.unfurl": self._chat_unfurl,
			"views.open": self._views_open,
			"views.push": self._views_push,
			"views.update": self._views_update,
			"views.publish": self._views_publish,
			"users.lookupByEmail": self._users_lookup_by_email,
			"users.info": self._users_info,
			"users.list": self._users_list,
			"users.profile.get": self._users_profile_get,
			"users.profile.set": self._users_profile_set,
			"dnd.setSnooze": self._dnd_set_snooze,
			"dnd.endSnooze": self._dnd_end_snooze,
			"dnd.info": self._dnd_info,
			"conversations.info": self._conversations_info,
			"conversations.open": self._conversations_open,
			"conversations.history": self._conversations_history,
			"oauth.v2.access": self._oauth_v2_access,
			"apps.connections.open": self._apps_connections_open,
			"functions.completeSuccess": self._functions_complete_success,
			"functions.completeError": self._functions_complete_error,
		}
		self.reset()

	# ---------------------------------------------------------------- lifecycle

	def start(self) -> SlackMock:
		with self._life_lock:
			if self._server is not None or self._outage:
				return self
			self._server = self._listen_on_a_free_port()
			self._port = self._server.server_address[1]
			self._serve()
			return self

	def stop(self) -> None:
		with self._life_lock:
			self._close_listener()
			self._outage = False
			self._port = None

	# ---------------------------------------------------------------- outage

	def start_outage(self) -> None:
		"""Slack is unreachable: the listening socket is closed, so a call is refused before
		anything is sent (slack_sdk raises URLError whose reason is ConnectionRefusedError)."""
		with self._life_lock:
			if self._server is None:
				if self._outage:
					return
				raise RuntimeError("SlackMock is not started")
			self._close_listener()
			self._outage = True

	def end_outage(self) -> None:
		"""Slack is back: listen again on the same port (the URL the app was given stays valid)."""
		with self._life_lock:
			if not self._outage:
				return
			assert self._port is not None
			deadline = time.monotonic() + REBIND_SECONDS
			while True:
				try:
					self._server = self._listener(self._port)
					break
				except OSError:
					# A socket still holding the port (SO_REUSEADDR covers TIME_WAIT, not a live one).
					if time.monotonic() > deadline:
						raise
					time.sleep(0.02)
			self._outage = False
			self._serve()

	@contextlib.contextmanager
	def outage(self) -> Iterator[None]:
		"""`with mock.outage(): ...` — every call inside the block is refused."""
		self.start_outage()
		try:
			yield
		finally:
			self.end_outage()

	@property
	def in_outage(self) -> bool:
		return self._outage

	def _listener(self, port: int) -> _Server:
		mock = self

		class Handler(_Handler):
			slack_mock = mock

		server = _Server(("127.0.0.1", port), Handler)
		server.daemon_threads = True
		return server

	def _listen_on_a_free_port(self) -> _Server:
		"""Prefer a port below the kernel's ephemeral range: while an outage has it closed, no
		outgoing connection can take it as its source port, so listening again always works."""
		low = _ephemeral_port_floor()
		rng = random.SystemRandom()
		if low is not None and low > PORT_FLOOR + 1000:
			for _ in range(50):
				try:
					return self._listener(rng.randrange(PORT_FLOOR, low))
				except OSError:
					continue
		return self._listener(0)

	def _serve(self) -> None:
		assert self._server is not None
		self._thread = threading.Thread(
			target=self._server.serve_forever,
			kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS},
			name="slack-mock",
			daemon=True,
		)
		self._thread.start()

	def _close_listener(self) -> None:
		if self._server is not None:
			self._server.shutdown()
			self._server.server_close()
			self._server.drop_connections()
			self._server = None
		if self._thread is not None:
			self._thread.join(timeout=5)
			self._thread = None

	def __enter__(self) -> SlackMock:
		return self.start()

	def __exit__(self, *exc: object) -> None:
		self.stop()

	@property
	def port(self) -> int:
		if self._port is None:
			raise RuntimeError("SlackMock is not started")
		return self._port

	@property
	def url(self) -> str:
		"""The Web API base URL, for `WebClient(base_url=...)` / site config `slack_api_url`."""
		return f"http://127.0.0.1:{self.port}/api/"

	base_url = url

	def reset(self) -> None:
		"""Forget everything a test did: calls, scripts, violations, users, channels, messages, views;
		an outage a test left running ends."""
		self.end_outage()
		with self._lock:
			self.tokens: set[str] = {self.bot_token}
			self.app_tokens: set[str] = {self.app_token}
			self._user_tokens: dict[str, _UserToken] = {}
			self._revoked: set[str] = set()
			self._caller: _Caller | None = None
			self._snoozes: dict[str, int] = {}  # user id → when the snooze ends (epoch seconds)
			self._expiring: dict[str, int] = {}  # user id → when their status expires (epoch seconds)
			# Socket Mode: a callable giving a one-use WebSocket URL (frappe_slack_connector.tests.support.socket_mock).
			self.socket_urls: Callable[[], str] | None = None
			self._calls: list[SlackCall] = []
			self._scripts: dict[str, list[_Script]] = {}
			self._violations: list[Violation] = []
			self._violations_expected = False
			self._expected_ids: set[int] = set()
			self._users: dict[str, dict[str, Any]] = {}
			self._channels: dict[str, dict[str, Any]] = {}
			self._messages: dict[tuple[str, str], dict[str, Any]] = {}
			self._views: dict[str, dict[str, Any]] = {}
			self._home_views: dict[str, dict[str, Any]] = {}
			# (channel, ts) or (unfurl_id, source) → url → the blocks of its card
			self._unfurls: dict[tuple[str, str], dict[str, list[Any]]] = {}
			self._used_triggers: set[str] = set()
			self._expired_triggers: set[str] = set()
			self._oauth_codes: dict[str, _OAuthGrant] = {}
			self._step_runs: dict[str, _StepRun] = {}  # execution id → its run
			self._ts = itertools.count(1)
			self._ts_base = TS_BASE_MICROS
			self._ids = itertools.count(1)
			self.delay = 0.0
			self._rate_limits: dict[str, RateLimit] = {}
			self._buckets: dict[tuple[str, str], _Bucket] = {}
			self._clock_offset = 0.0
			self._frozen_at: float | None = None
			self._scopes: set[str] | None = None  # None: every scope granted

	def delay_each_call(self, seconds: float) -> None:
		"""Answer every later call `seconds` late (outside the lock: calls still run in parallel)."""
		self.delay = seconds

	def enforce_rate_limits(
		self, limits: dict[str, RateLimit] | None = None, *, enabled: bool = True
	) -> None:
		"""Answer calls over Slack's rate limits (`SLACK_RATE_LIMITS`, or `limits`) with HTTP 429,
		`Retry-After: <whole seconds>` and `ratelimited`, as Slack does. Off unless asked for;
		`enabled=False` turns it off again. Buckets start full."""
		with self._lock:
			self._rate_limits = dict(SLACK_RATE_LIMITS if limits is None else limits) if enabled else {}
			self._buckets = {}

	def now(self) -> float:
		"""The mock's clock, epoch seconds: the time (or the moment `freeze_clock` stopped it) plus
		whatever `advance_clock` added. Rate limits, status expirations and snoozes follow it."""
		base = time.time() if self._frozen_at is None else self._frozen_at
		return base + self._clock_offset

	def freeze_clock(self, at: float | None = None) -> None:
		"""Stop the clock (at `at`, epoch seconds, e.g. the site's frozen day): only `advance_clock`
		moves it (tests that must not race)."""
		with self._lock:
			if at is None:
				self._frozen_at = time.time()
			else:
				self._frozen_at, self._clock_offset = float(at), 0.0

	def advance_clock(self, seconds: float) -> None:
		"""Let `seconds` pass without sleeping (a Retry-After, a status's expiration, a snooze)."""
		with self._lock:
			self._clock_offset += seconds

	def reset_calls(self) -> None:
		"""Forget the recorded calls only (a test's setup calls), keeping users, views and messages."""
		with self._lock:
			self._calls = []

	# ---------------------------------------------------------------- inspection

	@property
	def calls(self) -> list[SlackCall]:
		with self._lock:
			return list(self._calls)

	def calls_to(self, method: str) -> list[SlackCall]:
		with self._lock:
			return [c for c in self._calls if c.method == method]

	def last_call(self, method: str, *, channel: str | None = None) -> SlackCall:
		"""The latest call to `method` (to `channel` if given). The relay sends a batch concurrently,
		so deliveries to different channels may reach the mock in either order: a test that drained
		more than one post names the channel it means."""
		found = [c for c in self.calls_to(method) if channel is None or c.args.get("channel") == channel]
		if not found:
			where = f" in {channel}" if channel else ""
			raise AssertionError(f"no call to {method}{where}; calls: {[c.method for c in self.calls]}")
		return found[-1]

	@property
	def violations(self) -> list[Violation]:
		with self._lock:
			return list(self._violations)

	@property
	def messages(self) -> dict[tuple[str, str], dict[str, Any]]:
		"""Messages currently 'in Slack', keyed (channel, ts)."""
		with self._lock:
			return dict(self._messages)

	@property
	def views(self) -> dict[str, dict[str, Any]]:
		with self._lock:
			return dict(self._views)

	def unfurled(self, *target: str) -> dict[str, list[Any]]:
		"""The cards attached to the links of `target` ((channel, ts) or (unfurl_id, source)), by
		URL; with no target, those of every message ({} when nothing was unfurled)."""
		with self._lock:
			found = (
				self._unfurls.get(tuple(target), {})
				if target
				else {url: blocks for cards in self._unfurls.values() for url, blocks in cards.items()}
			)
			return json.loads(json.dumps(found))

	def home_view(self, user_id: str) -> dict[str, Any] | None:
		"""The Home tab last published for `user_id` (views.publish), or None."""
		with self._lock:
			view = self._home_views.get(user_id)
			return json.loads(json.dumps(view)) if view is not None else None

	# ---------------------------------------------------------------- violations

	def expect_violations(self) -> None:
		"""Declare that this test sends invalid payloads on purpose (the fixture then requires ≥ 1)."""
		with self._lock:
			self._violations_expected = True

	@contextlib.contextmanager
	def expecting_violations(self) -> Iterator[ExpectedViolations]:
		"""Violations recorded inside the block are expected; at least one must occur."""
		got = ExpectedViolations()
		with self._lock:
			start = len(self._violations)
		yield got
		with self._lock:
			got.violations = self._violations[start:]
			self._expected_ids.update(id(v) for v in got.violations)
		if not got.violations:
			raise AssertionError("expected the Slack mock to record a Block Kit violation, none was recorded")

	def take_violations(self) -> list[Violation]:
		"""Return and forget the violations recorded so far."""
		with self._lock:
			taken, self._violations = self._violations, []
			return taken

	def unexpected_violations_report(self) -> str | None:
		"""What the pytest fixture fails with at teardown; None when all is well."""
		with self._lock:
			if self._violations_expected:
				if not self._violations:
					return "test declared slack_mock.expect_violations() but no violation was recorded"
				return None
			bad = [v for v in self._violations if id(v) not in self._expected_ids]
		if not bad:
			return None
		body = "\n".join(str(v) for v in bad)
		return f"Slack mock recorded {len(bad)} Block Kit violation(s):\n{body}"

	# ---------------------------------------------------------------- scripting

	def fail_next(
		self,
		method: str,
		error: str = "channel_not_found",
		*,
		times: int = 1,
		status: int = 200,
		channel: str | None = None,
		**extra: Any,
	) -> None:
		"""The next `times` calls to `method` (to `channel`, if given: the relay sends a batch
		concurrently, so "the next call" of several is any of them) answer
		`{"ok": false, "error": error, **extra}` (HTTP `status`)."""
		with self._lock:
			self._scripts.setdefault(method, []).append(
				_Script("fail", times, error=error, status=status, extra=extra, channel=channel)
			)

	def rate_limit_next(self, method: str, *, retry_after: int = 1, times: int = 1) -> None:
		"""The next `times` calls to `method` answer HTTP 429, `Retry-After: retry_after`, `ratelimited`."""
		with self._lock:
			self._scripts.setdefault(method, []).append(_Script("ratelimit", times, retry_after=retry_after))

	def fail_after_doing_next(
		self, method: str, *, status: int = 500, times: int = 1, channel: str | None = None
	) -> None:
		"""The next `times` calls to `method` (to `channel`, if given) are carried out (a post is
		posted), then answered HTTP `status` — or, with `status=DROP`, not answered at all: the
		connection is closed after the call was recorded (the client sees RemoteDisconnected)."""
		with self._lock:
			self._scripts.setdefault(method, []).append(
				_Script("after", times, error="internal_error", status=status, channel=channel)
			)

	def server_error_next(
		self, status: int = 503, *, method: str | None = None, times: int = 1, error: str | None = None
	) -> None:
		"""The next `times` calls (to `method`, or to any method) answer HTTP `status` (5xx) without
		being carried out: nothing is posted. Body `{"ok": false, "error": error}`, by default
		`internal_error` for 500 and `service_unavailable` otherwise (Slack's codes for both)."""
		if not 500 <= status <= 599:
			raise ValueError(f"not a server error status: {status}")
		code = error or ("internal_error" if status == 500 else "service_unavailable")
		with self._lock:
			self._scripts.setdefault(method or ANY_METHOD, []).append(
				_Script("5xx", times, error=code, status=status)
			)

	def delay_next(
		self, seconds: float, *, method: str | None = None, times: int = 1, done: bool = True
	) -> None:
		"""The next `times` calls (to `method`, or to any) answer `seconds` late, so a client with a
		shorter timeout gives up. `done=True`: the call is carried out at once (a post exists in the
		channel) and answered normally after the wait; `done=False`: nothing is carried out and the
		connection is closed after the wait without an answer."""
		with self._lock:
			self._scripts.setdefault(method or ANY_METHOD, []).append(
				_Script("late", times, seconds=seconds, done=done)
			)

	def stamp_from(self, epoch_seconds: float) -> None:
		"""Message timestamps continue from `epoch_seconds` (Slack's follow the clock): for a test
		whose site clock is set to a day far from the mock's default epoch and that looks messages
		up by time (conversations.history `oldest`)."""
		with self._lock:
			self._ts_base = int(epoch_seconds * 1_000_000)
			self._ts = itertools.count(1)

	def set_scopes(self, scopes: Iterable[str] | None) -> None:
		"""The bot token's granted scopes (None: all, the default), checked against METHOD_SCOPES and,
		for conversations.history, the channel's kind (`im:history` for D…, `channels:history`
		public, `groups:history` private)."""
		with self._lock:
			self._scopes = None if scopes is None else set(scopes)

	def revoke_scopes(self, *scopes: str) -> None:
		"""The token lacks `scopes` (from all, KNOWN_SCOPES, or from what `set_scopes` granted)."""
		with self._lock:
			granted = set(KNOWN_SCOPES) if self._scopes is None else self._scopes
			self._scopes = granted - set(scopes)

	def messages_with_metadata(
		self, channel: str | None = None, *, event_type: str | None = None, **payload: Any
	) -> list[tuple[str, dict[str, Any]]]:
		"""(channel, message) of every message in Slack whose metadata has `event_type` (if given)
		and whose event_payload holds every `payload` key with that value; `channel` (an id, a
		`#name` or a user id for the DM) narrows to one channel."""
		with self._lock:
			where = None if channel is None else self._channel_key(channel)
			found = []
			for (chan, _ts), message in sorted(self._messages.items(), key=lambda kv: _ts_number(kv[0][1])):
				metadata = message.get("metadata")
				if (where is not None and chan != where) or not isinstance(metadata, dict):
					continue
				if event_type is not None and metadata.get("event_type") != event_type:
					continue
				held = metadata.get("event_payload") or {}
				if all(k in held and held[k] == v for k, v in payload.items()):
					found.append((chan, json.loads(json.dumps(message))))
			return found

	def count_with_metadata(
		self, channel: str | None = None, *, event_type: str | None = None, **payload: Any
	) -> int:
		"""How many messages carry this metadata (see messages_with_metadata): "delivered exactly
		once" is `count_with_metadata("U1", delivery=name) == 1`."""
		return len(self.messages_with_metadata(channel, event_type=event_type, **payload))

	def add_token(self, token: str) -> None:
		with self._lock:
			self.tokens.add(token)

	def add_user(
		self,
		id: str | None = None,
		email: str | None = None,
		name: str | None = None,
		real_name: str | None = None,
		*,
		is_bot: bool = False,
		deleted: bool = False,
		tz: str = "Asia/Kolkata",
		display_name: str | None = None,
	) -> dict[str, Any]:
		"""Register a workspace member; returns the Slack user object the API will answer with."""
		with self._lock:
			uid = id or f"U{next(self._ids):09d}"
			name = name or (email.split("@")[0] if email else uid.lower())
			real_name = real_name if real_name is not None else name
			profile: dict[str, Any] = {
				"real_name": real_name,
				"real_name_normalized": real_name,
				"display_name": display_name or "",
				"display_name_normalized": display_name or "",
				"image_72": f"https://avatars.example.invalid/{uid}_72.png",
				"image_192": f"https://avatars.example.invalid/{uid}_192.png",
				"team": self.team_id,
				"status_text": "",
				"status_emoji": "",
				"status_expiration": 0,
			}
			if email:
				profile["email"] = email
			if is_bot:
				profile["bot_id"] = f"B{uid[1:]}"
			user = {
				"id": uid,
				"team_id": self.team_id,
				"name": name,
				"deleted": deleted,
				"real_name": real_name,
				"tz": tz,
				"tz_label": tz,
				"tz_offset": 19800 if tz == "Asia/Kolkata" else 0,
				"profile": profile,
				"is_admin": False,
				"is_owner": False,
				"is_bot": is_bot,
				"is_app_user": False,
				"updated": 1700000000,
			}
			self._users[uid] = user
			return json.loads(json.dumps(user))

	def remove_user(self, uid: str) -> None:
		"""The member leaves the workspace: lookups no longer find them."""
		with self._lock:
			del self._users[uid]

	def add_channel(
		self,
		id: str,
		name: str | None = None,
		*,
		is_member: bool = True,
		is_private: bool = False,
		members: tuple[str, ...] | list[str] = (),
	) -> None:
		"""Register a channel. Once any channel is registered, posting to an unknown one answers
		`channel_not_found` and to one the bot is not in `not_in_channel`; without any, all are accepted."""
		with self._lock:
			self._channels[id] = {
				"id": id,
				"name": name or id.lower(),
				"is_channel": not is_private,
				"is_group": False,
				"is_im": False,
				"is_private": is_private,
				"is_archived": False,
				"is_member": is_member,
				"created": 1700000000,
				"members": list(members),
			}

	def add_message(
		self,
		channel: str,
		ts: str,
		*,
		text: str = "",
		blocks: list | None = None,
		metadata: dict[str, Any] | None = None,
	) -> None:
		"""Seed a message posted before the test, so chat.update on it succeeds (and
		conversations.history lists it)."""
		with self._lock:
			self._messages[(channel, ts)] = self._message(text, blocks, ts, metadata=metadata)

	def add_oauth_code(
		self,
		code: str,
		*,
		redirect_uri: str | None = None,
		user_id: str = INSTALLER_USER_ID,
		user_scopes: Iterable[str] = (),
		bot_scopes: Iterable[str] = INSTALL_BOT_SCOPES,
	) -> str | None:
		"""A single-use OAuth code, as the redirect after the authorize page carries it. oauth.v2.access
		exchanges it for `bot_token` (when the authorize URL asked for `bot_scopes`; `()`: it asked
		for none) and, when it asked for `user_scopes`, a user token of `user_id` (who approved)
		holding those scopes. Returns that user token (None without user scopes): it works only once
		exchanged."""
		user_scopes, bot_scopes = tuple(user_scopes), tuple(bot_scopes)
		if not user_scopes and not bot_scopes:
			raise ValueError("an authorize URL asks for bot scopes, user scopes or both")
		with self._lock:
			if user_scopes and user_id not in self._users:
				raise ValueError(f"add_user({user_id!r}) first: a user token belongs to a member")
			token = self._mint_user_token(user_id) if user_scopes else None
			self._oauth_codes[code] = _OAuthGrant(redirect_uri, user_id, bot_scopes, user_scopes, token)
			return token

	def grant_user_token(self, user_id: str, scopes: Iterable[str]) -> str:
		"""A user token (xoxp-) of `user_id` holding `scopes`, as if the person consented earlier."""
		with self._lock:
			if user_id not in self._users:
				raise ValueError(f"add_user({user_id!r}) first: a user token belongs to a member")
			token = self._mint_user_token(user_id)
			self._user_tokens[token] = _UserToken(user_id, frozenset(scopes))
			return token

	def revoke_token(self, token: str) -> None:
		"""The token stops working (the person removed the app in Slack): calls answer `token_revoked`."""
		with self._lock:
			self._revoked.add(token)

	def live_user_tokens(self, user_id: str) -> list[str]:
		"""The user tokens of `user_id` that still work, oldest first."""
		with self._lock:
			return [
				t
				for t, held in self._user_tokens.items()
				if held.user_id == user_id and t not in self._revoked
			]

	def person_sets_status(self, user_id: str, text: str, emoji: str, expiration: int = 0) -> None:
		"""The person changes their own status in Slack (no call from the app); "" and "" clears it.
		Checked like users.profile.set: a status Slack would refuse raises ValueError."""
		changes = {"status_text": text, "status_emoji": emoji, "status_expiration": expiration}
		with self._lock:
			try:
				self._set_profile(user_id, changes)
			except SlackError as e:
				raise ValueError(f"Slack would refuse this status: {e.error}") from None

	def person_snoozes(self, user_id: str, minutes: int) -> None:
		"""The person pauses their notifications in Slack themselves for `minutes`."""
		with self._lock:
			self._user(user_id)
			self._snoozes[user_id] = int(self.now()) + minutes * 60

	def status_of(self, user_id: str) -> dict[str, Any]:
		"""The person's status as Slack shows it now (an expired one reads as cleared):
		{"status_text", "status_emoji", "status_expiration"}."""
		with self._lock:
			self._settle_clock()
			profile = self._users[user_id]["profile"]
			return {key: profile[key] for key in STATUS_FIELDS}

	def snooze_of(self, user_id: str) -> int | None:
		"""When the person's Do Not Disturb snooze ends (epoch seconds), None when none is active."""
		with self._lock:
			self._settle_clock()
			return self._snoozes.get(user_id)

	def start_step(self, callback_id: str, manifest: dict[str, Any]) -> tuple[str, str]:
		"""A workflow runs the step `callback_id` of the app whose manifest is `manifest` (what
		Slack knows of the app): (function_execution_id, its token) for the event."""
		declared = (manifest.get("functions") or {}).get(callback_id)
		if declared is None:
			raise ValueError(f"the manifest declares no step {callback_id!r}")
		outputs = declared["output_parameters"]
		with self._lock:
			execution_id = f"Fx{next(self._ids):010d}"
			token = f"xwfp-{execution_id}-{random.getrandbits(64):016x}"
			self._step_runs[execution_id] = _StepRun(
				callback_id, token, dict(outputs["properties"]), tuple(outputs.get("required", ()))
			)
			return execution_id, token

	def step_completion(self, execution_id: str) -> dict[str, Any] | None:
		"""How the step run ended: {"outputs": {...}} or {"error": "..."}; None while it runs."""
		with self._lock:
			run = self._step_runs[execution_id]
			return json.loads(json.dumps(run.completion)) if run.completion is not None else None

	def expire_trigger(self, trigger_id: str) -> None:
		with self._lock:
			self._expired_triggers.add(trigger_id)

	# ---------------------------------------------------------------- request handling

	def handle(self, method: str, call: SlackCall) -> tuple[int, dict[str, str], dict[str, Any]]:
		"""Answer one call (runs on a server thread): (status, extra headers, body)."""
		with self._lock:
			call_index = len(self._calls)
			self._calls.append(call)
			self._current = call
			self._settle_clock()
			status, headers, body = self._answer(method, call, call_index)
			call.status, call.response = status, body
			return status, headers, body

	def _answer(self, method: str, call: SlackCall, index: int) -> tuple[int, dict[str, str], dict[str, Any]]:
		script = self._take_script(method, "5xx", call)
		if script:
			return script.status, {}, {"ok": False, "error": script.error}
		script = self._take_script(method, "late", call)
		if script:
			call.answer_delay = script.seconds
			if not script.done:
				return DROP, {}, {}
		if method not in self._handlers:
			return 200, {}, {"ok": False, "error": "unknown_method", "req_method": method}
		if call.encoding == "invalid":
			return 200, {}, {"ok": False, "error": "invalid_json"}
		refusal = self._check_auth(method, call)
		if refusal:
			return 200, {}, {"ok": False, **refusal}
		script = self._take_script(method, "ratelimit", call)
		if script:
			return 429, {"Retry-After": str(script.retry_after)}, {"ok": False, "error": "ratelimited"}
		retry_after = self._over_rate_limit(method, call.args)
		if retry_after:
			return 429, {"Retry-After": str(retry_after)}, {"ok": False, "error": "ratelimited"}
		rejection = self._validate_payload(method, call, index)
		if rejection:
			return 200, {}, rejection
		script = self._take_script(method, "fail", call)
		if script:
			return script.status, {}, {"ok": False, "error": script.error, **script.extra}
		try:
			result = self._handlers[method](call.args)
		except SlackError as e:
			return 200, {}, {"ok": False, "error": e.error, **e.extra}
		script = self._take_script(method, "after", call)
		if script:
			# Done (the message is posted), but the answer is lost: a 5xx or no answer at all.
			return script.status, {}, {"ok": False, "error": script.error}
		return 200, {}, {"ok": True, **result}

	def _check_auth(self, method: str, call: SlackCall) -> dict[str, Any] | None:
		"""Who the call is from (`self._caller`), or why Slack refuses it: `{"error": ..., **extra}`."""
		self._caller = None
		if method in NO_BEARER_METHODS:
			return None
		auth = call.authorization or ""
		if auth.startswith("Bearer "):
			token = auth[len("Bearer ") :]
		elif call.encoding != "json" and isinstance(call.args.get("token"), str):
			token = call.args["token"]
		else:
			return {"error": "not_authed"}
		if token in self._revoked:
			return {"error": "token_revoked"}
		caller = self._identify(token)
		if caller is None:
			return {"error": "invalid_auth"}
		if caller.kind == "user" and self._users.get(caller.user_id, {"deleted": True})["deleted"]:
			# "token_revoked: ... for a deleted user ... when using a user token" (Slack's error list).
			return {"error": "token_revoked"}
		if (method in APP_TOKEN_METHODS) != (caller.kind == "app"):
			return {"error": "not_allowed_token_type"}
		needed = self._needed_scope(method, call.args, caller.kind)
		if needed is None:
			return {"error": "not_allowed_token_type"}
		if needed and caller.scopes is not None and needed not in caller.scopes:
			return {"error": "missing_scope", "needed": needed, "provided": ",".join(sorted(caller.scopes))}
		self._caller = caller
		return None

	def _identify(self, token: str) -> _Caller | None:
		run = next((r for r in self._step_runs.values() if r.token == token), None)
		if run is not None:
			# The execution's token acts as the bot while the step runs, and ends with it.
			return _Caller(token, "bot", self.bot_user_id, None) if run.completion is None else None
		if token in self.tokens:
			scopes = None if self._scopes is None else frozenset(self._scopes)
			return _Caller(token, "bot", self.bot_user_id, scopes)
		held = self._user_tokens.get(token)
		if held is not None:
			return _Caller(token, "user", held.user_id, held.scopes)
		if token in self.app_tokens:
			return _Caller(token, "app", "", None)
		return None

	def _needed_scope(self, method: str, args: dict[str, Any], kind: str) -> str | None:
		"""The scope a `kind` token needs for this call ("" none, None: that token type is refused)."""
		if method in CHANNEL_SCOPE_ACTIONS:
			return _channel_scope(args.get("channel"), self._channels, CHANNEL_SCOPE_ACTIONS[method])
		if method == "conversations.open":
			return "im:write"  # the mock opens DMs only
		needs = METHOD_SCOPES.get(method, ANY_TOKEN)
		return needs.bot if kind == "bot" else needs.user

	def _over_rate_limit(self, method: str, args: dict[str, Any]) -> int | None:
		"""Take a token for this call; when none is left, the whole seconds until one is (≥ 1)."""
		limit = self._rate_limits.get(method)
		if limit is None:
			return None
		key = (method, self._channel_key(args.get("channel")) if limit.per_channel else "")
		now = self.now()
		bucket = self._buckets.setdefault(key, _Bucket(tokens=float(limit.burst), at=now))
		elapsed = max(0.0, now - bucket.at)  # the wall clock may step back; a bucket never drains by it
		bucket.tokens = min(float(limit.burst), bucket.tokens + elapsed * limit.per_second)
		bucket.at = now
		if bucket.tokens >= 1.0:
			bucket.tokens -= 1.0
			return None
		return max(1, math.ceil((1.0 - bucket.tokens) / limit.per_second))

	def _channel_key(self, channel: Any) -> str:
		try:
			return self._resolve_channel(channel, for_post=False)
		except SlackError:
			return str(channel)

	def _take_script(self, method: str, kind: str, call: SlackCall) -> _Script | None:
		"""The first script of `kind` for `method` (and for the call's channel, if the script names
		one), else one for any method (ANY_METHOD)."""
		for key in (method, ANY_METHOD):
			queue = self._scripts.get(key) or []
			for script in queue:
				if script.channel is not None and self._channel_key(call.args.get("channel")) != (
					self._channel_key(script.channel)
				):
					continue
				if script.kind == kind and script.remaining > 0:
					script.remaining -= 1
					if script.remaining == 0:
						queue.remove(script)
					return script
		return None

	def _validate_payload(self, method: str, call: SlackCall, index: int) -> dict[str, Any] | None:
		args = call.args
		if method == "chat.unfurl":
			if "unfurls" in args.get("_undecodable", ()) or not isinstance(args.get("unfurls"), dict):
				return {"ok": False, "error": "invalid_unfurls_format"}
			problems = _unfurl_problems(args["unfurls"])
		elif method in MESSAGE_METHODS and "blocks" in args:
			if args.get("_undecodable") and "blocks" in args["_undecodable"]:
				return {"ok": False, "error": "invalid_blocks_format"}
			problems = validate_message(args["blocks"], text=args.get("text"))
		elif method in VIEW_METHODS:
			if "view" not in args:
				return _invalid_arguments(["missing required field: view"])
			if args.get("_undecodable") and "view" in args["_undecodable"]:
				return _invalid_arguments(["failed to parse view JSON [json-pointer:/view]"])
			problems = validate_view(args["view"])
		else:
			return None
		if not problems:
			return None
		violation = Violation(method, index, tuple(problems))
		self._violations.append(violation)
		rejecting = [p for p in problems if p.rejects]
		if not rejecting:
			return None
		if method in VIEW_METHODS:
			return _invalid_arguments([p.slack_format() for p in rejecting])
		return {
			"ok": False,
			"error": "invalid_blocks",
			"errors": [p.slack_format() for p in rejecting],
			"response_metadata": {"messages": [f"[ERROR] {p.slack_format()}" for p in rejecting]},
		}

	# ---------------------------------------------------------------- helpers

	def _settle_clock(self) -> None:
		"""What the clock ended: a status whose expiration came is reset ("When it becomes this time,
		the status will be reset", api.slack.com/apis/presence-and-status), a snooze whose end came
		is over."""
		now = self.now()
		for uid in [uid for uid, expires in self._expiring.items() if expires <= now]:
			del self._expiring[uid]
			if uid in self._users:
				self._users[uid]["profile"].update(status_text="", status_emoji="", status_expiration=0)
		for uid in [uid for uid, ends in self._snoozes.items() if ends <= now]:
			del self._snoozes[uid]

	def _set_profile(self, uid: str, changes: dict[str, Any]) -> None:
		"""Apply a profile change, its status checked as Slack checks it (SlackError if refused)."""
		profile = self._users[uid]["profile"]
		status = _status_update(changes, profile)
		profile.update({k: v for k, v in changes.items() if k not in STATUS_FIELDS}, **status)
		if profile["status_expiration"]:
			self._expiring[uid] = profile["status_expiration"]
		else:
			self._expiring.pop(uid, None)

	def _mint_user_token(self, user_id: str) -> str:
		return f"xoxp-{self.team_id}-{user_id}-{next(self._ids):06d}"

	def _caller_user(self) -> str:
		assert self._caller is not None  # set by _check_auth for every method that takes a token
		return self._caller.user_id

	def _next_ts(self) -> str:
		micros = self._ts_base + 100 * next(self._ts)
		return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

	def _message(self, text: str, blocks: list | None, ts: str, **more: Any) -> dict[str, Any]:
		msg: dict[str, Any] = {
			"type": "message",
			"user": self.bot_user_id,
			"bot_id": self.bot_id,
			"app_id": self.app_id,
			"team": self.team_id,
			"text": text,
			"ts": ts,
		}
		if blocks is not None:
			msg["blocks"] = blocks
		msg.update({k: v for k, v in more.items() if v is not None})
		return msg

	def _resolve_channel(self, channel: Any, *, for_post: bool = True) -> str:
		if not isinstance(channel, str) or not channel:
			raise SlackError("channel_not_found")
		if channel[0] in "UW":
			if channel not in self._users:
				raise SlackError("channel_not_found")
			return "D" + channel[1:]
		if channel.startswith("D"):
			return channel
		if not self._channels:
			return channel
		key = channel.lstrip("#")
		found = self._channels.get(key) or next(
			(c for c in self._channels.values() if c["name"] == key), None
		)
		if found is None:
			raise SlackError("channel_not_found")
		if for_post and not found["is_member"]:
			raise SlackError("not_in_channel")
		return found["id"]

	def _user(self, uid: Any) -> dict[str, Any]:
		user = self._users.get(uid) if isinstance(uid, str) else None
		if user is None:
			raise SlackError("user_not_found")
		return json.loads(json.dumps(user))

	def _view_response(
		self, view: dict[str, Any], view_id: str, *, root: str | None = None
	) -> dict[str, Any]:
		n = next(self._ids)
		full = {
			"id": view_id,
			"team_id": self.team_id,
			"type": view.get("type"),
			"blocks": view.get("blocks", []),
			"private_metadata": view.get("private_metadata", ""),
			"callback_id": view.get("callback_id", ""),
			"state": {"values": {}},
			"hash": f"1700000000.{n:08d}",
			"title": view.get("title"),
			"clear_on_close": bool(view.get("clear_on_close", False)),
			"notify_on_close": bool(view.get("notify_on_close", False)),
			"close": view.get("close"),
			"submit": view.get("submit"),
			"previous_view_id": None,
			"root_view_id": root or view_id,
			"app_id": self.app_id,
			"external_id": view.get("external_id", ""),
			"app_installed_team_id": self.team_id,
			"bot_id": self.bot_id,
		}
		self._views[view_id] = full
		return json.loads(json.dumps(full))

	def _consume_trigger(self, args: dict[str, Any]) -> None:
		trigger = args.get("trigger_id") or args.get("interactivity_pointer")
		if not trigger:
			raise SlackError(
				"invalid_arguments",
				response_metadata={"messages": ["[ERROR] missing required field: trigger_id"]},
			)
		if trigger in self._expired_triggers:
			raise SlackError("expired_trigger_id")
		if trigger in self._used_triggers:
			raise SlackError("exchanged_trigger_id")
		self._used_triggers.add(trigger)

	# ---------------------------------------------------------------- methods

	def _api_test(self, args: dict[str, Any]) -> dict[str, Any]:
		return {"args": {k: v for k, v in args.items() if k != "token"}}

	def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
		assert self._caller is not None
		if self._caller.kind == "user":
			# A user token answers for its person, without bot_id (api.slack.com/methods/auth.test,
			# "Standard success response when used with a user token").
			return {
				"url": f"https://{self.team_domain}.slack.com/",
				"team": self.team_name,
				"user": self._users[self._caller.user_id]["name"],
				"team_id": self.team_id,
				"user_id": self._caller.user_id,
				"is_enterprise_install": False,
			}
		return {
			"url": f"https://{self.team_domain}.slack.com/",
			"team": self.team_name,
			"user": "leave-bot",
			"team_id": self.team_id,
			"user_id": self.bot_user_id,
			"bot_id": self.bot_id,
			"is_enterprise_install": False,
		}

	def _auth_revoke(self, args: dict[str, Any]) -> dict[str, Any]:
		"""The calling token stops working (api.slack.com/methods/auth.revoke); `test=1` "triggers a
		testing mode where the specified token will not actually be revoked", answered
		`revoked: false` (that answer is the mock's: Slack documents only the revoking one)."""
		assert self._caller is not None
		if _truthy(args.get("test")):
			return {"revoked": False}
		self._revoked.add(self._caller.token)
		return {"revoked": True}

	def _users_profile_get(self, args: dict[str, Any]) -> dict[str, Any]:
		"""api.slack.com/methods/users.profile.get: `user` or, for a user token, its person (a bot
		user has no profile: `user_not_found`)."""
		assert self._caller is not None
		uid = args.get("user") or (self._caller.user_id if self._caller.kind == "user" else None)
		return {"profile": self._user(uid)["profile"]}

	def _users_profile_set(self, args: dict[str, Any]) -> dict[str, Any]:
		"""api.slack.com/methods/users.profile.set with the person's own user token: `profile` (a JSON
		object; `name` + `value` without it). Another person's profile takes an admin (`not_admin`,
		the mock has no admins)."""
		uid = self._caller_user()
		if args.get("user") not in (None, "", uid):
			raise SlackError("not_admin")
		changes = _profile_changes(args)
		if "email" in changes:
			raise SlackError("not_admin")  # "Some fields, like email may only be updated by an admin."
		self._set_profile(uid, changes)
		user = self._users[uid]
		return {"username": user["name"], "profile": json.loads(json.dumps(user["profile"]))}

	def _dnd_set_snooze(self, args: dict[str, Any]) -> dict[str, Any]:
		"""api.slack.com/methods/dnd.setSnooze: starts a snooze or changes its length to `num_minutes`
		from now; `snooze_remaining` in seconds. Slack's `too_long` has no published bound, so the
		mock sets none."""
		minutes = args.get("num_minutes")
		if minutes in (None, ""):
			raise SlackError("missing_duration")
		try:
			count = int(str(minutes))
		except ValueError:
			raise SlackError("invalid_arguments") from None
		if count < 1:
			raise SlackError("invalid_arguments")
		ends = int(self.now()) + count * 60
		self._snoozes[self._caller_user()] = ends
		return {
			"snooze_enabled": True,
			"snooze_endtime": ends,
			"snooze_remaining": count * 60,
			"snooze_is_indefinite": False,
		}

	def _dnd_end_snooze(self, args: dict[str, Any]) -> dict[str, Any]:
		"""api.slack.com/methods/dnd.endSnooze; none active: `snooze_not_active` ("Snooze is not active
		for this user and cannot be ended", Slack's error list for the method)."""
		if self._snoozes.pop(self._caller_user(), None) is None:
			raise SlackError("snooze_not_active")
		return {**NO_DND_SCHEDULE, "snooze_enabled": False}

	def _dnd_info(self, args: dict[str, Any]) -> dict[str, Any]:
		"""api.slack.com/methods/dnd.info: `user`, by default the token's own."""
		uid = args.get("user") or self._caller_user()
		self._user(uid)
		ends = self._snoozes.get(uid)
		if ends is None:
			return {**NO_DND_SCHEDULE, "snooze_enabled": False}
		return {
			**NO_DND_SCHEDULE,
			"snooze_enabled": True,
			"snooze_endtime": ends,
			"snooze_remaining": max(0, ends - int(self.now())),
			"snooze_is_indefinite": False,
		}

	def _running_step(self, args: dict[str, Any]) -> _StepRun:
		run = self._step_runs.get(str(args.get("function_execution_id") or ""))
		if run is None:
			raise SlackError("function_execution_not_found")
		if run.completion is not None:
			raise SlackError("execution_not_in_running_state")
		return run

	def _functions_complete_success(self, args: dict[str, Any]) -> dict[str, Any]:
		"""api.slack.com/methods/functions.completeSuccess: `outputs` conforming to the step's
		declared output parameters (each required one there, none undeclared, text as text)."""
		run = self._running_step(args)
		outputs = args.get("outputs")
		if not isinstance(outputs, dict):
			raise SlackError("parameter_validation_failed")
		missing = [name for name in run.required if outputs.get(name) in (None, "")]
		unknown = [name for name in outputs if name not in run.outputs]
		wrong = [
			name
			for name, value in outputs.items()
			if name in run.outputs
			and run.outputs[name].get("type") == "string"
			and not isinstance(value, str)
		]
		if missing or unknown or wrong:
			raise SlackError("parameter_validation_failed", missing=missing, unknown=unknown, wrong=wrong)
		run.completion = {"outputs": outputs}
		return {}

	def _functions_complete_error(self, args: dict[str, Any]) -> dict[str, Any]:
		"""api.slack.com/methods/functions.completeError: a human-readable `error`."""
		run = self._running_step(args)
		error = args.get("error")
		if not isinstance(error, str) or not error.strip():
			raise SlackError("invalid_arguments")
		run.completion = {"error": error}
		return {}

	def _chat_post_message(self, args: dict[str, Any]) -> dict[str, Any]:
		channel = self._resolve_channel(args.get("channel"))
		if not (args.get("text") or args.get("blocks") or args.get("attachments")):
			raise SlackError("no_text")
		metadata = _checked_metadata(args)
		thread_ts = args.get("thread_ts")
		ts = self._next_ts()
		message = self._message(
			args.get("text", ""),
			args.get("blocks"),
			ts,
			thread_ts=thread_ts,
			# A reply also shown in the channel: conversations.history lists it (other replies not).
			subtype="thread_broadcast" if thread_ts and _truthy(args.get("reply_broadcast")) else None,
			metadata=metadata,
		)
		self._messages[(channel, ts)] = message
		return {"channel": channel, "ts": ts, "message": json.loads(json.dumps(message))}

	def _chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
		channel = self._resolve_channel(args.get("channel"))
		ts = args.get("ts")
		old = self._messages.get((channel, ts)) if isinstance(ts, str) else None
		if old is None:
			raise SlackError("message_not_found")
		if not (args.get("text") or args.get("blocks") or args.get("attachments")):
			raise SlackError("no_text")
		metadata = _checked_metadata(args)
		message = dict(
			old, text=args.get("text", ""), edited={"user": self.bot_user_id, "ts": self._next_ts()}
		)
		if "blocks" in args:
			message["blocks"] = args["blocks"]
		if metadata is not None:  # without `metadata` the message keeps what it had
			message["metadata"] = metadata
		self._messages[(channel, ts)] = message
		return {
			"channel": channel,
			"ts": ts,
			"text": message["text"],
			"message": json.loads(json.dumps(message)),
		}

	def _chat_delete(self, args: dict[str, Any]) -> dict[str, Any]:
		channel = self._resolve_channel(args.get("channel"))
		ts = args.get("ts")
		if not isinstance(ts, str) or self._messages.pop((channel, ts), None) is None:
			raise SlackError("message_not_found")
		return {"channel": channel, "ts": ts}

	def _chat_post_ephemeral(self, args: dict[str, Any]) -> dict[str, Any]:
		channel = self._resolve_channel(args.get("channel"))
		user = args.get("user")
		if not isinstance(user, str) or not user:
			raise SlackError("user_not_found")
		if self._users and user not in self._users:
			raise SlackError("user_not_found")
		info = self._channels.get(channel)
		if info and info["members"] and user not in info["members"]:
			raise SlackError("user_not_in_channel")
		if not (args.get("text") or args.get("blocks") or args.get("attachments")):
			raise SlackError("no_text")
		return {"message_ts": self._next_ts()}

	def _chat_unfurl(self, args: dict[str, Any]) -> dict[str, Any]:
		# Either pair, "provided together"; a repeat for the same target modifies the same cards.
		if args.get("unfurl_id") or args.get("source"):
			if not (args.get("unfurl_id") and args.get("source") in UNFURL_SOURCES):
				raise SlackError("invalid_arguments")
			target = (args["unfurl_id"], args["source"])
		elif args.get("channel") and args.get("ts"):
			target = (args["channel"], args["ts"])
		else:
			raise SlackError("invalid_arguments")
		cards = self._unfurls.setdefault(target, {})
		for url, item in args["unfurls"].items():
			cards[url] = item.get("blocks", [])
		return {}

	def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
		self._consume_trigger(args)
		view_id = f"V{next(self._ids):09d}"
		return {"view": self._view_response(args["view"], view_id)}

	def _views_push(self, args: dict[str, Any]) -> dict[str, Any]:
		self._consume_trigger(args)
		view_id = f"V{next(self._ids):09d}"
		return {"view": self._view_response(args["view"], view_id)}

	def _views_update(self, args: dict[str, Any]) -> dict[str, Any]:
		view_id = args.get("view_id")
		external_id = args.get("external_id")
		if not view_id and not external_id:
			raise SlackError(
				"invalid_arguments",
				response_metadata={"messages": ["[ERROR] must provide either view_id or external_id"]},
			)
		if not view_id:
			view_id = next((k for k, v in self._views.items() if v["external_id"] == external_id), None)
		current = self._views.get(view_id) if view_id else None
		if current is None:
			raise SlackError("not_found")
		if args.get("hash") and args["hash"] != current["hash"]:
			raise SlackError("hash_conflict")
		return {"view": self._view_response(args["view"], view_id, root=current["root_view_id"])}

	def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
		# views.publish takes a Home tab view only (Slack: `invalid_arguments`, view type must be
		# home); like a modal it holds at most 100 blocks (validate_view, before this).
		view = args["view"]
		if not isinstance(view, dict) or view.get("type") != "home":
			raise SlackError(
				"invalid_arguments",
				response_metadata={"messages": ["[ERROR] must be a home view [json-pointer:/view/type]"]},
			)
		for key in ("title", "submit", "close"):
			if key in view:
				raise SlackError(
					"invalid_arguments",
					response_metadata={
						"messages": [f"[ERROR] a home view has no {key} [json-pointer:/view/{key}]"]
					},
				)
		user_id = args.get("user_id")
		self._user(user_id)
		view_id = f"V{next(self._ids):09d}"
		published = self._view_response(view, view_id)
		self._home_views[user_id] = published
		return {"view": published}

	def _users_lookup_by_email(self, args: dict[str, Any]) -> dict[str, Any]:
		email = args.get("email")
		if not isinstance(email, str) or not email:
			raise SlackError("invalid_arguments")
		for user in self._users.values():
			if str(user["profile"].get("email", "")).lower() == email.lower():
				return {"user": json.loads(json.dumps(user))}
		raise SlackError("users_not_found")

	def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
		return {"user": self._user(args.get("user"))}

	def _users_list(self, args: dict[str, Any]) -> dict[str, Any]:
		users = list(self._users.values())
		try:
			limit = int(args.get("limit") or 0)
		except (TypeError, ValueError):
			raise SlackError("invalid_limit") from None
		start = 0
		cursor = args.get("cursor")
		if cursor:
			try:
				start_id = base64.b64decode(str(cursor), validate=True).decode()
			except (binascii.Error, UnicodeDecodeError):
				raise SlackError("invalid_cursor") from None
			ids = [u["id"] for u in users]
			if not start_id.startswith("user:") or start_id[5:] not in ids:
				raise SlackError("invalid_cursor")
			start = ids.index(start_id[5:])
		end = len(users) if limit <= 0 else min(len(users), start + limit)
		page = users[start:end]
		next_cursor = ""
		if end < len(users):
			next_cursor = base64.b64encode(f"user:{users[end]['id']}".encode()).decode()
		return {
			"members": json.loads(json.dumps(page)),
			"cache_ts": 1700000000,
			"response_metadata": {"next_cursor": next_cursor},
		}

	def _conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
		channel = args.get("channel")
		info = self._channels.get(channel) if isinstance(channel, str) else None
		if info is None:
			raise SlackError("channel_not_found")
		public = {k: v for k, v in info.items() if k != "members"}
		return {"channel": public}

	def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
		users = str(args.get("users") or "").split(",")
		if len(users) != 1 or not users[0]:
			raise SlackError("users_list_not_supplied")
		self._user(users[0])
		return {"channel": {"id": "D" + users[0][1:]}}

	def _conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
		channel = self._history_channel(args.get("channel"))
		try:
			limit = int(args.get("limit") or HISTORY_DEFAULT_LIMIT)
		except (TypeError, ValueError):
			raise SlackError("invalid_limit") from None
		limit = min(max(limit, 1), HISTORY_MAX_LIMIT)
		oldest = _ts_bound(args.get("oldest"), "invalid_ts_oldest")
		latest = _ts_bound(args.get("latest"), "invalid_ts_latest")
		inclusive = _truthy(args.get("inclusive"))
		with_metadata = _truthy(args.get("include_all_metadata"))
		listed = []
		for (chan, ts), message in self._messages.items():
			if chan != channel or _is_hidden_reply(message):
				continue
			n = _ts_number(ts)
			if oldest is not None and (n < oldest or (n == oldest and not inclusive)):
				continue
			if latest is not None and (n > latest or (n == latest and not inclusive)):
				continue
			listed.append((n, message))
		listed.sort(key=lambda nm: nm[0], reverse=True)  # newest first, as Slack lists them
		start = 0
		cursor = args.get("cursor")
		if cursor:
			start = self._history_cursor_start(str(cursor), [m["ts"] for _, m in listed])
		page = listed[start : start + limit]
		has_more = start + limit < len(listed)
		messages = []
		for _, message in page:
			shown = json.loads(json.dumps(message))
			if not with_metadata:
				shown.pop("metadata", None)
			messages.append(shown)
		next_cursor = ""
		if has_more:
			next_cursor = base64.b64encode(f"ts:{listed[start + limit][1]['ts']}".encode()).decode()
		return {
			"messages": messages,
			"has_more": has_more,
			"pin_count": 0,
			"response_metadata": {"next_cursor": next_cursor},
		}

	def _history_channel(self, channel: Any) -> str:
		"""The channel conversations.history reads, after Slack's membership checks (its scope was
		checked with the token, `_check_auth`)."""
		if not isinstance(channel, str) or not channel:
			raise SlackError("channel_not_found")
		info = self._channels.get(channel)
		if channel.startswith("D"):
			owners = {"U" + channel[1:], "W" + channel[1:]}
			if not owners & set(self._users) and not any(c == channel for c, _ in self._messages):
				raise SlackError("channel_not_found")
			return channel
		if info is None:
			if self._channels:
				raise SlackError("channel_not_found")
			return channel
		if not info["is_member"]:
			raise SlackError("not_in_channel")
		return channel

	@staticmethod
	def _history_cursor_start(cursor: str, listed_ts: list[str]) -> int:
		try:
			decoded = base64.b64decode(cursor, validate=True).decode()
		except (binascii.Error, UnicodeDecodeError):
			raise SlackError("invalid_cursor") from None
		if not decoded.startswith("ts:") or decoded[3:] not in listed_ts:
			raise SlackError("invalid_cursor")
		return listed_ts.index(decoded[3:])

	def _oauth_v2_access(self, args: dict[str, Any]) -> dict[str, Any]:
		client_id, client_secret = args.get("client_id"), args.get("client_secret")
		auth = self._current.authorization or ""
		if auth.startswith("Basic "):
			try:
				client_id, _, client_secret = base64.b64decode(auth[6:]).decode().partition(":")
			except (binascii.Error, UnicodeDecodeError):
				raise SlackError("invalid_client_id") from None
		if client_id != self.client_id:
			raise SlackError("invalid_client_id")
		if client_secret != self.client_secret:
			raise SlackError("bad_client_secret")
		code = args.get("code")
		if code not in self._oauth_codes:
			raise SlackError("invalid_code")
		grant = self._oauth_codes.pop(code)
		if grant.redirect_uri is not None and args.get("redirect_uri") != grant.redirect_uri:
			raise SlackError("bad_redirect_uri")
		# api.slack.com/methods/oauth.v2.access: the bot token's fields "only present if requested",
		# authed_user's token likewise (id, scope, access_token, token_type "user").
		answer: dict[str, Any] = {
			"app_id": self.app_id,
			"team": {"id": self.team_id, "name": self.team_name},
			"enterprise": None,
			"is_enterprise_install": False,
			"authed_user": {"id": grant.user_id},
		}
		if grant.bot_scopes:
			answer.update(
				access_token=self.bot_token,
				token_type="bot",
				scope=",".join(grant.bot_scopes),
				bot_user_id=self.bot_user_id,
			)
		if grant.user_token is not None:
			self._user_tokens[grant.user_token] = _UserToken(grant.user_id, frozenset(grant.user_scopes))
			answer["authed_user"].update(
				scope=",".join(grant.user_scopes), access_token=grant.user_token, token_type="user"
			)
		return answer

	def _apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
		if self.socket_urls is None:
			# The Slack app has Socket Mode off (error code as the mock's choice; Slack's own for
			# this case is not documented).
			raise SlackError("socket_mode_not_enabled")
		return {"url": self.socket_urls()}


def _invalid_arguments(messages: list[str]) -> dict[str, Any]:
	return {
		"ok": False,
		"error": "invalid_arguments",
		"response_metadata": {
			"messages": [m if m.startswith("[ERROR]") else f"[ERROR] {m}" for m in messages]
		},
	}


def _checked_metadata(args: dict[str, Any]) -> dict[str, Any] | None:
	"""The message metadata of a chat.postMessage/chat.update, checked as Slack documents it
	(https://docs.slack.dev/messaging/message-metadata/): `{"event_type": str, "event_payload":
	{...}}`. Not JSON / not an object → `invalid_metadata_format`; a missing or empty event_type, an
	event_payload that is not an object or holds other than strings, numbers, booleans, objects and
	arrays of them → `invalid_metadata_schema`. (Slack's naming guide for event_type — lowercase,
	[a-z0-9_] — is "not enforced programmatically", so neither is it here.)"""
	if "metadata" not in args:
		return None
	metadata = args["metadata"]
	if "metadata" in args.get("_undecodable", ()) or not isinstance(metadata, dict):
		raise SlackError("invalid_metadata_format")
	event_type, payload = metadata.get("event_type"), metadata.get("event_payload")
	if not isinstance(event_type, str) or not event_type.strip() or not isinstance(payload, dict):
		raise SlackError("invalid_metadata_schema")
	if not _plain_value(payload):
		raise SlackError("invalid_metadata_schema")
	return {"event_type": event_type, "event_payload": json.loads(json.dumps(payload))}


def _channel_scope(channel: Any, channels: dict[str, dict[str, Any]], action: str) -> str:
	"""The scope a call on `channel` needs: `im:<action>` for a DM, `groups:` a private channel,
	`channels:` a public one; "" without a channel (the method answers channel_not_found)."""
	if not isinstance(channel, str) or not channel:
		return ""
	if channel.startswith("D"):
		return f"im:{action}"
	info = channels.get(channel)
	if info["is_private"] if info else channel.startswith("G"):
		return f"groups:{action}"
	return f"channels:{action}"


def _profile_changes(args: dict[str, Any]) -> dict[str, Any]:
	"""The fields a users.profile.set changes: `profile` (a JSON object, also as a JSON string), else
	the `name`/`value` pair; anything else is `invalid_profile` ("Profile object passed in is not
	valid JSON")."""
	if "profile" in args:
		profile = args["profile"]
		if "profile" in args.get("_undecodable", ()):
			raise SlackError("invalid_profile")
		if isinstance(profile, str):
			try:
				profile = json.loads(profile)
			except json.JSONDecodeError:
				raise SlackError("invalid_profile") from None
		if not isinstance(profile, dict):
			raise SlackError("invalid_profile")
		return profile
	if isinstance(args.get("name"), str) and args["name"]:
		return {args["name"]: args.get("value", "")}
	raise SlackError("invalid_profile")


def _status_update(changes: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
	"""The status fields after `changes` (none when it names no status field), checked as Slack
	checks them (STATUS_TEXT_MAX_CHARS, STATUS_EMOJI)."""
	if not any(key in changes for key in STATUS_FIELDS):
		return {}
	text = changes.get("status_text", current["status_text"])
	emoji = changes.get("status_emoji", current["status_emoji"])
	if not isinstance(text, str) or not isinstance(emoji, str):
		raise SlackError("invalid_profile")
	if len(text) > STATUS_TEXT_MAX_CHARS:
		raise SlackError("too_long")
	if emoji and not STATUS_EMOJI.fullmatch(emoji):
		raise SlackError("profile_status_set_failed_not_emoji_syntax")
	if changes.get("status_text") == "" and "status_emoji" not in changes and emoji:
		# "Clearing the status requires setting both status_text and status_emoji to ''."
		raise SlackError("must_clear_both_status_text_and_status_emoji")
	if "status_expiration" in changes:
		expiration = _status_expiration(changes["status_expiration"])
	elif "status_text" in changes or "status_emoji" in changes:
		expiration = 0  # "When 0 or omitted, the status does not expire."
	else:
		expiration = current["status_expiration"]
	if not text and not emoji:
		return {"status_text": "", "status_emoji": "", "status_expiration": 0}
	return {
		"status_text": text,
		"status_emoji": emoji or DEFAULT_STATUS_EMOJI,
		"status_expiration": expiration,
	}


def _status_expiration(value: Any) -> int:
	"""status_expiration: "an integer specifying seconds since the epoch" (a numeral string in a form
	body); anything else the mock answers `invalid_profile`."""
	if isinstance(value, bool):
		raise SlackError("invalid_profile")
	if isinstance(value, int):
		number = value
	elif isinstance(value, str) and value.isdigit():
		number = int(value)
	else:
		raise SlackError("invalid_profile")
	if number < 0:
		raise SlackError("invalid_profile")
	return number


def _plain_value(value: Any) -> bool:
	if isinstance(value, str | int | float | bool):
		return True
	if isinstance(value, dict):
		return all(isinstance(k, str) and _plain_value(v) for k, v in value.items())
	if isinstance(value, list):
		return all(_plain_value(v) for v in value)
	return False  # null and anything else


def _truthy(value: Any) -> bool:
	"""A boolean argument as slack_sdk sends it: JSON true, or "1"/"true" in a form or query."""
	return value is True or (isinstance(value, str | int) and str(value).lower() in ("1", "true"))


def _ts_number(ts: str) -> Decimal:
	return Decimal(ts)


def _ts_bound(value: Any, error: str) -> Decimal | None:
	if value in (None, ""):
		return None
	try:
		return Decimal(str(value))
	except InvalidOperation:
		raise SlackError(error) from None


def _is_hidden_reply(message: dict[str, Any]) -> bool:
	"""A thread reply: conversations.history lists only thread parents and broadcast replies."""
	thread_ts = message.get("thread_ts")
	return bool(thread_ts) and thread_ts != message["ts"] and message.get("subtype") != "thread_broadcast"


def _parse_body(content_type: str, raw: bytes) -> tuple[str, dict[str, Any]]:
	ctype = content_type.split(";", maxsplit=1)[0].strip().lower()
	if not raw:
		return "none", {}
	if ctype == "application/json":
		try:
			data = json.loads(raw.decode("utf-8"))
		except (UnicodeDecodeError, json.JSONDecodeError):
			return "invalid", {}
		return ("json", data) if isinstance(data, dict) else ("invalid", {})
	if ctype == "multipart/form-data":
		return "multipart", {}
	return "form", dict(parse_qsl(raw.decode("utf-8", errors="replace"), keep_blank_values=True))


def _unfurl_problems(unfurls: dict[str, Any]) -> list[Problem]:
	"""Each unfurl is `{"blocks": [...]}` checked as a message's blocks (Slack's 50-block limit
	and every element rule); an unfurl carries no fallback `text` of its own."""
	problems: list[Problem] = []
	for url, item in unfurls.items():
		base = f"/unfurls/{url}"
		if not isinstance(item, dict) or not isinstance(item.get("blocks"), list):
			problems.append(Problem(base, "must be an object with blocks"))
			continue
		problems.extend(
			p for p in validate_message(item["blocks"], base=f"{base}/blocks") if p.pointer != "/text"
		)
	return problems


def _decode_json_fields(args: dict[str, Any]) -> None:
	"""Form bodies carry blocks/view/... as JSON strings: decode them like Slack does."""
	bad = []
	for key in JSON_FIELDS:
		value = args.get(key)
		if isinstance(value, str):
			try:
				args[key] = json.loads(value)
			except json.JSONDecodeError:
				bad.append(key)
	if bad:
		args["_undecodable"] = bad


class _Server(ThreadingHTTPServer):
	allow_reuse_address = True  # SO_REUSEADDR: listen again on the port after an outage
	request_queue_size = 64  # concurrent senders (the outbox's thread pool) queue, not refused

	def __init__(self, *args: Any, **kwargs: Any) -> None:
		self._open: set[socket.socket] = set()
		self._open_lock = threading.Lock()
		super().__init__(*args, **kwargs)

	def process_request(self, request: Any, client_address: Any) -> None:
		with self._open_lock:
			self._open.add(request)
		super().process_request(request, client_address)

	def shutdown_request(self, request: Any) -> None:
		with self._open_lock:
			self._open.discard(request)
		super().shutdown_request(request)

	def drop_connections(self) -> None:
		"""An outage also cuts connections already open (a keep-alive client must not get through)."""
		with self._open_lock:
			open_now = list(self._open)
		for conn in open_now:
			with contextlib.suppress(OSError):
				conn.shutdown(socket.SHUT_RDWR)


def _ephemeral_port_floor() -> int | None:
	try:
		with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
			return int(f.read().split()[0])
	except (OSError, ValueError, IndexError):
		return None


class _Handler(BaseHTTPRequestHandler):
	slack_mock: SlackMock
	protocol_version = "HTTP/1.1"

	def log_message(self, format: str, *args: Any) -> None:
		pass

	def do_GET(self) -> None:
		self._serve()

	def do_POST(self) -> None:
		self._serve()

	def _serve(self) -> None:
		split = urlsplit(self.path)
		length = int(self.headers.get("Content-Length") or 0)
		raw = self.rfile.read(length) if length else b""
		if not split.path.startswith("/api/"):
			self._send(404, {}, {"ok": False, "error": "invalid_path"})
			return
		method = split.path[len("/api/") :]
		encoding, body = _parse_body(self.headers.get("Content-Type", ""), raw)
		args: dict[str, Any] = dict(parse_qsl(split.query, keep_blank_values=True))
		args.update(body)
		_decode_json_fields(args)
		call = SlackCall(
			method=method,
			args=args,
			headers=dict(self.headers.items()),
			http_method=self.command,
			encoding=encoding,
			raw_body=raw,
		)
		status, headers, payload = self.slack_mock.handle(method, call)
		wait = self.slack_mock.delay + call.answer_delay
		if wait:
			# Slack's own latency (delay_each_call) or a scripted late answer (delay_next): slept in
			# this request's own thread, so concurrent calls still overlap.
			time.sleep(wait)
		if status == DROP:
			self.close_connection = True
			with contextlib.suppress(OSError):
				self.connection.shutdown(socket.SHUT_RDWR)
			return
		try:
			self._send(status, headers, payload)
		except (BrokenPipeError, ConnectionResetError):
			self.close_connection = True  # the client gave up waiting (its timeout fired)

	def _send(self, status: int, headers: dict[str, str], payload: dict[str, Any]) -> None:
		data = json.dumps(payload).encode("utf-8")
		self.send_response(status)
		self.send_header("Content-Type", "application/json; charset=utf-8")
		self.send_header("Content-Length", str(len(data)))
		for k, v in headers.items():
			self.send_header(k, v)
		self.end_headers()
		self.wfile.write(data)
