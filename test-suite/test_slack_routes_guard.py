"""Both Slack-facing routes run the request guard first, through Frappe's dispatcher."""

from __future__ import annotations

import time

import pytest

from frappe_slack_connector import core
from frappe_slack_connector.tests.support.dispatch import get
from frappe_slack_connector.tests.support.slack_requests import (
	COMMAND_PATH,
	INTERACTION_PATH,
	SlackRequest,
	block_actions_message,
	button_action,
	interaction_request,
	raw_request,
	slash_command_request,
)
from harness.app_fixtures import json_body

ROUTES = ["interaction", "slash"]


def build(app, route: str, **kw) -> SlackRequest:
	if route == "interaction":
		payload = block_actions_message(button_action("leave_approve", "HR-LAP-2026-00001"))
		return interaction_request(payload, secret=kw.pop("secret", app.secret), **kw)
	return slash_command_request(secret=kw.pop("secret", app.secret), **kw)


def assert_rejected(app, response, status: int, reason: str):
	assert response.status_code == status
	body = response.get_data(as_text=True)
	assert json_body(response)["error"] == reason
	assert "Traceback" not in body and app.secret not in body
	titles = app.error_titles()
	assert titles == [f"Slack request rejected: {reason}"]
	logs = app.site.error_logs()
	assert app.secret not in logs[0]["error"] and "payload" not in logs[0]["error"]
	# Nothing reached Slack.
	assert app.slack.calls == []


@pytest.mark.parametrize("route", ROUTES)
def test_unsigned_request_is_rejected(app, route):
	assert_rejected(app, app.send(build(app, route, sign=False)), 401, "missing_header")


@pytest.mark.parametrize("route", ROUTES)
def test_forged_request_is_rejected(app, route):
	assert_rejected(app, app.send(build(app, route, secret="not-the-secret")), 401, "bad_signature")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("skew", [-301, 301, -86400, 86400])
def test_stale_and_future_requests_are_rejected(app, route, skew):
	request = build(app, route, timestamp=int(time.time()) + skew)
	assert_rejected(app, app.send(request), 401, "stale_timestamp")


@pytest.mark.parametrize("route", ROUTES)
def test_malformed_headers(app, route):
	request = build(app, route)
	request.headers["X-Slack-Request-Timestamp"] = "yesterday"
	assert_rejected(app, app.send(request), 401, "malformed_timestamp")
	app.site.db.rollback()
	request = build(app, route)
	request.headers["X-Slack-Signature"] = "sha256=deadbeef"
	response = app.send(request)
	assert response.status_code == 401 and json_body(response)["error"] == "malformed_signature"


@pytest.mark.parametrize("route", ROUTES)
def test_site_without_signing_secret_rejects_everything(app, route):
	app.configure(signing_secret="")
	assert_rejected(app, app.send(build(app, route)), 401, "no_secret")


@pytest.mark.parametrize("route", ROUTES)
def test_tampered_body_is_rejected(app, route):
	request = build(app, route)
	request.body = request.body.replace(b"U0", b"U9", 1)
	assert_rejected(app, app.send(request), 401, "bad_signature")


def test_duplicate_payload_fields_are_refused_after_verification(app):
	body = b"payload=%7B%7D&payload=%7B%22type%22%3A%22block_actions%22%7D"
	response = app.send(raw_request(body, secret=app.secret))
	assert response.status_code == 400
	assert json_body(response)["error"] == "malformed_form"
	assert app.error_titles() == ["Slack request rejected: malformed_form"]


def test_non_utf8_body_is_refused_after_verification(app):
	response = app.send(raw_request(b"payload=\xff\xfe", secret=app.secret, path=COMMAND_PATH))
	assert response.status_code == 400 and json_body(response)["error"] == "malformed_form"


def _one_hex_digit_off(signature: str, position: int) -> str:
	"""`signature` with only the digit at `position` changed (to another hex digit)."""
	position %= len(signature)
	other = "0" if signature[position] != "0" else "1"
	return signature[:position] + other + signature[position + 1 :]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("position", [-1, len("v0=")], ids=["last_hex_digit", "first_hex_digit"])
def test_a_signature_one_hex_digit_off_is_rejected(app, route, position):
	request = build(app, route)
	genuine = request.headers["X-Slack-Signature"]
	forged = _one_hex_digit_off(genuine, position)
	assert sum(a != b for a, b in zip(forged, genuine, strict=True)) == 1
	# The genuine signature of these very bytes passes; only the one digit differs.
	timestamp = request.headers["X-Slack-Request-Timestamp"]
	core.verify_request(app.secret, timestamp, genuine, request.body)
	request.headers["X-Slack-Signature"] = forged
	assert_rejected(app, app.send(request), 401, "bad_signature")


@pytest.mark.parametrize("path", [INTERACTION_PATH, COMMAND_PATH])
def test_routes_accept_only_post(app, path):
	assert get(path).status_code == 403


@pytest.mark.parametrize("route", ROUTES)
def test_valid_request_passes_the_guard(app, route):
	response = app.send(build(app, route))
	assert response.status_code not in (400, 401, 403)
	assert app.error_titles() == []


def test_signed_body_that_is_not_a_form_is_refused(app):
	body = b'{"payload": {"type": "block_actions"}}'
	response = app.send(raw_request(body, secret=app.secret, content_type="text/plain", path=COMMAND_PATH))
	assert response.status_code == 400 and json_body(response)["error"] == "malformed_form"
	assert "text/plain" in json_body(response)["message"]
	assert app.error_titles() == ["Slack request rejected: malformed_form"]


def test_signed_json_on_the_interactions_route_is_read_as_an_events_api_body(app):
	# The Events API shares the entry point: JSON there is an event envelope, and this one is none.
	body = b'{"payload": {"type": "block_actions"}}'
	response = app.send(raw_request(body, secret=app.secret, content_type="application/json"))
	assert response.status_code == 400 and json_body(response)["error"] == "missing_field"
	assert app.error_titles() == ["Slack event rejected: missing_field"]


def _rejection_logs(app, reason: str) -> list[dict]:
	return [row for row in app.site.error_logs() if row["method"] == f"Slack request rejected: {reason}"]


def test_a_flood_of_forged_requests_writes_one_error_log_per_reason_per_minute(app, monkeypatch):
	import frappe  # noqa: PLC0415 - the double is on sys.path only after suite_plugin ran

	# The cache's clock stands still while the 1,000 requests run ("within a minute").
	clock = [1000.0]
	monkeypatch.setattr(frappe.cache, "_now", lambda: clock[0])

	forged = {
		"bad_signature": lambda i: build(app, ROUTES[i % 2], secret="not-the-secret"),
		"missing_header": lambda i: build(app, ROUTES[i % 2], sign=False),
	}
	statuses = []
	for i in range(1000):
		reason = "bad_signature" if i % 5 < 3 else "missing_header"  # 600 + 400
		response = app.send(forged[reason](i))
		statuses.append((response.status_code, json_body(response)["error"] == reason))
	assert statuses == [(401, True)] * 1000
	assert sorted(app.error_titles()) == [
		"Slack request rejected: bad_signature",
		"Slack request rejected: missing_header",
	]
	first = _rejection_logs(app, "bad_signature")[0]["error"]
	assert "1 such event(s) since the previous Error Log" in first
	assert app.slack.calls == []

	# Within the minute: still counted, not logged.
	clock[0] += 59
	assert app.send(forged["bad_signature"](0)).status_code == 401
	assert len(_rejection_logs(app, "bad_signature")) == 1

	# After it: the next rejection of each reason is logged with the count since the last log.
	clock[0] += 2
	assert app.send(forged["bad_signature"](1)).status_code == 401
	assert app.send(forged["missing_header"](0)).status_code == 401
	bad = _rejection_logs(app, "bad_signature")
	missing = _rejection_logs(app, "missing_header")
	assert len(bad) == 2 and len(missing) == 2
	assert "601 such event(s) since the previous Error Log" in bad[1]["error"]
	assert "400 such event(s) since the previous Error Log" in missing[1]["error"]
	for row in bad + missing:
		assert app.secret not in row["error"] and "payload" not in row["error"]


def test_rejection_counting_is_atomic_across_threads(app, monkeypatch):
	"""Concurrent rejections of one reason: every one counted, exactly one Error Log per window."""
	import threading  # noqa: PLC0415

	import frappe  # noqa: PLC0415

	from frappe_slack_connector.erp import log as erp_log  # noqa: PLC0415

	written = []
	barrier = threading.Barrier(8)

	def worker():
		barrier.wait()
		for _ in range(50):
			written.append(erp_log.log_error_counted("t", "Slack request rejected: test", "x"))

	# Threads have no frappe.local (site, conf); the counting, not the Error Log row, is tested.
	monkeypatch.setattr(frappe.cache, "make_key", lambda key, **kw: key)
	monkeypatch.setattr(erp_log, "log_error", lambda *a, **k: None)
	threads = [threading.Thread(target=worker) for _ in range(8)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	logged = [n for n in written if n]
	assert len(written) == 400 and len(logged) == 1
	frappe.cache.advance(61)
	# Every rejection is in exactly one log: the first window's, or the next one's.
	assert logged[0] + erp_log.log_error_counted("t", "Slack request rejected: test", "x") == 401
