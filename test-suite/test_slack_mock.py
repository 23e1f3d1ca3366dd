"""The Slack mock answers slack_sdk's WebClient like Slack does."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

REPO = Path(__file__).resolve().parents[1]
SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}
MODAL = {
	"type": "modal",
	"callback_id": "leave_request",
	"title": {"type": "plain_text", "text": "Apply for leave"},
	"blocks": [SECTION],
}


@pytest.fixture
def client(slack_mock):
	return WebClient(token=slack_mock.bot_token, base_url=slack_mock.url, retry_handlers=[])


def error_of(call):
	with pytest.raises(SlackApiError) as info:
		call()
	return info.value.response


def test_post_message_records_json_call_with_decoded_blocks(slack_mock, client):
	first = client.chat_postMessage(channel="C1", text="hi", blocks=[SECTION])
	second = client.chat_postMessage(channel="C1", text="again")
	assert first["ok"] and first["channel"] == "C1"
	assert first["ts"] == "1700000000.000100" and second["ts"] == "1700000000.000200"
	assert first["message"]["blocks"] == [SECTION]
	call = slack_mock.calls_to("chat.postMessage")[0]
	assert call.encoding == "json"
	assert call.args["blocks"] == [SECTION]
	assert call.authorization == f"Bearer {slack_mock.bot_token}"
	assert (("C1", first["ts"]) in slack_mock.messages) and slack_mock.violations == []


def test_form_encoded_blocks_are_decoded_too(slack_mock, client):
	client.api_call(
		"chat.postMessage", data={"channel": "C1", "text": "t", "blocks": '[{"type": "divider"}]'}
	)
	call = slack_mock.last_call("chat.postMessage")
	assert call.encoding == "form" and call.args["blocks"] == [{"type": "divider"}]


def test_undecodable_blocks_are_invalid_blocks_format(slack_mock, client):
	resp = error_of(
		lambda: client.api_call("chat.postMessage", data={"channel": "C1", "text": "t", "blocks": "[{"})
	)
	assert resp["error"] == "invalid_blocks_format"


def test_auth(slack_mock):
	assert error_of(WebClient(base_url=slack_mock.url).auth_test)["error"] == "not_authed"
	assert (
		error_of(WebClient(token="xoxb-wrong", base_url=slack_mock.url).auth_test)["error"] == "invalid_auth"
	)
	slack_mock.add_token("xoxb-second")
	assert (
		WebClient(token="xoxb-second", base_url=slack_mock.url).auth_test()["user_id"]
		== slack_mock.bot_user_id
	)


def test_unknown_method(client):
	assert error_of(lambda: client.api_call("nope.nothing"))["error"] == "unknown_method"


def test_fail_next_and_rate_limit_next(slack_mock, client):
	slack_mock.fail_next("chat.postMessage", "channel_not_found", times=2)
	for _ in range(2):
		assert (
			error_of(lambda: client.chat_postMessage(channel="C1", text="x"))["error"] == "channel_not_found"
		)
	assert client.chat_postMessage(channel="C1", text="x")["ok"]

	slack_mock.rate_limit_next("users.info", retry_after=7)
	resp = error_of(lambda: client.users_info(user="U1"))
	assert resp.status_code == 429 and resp["error"] == "ratelimited"
	assert resp.headers.get("Retry-After") == "7"
	assert slack_mock.last_call("users.info").status == 429


def test_a_script_for_one_channel_leaves_the_others_alone(slack_mock, client):
	slack_mock.fail_next("chat.postMessage", "account_inactive", channel="U0BOSS0001")
	slack_mock.fail_after_doing_next("chat.postMessage", status=500, channel="C2")
	assert client.chat_postMessage(channel="C1", text="x")["ok"]
	assert error_of(lambda: client.chat_postMessage(channel="C2", text="x")).status_code == 500
	assert client.chat_postMessage(channel="C2", text="x")["ok"]  # that script is used up
	assert error_of(lambda: client.chat_postMessage(channel="U0BOSS0001", text="x"))["error"] == (
		"account_inactive"
	)
	assert slack_mock.last_call("chat.postMessage", channel="C1").response["ok"]
	assert [c.args["channel"] for c in slack_mock.calls_to("chat.postMessage")] == [
		"C1",
		"C2",
		"C2",
		"U0BOSS0001",
	]


def test_invalid_blocks_answer_like_slack_and_are_recorded(slack_mock, client):
	with slack_mock.expecting_violations() as got:
		resp = error_of(lambda: client.chat_postMessage(channel="C1", text="t", blocks=[{"type": "no_such"}]))
	assert resp["error"] == "invalid_blocks"
	assert resp["errors"] == ["unsupported type: no_such [json-pointer:/blocks/0/type]"]
	assert resp["response_metadata"]["messages"][0].startswith("[ERROR] ")
	assert len(got.violations) == 1 and got.violations[0].method == "chat.postMessage"
	assert slack_mock.unexpected_violations_report() is None


def test_invalid_view_is_invalid_arguments(slack_mock, client):
	slack_mock.expect_violations()
	view = dict(MODAL, title={"type": "plain_text", "text": "x" * 25})
	resp = error_of(lambda: client.views_open(trigger_id="1.2.3", view=view))
	assert resp["error"] == "invalid_arguments"
	assert resp["response_metadata"]["messages"] == [
		"[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"
	]


def test_missing_fallback_text_is_accepted_but_recorded(slack_mock, client):
	slack_mock.expect_violations()
	with pytest.warns(UserWarning, match="top-level `text`"):  # slack_sdk warns too
		assert client.chat_postMessage(channel="C1", blocks=[SECTION])["ok"]
	(violation,) = slack_mock.violations
	assert not violation.rejected and "top-level `text`" in str(violation)


def test_report_lists_unexpected_violations(slack_mock, client):
	with pytest.raises(SlackApiError):
		client.chat_update(channel="C1", ts="1.2", text="t", blocks=[{"type": "section"}])
	report = slack_mock.unexpected_violations_report()
	assert "chat.update" in report and "text or fields" in report
	slack_mock.take_violations()  # consumed: keep this test green


def test_views_open_update_push(slack_mock, client):
	opened = client.views_open(trigger_id="1.2.3", view=MODAL)["view"]
	assert opened["id"].startswith("V") and opened["hash"] and opened["callback_id"] == "leave_request"
	assert (
		error_of(lambda: client.views_open(trigger_id="1.2.3", view=MODAL))["error"] == "exchanged_trigger_id"
	)
	slack_mock.expire_trigger("9.9.9")
	assert (
		error_of(lambda: client.views_open(trigger_id="9.9.9", view=MODAL))["error"] == "expired_trigger_id"
	)
	updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=MODAL)["view"]
	assert updated["id"] == opened["id"] and updated["hash"] != opened["hash"]
	stale = error_of(lambda: client.views_update(view_id=opened["id"], hash=opened["hash"], view=MODAL))
	assert stale["error"] == "hash_conflict"
	assert error_of(lambda: client.views_update(view_id="VNOPE", view=MODAL))["error"] == "not_found"
	assert client.views_push(trigger_id="4.5.6", view=MODAL)["view"]["root_view_id"]


def test_users(slack_mock, client):
	slack_mock.add_user(id="U1", email="Jane@Example.com", real_name="Jane Doe")
	slack_mock.add_user(id="U2", email="bot@example.com", is_bot=True)
	slack_mock.add_user(id="U3", email="gone@example.com", deleted=True)
	user = client.users_lookupByEmail(email="jane@example.com")["user"]
	assert (
		user["id"] == "U1"
		and user["profile"]["email"] == "Jane@Example.com"
		and user["real_name"] == "Jane Doe"
	)
	assert error_of(lambda: client.users_lookupByEmail(email="x@example.com"))["error"] == "users_not_found"
	assert client.users_info(user="U3")["user"]["deleted"] is True
	assert error_of(lambda: client.users_info(user="U9"))["error"] == "user_not_found"

	pages = [[m["id"] for m in page["members"]] for page in client.users_list(limit=2)]
	assert pages == [["U1", "U2"], ["U3"]]
	last = slack_mock.last_call("users.list")
	assert last.args["limit"] == "2" and last.args["cursor"]
	assert client.users_list()["response_metadata"]["next_cursor"] == ""
	assert error_of(lambda: client.users_list(cursor="!!"))["error"] == "invalid_cursor"


def test_channels_and_messages(slack_mock, client):
	assert client.chat_postMessage(channel="CANY", text="lenient until a channel is registered")["ok"]
	slack_mock.add_channel("C1", "leave", members=["U1"])
	slack_mock.add_channel("C2", "hr", is_member=False)
	slack_mock.add_user(id="U1")
	slack_mock.add_user(id="U2")
	assert client.chat_postMessage(channel="#leave", text="x")["channel"] == "C1"
	assert error_of(lambda: client.chat_postMessage(channel="C9", text="x"))["error"] == "channel_not_found"
	assert error_of(lambda: client.chat_postMessage(channel="C2", text="x"))["error"] == "not_in_channel"
	assert error_of(lambda: client.api_call("chat.postMessage", json={"channel": "C1"}))["error"] == "no_text"
	assert client.chat_postMessage(channel="U1", text="dm")["channel"] == "D1"
	assert client.chat_postEphemeral(channel="C1", user="U1", text="x")["message_ts"]
	assert (
		error_of(lambda: client.chat_postEphemeral(channel="C1", user="U2", text="x"))["error"]
		== "user_not_in_channel"
	)
	assert client.conversations_info(channel="C1")["channel"]["name"] == "leave"

	posted = client.chat_postMessage(channel="C1", text="v1")
	updated = client.chat_update(channel="C1", ts=posted["ts"], text="v2", blocks=[SECTION])
	assert updated["ts"] == posted["ts"] and slack_mock.messages[("C1", posted["ts"])]["text"] == "v2"
	assert (
		error_of(lambda: client.chat_update(channel="C1", ts="1.1", text="x"))["error"] == "message_not_found"
	)
	slack_mock.add_message("C1", "1690000000.000100", text="old")
	assert client.chat_update(channel="C1", ts="1690000000.000100", text="new")["ok"]


def test_oauth_v2_access(slack_mock):
	anonymous = WebClient(base_url=slack_mock.url)
	slack_mock.add_oauth_code("code-1", redirect_uri="https://erp.example/cb")
	args = {"client_id": slack_mock.client_id, "client_secret": slack_mock.client_secret}
	resp = anonymous.oauth_v2_access(code="code-1", redirect_uri="https://erp.example/cb", **args)
	assert resp["access_token"] == slack_mock.bot_token and resp["team"]["id"] == slack_mock.team_id
	assert slack_mock.last_call("oauth.v2.access").authorization.startswith("Basic ")
	assert error_of(lambda: anonymous.oauth_v2_access(code="code-1", **args))["error"] == "invalid_code"
	bad = dict(args, client_secret="nope")
	assert error_of(lambda: anonymous.oauth_v2_access(code="x", **bad))["error"] == "bad_client_secret"


def test_reset_forgets_everything(slack_mock, client):
	slack_mock.add_user(id="U1")
	slack_mock.fail_next("auth.test", "fatal_error")
	slack_mock.reset()
	assert client.auth_test()["ok"] and slack_mock.calls[0].method == "auth.test"
	assert error_of(lambda: client.users_info(user="U1"))["error"] == "user_not_found"


def test_fixture_fails_a_test_with_an_undeclared_violation(tmp_path):
	"""Run a tiny suite in a subprocess: the violating test must fail at teardown, the declared one pass."""
	(tmp_path / "test_inner.py").write_text(
		textwrap.dedent(
			"""
			from slack_sdk import WebClient
			def post(m):
				WebClient(token=m.bot_token, base_url=m.url).chat_postMessage(
					channel="C1", blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}]
				)
			def test_undeclared(slack_mock):
				post(slack_mock)
			def test_declared(slack_mock):
				slack_mock.expect_violations()
				post(slack_mock)
			def test_declared_but_clean(slack_mock):
				slack_mock.expect_violations()
			"""
		)
	)
	env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "test-suite"), str(REPO)]))
	result = subprocess.run(
		[
			sys.executable,
			"-m",
			"pytest",
			"-q",
			"-p",
			"harness.slack_fixtures",
			"-p",
			"no:cacheprovider",
			"test_inner.py",
		],
		cwd=tmp_path,
		env=env,
		capture_output=True,
		text=True,
		timeout=120,
		check=False,
	)
	out = result.stdout
	assert result.returncode != 0, out
	assert "ERROR at teardown of test_undeclared" in out, out
	assert "ERROR at teardown of test_declared_but_clean" in out, out
	assert "ERROR at teardown of test_declared " not in out and "2 errors" in out, out


def test_a_workflow_step_completes_once_with_its_declared_outputs(slack_mock):
	from frappe_slack_connector import core  # noqa: PLC0415

	manifest = core.build_app_manifest("https://erp.example.com")
	execution_id, token = slack_mock.start_step("who_is_out", manifest)
	step = WebClient(token=token, base_url=slack_mock.url, retry_handlers=[])
	assert slack_mock.step_completion(execution_id) is None
	# Outputs the step does not declare, or without a required one, are refused.
	assert (
		error_of(
			lambda: step.functions_completeSuccess(function_execution_id=execution_id, outputs={"list": "x"})
		)["error"]
		== "parameter_validation_failed"
	)
	assert (
		error_of(
			lambda: step.functions_completeSuccess(function_execution_id=execution_id, outputs={"text": ""})
		)["error"]
		== "parameter_validation_failed"
	)
	assert (
		error_of(
			lambda: step.functions_completeSuccess(function_execution_id="Fx0UNKNOWN", outputs={"text": "x"})
		)["error"]
		== "function_execution_not_found"
	)
	step.functions_completeSuccess(function_execution_id=execution_id, outputs={"text": "Nobody is out."})
	assert slack_mock.step_completion(execution_id) == {"outputs": {"text": "Nobody is out."}}
	# Once only: a second completion is refused (with the bot token: the execution's token ended).
	bot = WebClient(token=slack_mock.bot_token, base_url=slack_mock.url, retry_handlers=[])
	assert (
		error_of(lambda: bot.functions_completeError(function_execution_id=execution_id, error="late"))[
			"error"
		]
		== "execution_not_in_running_state"
	)
	assert error_of(step.auth_test)["error"] == "invalid_auth"


def test_a_workflow_step_fails_with_a_reason(slack_mock, client):
	from frappe_slack_connector import core  # noqa: PLC0415

	execution_id, _token = slack_mock.start_step(
		"request_leave", core.build_app_manifest("https://x.example")
	)
	assert (
		error_of(lambda: client.functions_completeError(function_execution_id=execution_id, error=" "))[
			"error"
		]
		== "invalid_arguments"
	)
	client.functions_completeError(function_execution_id=execution_id, error="Not linked.")
	assert slack_mock.step_completion(execution_id) == {"error": "Not linked."}
	with pytest.raises(ValueError):
		slack_mock.start_step("order_pizza", core.build_app_manifest("https://x.example"))
