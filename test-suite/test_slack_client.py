"""frappe_slack_connector.slack.client against the Slack mock (no frappe needed)."""

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from slack_sdk import WebClient

from frappe_slack_connector.slack import client as slack_client
from frappe_slack_connector.slack.client import JOB, REQUEST, SlackCallError, call, call_json, make_client

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.usefixtures("fast_slack_retries")


def test_module_imports_without_frappe():
	code = "import sys, frappe_slack_connector.slack.client; assert 'frappe' not in sys.modules"
	subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=60)


def test_one_client_per_site_token_and_base_url(slack_mock):
	a = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	assert make_client(slack_mock.bot_token, slack_mock.url, path=JOB) is a
	assert (
		make_client(slack_mock.bot_token, slack_mock.url.rstrip("/"), path=JOB) is a
	)  # same URL, normalised
	assert make_client(slack_mock.bot_token, slack_mock.url, site="other.site", path=JOB) is not a
	assert make_client("xoxb-other", slack_mock.url, path=JOB) is not a
	slack_client.clear_clients()
	assert make_client(slack_mock.bot_token, slack_mock.url, path=JOB) is not a


def test_call_returns_the_body_and_uses_slack_sdk_encoding(slack_mock):
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	data = call(c, "chat.postMessage", channel="C1", text="hi", blocks=[{"type": "divider"}])
	assert data["ok"] and data["ts"]
	assert slack_mock.last_call("chat.postMessage").encoding == "json"
	assert call(c, "auth.test")["user_id"] == slack_mock.bot_user_id
	assert [x.method for x in slack_mock.calls] == ["chat.postMessage", "auth.test"]  # no hidden auth.test


def test_rate_limited_then_success_waits_capped_retry_after(slack_mock):
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	slack_mock.rate_limit_next("chat.postMessage", retry_after=30)
	started = time.monotonic()
	assert call(c, "chat.postMessage", channel="C1", text="hi")["ok"]
	elapsed = time.monotonic() - started
	assert [x.status for x in slack_mock.calls_to("chat.postMessage")] == [429, 200]
	assert 0.04 <= elapsed < 1.0, elapsed  # honoured, but capped by MAX_RETRY_AFTER_SECONDS


def test_rate_limited_forever_gives_up(slack_mock):
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	slack_mock.rate_limit_next("users.list", retry_after=1, times=100)
	with pytest.raises(SlackCallError) as info:
		call(c, "users.list", limit=10)
	assert (
		info.value.error == "ratelimited" and info.value.method == "users.list" and info.value.status == 429
	)
	assert len(slack_mock.calls_to("users.list")) == 1 + slack_client.RATE_LIMIT_RETRIES


def test_invalid_auth_never_shows_the_token(slack_mock):
	token = "xoxb-1111-2222-SuperSecretValue"
	with pytest.raises(SlackCallError) as info:
		call(make_client(token, slack_mock.url, path=JOB), "auth.test")
	assert info.value.error == "invalid_auth"
	assert token not in str(info.value) and token not in repr(info.value)
	assert str(info.value) == "Slack auth.test failed: invalid_auth"


def test_slack_error_becomes_slack_call_error(slack_mock):
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	slack_mock.fail_next("chat.postMessage", "channel_not_found")
	with pytest.raises(SlackCallError) as info:
		call(c, "chat.postMessage", channel="C404", text="x")
	assert (info.value.method, info.value.error, info.value.status) == (
		"chat.postMessage",
		"channel_not_found",
		200,
	)
	assert len(slack_mock.calls_to("chat.postMessage")) == 1  # Slack errors are not retried


def test_block_kit_rejection_carries_slacks_messages(slack_mock):
	slack_mock.expect_violations()
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	with pytest.raises(SlackCallError) as info:
		call(c, "views.open", trigger_id="1.2.3", view={"type": "modal", "blocks": [{"type": "divider"}]})
	assert info.value.error == "invalid_arguments"
	assert info.value.messages == ["[ERROR] missing required field: title [json-pointer:/view]"]
	assert "missing required field: title" in str(info.value)


def test_server_error_is_retried_once(slack_mock):
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	slack_mock.fail_next("auth.test", "internal_error", status=503)
	assert call(c, "auth.test")["ok"]
	assert [x.status for x in slack_mock.calls_to("auth.test")] == [503, 200]


def test_connection_refused_is_a_bounded_slack_call_error():
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		port = s.getsockname()[1]
	token = "xoxb-9999-TopSecret"
	started = time.monotonic()
	with pytest.raises(SlackCallError) as info:
		call(
			make_client(token, f"http://127.0.0.1:{port}/api/", path=JOB),
			"chat.postMessage",
			channel="C1",
			text="x",
		)
	assert time.monotonic() - started < 2.0
	assert info.value.error == "connection_error" and info.value.status is None
	assert "ConnectionRefusedError" in str(info.value) and token not in str(info.value)


def test_redact_removes_any_slack_token():
	assert slack_client.redact("bad xoxb-12-ab and xoxp-3-c") == "bad xox?-(redacted) and xox?-(redacted)"
	assert slack_client.redact("secret=abc", token="abc") == "secret=xox?-(redacted)"


def test_request_path_answers_a_429_at_once_with_one_attempt(slack_mock, monkeypatch):
	monkeypatch.setattr(slack_client, "MAX_RETRY_AFTER_SECONDS", 30.0)
	monkeypatch.setattr(time, "sleep", lambda s: pytest.fail(f"the request path slept {s} s"))
	c = make_client(slack_mock.bot_token, slack_mock.url, path=REQUEST)
	assert c.timeout == slack_client.REQUEST_TIMEOUT_SECONDS and c.retry_handlers == []
	slack_mock.rate_limit_next("views.open", retry_after=30)
	with pytest.raises(SlackCallError) as info:
		call(
			c,
			"views.open",
			trigger_id="t1",
			view={"type": "modal", "title": {"type": "plain_text", "text": "x"}, "blocks": []},
		)
	assert info.value.error == "ratelimited" and info.value.status == 429
	assert len(slack_mock.calls_to("views.open")) == 1


@pytest.mark.parametrize("status", [500, 503])
def test_job_path_post_answered_5xx_after_posting_is_outcome_unknown_and_not_resent(slack_mock, status):
	from frappe_slack_connector.tests.support.slack_mock import DROP  # noqa: F401, PLC0415

	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	slack_mock.fail_after_doing_next("chat.postMessage", status=status)
	with pytest.raises(SlackCallError) as info:
		call(c, "chat.postMessage", channel="C1", text="hello")
	assert info.value.error == "outcome_unknown" and info.value.status == status
	assert len(slack_mock.calls_to("chat.postMessage")) == 1
	assert [m["text"] for m in slack_mock.messages.values()] == ["hello"]  # it was posted, once


def test_job_path_post_whose_connection_drops_after_sending_is_not_resent(slack_mock):
	from frappe_slack_connector.tests.support.slack_mock import DROP  # noqa: PLC0415

	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	slack_mock.fail_after_doing_next("chat.postMessage", status=DROP)
	with pytest.raises(SlackCallError) as info:
		call(c, "chat.postMessage", channel="C1", text="hello")
	assert info.value.error == "outcome_unknown" and "after sending" in str(info.value)
	assert len(slack_mock.calls_to("chat.postMessage")) == 1
	assert len(slack_mock.messages) == 1


def test_job_path_read_only_call_is_still_retried_after_a_drop(slack_mock):
	from frappe_slack_connector.tests.support.slack_mock import DROP  # noqa: PLC0415

	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	slack_mock.fail_after_doing_next("auth.test", status=DROP)
	assert call(c, "auth.test")["ok"]
	assert len(slack_mock.calls_to("auth.test")) == 2


def test_job_path_post_is_retried_when_the_connection_was_refused(monkeypatch):
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		port = s.getsockname()[1]
	monkeypatch.setattr(slack_client, "MAX_RETRY_AFTER_SECONDS", 0.01)
	c = make_client("xoxb-refused-1", f"http://127.0.0.1:{port}/api/", path=JOB)
	attempts = []
	real = c._perform_urllib_http_request_internal

	def counting(*a, **k):
		attempts.append(1)
		return real(*a, **k)

	monkeypatch.setattr(c, "_perform_urllib_http_request_internal", counting)
	with pytest.raises(SlackCallError) as info:
		call(c, "chat.postMessage", channel="C1", text="x")
	assert info.value.error == "connection_error"  # never sent: safe to retry, and retried
	assert len(attempts) == 1 + slack_client.CONNECTION_RETRIES
	slack_client.clear_clients()


# --------------------------------------------------------------- call_json: a body built by the core


def _message_body(channel: str, text: str, blocks: str = '[{"type":"divider"}]') -> bytes:
	from frappe_slack_connector import core  # noqa: PLC0415

	return core.request_body(f'{{"text":{json.dumps(text)},"blocks":{blocks}}}', {"channel": channel})


def test_call_json_sends_the_bytes_as_they_are(slack_mock):
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	body = _message_body("C1", "héllo")
	data = call_json(c, "chat.postMessage", body)
	assert data["ok"] and data["ts"]
	sent = slack_mock.last_call("chat.postMessage")
	assert sent.raw_body == body and sent.encoding == "json"
	assert sent.header("Content-Type") == "application/json;charset=utf-8"
	assert sent.args["text"] == "héllo" and sent.args["blocks"] == [{"type": "divider"}]
	# The bytes are this call's only: a plain call after it sends its own arguments.
	assert call(c, "chat.postMessage", channel="C2", text="plain")["ok"]
	assert slack_mock.last_call("chat.postMessage").args["text"] == "plain"


def test_call_json_an_invalid_block_is_refused_by_slack(slack_mock):
	slack_mock.expect_violations()
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	bad = '[{"type":"section","text":{"type":"mrkdwn","text":""}}]'
	with pytest.raises(SlackCallError) as info:
		call_json(c, "chat.postMessage", _message_body("C1", "x", bad))
	assert info.value.error == "invalid_blocks" and info.value.messages
	assert slack_mock.messages == {}
	from frappe_slack_connector import core  # noqa: PLC0415

	view = core.request_body('{"type":"modal","blocks":[]}', {"trigger_id": "1.2.3"}, under="view")
	with pytest.raises(SlackCallError) as info:
		call_json(c, "views.open", view)
	assert info.value.messages == ["[ERROR] missing required field: title [json-pointer:/view]"]


def test_call_json_keeps_the_retry_handlers(slack_mock):
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	slack_mock.rate_limit_next("chat.postMessage", retry_after=1)
	body = _message_body("C1", "again")
	assert call_json(c, "chat.postMessage", body)["ok"]
	calls = slack_mock.calls_to("chat.postMessage")
	assert [x.status for x in calls] == [429, 200] and [x.raw_body for x in calls] == [body, body]
	slack_mock.fail_after_doing_next("chat.postMessage", status=500)
	with pytest.raises(SlackCallError) as info:
		call_json(c, "chat.postMessage", _message_body("C1", "once"))
	assert info.value.error == "outcome_unknown" and info.value.status == 500
	assert [m["text"] for m in slack_mock.messages.values()].count("once") == 1


def test_call_json_on_the_request_path_answers_a_429_at_once(slack_mock, monkeypatch):
	monkeypatch.setattr(time, "sleep", lambda s: pytest.fail(f"the request path slept {s} s"))
	c = make_client(slack_mock.bot_token, slack_mock.url, path=REQUEST)
	slack_mock.rate_limit_next("chat.postMessage", retry_after=30)
	with pytest.raises(SlackCallError) as info:
		call_json(c, "chat.postMessage", _message_body("C1", "x"))
	assert info.value.error == "ratelimited" and info.value.retry_after == 30
	assert len(slack_mock.calls_to("chat.postMessage")) == 1


def test_call_json_takes_bytes_and_a_client_of_make_client(slack_mock):
	c = make_client(slack_mock.bot_token, slack_mock.url, path=JOB)
	with pytest.raises(TypeError):
		call_json(c, "chat.postMessage", '{"channel":"C1","text":"x"}')
	with pytest.raises(TypeError):
		call_json(WebClient(token="xoxb-1", base_url=slack_mock.url), "auth.test", b"{}")
	assert slack_mock.calls == []
