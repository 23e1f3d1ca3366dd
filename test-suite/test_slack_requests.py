"""Requests built by slack_requests are signed and shaped the way Slack sends them."""

import json
import time
from urllib.parse import parse_qsl

import pytest
from slack_sdk.signature import SignatureVerifier

from frappe_slack_connector.tests.support import slack_requests as sr

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def verifies(req, secret=SECRET):
	return SignatureVerifier(secret).is_valid(
		body=req.body,
		timestamp=req.headers["X-Slack-Request-Timestamp"],
		signature=req.headers["X-Slack-Signature"],
	)


def test_sign_matches_slacks_documented_example():
	body = (
		b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
		b"&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
		b"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
		b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	)
	assert sr.sign(body, secret=SECRET, timestamp="1531420618") == (
		"v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
	)


def test_interaction_request_is_form_encoded_payload_and_verifies():
	payload = sr.block_actions_message(sr.button_action("approve_leave", "HR-LAP-2024-00001"))
	req = sr.interaction_request(payload, secret=SECRET)
	assert req.method == "POST" and req.path == sr.INTERACTION_PATH
	assert req.headers["Content-Type"] == "application/x-www-form-urlencoded"
	assert req.body.startswith(b"payload=%7B%22type%22%3A%22block_actions%22")
	assert list(req.form()) == ["payload"] and req.payload() == payload
	assert verifies(req)
	assert not verifies(req, secret="another-secret")


def test_unsigned_stale_and_tampered():
	payload = sr.view_closed(sr.view_payload(callback_id="leave_request", notify_on_close=True))
	assert "X-Slack-Signature" not in sr.interaction_request(payload, secret=SECRET, sign=False).headers
	stale = sr.interaction_request(payload, secret=SECRET, timestamp=int(time.time()) - 301)
	assert stale.headers["X-Slack-Signature"] == sr.sign(
		stale.body, secret=SECRET, timestamp=stale.headers["X-Slack-Request-Timestamp"]
	)
	assert not verifies(stale)  # signed correctly but too old
	tampered = sr.interaction_request(payload, secret=SECRET)
	tampered.body = tampered.body.replace(b"view_closed", b"view_opened")
	assert not verifies(tampered)


def test_slash_command_fields_in_slacks_order_and_verifies():
	req = sr.slash_command_request(
		"/apply-leave", "half day tomorrow", secret=SECRET, user_id="U1", user_name="jane", trigger_id="1.2.3"
	)
	pairs = parse_qsl(req.text, keep_blank_values=True)
	assert [k for k, _ in pairs] == [
		"token",
		"team_id",
		"team_domain",
		"channel_id",
		"channel_name",
		"user_id",
		"user_name",
		"command",
		"text",
		"response_url",
		"trigger_id",
		"api_app_id",
	]
	form = dict(pairs)
	assert (
		form["command"] == "/apply-leave"
		and form["text"] == "half day tomorrow"
		and form["trigger_id"] == "1.2.3"
	)
	assert b"command=%2Fapply-leave" in req.body
	assert verifies(req)
	enterprise = sr.slash_command_request(secret=SECRET, enterprise_id="E1", enterprise_name="Org")
	assert [k for k, _ in parse_qsl(enterprise.text)][3:5] == ["enterprise_id", "enterprise_name"]


def test_block_actions_in_a_modal_carry_the_view_state():
	view = sr.view_payload(
		callback_id="leave_request",
		state_values={
			"half_day": {"half_day": sr.state_checkboxes([("1", "Half day")])},
			"from_date": {"from_date": sr.state_datepicker("2024-01-01")},
		},
	)
	payload = sr.block_actions_view(
		sr.checkboxes_action("half_day", [("1", "Half day")], block_id="half_day"), view=view
	)
	assert payload["type"] == "block_actions"
	assert payload["container"] == {"type": "view", "view_id": view["id"]}
	assert payload["view"]["state"]["values"]["from_date"]["from_date"]["selected_date"] == "2024-01-01"
	action = payload["actions"][0]
	assert action["selected_options"][0]["value"] == "1" and action["block_id"] == "half_day"
	assert "response_url" not in payload and "channel" not in payload
	assert payload["trigger_id"] != sr.block_actions_view(view=view)["trigger_id"]


def test_select_and_datepicker_actions():
	chosen = sr.static_select_action("leave_type", "Casual Leave")
	assert chosen["selected_option"] == {"text": sr.plain("Casual Leave"), "value": "Casual Leave"}
	assert sr.static_select_action("leave_type", None)["selected_option"] is None
	assert sr.datepicker_action("to_date", "2024-01-02")["selected_date"] == "2024-01-02"


@pytest.mark.parametrize(
	("state", "expected"),
	[
		(sr.state_plain_text("Family function"), {"type": "plain_text_input", "value": "Family function"}),
		(sr.state_static_select("Casual Leave")["selected_option"]["value"], "Casual Leave"),
		(sr.state_radio(None), {"type": "radio_buttons", "selected_option": None}),
		(sr.state_users_select("U1"), {"type": "users_select", "selected_user": "U1"}),
	],
)
def test_state_values(state, expected):
	assert state == expected


def test_view_submission_shape():
	view = sr.view_payload(
		callback_id="leave_request",
		private_metadata=json.dumps({"channel": "C1"}),
		state_values={"leave_type": {"leave_type": sr.state_static_select("Casual Leave")}},
	)
	payload = sr.view_submission(view)
	assert payload["type"] == "view_submission" and payload["response_urls"] == []
	assert payload["view"]["callback_id"] == "leave_request" and payload["view"]["hash"]
	assert payload["user"]["id"] == sr.USER["id"] and payload["team"]["id"] == sr.TEAM["id"]
	req = sr.interaction_request(payload, secret=SECRET)
	assert (
		req.payload()["view"]["state"]["values"]["leave_type"]["leave_type"]["selected_option"]["value"]
		== "Casual Leave"
	)
	assert verifies(req)
