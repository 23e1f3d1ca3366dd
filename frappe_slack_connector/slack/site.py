"""This site's Slack: the client built from Slack Settings and site config, and the one way to
call Slack and, when it fails, log why instead of raising.

Handlers, jobs and routes call Slack through here; `slack/client.py` stays a plain slack_sdk
wrapper that knows nothing of Frappe.

Every call names its path, there is no default: `path=REQUEST` from anything serving an HTTP
request (Slack's interactions and `/apply-leave`, which must answer within 3 s, and the desk
buttons and OAuth pages, where a person waits and a web worker is held) — one attempt, short
timeout, a 429 answered at once; `path=JOB` from background jobs — bounded retries, never a blind
re-send of a post (`slack/client.py`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from slack_sdk import WebClient

from frappe_slack_connector import core
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.slack import client as slack_client
from frappe_slack_connector.slack.client import JOB, OUTBOX, REQUEST, Path, SlackCallError

__all__ = [
	"JOB",
	"OUTBOX",
	"REQUEST",
	"SlackCallError",
	"SlackReply",
	"call_or_log",
	"call_site",
	"client",
	"exchange_oauth_code",
	"open_socket_url",
]


def api_url() -> str:
	"""Web API base URL: site config `slack_api_url`, else Slack's."""
	return erp_settings.slack_api_url() or slack_client.DEFAULT_BASE_URL


def client(*, path: Path) -> WebClient:
	"""The site's client for `path`: bot token from Slack Settings, base URL from site config."""
	token = erp_settings.bot_token()
	if not token:
		raise SlackCallError(
			"(config)",
			"not_configured",
			detail="Slack Settings has no Bot User OAuth Token; set it before using Slack",
		)
	return slack_client.make_client(token, api_url(), site=erp_settings.site_name(), path=path)


def open_socket_url(*, path: Path) -> str:
	"""A new Socket Mode WebSocket URL (`apps.connections.open` with the App-Level Token); raises
	SlackCallError (`not_configured` without a token, Slack's `invalid_auth`,
	`not_allowed_token_type` for a bot token…). The token is never logged: errors are redacted."""
	token = erp_settings.app_token()
	if not token:
		raise SlackCallError(
			"apps.connections.open",
			"not_configured",
			detail="Slack Settings has no App-Level Token; Socket Mode needs one (scope connections:write)",
		)
	app_client = slack_client.make_client(token, api_url(), site=erp_settings.site_name(), path=path)
	data = slack_client.call(app_client, "apps.connections.open", app_token=token)
	url = data.get("url")
	if not isinstance(url, str) or not url.startswith(("wss://", "ws://")):
		raise SlackCallError(
			"apps.connections.open", "invalid_response", detail="no WebSocket URL in the answer"
		)
	return url


AUTHORIZE_PATH = "oauth/v2/authorize"


def authorize_url(
	api_base_url: str, *, client_id: str, redirect_uri: str, state: str, scope: str = "", user_scope: str = ""
) -> str:
	"""Slack's OAuth v2 authorize URL on the host of the Web API base URL (slack.com, GovSlack, a
	proxy): `scope` the bot scopes asked for, `user_scope` a person's."""
	parts = urlsplit(api_base_url)
	path = parts.path.rstrip("/")
	if path.endswith("/api"):
		path = path[: -len("/api")]
	query = urlencode(
		{
			"client_id": client_id,
			"scope": scope,
			"user_scope": user_scope,
			"redirect_uri": redirect_uri,
			"state": state,
		}
	)
	return urlunsplit((parts.scheme, parts.netloc, f"{path}/{AUTHORIZE_PATH}", query, ""))


def person_client(token: str, *, path: Path) -> WebClient:
	"""A client acting with a token other than the bot's on the site's base URL: one person's
	(their user token, from their consent: their status and Do Not Disturb), or a Workflow
	Builder step execution's (its completion). Made where Frappe is (the URL is site config); usable in
	any thread."""
	return slack_client.make_client(token, api_url(), site=erp_settings.site_name(), path=path)


def oauth_client() -> WebClient:
	"""A token-less client on the site's base URL, for `oauth.v2.access`."""
	return slack_client.make_oauth_client(api_url())


def exchange_oauth_code(code: str, *, client_id: str, client_secret: str) -> dict[str, Any]:
	"""Slack's `oauth.v2.access` answer for an authorization `code` (the workspace install's and a
	person's consent alike), on this site's redirect URL; raises SlackCallError."""
	return slack_client.call(
		oauth_client(),
		"oauth.v2.access",
		client_id=client_id,
		client_secret=client_secret,
		code=code,
		redirect_uri=core.oauth_redirect_url(erp_settings.site_url()),
	)


def call_site(
	method: str, *, path: Path, body: str | None = None, under: str | None = None, **kwargs: Any
) -> dict[str, Any]:
	"""`method` on the site's client for `path`; raises SlackCallError. `body`: a builder's JSON
	text (a message; a view with `under="view"`), sent as it is with `kwargs` set beside it."""
	return _call(client(path=path), method, body, under, kwargs)


def _call(
	web_client: WebClient, method: str, body: str | None, under: str | None, fields: dict[str, Any]
) -> dict[str, Any]:
	if body is None:
		return slack_client.call(web_client, method, **fields)
	return slack_client.call_json(web_client, method, core.request_body(body, fields, under=under))


@dataclass(frozen=True)
class SlackReply:
	"""What `call_or_log` got: Slack's answer, or the error code of a failure it has logged."""

	data: dict[str, Any] = field(default_factory=dict)
	error: str | None = None

	@property
	def ok(self) -> bool:
		return self.error is None


def call_or_log(
	method: str,
	*,
	path: Path,
	log_title: str,
	log_context: str = "",
	expected_errors: Collection[str] = (),
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	web_client: WebClient | None = None,
	body: str | None = None,
	under: str | None = None,
	**kwargs: Any,
) -> SlackReply:
	"""Call Slack for something nobody is waiting on an exception for (a DM, a lookup, an update).

	On failure writes the Error Log `"{log_title}: {error}"` (the error, then `log_context`), unless
	the error is one of `expected_errors` (a normal answer for this call, e.g. `users_not_found`),
	and returns a reply with `.error` set. Never raises SlackCallError.

	`outcome_unknown` (a post sent, but Slack's answer was a 5xx or never came) is logged as
	`"{log_title}: outcome unknown"`: Slack may have posted it, nothing re-posts it, and the log
	asks the admin to look in Slack.

	`web_client`: the site's client made once by the caller (`client(path=…)`) for a batch of
	calls, so the token is read once instead of once per call. `body` / `under`: as for
	`call_site`.
	"""
	try:
		return SlackReply(data=_call(web_client or client(path=path), method, body, under, kwargs))
	except SlackCallError as err:
		if err.error == "outcome_unknown":
			erp_log.log_error(
				f"{log_title}: outcome unknown",
				f"{err}. Slack may have received it; it is not sent again. Check Slack"
				+ (f" ({log_context})." if log_context else "."),
				reference_doctype=reference_doctype,
				reference_name=reference_name,
			)
		elif err.error not in expected_errors:
			erp_log.log_error(
				f"{log_title}: {err.error}",
				f"{err} ({log_context})" if log_context else str(err),
				reference_doctype=reference_doctype,
				reference_name=reference_name,
			)
		return SlackReply(error=err.error)
