"""Connecting a workspace: "Add to Slack" (OAuth v2 install + callback) and the app manifest,
through Frappe's dispatcher with the Slack mock."""

from __future__ import annotations

import datetime
import json
from urllib.parse import parse_qs, urlsplit

import frappe
import pytest

from frappe_slack_connector import core
from frappe_slack_connector.api.oauth import authorize_url
from frappe_slack_connector.slack.site import call_site
from frappe_slack_connector.tests.support.dispatch import get, post
from harness.app_fixtures import json_body

INSTALL = "/api/method/frappe_slack_connector.api.oauth.install"
CALLBACK = "/api/method/frappe_slack_connector.api.oauth.callback"
MANIFEST = "/api/method/frappe_slack_connector.api.manifest.get_manifest"
ADMIN = "admin@example.com"
SITE = "https://erp.example.com"
REDIRECT_URI = f"{SITE}/api/method/frappe_slack_connector.api.oauth.callback"
HTML = {"Accept": "text/html"}


@pytest.fixture
def oauth(app):
	"""A site with the Slack app's client credentials, no bot token yet, and a System Manager."""
	app.site.set_conf(host_name=SITE)
	app.configure(
		client_id=app.slack.client_id, client_secret=app.slack.client_secret, bot_user_oauth_token=""
	)
	app.site.make_user(ADMIN, roles=["System Manager"])
	frappe.db.commit()
	return app


def secrets_of(app) -> list[str]:
	return [app.slack.client_secret, app.slack.bot_token, app.secret]


def assert_clean(app, *texts: str) -> None:
	"""No secret in a page or in any Error Log."""
	logs = [row["error"] + row["method"] for row in app.site.error_logs()]
	for secret in secrets_of(app):
		for text in [*texts, *logs]:
			assert secret not in text


def start_install(app, user=ADMIN) -> dict:
	response = get(INSTALL, headers=HTML, user=user)
	assert response.status_code == 302, response.get_data(as_text=True)
	location = response.headers["Location"]
	parts = urlsplit(location)
	query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
	return {"url": location, "parts": parts, "query": query}


def stored():
	settings = frappe.get_single("Slack Settings")
	values = (
		settings.get_password("bot_user_oauth_token", raise_exception=False),
		settings.slack_team_id,
		settings.slack_team_name,
		settings.bot_user_id,
	)
	return tuple(v or None for v in values)


NOTHING_STORED = (None, None, None, None)


# ---------------------------------------------------------------- install


def test_install_redirects_to_slack_authorize(oauth):
	started = start_install(oauth)
	parts, query = started["parts"], started["query"]
	mock = urlsplit(oauth.slack.url)
	assert (parts.scheme, parts.netloc, parts.path) == (mock.scheme, mock.netloc, "/oauth/v2/authorize")
	assert query["client_id"] == oauth.slack.client_id
	assert query["scope"] == (
		"commands,chat:write,im:write,users:read,users:read.email,channels:history,groups:history,im:history,"
		"links:read,links:write"
	)
	assert query["scope"].split(",") == list(core.BOT_SCOPES)
	assert query["redirect_uri"] == REDIRECT_URI
	assert len(query["state"]) >= 40
	# Random per install.
	assert start_install(oauth)["query"]["state"] != query["state"]
	assert oauth.slack.calls == []


def test_authorize_host_follows_the_api_base_url():
	kw = {"client_id": "1.2", "redirect_uri": REDIRECT_URI, "state": "s"}
	assert authorize_url("https://slack.com/api/", **kw).startswith("https://slack.com/oauth/v2/authorize?")
	assert authorize_url("https://slack-gov.com/api", **kw).startswith(
		"https://slack-gov.com/oauth/v2/authorize?"
	)
	assert authorize_url("https://proxy.example/slack/api/", **kw).startswith(
		"https://proxy.example/slack/oauth/v2/authorize?"
	)


def test_install_is_for_system_managers_only(oauth):
	oauth.site.make_user("emp@example.com", roles=["Employee"])
	frappe.db.commit()
	assert get(INSTALL, user="emp@example.com").status_code == 403
	assert get(INSTALL).status_code == 403  # Guest


def test_install_without_client_credentials_explains(oauth):
	oauth.configure(client_secret="")
	response = get(INSTALL, headers=HTML, user=ADMIN)
	body = response.get_data(as_text=True)
	assert response.status_code == 400 and "text/html" in response.content_type
	assert "Client Secret" in body
	assert oauth.error_titles() == ["Slack OAuth install: not configured"]


# The desk's "Add to Slack" (frappe.call: Accept application/json, X-Requested-With).
DESK = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}


def desk_messages(response) -> list[str]:
	return [json.loads(m)["message"] for m in json.loads(json_body(response).get("_server_messages", "[]"))]


@pytest.mark.parametrize("missing", ["client_id", "client_secret"])
def test_the_desk_call_without_client_credentials_gets_a_desk_message(oauth, missing):
	oauth.configure(**{missing: ""})
	response = get(INSTALL, headers=DESK, user=ADMIN)
	assert response.status_code == 417 and response.content_type.startswith("application/json")
	assert desk_messages(response) == [
		"Set the Client ID and Client Secret (Slack app → Basic Information) in Slack Settings first."
	]
	assert oauth.error_titles() == ["Slack OAuth install: not configured"]
	assert_clean(oauth, response.get_data(as_text=True))


def test_the_desk_call_without_client_credentials_answers_in_german(oauth):
	oauth.site.set_user_language(ADMIN, "de")
	oauth.configure(client_id="")
	response = get(INSTALL, headers=DESK, user=ADMIN)
	assert desk_messages(response) == [
		"Tragen Sie zuerst die Client-ID und das Client-Geheimnis (Slack-App → Basic Information) in den "
		"Slack-Einstellungen ein."
	]


def test_the_desk_call_gets_the_authorize_url_the_browser_would_be_sent_to(oauth):
	response = get(INSTALL, headers=DESK, user=ADMIN)
	assert response.status_code == 200, response.get_data(as_text=True)
	url = json_body(response)["message"]["authorize_url"]
	query = {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
	assert urlsplit(url).path == "/oauth/v2/authorize"
	assert query["client_id"] == oauth.slack.client_id and query["redirect_uri"] == REDIRECT_URI
	# Its state completes the install like a redirected browser's.
	oauth.slack.add_oauth_code("desk-code", redirect_uri=REDIRECT_URI)
	body = get(
		CALLBACK, query_string={"code": "desk-code", "state": query["state"]}, headers=HTML, user=ADMIN
	).get_data(as_text=True)
	assert "Slack connected" in body and stored()[1] == oauth.slack.team_id
	oauth.site.make_user("emp@example.com", roles=["Employee"])
	frappe.db.commit()
	assert get(INSTALL, headers=DESK, user="emp@example.com").status_code == 403


# ---------------------------------------------------------------- callback


def test_callback_stores_the_workspace(oauth):
	state = start_install(oauth)["query"]["state"]
	oauth.slack.add_oauth_code("code-123", redirect_uri=REDIRECT_URI)
	response = get(CALLBACK, query_string={"code": "code-123", "state": state}, headers=HTML, user=ADMIN)
	body = response.get_data(as_text=True)
	assert response.status_code == 200, body
	assert "text/html" in response.content_type
	assert "Slack connected" in body and oauth.slack.team_name in body
	assert stored() == (
		oauth.slack.bot_token,
		oauth.slack.team_id,
		oauth.slack.team_name,
		oauth.slack.bot_user_id,
	)
	exchange = oauth.slack.last_call("oauth.v2.access")
	assert exchange.args["code"] == "code-123" and exchange.args["redirect_uri"] == REDIRECT_URI
	assert exchange.authorization.startswith("Basic ")  # client credentials, not in the body
	assert oauth.site.error_logs() == []
	assert_clean(oauth, body)
	# The stored token works.
	assert call_site("auth.test", path="request")["team_id"] == oauth.slack.team_id


def test_callback_page_escapes_the_workspace_name(oauth):
	oauth.slack.team_name = "<script>alert(1)</script> & Co"
	try:
		state = start_install(oauth)["query"]["state"]
		oauth.slack.add_oauth_code("c1", redirect_uri=REDIRECT_URI)
		body = get(CALLBACK, query_string={"code": "c1", "state": state}, user=ADMIN).get_data(as_text=True)
	finally:
		oauth.slack.team_name = "Test Workspace"
	assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in body


def assert_rejected(app, response, status: int, title: str, text: str) -> None:
	body = response.get_data(as_text=True)
	assert response.status_code == status, body
	assert "text/html" in response.content_type
	assert "Slack was not connected" in body and text in body
	assert "Traceback" not in body
	assert app.error_titles() == [title]
	assert stored() == NOTHING_STORED
	assert app.slack.calls_to("oauth.v2.access") == []
	assert_clean(app, body)


def test_callback_without_state(oauth):
	oauth.slack.add_oauth_code("c1")
	response = get(CALLBACK, query_string={"code": "c1"}, headers=HTML)
	assert_rejected(oauth, response, 400, "Slack OAuth callback rejected: missing state", "no state")


def test_callback_with_unknown_state(oauth):
	start_install(oauth)
	oauth.slack.add_oauth_code("c1")
	response = get(CALLBACK, query_string={"code": "c1", "state": "forged-state"}, headers=HTML, user=ADMIN)
	assert_rejected(oauth, response, 400, "Slack OAuth callback rejected: unknown state", "unknown")
	assert "forged-state" not in oauth.site.error_logs()[0]["error"]


def test_callback_with_expired_state(oauth):
	oauth.site.freeze_time(datetime.datetime(2026, 12, 1, 9, 0, 0))
	state = start_install(oauth)["query"]["state"]
	oauth.site.freeze_time(datetime.datetime(2026, 12, 1, 9, 10, 1))
	oauth.slack.add_oauth_code("c1")
	response = get(CALLBACK, query_string={"code": "c1", "state": state}, headers=HTML, user=ADMIN)
	assert_rejected(oauth, response, 400, "Slack OAuth callback rejected: expired state", "expired")


def test_callback_state_within_ten_minutes_is_fine(oauth):
	oauth.site.freeze_time(datetime.datetime(2026, 12, 1, 9, 0, 0))
	state = start_install(oauth)["query"]["state"]
	oauth.site.freeze_time(datetime.datetime(2026, 12, 1, 9, 9, 59))
	oauth.slack.add_oauth_code("c1", redirect_uri=REDIRECT_URI)
	assert get(CALLBACK, query_string={"code": "c1", "state": state}, user=ADMIN).status_code == 200


def test_callback_with_reused_state(oauth):
	state = start_install(oauth)["query"]["state"]
	oauth.slack.add_oauth_code("c1", redirect_uri=REDIRECT_URI)
	assert get(CALLBACK, query_string={"code": "c1", "state": state}, user=ADMIN).status_code == 200
	oauth.configure(bot_user_oauth_token="", slack_team_id="", slack_team_name="", bot_user_id="")
	calls_before = len(oauth.slack.calls)
	oauth.slack.add_oauth_code("c2", redirect_uri=REDIRECT_URI)
	response = get(CALLBACK, query_string={"code": "c2", "state": state}, headers=HTML, user=ADMIN)
	body = response.get_data(as_text=True)
	assert response.status_code == 400 and "already been used" in body
	assert oauth.error_titles() == ["Slack OAuth callback rejected: reused state"]
	assert len(oauth.slack.calls) == calls_before
	assert stored() == NOTHING_STORED
	assert_clean(oauth, body)


def test_callback_from_another_user_is_rejected(oauth):
	state = start_install(oauth)["query"]["state"]
	oauth.site.make_user("other@example.com", roles=["System Manager"])
	frappe.db.commit()
	oauth.slack.add_oauth_code("c1")
	response = get(
		CALLBACK, query_string={"code": "c1", "state": state}, headers=HTML, user="other@example.com"
	)
	assert_rejected(oauth, response, 403, "Slack OAuth callback rejected: wrong_user state", "another user")
	# A Guest (no session cookie) is refused the same way.
	state = start_install(oauth)["query"]["state"]
	assert get(CALLBACK, query_string={"code": "c1", "state": state}).status_code == 403


def test_callback_with_a_code_slack_refuses(oauth):
	state = start_install(oauth)["query"]["state"]
	response = get(CALLBACK, query_string={"code": "bogus", "state": state}, headers=HTML, user=ADMIN)
	body = response.get_data(as_text=True)
	assert response.status_code == 502 and "invalid_code" in body
	assert oauth.error_titles() == ["Slack OAuth exchange failed: invalid_code"]
	assert len(oauth.slack.calls_to("oauth.v2.access")) == 1
	assert stored() == NOTHING_STORED
	assert "bogus" not in oauth.site.error_logs()[0]["error"]
	assert_clean(oauth, body)


def test_callback_with_a_wrong_client_secret(oauth):
	oauth.configure(client_secret="not-the-secret")
	state = start_install(oauth)["query"]["state"]
	oauth.slack.add_oauth_code("c1")
	response = get(CALLBACK, query_string={"code": "c1", "state": state}, user=ADMIN)
	body = response.get_data(as_text=True)
	assert response.status_code == 502 and "bad_client_secret" in body
	assert oauth.error_titles() == ["Slack OAuth exchange failed: bad_client_secret"]
	assert stored() == NOTHING_STORED
	assert_clean(oauth, body, "not-the-secret")
	for row in oauth.site.error_logs():
		assert "not-the-secret" not in row["error"]


def test_callback_access_denied(oauth):
	state = start_install(oauth)["query"]["state"]
	response = get(
		CALLBACK, query_string={"error": "access_denied", "state": state}, headers=HTML, user=ADMIN
	)
	body = response.get_data(as_text=True)
	assert response.status_code == 403 and "access_denied" in body
	assert oauth.error_titles() == ["Slack OAuth install cancelled: access_denied"]
	assert stored() == NOTHING_STORED and oauth.slack.calls == []
	# The state is spent.
	oauth.slack.add_oauth_code("c1")
	again = get(CALLBACK, query_string={"code": "c1", "state": state}, user=ADMIN)
	assert again.status_code == 400 and "already been used" in again.get_data(as_text=True)


def test_callback_escapes_a_hostile_error(oauth):
	response = get(CALLBACK, query_string={"error": "<img src=x onerror=alert(1)>"}, headers=HTML)
	body = response.get_data(as_text=True)
	assert response.status_code == 400 and "<img" not in body
	assert stored() == NOTHING_STORED


def test_callback_is_get_only(oauth):
	assert post(CALLBACK, data={"code": "c", "state": "s"}).status_code == 403


# ---------------------------------------------------------------- manifest


def test_manifest_route(oauth):
	response = get(MANIFEST, user=ADMIN)
	assert response.status_code == 200
	manifest = json_body(response)["message"]
	assert manifest == core.build_app_manifest(SITE)
	api = f"{SITE}/api/method/"
	assert manifest["features"]["slash_commands"] == [
		{
			"command": "/apply-leave",
			"url": api + "frappe_slack_connector.api.slash_leave.slash_leave",
			"description": "Apply for leave",
			"should_escape": False,
		},
		{
			"command": "/timesheet",
			"url": api + "frappe_slack_connector.api.slash_timesheet.slash_timesheet",
			"description": "Log time on a project",
			"usage_hint": "[YYYY-MM-DD]",
			"should_escape": False,
		},
		{
			"command": "/whoisout",
			"url": api + "frappe_slack_connector.api.slash_whoisout.slash_whoisout",
			"description": "See who is out today, tomorrow, this week or on a date",
			"usage_hint": "[today | tomorrow | week | YYYY-MM-DD]",
			"should_escape": False,
		},
	]
	assert manifest["settings"]["interactivity"] == {
		"is_enabled": True,
		"request_url": api + "frappe_slack_connector.api.slack_interactions.event",
	}
	assert manifest["oauth_config"] == {
		"redirect_urls": [REDIRECT_URI],
		"scopes": {"bot": list(core.BOT_SCOPES), "user": list(core.USER_SCOPES)},
	}
	assert manifest["settings"]["socket_mode_enabled"] is False
	assert manifest["settings"]["token_rotation_enabled"] is False
	assert manifest["settings"]["org_deploy_enabled"] is False
	assert manifest["features"]["bot_user"]["display_name"] == "Frappe Slack Connector"


def _urls(value):
	if isinstance(value, str):
		return [value] if value.startswith(("http://", "https://")) else []
	if isinstance(value, dict):
		value = list(value.values())
	if isinstance(value, list):
		return [u for item in value for u in _urls(item)]
	return []


def test_every_manifest_url_is_a_whitelisted_route_with_the_right_methods(oauth):
	manifest = core.build_app_manifest(SITE)
	urls = _urls(manifest)
	# three slash commands, interactivity, Events API (the same entry point as interactivity), OAuth
	assert len(urls) == 6
	assert (
		manifest["settings"]["event_subscriptions"]["request_url"]
		== (manifest["settings"]["interactivity"]["request_url"])
	)
	for url in urls:
		assert url.startswith(f"{SITE}/api/method/")
		method = frappe.get_attr(url.rsplit("/", 1)[1])
		assert method in frappe.whitelisted and method in frappe.guest_methods, url
	slash = frappe.get_attr(urls[0].rsplit("/", 1)[1])
	assert frappe.allowed_http_methods_for_whitelisted_func[slash] == ["POST"]
	timesheet = frappe.get_attr("frappe_slack_connector.api.slash_timesheet.slash_timesheet")
	assert frappe.allowed_http_methods_for_whitelisted_func[timesheet] == ["POST"]
	whoisout = frappe.get_attr("frappe_slack_connector.api.slash_whoisout.slash_whoisout")
	assert frappe.allowed_http_methods_for_whitelisted_func[whoisout] == ["POST"]
	callback = frappe.get_attr("frappe_slack_connector.api.oauth.callback")
	assert frappe.allowed_http_methods_for_whitelisted_func[callback] == ["GET"]


def test_manifest_is_for_system_managers_only(oauth):
	oauth.site.make_user("emp@example.com", roles=["Employee"])
	frappe.db.commit()
	assert get(MANIFEST, user="emp@example.com").status_code == 403
	assert get(MANIFEST).status_code == 403


def test_manifest_with_a_bad_site_url(oauth):
	oauth.site.set_conf(host_name="https://erp.example.com/?lang=en")
	response = get(MANIFEST, user=ADMIN)
	assert response.status_code == 417
	assert "query string" in json_body(response)["_server_messages"]
	assert oauth.error_titles() == ["Slack app manifest: bad site URL (has_query)"]


def test_manifest_error_is_a_value_error_with_a_reason():
	with pytest.raises(core.ManifestError) as info:
		core.build_app_manifest("https://erp.example.com/?x=1")
	assert isinstance(info.value, ValueError) and info.value.reason == "has_query"
	with pytest.raises(core.ManifestError) as info:
		core.build_app_manifest(SITE, app_name="")
	assert info.value.reason == "bad_app_name"
	assert core.build_app_manifest(SITE, "Leave Bot")["display_information"]["name"] == "Leave Bot"
	assert core.oauth_redirect_url(SITE + "/") == REDIRECT_URI
