"""One slash-command registry (`core.SLASH_COMMANDS`, Rust `manifest::SLASH_COMMANDS`) read by all
three consumers: the manifest declares its commands, Socket Mode serves exactly those
(`slack/socket_mode.py`), and each command's HTTP route is a whitelisted Guest POST function that
answers through the registry's handler key (`flows/dispatch.py` `SLASH_COMMANDS`)."""

from __future__ import annotations

import frappe
import pytest
from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.flows import dispatch
from frappe_slack_connector.slack import socket_mode
from frappe_slack_connector.tests.support.slack_requests import slash_command_request

SITE = "https://erp.example.com"
REGISTRY = {row["command"]: row for row in core.SLASH_COMMANDS}


def test_the_registry_lists_each_command_once_with_a_handler_key():
	assert len(REGISTRY) == len(core.SLASH_COMMANDS) >= 2
	keys = [row["handler"] for row in core.SLASH_COMMANDS]
	assert len(set(keys)) == len(keys)


def test_manifest_socket_mode_and_routes_list_the_same_commands():
	for socket_mode_on in (False, True):
		manifest = core.build_app_manifest(SITE, socket_mode=socket_mode_on)
		assert [c["command"] for c in manifest["features"]["slash_commands"]] == list(REGISTRY)
	declared = core.build_app_manifest(SITE)["features"]["slash_commands"]
	assert {c["command"]: c["url"] for c in declared} == {
		command: f"{SITE}/api/method/{row['route']}" for command, row in REGISTRY.items()
	}
	assert {command: row["handler"] for command, row in REGISTRY.items()} == socket_mode.SERVED_COMMANDS
	assert set(dispatch.SLASH_COMMANDS) == {row["handler"] for row in REGISTRY.values()}
	assert set(dispatch.COMMAND_OF.values()) == set(REGISTRY)


@pytest.mark.parametrize("command", list(REGISTRY))
def test_each_route_is_a_whitelisted_guest_post_function(command):
	route = frappe.get_attr(REGISTRY[command]["route"])
	assert route in frappe.whitelisted and route in frappe.guest_methods
	assert frappe.allowed_http_methods_for_whitelisted_func[route] == ["POST"]


def recording_handlers(monkeypatch) -> list[str]:
	"""Replace every slash handler with one that records its key (and acks)."""
	called = []
	for key in dispatch.SLASH_COMMANDS:
		monkeypatch.setitem(
			dispatch.SLASH_COMMANDS, key, lambda form, key=key: called.append(key) or Response(status=200)
		)
	return called


@pytest.mark.parametrize("command", list(REGISTRY))
def test_the_http_route_answers_through_the_registry_handler_key(app, monkeypatch, command):
	called = recording_handlers(monkeypatch)
	row = REGISTRY[command]
	response = app.send(slash_command_request(command, secret=app.secret, path=f"/api/method/{row['route']}"))
	assert response.status_code == 200
	assert called == [row["handler"]]


@pytest.mark.parametrize("command", list(REGISTRY))
def test_socket_mode_serves_each_registry_command_through_its_handler_key(monkeypatch, command):
	called = recording_handlers(monkeypatch)
	frame = {"handler": "slash_command", "kind": "slash_commands", "form": {"command": command}}
	assert socket_mode.dispatch(frame, dispatch).status_code == 200
	assert called == [REGISTRY[command]["handler"]]


def test_socket_mode_refuses_a_command_outside_the_registry(app, monkeypatch):
	called = recording_handlers(monkeypatch)
	frame = {"handler": "slash_command", "kind": "slash_commands", "form": {"command": "/not-ours"}}
	assert socket_mode.dispatch(frame, dispatch).status_code == 400
	assert called == []
	assert app.error_titles() == ["Slack command rejected: unknown_command"]
