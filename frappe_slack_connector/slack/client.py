"""A slack_sdk wrapper: cached WebClients with retries, and typed errors.

    client = make_client(token, base_url)
    data = call(client, "users.lookupByEmail", email=e)
    data = call_json(client, "chat.postMessage", body)    # body: the request's JSON bytes
    # SlackCallError(.method, .error) on any Slack error, exhausted 429s or a network failure

- One WebClient per (site, token, base URL, path), reused across requests: no `auth.test` per call.
- Two paths, chosen by the caller every time (`path=REQUEST` or `path=JOB`, no default):
  - `REQUEST` (someone is waiting: Slack's 3 s, a desk button): `REQUEST_TIMEOUT_SECONDS`, no retry
    and no sleep at all — a 429 comes back at once as `ratelimited` for the caller to answer.
  - `JOB` (background jobs): `TIMEOUT_SECONDS`; retries HTTP 429 (waits `Retry-After`, capped by
    `MAX_RETRY_AFTER_SECONDS`), and connection errors / HTTP 500, 503, each a bounded number of
    times — but a method in `NOT_REPEATABLE` (a post) is retried only where Slack certainly did
    nothing: a 429, or a connection refused / name not resolved before the request was sent.
- No blind re-send: for a `NOT_REPEATABLE` method a 5xx, a read timeout or a connection dropped
  after the request was sent raise `SlackCallError(error="outcome_unknown")` — Slack may have
  posted it; callers log it and never post it again.
- The base URL is the caller's (default `DEFAULT_BASE_URL`): GovSlack (https://slack-gov.com/api/),
  proxies and the test mock work the same way.
- Error messages name the method and Slack's error code; they never contain the token.
- A body built elsewhere (the core's JSON text with the caller's fields: `core.request_body`) is
  sent as those bytes by `call_json`, through slack_sdk's own request, retry handlers and
  response checks: the clients here are `RawBodyWebClient`s, which only swap the bytes of the
  request slack_sdk built for the call, so nothing parses the body back into dicts.

Knows nothing of Frappe or the ERP: `slack/site.py` builds the site's client from Slack Settings.
"""

from __future__ import annotations

import hashlib
import random
import re
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, Literal
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
	ConnectionErrorRetryHandler,
	RateLimitErrorRetryHandler,
	ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

DEFAULT_BASE_URL = "https://slack.com/api/"
# Upper bound for any single retry wait (Retry-After or backoff), in seconds. Tests lower it.
MAX_RETRY_AFTER_SECONDS: float = 30.0
RATE_LIMIT_RETRIES = 2
CONNECTION_RETRIES = 2
SERVER_ERROR_RETRIES = 1
TIMEOUT_SECONDS = 10
# The request path answers within Slack's 3 s: one attempt, at most this long.
REQUEST_TIMEOUT_SECONDS = 2

Path = Literal["request", "job", "outbox"]
REQUEST: Path = "request"
JOB: Path = "job"
# The outbox's relay: `TIMEOUT_SECONDS`, no retry and no sleep inside the client — the relay
# retries across minutes and hours itself (backoff, Retry-After, the unknown-outcome lookup).
OUTBOX: Path = "outbox"

# Methods whose second call is a second effect (another message, a used trigger or OAuth code):
# retried only when the first certainly never reached Slack. chat.update and the lookups rewrite
# or read the same thing and may be repeated.
NOT_REPEATABLE = frozenset(
	{
		"chat.postMessage",
		"chat.postEphemeral",
		"chat.scheduleMessage",
		"views.open",
		"views.push",
		"oauth.v2.access",
	}
)

# Bot/user tokens (xox?-) and App-Level Tokens (xapp-, Socket Mode).
_TOKEN_RE = re.compile(r"xox[a-z]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")
_clients: dict[tuple[str | None, str, str, str], WebClient] = {}
_clients_lock = threading.Lock()


# What an admin can do about the Slack errors they meet from the desk buttons and logs.
ERROR_HINTS = {
	"channel_not_found": "Check the Channel ID (channel details → About → Channel ID).",
	"not_in_channel": "Invite the app to the channel first (/invite @<app name>).",
	"is_archived": "The channel is archived.",
	"invalid_auth": "The Bot User OAuth Token is wrong or was revoked: install the app again.",
	"not_authed": "Set the Bot User OAuth Token (or use Add to Slack).",
	"not_configured": "Set the Bot User OAuth Token (or use Add to Slack).",
	"account_inactive": "The token belongs to a deactivated app or user.",
	"token_revoked": "The token was revoked: install the app again.",
	"missing_scope": "Add the missing scope to the Slack app and reinstall it.",
	"connection_error": "This server cannot reach Slack (network, proxy or slack_api_url).",
}


class SlackCallError(Exception):
	"""A Slack Web API call failed.

	`.method`: the API method ("chat.postMessage"; "(config)" when the app is not configured).
	`.error`: Slack's error code ("channel_not_found", "ratelimited", "invalid_auth", ...), or
	"connection_error" / "request_error" / "not_configured" for failures before Slack answered, or
	"outcome_unknown" when a `NOT_REPEATABLE` call was sent but Slack's answer was a 5xx or never
	came (it may have been done: do not repeat it blindly).
	`.status`: the HTTP status when Slack answered, else None.
	`.messages`: Slack's `response_metadata.messages` (Block Kit errors), if any.
	`.retry_after`: the seconds of Slack's `Retry-After` header (a 429), else None.
	"""

	def __init__(
		self,
		method: str,
		error: str,
		*,
		detail: str = "",
		status: int | None = None,
		messages: list[str] | None = None,
		retry_after: float | None = None,
	):
		self.method = method
		self.retry_after = retry_after
		self.error = error
		self.status = status
		self.messages = list(messages or [])
		self.detail = redact(detail)
		super().__init__(self._text())

	@property
	def hint(self) -> str:
		"""What an admin can do about it ("" when we have no advice)."""
		return ERROR_HINTS.get(self.error, "")

	def _text(self) -> str:
		text = f"Slack {self.method} failed: {self.error}"
		if self.detail:
			text += f" ({self.detail})"
		if self.messages:
			text += ": " + "; ".join(redact(m) for m in self.messages[:5])
		return text


def redact(text: str, token: str | None = None) -> str:
	"""Remove Slack tokens (and the given one) from a text meant for logs or users."""
	if token:
		text = text.replace(token, "xox?-(redacted)")
	return _TOKEN_RE.sub("xox?-(redacted)", text)


def _capped(seconds: float) -> float:
	return max(0.0, min(float(seconds), float(MAX_RETRY_AFTER_SECONDS)))


class _CappedBackoff(BackoffRetryIntervalCalculator):
	def calculate_sleep_duration(self, current_attempt: int) -> float:
		return _capped(super().calculate_sleep_duration(current_attempt))


class CappedRateLimitRetryHandler(RateLimitErrorRetryHandler):
	"""Waits `Retry-After` seconds (plus a little jitter) on HTTP 429, never more than
	`MAX_RETRY_AFTER_SECONDS`; tolerates a missing or non-integer header."""

	def prepare_for_next_attempt(
		self,
		*,
		state: RetryState,
		request: HttpRequest,
		response: HttpResponse | None = None,
		error: Exception | None = None,
	) -> None:
		if response is None:
			if error is not None:
				raise error
			return
		state.next_attempt_requested = True
		wait = 1.0
		for name, values in response.headers.items():
			if name.lower() == "retry-after":
				raw = values[0] if isinstance(values, list | tuple) else values
				try:
					wait = float(raw)
				except (TypeError, ValueError):
					wait = 1.0
				break
		time.sleep(_capped(wait + random.random() * 0.1 * wait))  # noqa: S311 — jitter, not crypto
		state.increment_current_attempt()


def method_of(request: HttpRequest) -> str:
	"""The Web API method of a retry handler's request (`…/api/chat.postMessage?…`)."""
	return urlsplit(request.url).path.rsplit("/", 1)[-1]


def never_sent(error: BaseException) -> bool:
	"""True when the request certainly never reached Slack: the connection was refused or the
	host name did not resolve. urllib wraps errors raised while connecting and sending in
	URLError (urllib/request.py `do_open`); errors while waiting for the answer (read timeout,
	connection reset, RemoteDisconnected) come raw — the request was sent."""
	if not isinstance(error, URLError) or isinstance(error, HTTPError):
		return False
	return isinstance(error.reason, ConnectionRefusedError | socket.gaierror)


def unanswered_after_sending(error: BaseException) -> bool:
	"""A network failure after the whole request went out (see `never_sent`)."""
	return isinstance(error, OSError) and not isinstance(error, URLError)


class JobConnectionErrorRetryHandler(ConnectionErrorRetryHandler):
	"""slack_sdk's handler retries every URLError / reset; a post is retried only when it was
	never sent (connection refused, DNS), since a reset after sending may follow a post."""

	def _can_retry(self, *, state, request, response=None, error=None) -> bool:
		if error is not None and method_of(request) in NOT_REPEATABLE:
			return response is None and never_sent(error)
		return super()._can_retry(state=state, request=request, response=response, error=error)


class JobServerErrorRetryHandler(ServerErrorRetryHandler):
	"""HTTP 500/503 are retried for methods that may be repeated; a post that got a 5xx may
	have been posted, so it is not."""

	def _can_retry(self, *, state, request, response=None, error=None) -> bool:
		if method_of(request) in NOT_REPEATABLE:
			return False
		return super()._can_retry(state=state, request=request, response=response, error=error)


# The body `call_json` is sending on this thread (slack_sdk sends synchronously on the calling
# thread, retries included): what `RawBodyWebClient` puts in the request.
_raw_body = threading.local()
# What slack_sdk serialises for a `call_json` request (a JSON body, so it sets the JSON content
# type); the request's bytes are then `call_json`'s.
_RAW_BODY_MARK = {"body": "call_json"}


class RawBodyWebClient(WebClient):
	"""slack_sdk's WebClient that sends `call_json`'s bytes as the body. slack_sdk builds its
	request from `json=` with `json.dumps` (base_client.py `_perform_urllib_http_request`); the
	retry loop there hands each attempt's request to `_perform_urllib_http_request_internal`,
	where the body is swapped — urllib recomputes its Content-Length. Everything else (headers,
	token, retry handlers, `SlackResponse.validate`, `SlackApiError`) is slack_sdk's own."""

	def _perform_urllib_http_request_internal(self, url, req):
		body = getattr(_raw_body, "value", None)
		if body is not None:
			req.data = body
		return super()._perform_urllib_http_request_internal(url, req)


def _normalise_base_url(base_url: str) -> str:
	# slack_sdk joins with urljoin: without the trailing slash the last path segment is lost.
	return base_url if base_url.endswith("/") else base_url + "/"


def _new_client(token: str | None, base_url: str, path: Path) -> WebClient:
	if path == REQUEST:
		# retry_handlers=[] and not None: None would give slack_sdk's default connection retry.
		return RawBodyWebClient(
			token=token, base_url=base_url, timeout=REQUEST_TIMEOUT_SECONDS, retry_handlers=[]
		)
	if path == OUTBOX:
		return RawBodyWebClient(token=token, base_url=base_url, timeout=TIMEOUT_SECONDS, retry_handlers=[])
	if path != JOB:
		raise ValueError(f"path must be {REQUEST!r}, {JOB!r} or {OUTBOX!r}, not {path!r}")
	backoff = _CappedBackoff()
	return RawBodyWebClient(
		token=token,
		base_url=base_url,
		timeout=TIMEOUT_SECONDS,
		retry_handlers=[
			CappedRateLimitRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
			JobConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES, interval_calculator=backoff),
			JobServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES, interval_calculator=backoff),
		],
	)


def make_client(
	token: str, base_url: str = DEFAULT_BASE_URL, *, site: str | None = None, path: Path
) -> WebClient:
	"""The cached WebClient for (site, token, base_url, path), created on first use."""
	if not token:
		raise SlackCallError("(config)", "not_configured", detail="no Slack bot token given")
	base_url = _normalise_base_url(base_url or DEFAULT_BASE_URL)
	key = (site, hashlib.sha256(token.encode()).hexdigest(), base_url, path)
	with _clients_lock:
		client = _clients.get(key)
		if client is None:
			client = _new_client(token, base_url, path)
			_clients[key] = client
		return client


def make_oauth_client(base_url: str = DEFAULT_BASE_URL) -> WebClient:
	"""A token-less client for `oauth.v2.access` (the app's client id and secret authenticate
	that call, over HTTP Basic), on the request path: the installer's browser is waiting and the
	code is single-use. Not cached: installs are rare."""
	return _new_client(None, _normalise_base_url(base_url or DEFAULT_BASE_URL), REQUEST)


def clear_clients() -> None:
	"""Forget every cached client (after the token or base URL changes, and in tests)."""
	with _clients_lock:
		_clients.clear()


def _retry_after(headers: Any) -> float | None:
	"""Seconds of a `Retry-After` header (slack_sdk gives header values as lists), or None."""
	for name, values in (headers or {}).items():
		if name.lower() == "retry-after":
			raw = values[0] if isinstance(values, list | tuple) else values
			try:
				return float(raw)
			except (TypeError, ValueError):
				return None
	return None


def call(client: WebClient, method: str, **kwargs: Any) -> dict[str, Any]:
	"""Call a Web API method through slack_sdk's typed method and return the response body; raise
	SlackCallError on any failure. For arguments the app sets itself (lookups, history); a Slack
	body the core built goes through `call_json`."""
	func = getattr(client, method.replace(".", "_"), None)
	return _checked(
		client,
		method,
		lambda: func(**kwargs) if callable(func) else client.api_call(method, json=kwargs),
	)


def call_json(client: WebClient, method: str, body: bytes) -> dict[str, Any]:
	"""Call a Web API method with `body`, the request's JSON bytes as they are (`core.request_body`),
	through slack_sdk's transport (its retry handlers and error handling, as `call`); return the
	response body, raise SlackCallError on any failure. `client` must be a `RawBodyWebClient`
	(every client `make_client` gives)."""
	if not isinstance(client, RawBodyWebClient):
		raise TypeError("call_json needs a RawBodyWebClient (make_client)")
	if not isinstance(body, bytes | bytearray):
		raise TypeError("call_json sends bytes (core.request_body)")

	def send():
		_raw_body.value = bytes(body)
		try:
			return client.api_call(method, json=_RAW_BODY_MARK)
		finally:
			_raw_body.value = None

	return _checked(client, method, send)


def _checked(client: WebClient, method: str, send: Callable[[], Any]) -> dict[str, Any]:
	"""`send()`'s response body; every failure as a SlackCallError (redacted, classified)."""
	try:
		response = send()
	except SlackApiError as e:
		data = e.response.data if isinstance(e.response.data, dict) else {}
		status = getattr(e.response, "status_code", None)
		if method in NOT_REPEATABLE and status is not None and status >= 500:
			raise SlackCallError(
				method,
				"outcome_unknown",
				status=status,
				detail=f"HTTP {status} after sending; Slack may have done it",
			) from None
		error = data.get("error") or f"http_{status}"
		meta = data.get("response_metadata") or {}
		messages = meta.get("messages") or data.get("errors") or []
		raise SlackCallError(
			method,
			str(error),
			status=status,
			messages=[str(m) for m in messages],
			retry_after=_retry_after(e.response.headers) if status == 429 else None,
		) from None
	except (URLError, OSError) as e:
		reason = getattr(e, "reason", e)
		if method in NOT_REPEATABLE and unanswered_after_sending(e):
			raise SlackCallError(
				method,
				"outcome_unknown",
				detail=redact(f"{type(e).__name__} after sending: {e}; Slack may have done it", client.token),
			) from None
		raise SlackCallError(
			method, "connection_error", detail=redact(f"{type(reason).__name__}: {reason}", client.token)
		) from None
	except SlackClientError as e:
		raise SlackCallError(method, "request_error", detail=redact(str(e), client.token)) from None
	data = response.data
	if not isinstance(data, dict):
		raise SlackCallError(method, "invalid_response", detail="Slack answered with a non-JSON body")
	return data
