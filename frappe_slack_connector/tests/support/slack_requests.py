"""HTTP requests exactly as Slack sends them to the app, signed, plus realistic payload factories.

    req = interaction_request(block_actions_message(button_action("approve_leave", "HR-LAP-1")), secret=S)
    req.body       # b"payload=%7B%22type%22..."   (application/x-www-form-urlencoded)
    req.headers    # Content-Type, X-Slack-Request-Timestamp, X-Slack-Signature

Shapes follow Slack's interaction payload docs and bolt-python's scenario tests (REFERENCE.md A2):
interactivity is one form field `payload` holding the URL-encoded JSON; slash commands are plain form
fields in the order of Slack's documented example; the signature is `v0=` + hex HMAC-SHA256 of
`v0:{timestamp}:{raw body}` with the signing secret (computed here with `hmac`; test code only).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

INTERACTION_PATH = "/api/method/frappe_slack_connector.api.slack_interactions.event"
COMMAND_PATH = "/api/method/frappe_slack_connector.api.slash_leave.slash_leave"

TEAM = {"id": "T0TEST0001", "domain": "test-workspace"}
USER = {"id": "U0USER0001", "username": "jane", "name": "jane", "team_id": "T0TEST0001"}
API_APP_ID = "A0APP00001"
VERIFICATION_TOKEN = "deprecated-verification-token"  # Slack still sends `token`; we never trust it

_counter = itertools.count(1)


@dataclass
class SlackRequest:
	method: str
	path: str
	body: bytes
	headers: dict[str, str] = field(default_factory=dict)

	@property
	def text(self) -> str:
		return self.body.decode("utf-8")

	def form(self) -> dict[str, str]:
		return dict(parse_qsl(self.text, keep_blank_values=True))

	def payload(self) -> dict[str, Any]:
		"""The JSON inside `payload=` (interaction requests)."""
		return json.loads(self.form()["payload"])


def sign(body: bytes, *, secret: str, timestamp: str) -> str:
	"""Slack's v0 signature of a raw body."""
	base = b"v0:" + timestamp.encode() + b":" + body
	return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def raw_request(
	body: bytes,
	*,
	secret: str,
	path: str = INTERACTION_PATH,
	timestamp: int | str | None = None,
	sign: bool = True,
	content_type: str | None = "application/x-www-form-urlencoded",
) -> SlackRequest:
	"""Any body, signed as Slack would sign it (for bodies Slack itself would never send)."""
	return _request(body, path, secret, timestamp, sign, content_type)


def _request(
	body: bytes,
	path: str,
	secret: str,
	timestamp: int | str | None,
	sign_it: bool,
	content_type: str | None = "application/x-www-form-urlencoded",
) -> SlackRequest:
	ts = str(int(time.time()) if timestamp is None else timestamp)
	headers = {
		"User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
		"X-Slack-Request-Timestamp": ts,
	}
	if content_type:
		headers["Content-Type"] = content_type
	if sign_it:
		headers["X-Slack-Signature"] = sign(body, secret=secret, timestamp=ts)
	headers["Content-Length"] = str(len(body))
	return SlackRequest("POST", path, body, headers)


def interaction_request(
	payload: dict[str, Any],
	*,
	secret: str,
	timestamp: int | str | None = None,
	sign: bool = True,
	path: str = INTERACTION_PATH,
) -> SlackRequest:
	"""An interactivity request: `payload=<url-encoded JSON>`, signed unless sign=False."""
	body = urlencode({"payload": json.dumps(payload, separators=(",", ":"))}).encode()
	return _request(body, path, secret, timestamp, sign)


def slash_command_request(
	command: str = "/apply-leave",
	text: str = "",
	*,
	secret: str,
	user_id: str = USER["id"],
	user_name: str = USER["name"],
	trigger_id: str | None = None,
	team_id: str = TEAM["id"],
	team_domain: str = TEAM["domain"],
	channel_id: str = "C0CHAN0001",
	channel_name: str = "general",
	response_url: str | None = None,
	api_app_id: str | None = API_APP_ID,
	enterprise_id: str | None = None,
	enterprise_name: str | None = None,
	timestamp: int | str | None = None,
	sign: bool = True,
	path: str = COMMAND_PATH,
	extra: dict[str, str] | None = None,
) -> SlackRequest:
	"""A slash command request, fields in the order of Slack's documented example."""
	fields: list[tuple[str, str]] = [
		("token", VERIFICATION_TOKEN),
		("team_id", team_id),
		("team_domain", team_domain),
	]
	if enterprise_id:
		fields += [("enterprise_id", enterprise_id), ("enterprise_name", enterprise_name or "")]
	fields += [
		("channel_id", channel_id),
		("channel_name", channel_name),
		("user_id", user_id),
		("user_name", user_name),
		("command", command),
		("text", text),
		("response_url", response_url or f"https://hooks.slack.com/commands/{team_id}/1/{_next_id()}"),
		("trigger_id", trigger_id or new_trigger_id()),
	]
	if api_app_id:
		fields.append(("api_app_id", api_app_id))
	fields += list((extra or {}).items())
	return _request(urlencode(fields).encode(), path, secret, timestamp, sign)


# ------------------------------------------------------------------ ids


def _next_id() -> str:
	return f"{next(_counter):06d}"


def new_trigger_id() -> str:
	"""A fresh trigger id in Slack's format (each one is single-use in the Slack mock)."""
	n = next(_counter)
	return f"{1000000000 + n}.{447445629121}.{n:032x}"


def new_action_ts() -> str:
	return f"{1700000000 + next(_counter)}.{123456:06d}"


# ------------------------------------------------------------------ actions (block_actions items)


def plain(text: str) -> dict[str, Any]:
	return {"type": "plain_text", "text": text, "emoji": True}


def option(value: str, text: str | None = None) -> dict[str, Any]:
	return {"text": plain(text if text is not None else value), "value": value}


def button_action(
	action_id: str, value: str | None = None, *, block_id: str = "actions", text: str = "Button"
):
	action = {"action_id": action_id, "block_id": block_id, "text": plain(text), "type": "button"}
	if value is not None:
		action["value"] = value
	action["action_ts"] = new_action_ts()
	return action


def static_select_action(
	action_id: str, value: str | None, text: str | None = None, *, block_id: str = "input"
):
	"""`value=None` is a deselection: Slack sends `selected_option: null`."""
	return {
		"type": "static_select",
		"action_id": action_id,
		"block_id": block_id,
		"selected_option": option(value, text) if value is not None else None,
		"action_ts": new_action_ts(),
	}


def datepicker_action(action_id: str, selected_date: str | None, *, block_id: str = "input"):
	return {
		"type": "datepicker",
		"action_id": action_id,
		"block_id": block_id,
		"selected_date": selected_date,
		"action_ts": new_action_ts(),
	}


def checkboxes_action(action_id: str, values: list[str] | list[tuple[str, str]], *, block_id: str = "input"):
	return {
		"type": "checkboxes",
		"action_id": action_id,
		"block_id": block_id,
		"selected_options": [_opt(v) for v in values],
		"action_ts": new_action_ts(),
	}


def _opt(v: str | tuple[str, str]) -> dict[str, Any]:
	return option(v[0], v[1]) if isinstance(v, tuple) else option(v)


# ------------------------------------------------------------------ view state values


def state_plain_text(value: str | None) -> dict[str, Any]:
	return {"type": "plain_text_input", "value": value}


def state_static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
	return {"type": "static_select", "selected_option": option(value, text) if value is not None else None}


def state_datepicker(date: str | None) -> dict[str, Any]:
	return {"type": "datepicker", "selected_date": date}


def state_checkboxes(values: list[str] | list[tuple[str, str]]) -> dict[str, Any]:
	return {"type": "checkboxes", "selected_options": [_opt(v) for v in values]}


def state_radio(value: str | None, text: str | None = None) -> dict[str, Any]:
	return {"type": "radio_buttons", "selected_option": option(value, text) if value is not None else None}


def state_users_select(user: str | None) -> dict[str, Any]:
	return {"type": "users_select", "selected_user": user}


# ------------------------------------------------------------------ views and payloads


def view_payload(
	*,
	callback_id: str,
	blocks: list[dict[str, Any]] | None = None,
	state_values: dict[str, dict[str, dict[str, Any]]] | None = None,
	private_metadata: str = "",
	view_id: str = "V0VIEW0001",
	title: str = "Apply for leave",
	submit: str | None = "Submit",
	close: str | None = "Cancel",
	notify_on_close: bool = False,
	external_id: str = "",
) -> dict[str, Any]:
	"""A modal as Slack echoes it in interaction payloads: the view we sent plus id/hash/state."""
	return {
		"id": view_id,
		"team_id": TEAM["id"],
		"type": "modal",
		"blocks": copy.deepcopy(blocks or []),
		"private_metadata": private_metadata,
		"callback_id": callback_id,
		"state": {"values": copy.deepcopy(state_values or {})},
		"hash": f"1700000000.{_next_id()}abcd",
		"title": plain(title),
		"clear_on_close": False,
		"notify_on_close": notify_on_close,
		"close": plain(close) if close else None,
		"submit": plain(submit) if submit else None,
		"previous_view_id": None,
		"root_view_id": view_id,
		"app_id": API_APP_ID,
		"external_id": external_id,
		"app_installed_team_id": TEAM["id"],
		"bot_id": "B0BOT00001",
	}


def _base(kind: str, user: dict[str, Any] | None) -> dict[str, Any]:
	return {
		"type": kind,
		"user": copy.deepcopy(user or USER),
		"api_app_id": API_APP_ID,
		"token": VERIFICATION_TOKEN,
		"team": copy.deepcopy(TEAM),
		"enterprise": None,
		"is_enterprise_install": False,
	}


def block_actions_message(
	*actions: dict[str, Any],
	channel_id: str = "C0CHAN0001",
	channel_name: str = "leave-approvals",
	message_ts: str = "1700000000.000100",
	message_blocks: list[dict[str, Any]] | None = None,
	message_text: str = "Leave request",
	user: dict[str, Any] | None = None,
	trigger_id: str | None = None,
	is_ephemeral: bool = False,
) -> dict[str, Any]:
	"""A block_actions payload for an interactive element in a message (e.g. Approve button)."""
	payload = _base("block_actions", user)
	payload.update(
		{
			"container": {
				"type": "message",
				"message_ts": message_ts,
				"channel_id": channel_id,
				"is_ephemeral": is_ephemeral,
			},
			"trigger_id": trigger_id or new_trigger_id(),
			"channel": {"id": channel_id, "name": channel_name},
			"message": {
				"type": "message",
				"user": "U0BOT00001",
				"bot_id": "B0BOT00001",
				"text": message_text,
				"ts": message_ts,
				"blocks": copy.deepcopy(message_blocks or []),
			},
			"state": {"values": {}},
			"response_url": f"https://hooks.slack.com/actions/{TEAM['id']}/1/{_next_id()}",
			"actions": list(actions),
		}
	)
	return payload


def block_actions_view(
	*actions: dict[str, Any],
	view: dict[str, Any],
	user: dict[str, Any] | None = None,
	trigger_id: str | None = None,
) -> dict[str, Any]:
	"""A block_actions payload for an element inside a modal (dispatch_action input, select...)."""
	payload = _base("block_actions", user)
	payload.update(
		{
			"container": {"type": "view", "view_id": view["id"]},
			"trigger_id": trigger_id or new_trigger_id(),
			"view": copy.deepcopy(view),
			"actions": list(actions),
		}
	)
	return payload


def view_submission(
	view: dict[str, Any], *, user: dict[str, Any] | None = None, trigger_id: str | None = None
) -> dict[str, Any]:
	payload = _base("view_submission", user)
	payload.update(
		{"trigger_id": trigger_id or new_trigger_id(), "view": copy.deepcopy(view), "response_urls": []}
	)
	return payload


def view_closed(view: dict[str, Any], *, user: dict[str, Any] | None = None, is_cleared: bool = False):
	"""Sent only for views opened with notify_on_close: true."""
	payload = _base("view_closed", user)
	payload.update({"view": copy.deepcopy(view), "is_cleared": is_cleared})
	return payload


# --- Shortcuts (global and message) ---------------------------------------------------------------


def global_shortcut(
	callback_id: str, *, user: dict[str, Any] | None = None, trigger_id: str | None = None
) -> dict[str, Any]:
	"""A global shortcut payload (type `shortcut`: the ⚡ menu or search), as Slack documents it."""
	payload = _base("shortcut", user)
	payload.update(
		{
			"callback_id": callback_id,
			"trigger_id": trigger_id or new_trigger_id(),
			"action_ts": new_action_ts(),
		}
	)
	return payload


def message_shortcut(
	callback_id: str,
	*,
	message_text: str,
	channel_id: str = "C0CHAN0001",
	channel_name: str = "general",
	message_ts: str = "1700000000.000300",
	author: str = "U0AUTHOR01",
	user: dict[str, Any] | None = None,
	trigger_id: str | None = None,
) -> dict[str, Any]:
	"""A message shortcut payload (type `message_action`: a message's "More actions" menu), with
	the message it was used on."""
	payload = _base("message_action", user)
	payload.update(
		{
			"callback_id": callback_id,
			"trigger_id": trigger_id or new_trigger_id(),
			"action_ts": new_action_ts(),
			"message_ts": message_ts,
			"channel": {"id": channel_id, "name": channel_name},
			"message": {"type": "message", "user": author, "text": message_text, "ts": message_ts},
			"response_url": f"https://hooks.slack.com/app/{TEAM['id']}/1/{_next_id()}",
		}
	)
	return payload


# --- Events API (JSON bodies on the interactions route) ---------------------------------------------


def event_request(
	body: dict[str, Any] | bytes,
	*,
	secret: str,
	timestamp: int | str | None = None,
	sign: bool = True,
	retry_num: int | None = None,
	retry_reason: str = "http_timeout",
) -> SlackRequest:
	"""An Events API request: the JSON body (`application/json`), signed unless sign=False; a
	retry carries `X-Slack-Retry-Num` / `X-Slack-Retry-Reason` as Slack's re-sends do."""
	raw = body if isinstance(body, bytes) else json.dumps(body, separators=(",", ":")).encode()
	request = _request(raw, INTERACTION_PATH, secret, timestamp, sign, "application/json")
	if retry_num is not None:
		request.headers["X-Slack-Retry-Num"] = str(retry_num)
		request.headers["X-Slack-Retry-Reason"] = retry_reason
	return request


def url_verification(
	challenge: str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
) -> dict[str, Any]:
	return {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}


def event_callback(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
	"""The envelope Slack wraps each event in (Events API `event_callback`)."""
	return {
		"token": VERIFICATION_TOKEN,
		"team_id": TEAM["id"],
		"api_app_id": API_APP_ID,
		"event": event,
		"type": "event_callback",
		"event_id": event_id or f"Ev{_next_id()}",
		"event_time": int(time.time()),
		"authorizations": [
			{"enterprise_id": None, "team_id": TEAM["id"], "user_id": "U0BOT00001", "is_bot": True}
		],
		"is_ext_shared_channel": False,
		"event_context": f"4-{_next_id()}",
	}


def app_home_opened(user_id: str, *, tab: str = "home", view: dict[str, Any] | None = None) -> dict[str, Any]:
	"""The `app_home_opened` event (with the last published view, if any)."""
	event = {
		"type": "app_home_opened",
		"user": user_id,
		"channel": f"D{user_id[1:]}",
		"tab": tab,
		"event_ts": f"{int(time.time())}.000100",
	}
	if view is not None:
		event["view"] = copy.deepcopy(view)
	return event


def link_shared(
	user_id: str,
	urls: list[str],
	*,
	channel: str = "C0LINKS001",
	message_ts: str | None = None,
	source: str | None = "conversations_history",
	unfurl_id: str | None = None,
) -> dict[str, Any]:
	"""The `link_shared` event (https://api.slack.com/events/link_shared) for `urls` posted by
	`user_id` in `channel`: with `source` an `unfurl_id` as Slack makes them (channel.ts.hash),
	without it only `channel` + `message_ts` (older payloads). Wrap it in `event_callback`."""
	ts = message_ts or new_action_ts()
	event: dict[str, Any] = {
		"type": "link_shared",
		"channel": channel,
		"is_bot_user_member": True,
		"user": user_id,
		"message_ts": ts,
		"links": [{"domain": urlsplit(url).hostname or "", "url": url} for url in urls],
		"event_ts": f"{int(time.time())}.000200",
	}
	if source is not None:
		event["source"] = source
		event["unfurl_id"] = unfurl_id or f"{channel}.{ts}.{_next_id()}"
	return event


def unfurl_click(
	action: dict[str, Any],
	*,
	url: str,
	channel: str = "C0LINKS001",
	message_ts: str,
	user: dict[str, Any] | None = None,
) -> dict[str, Any]:
	"""A block_actions payload for a button on an app's unfurl card in `channel`: container
	`message_attachment` with `is_app_unfurl` (the message is the poster's, not the app's)."""
	payload = _base("block_actions", user)
	payload.update(
		{
			"container": {
				"type": "message_attachment",
				"message_ts": message_ts,
				"attachment_id": 1,
				"channel_id": channel,
				"is_ephemeral": False,
				"is_app_unfurl": True,
				"app_unfurl_url": url,
			},
			"trigger_id": new_trigger_id(),
			"channel": {"id": channel, "name": "links"},
			"response_url": f"https://hooks.slack.com/actions/{TEAM['id']}/1/{_next_id()}",
			"state": {"values": {}},
			"actions": [action],
		}
	)
	return payload


def function_executed(
	callback_id: str, inputs: dict[str, Any], *, execution_id: str, token: str
) -> dict[str, Any]:
	"""The `function_executed` event of a Workflow Builder step run (`SlackMock.start_step` gives
	the execution id and token); wrap it in `event_callback` and sign it with `event_request`."""
	return {
		"type": "function_executed",
		"function": {
			"id": f"Fn{_next_id()}",
			"callback_id": callback_id,
			"title": callback_id,
			"description": "",
			"type": "app",
			"input_parameters": [],
			"output_parameters": [],
			"app_id": API_APP_ID,
			"date_created": int(time.time()),
			"date_updated": int(time.time()),
			"date_deleted": 0,
		},
		"inputs": copy.deepcopy(inputs),
		"function_execution_id": execution_id,
		"workflow_execution_id": f"Wx{_next_id()}",
		"event_ts": f"{int(time.time())}.000200",
		"bot_access_token": token,
	}


def block_actions_home(*actions: dict[str, Any], view: dict[str, Any], user: dict[str, Any] | None = None):
	"""A block_actions payload for a button on the app's Home tab (container `view`, no channel)."""
	payload = block_actions_view(*actions, view=view, user=user)
	payload["container"]["type"] = "view"
	return payload
