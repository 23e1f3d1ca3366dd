"""The Events API on the one entry point: signed JSON requests through Frappe's dispatcher —
url_verification answered only when verified, app_home_opened acked at once with its work in a
job, each event_id handled once (Slack's retries acked without work), anything else 400 + Error
Log."""

from __future__ import annotations

import json

import frappe
import pytest

import test_leave_mirror
from frappe_slack_connector.tests.support.slack_requests import (
	app_home_opened,
	event_callback,
	event_request,
	url_verification,
)
from harness.app_fixtures import json_body
from test_leave_workflow import JANE, ack_ok

world = test_leave_mirror.world


def send_event(app, body, **kw):
	return app.send(event_request(body, secret=app.secret, **kw))


def test_url_verification_is_answered_with_the_challenge(app):
	response = send_event(app, url_verification("abc123XYZ"))
	assert response.status_code == 200
	assert response.mimetype == "application/json"
	assert json_body(response) == {"challenge": "abc123XYZ"}
	assert app.error_titles() == []


@pytest.mark.parametrize("how", ["unsigned", "wrong_secret", "stale"])
def test_url_verification_is_refused_unless_verified(app, how):
	body = url_verification("abc123XYZ")
	if how == "unsigned":
		request = event_request(body, secret=app.secret, sign=False)
	elif how == "wrong_secret":
		request = event_request(body, secret="not-the-secret")
	else:
		request = event_request(body, secret=app.secret, timestamp=1_000_000_000)
	response = app.send(request)
	assert response.status_code == 401
	assert "abc123XYZ" not in response.get_data(as_text=True)
	assert any(t.startswith("Slack request rejected: ") for t in app.error_titles())


def test_app_home_opened_is_acked_at_once_and_published_from_a_job(world, app):
	response = send_event(app, event_callback(app_home_opened(JANE)))
	ack_ok(response)
	# Nothing was asked of Slack while answering: the work waits in a job.
	assert app.slack.calls_to("views.publish") == []
	app.site.run_jobs()
	[published] = app.slack.calls_to("views.publish")
	assert published.args["user_id"] == JANE
	assert published.args["view"]["type"] == "home"
	assert app.slack.home_view(JANE)["blocks"] == published.args["view"]["blocks"]
	assert app.error_titles() == []


def test_a_retry_of_a_handled_event_is_acked_without_work(world, app):
	body = event_callback(app_home_opened(JANE), event_id="Ev0RETRY0001")
	ack_ok(send_event(app, body))
	app.site.run_jobs()
	assert len(app.slack.calls_to("views.publish")) == 1
	for retry in (1, 2, 3):
		ack_ok(send_event(app, body, retry_num=retry))
	# A duplicate without retry headers (another worker got the same event) is also skipped.
	ack_ok(send_event(app, body))
	assert app.site.queued_jobs() == []
	app.site.run_jobs()
	assert len(app.slack.calls_to("views.publish")) == 1
	# Another event of the same user is new work.
	ack_ok(send_event(app, event_callback(app_home_opened(JANE), event_id="Ev0RETRY0002")))
	app.site.run_jobs()
	assert len(app.slack.calls_to("views.publish")) == 2


def test_an_event_id_is_remembered_for_an_hour(world, app):
	body = event_callback(app_home_opened(JANE), event_id="Ev0HOUR00001")
	ack_ok(send_event(app, body))
	frappe.cache.advance(3599)
	ack_ok(send_event(app, body, retry_num=1))
	app.site.run_jobs()
	assert len(app.slack.calls_to("views.publish")) == 1
	frappe.cache.advance(2)
	ack_ok(send_event(app, body))
	app.site.run_jobs()
	assert len(app.slack.calls_to("views.publish")) == 2


def test_the_messages_tab_publishes_nothing(world, app):
	ack_ok(send_event(app, event_callback(app_home_opened(JANE, tab="messages"))))
	app.site.run_jobs()
	assert app.slack.calls_to("views.publish") == []


@pytest.mark.parametrize(
	("body", "reason"),
	[
		(b"[1, 2]", "malformed_json"),
		(json.dumps({"type": "app_rate_limited", "minute_rate_limited": 1}).encode(), "unknown_type"),
		(json.dumps(event_callback({"type": "message", "user": JANE})).encode(), "unknown_event"),
		(json.dumps({"type": "url_verification"}).encode(), "missing_field"),
		(json.dumps({**event_callback(app_home_opened(JANE)), "event_id": None}).encode(), "missing_field"),
		(json.dumps(event_callback({"type": "app_home_opened", "tab": "home"})).encode(), "missing_field"),
		(json.dumps(event_callback(app_home_opened("not a user id"))).encode(), "invalid_field"),
		(json.dumps(event_callback(app_home_opened(JANE, tab="settings"))).encode(), "invalid_field"),
	],
)
def test_malformed_or_unknown_events_are_refused_with_an_error_log(app, body, reason):
	response = send_event(app, body)
	assert response.status_code == 400
	got = json_body(response)
	assert got["ok"] is False
	assert got["error"] == reason
	assert app.error_titles() == [f"Slack event rejected: {reason}"]
	assert app.site.queued_jobs() == []


def test_a_signed_body_that_is_not_json_never_reaches_the_app(app):
	# frappe/app.py (v15) make_form_dict parses a JSON body before any method runs: Frappe itself
	# answers an error, nothing of the app runs (Slack never sends such a body).
	response = send_event(app, b"{not json")
	assert response.status_code >= 400
	assert app.site.queued_jobs() == []
	assert app.slack.calls == []


def test_a_json_body_on_the_slash_command_route_is_still_refused(app):
	from frappe_slack_connector.tests.support.slack_requests import COMMAND_PATH, raw_request  # noqa: PLC0415

	request = raw_request(
		json.dumps(url_verification()).encode(),
		secret=app.secret,
		path=COMMAND_PATH,
		content_type="application/json",
	)
	response = app.send(request)
	assert response.status_code == 400
	assert json_body(response)["error"] == "malformed_form"


def test_a_failing_home_job_is_logged_and_the_event_still_acked(world, app, monkeypatch):
	from frappe_slack_connector.erp import home as erp_home  # noqa: PLC0415

	def boom(user):
		raise RuntimeError("database gone")

	monkeypatch.setattr(erp_home, "home_input", boom)
	ack_ok(send_event(app, event_callback(app_home_opened(JANE))))
	app.site.run_jobs()
	assert app.slack.calls_to("views.publish") == []
	# The worker logs the failed job (its title is the job's method), the request had acked.
	assert app.error_titles() == ["frappe_slack_connector.flows.home.jobs.publish_home"]


def test_every_declared_step_is_routed_to_a_step_python_runs():
	"""The manifest's steps (the Rust registry) and `flows/steps/jobs.STEPS` name the same steps."""
	from frappe_slack_connector import core  # noqa: PLC0415
	from frappe_slack_connector.flows.steps import jobs as step_jobs  # noqa: PLC0415
	from frappe_slack_connector.tests.support.slack_requests import function_executed  # noqa: PLC0415

	declared = core.build_app_manifest("https://erp.example.com")["functions"]
	routed = set()
	for callback_id in declared:
		event = function_executed(callback_id, {}, execution_id="Fx0ROUTE01", token="xwfp-t")
		route = core.route_event(json.dumps(event_callback(event)))
		assert route["handler"] == "function_executed"
		assert route["invalid"]["reason"] == "missing"  # no inputs: the step fails, saying which
		routed.add(route["step"])
	assert routed == set(step_jobs.STEPS)
