"""frappe_slack_connector.slack.site: the site's client, and "call Slack or log why not"."""

import pytest

from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.client import SlackCallError, call

pytestmark = pytest.mark.usefixtures("fast_slack_retries")


def test_client_reads_settings_and_site_config(app):
	c = slack_site.client(path=slack_site.JOB)
	assert c is slack_site.client(path=slack_site.JOB) and c.base_url == app.slack.url
	assert call(c, "auth.test")["ok"]
	app.site.set_conf(slack_api_url=None)
	assert slack_site.client(path=slack_site.JOB).base_url == "https://slack.com/api/"


def test_client_without_a_token_is_not_configured(app):
	app.configure(bot_user_oauth_token="")
	with pytest.raises(SlackCallError) as info:
		slack_site.client(path=slack_site.JOB)
	assert (info.value.method, info.value.error) == ("(config)", "not_configured")
	assert "Bot User OAuth Token" in str(info.value)


def test_call_or_log_returns_slacks_answer(app):
	reply = slack_site.call_or_log("auth.test", path=slack_site.JOB, log_title="Connection test not done")
	assert reply.ok and reply.error is None and reply.data["team_id"] == app.slack.team_id
	assert app.error_titles() == []


def test_call_or_log_logs_the_failure_with_its_reference(app):
	app.slack.fail_next("chat.postMessage", "channel_not_found")
	reply = slack_site.call_or_log(
		"chat.postMessage",
		path=slack_site.JOB,
		channel="C0NOWHERE1",
		text="hello",
		log_title="Greeting not sent",
		log_context="channel C0NOWHERE1",
		reference_doctype="Leave Application",
		reference_name="HR-LAP-2026-00001",
	)
	assert not reply.ok and reply.error == "channel_not_found" and reply.data == {}
	[log] = app.site.error_logs()
	assert log["method"] == "Greeting not sent: channel_not_found"
	assert log["error"].endswith("(channel C0NOWHERE1)") and "chat.postMessage" in log["error"]
	assert (log["reference_doctype"], log["reference_name"]) == ("Leave Application", "HR-LAP-2026-00001")


def test_call_or_log_keeps_quiet_about_expected_errors(app):
	app.slack.fail_next("users.lookupByEmail", "users_not_found")
	reply = slack_site.call_or_log(
		"users.lookupByEmail",
		path=slack_site.JOB,
		email="nobody@example.com",
		log_title="Lookup failed",
		expected_errors={"users_not_found"},
	)
	assert reply.error == "users_not_found"
	assert app.error_titles() == []


def test_call_or_log_logs_a_missing_token_instead_of_raising(app):
	app.configure(bot_user_oauth_token="")
	reply = slack_site.call_or_log("auth.test", path=slack_site.JOB, log_title="Connection test not done")
	assert reply.error == "not_configured"
	assert app.error_titles() == ["Connection test not done: not_configured"]
