"""Controls docs/SECURITY.md relies on that no other test pins down directly."""

from __future__ import annotations

from urllib.parse import urlencode

import frappe
import pytest

from frappe_slack_connector.api import slack_interactions, slash_leave
from frappe_slack_connector.tests.support.slack_requests import SlackRequest, raw_request
from harness.app_fixtures import json_body

SLACK_ROUTES = [slack_interactions.event, slash_leave.slash_leave]


@pytest.mark.parametrize("route", SLACK_ROUTES, ids=lambda r: r.__name__)
def test_slack_routes_are_guest_post_only_and_xss_safe(route):
	# xss_safe keeps Frappe's Guest sanitiser (which json.loads every form value) off Slack bodies.
	assert route in frappe.whitelisted and route in frappe.guest_methods
	assert route in frappe.xss_safe_methods
	assert frappe.allowed_http_methods_for_whitelisted_func[route] == ["POST"]


def _signed(app, body: bytes) -> SlackRequest:
	return raw_request(body, secret=app.secret)


@pytest.mark.parametrize("depth", [65, 100_000])
def test_deeply_nested_signed_payload_is_a_400_not_a_500(app, depth):
	# The same shape makes Frappe's sanitiser answer 500 on a route without xss_safe
	# (test-suite/test_frappe_double.py::test_deeply_nested_json_value_breaks_sanitizer_with_500).
	body = urlencode({"payload": '{"type":' + "[" * depth + "]" * depth + "}"}).encode()
	response = app.send(_signed(app, body))
	assert response.status_code == 400
	assert json_body(response)["error"] == "malformed_json"
	assert "Traceback" not in response.get_data(as_text=True)
	assert app.error_titles() == ["Slack interaction rejected: malformed_json"]
	assert app.slack.calls == []
