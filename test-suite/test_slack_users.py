"""Users: "Connect Slack" (connect_slack), the Slack user sync, and "Test connection", through
Frappe's dispatcher with the Slack mock."""

from __future__ import annotations

import json

import frappe
import pytest

from frappe_slack_connector import hooks
from frappe_slack_connector.api.workspace import slack_error_hint
from frappe_slack_connector.slack import client
from frappe_slack_connector.tasks import slack_users
from frappe_slack_connector.tests.support.dispatch import post
from harness.app_fixtures import json_body

CONNECT = "/api/method/frappe_slack_connector.api.auth.connect_slack"
SYNC = "/api/method/frappe_slack_connector.api.workspace.sync_slack_users"
TEST_CONNECTION = "/api/method/frappe_slack_connector.api.workspace.test_connection"
ADMIN = "admin@example.com"
JANE = "jane@example.com"
BOB = "bob@example.com"

pytestmark = pytest.mark.usefixtures("fast_slack_retries")


@pytest.fixture
def people(app):
	app.site.make_user(ADMIN, roles=["System Manager"])
	app.site.make_user(JANE, roles=["Employee"], full_name="Jane Doe")
	app.site.make_user(BOB, roles=["Employee"], full_name="Bob Roe")
	frappe.db.commit()
	return app


def links() -> dict[str, str]:
	rows = frappe.get_all("Slack User Meta", fields=["user", "slack_user_id"])
	return {row.user: row.slack_user_id for row in rows}


def messages(response) -> str:
	return " ".join(
		json.loads(m)["message"] for m in json.loads(json_body(response).get("_server_messages", "[]"))
	)


def assert_no_secret(app, response) -> None:
	texts = [response.get_data(as_text=True)] + [r["error"] + r["method"] for r in app.site.error_logs()]
	for text in texts:
		assert app.slack.bot_token not in text and app.secret not in text


# ---------------------------------------------------------------- connect_slack


def test_connect_self(people):
	people.slack.add_user(id="U0JANE", email="Jane@Example.com", name="jane")
	response = post(CONNECT, data={"user_email": JANE}, user=JANE)
	assert response.status_code == 200, response.get_data(as_text=True)
	assert json_body(response)["message"] == {
		"user": JANE,
		"slack_user_id": "U0JANE",
		"slack_username": "jane",
		"result": "linked",
	}
	assert links() == {JANE: "U0JANE"}
	assert people.slack.last_call("users.lookupByEmail").args["email"] == JANE
	# Again: upsert, no duplicate.
	response = post(CONNECT, data={"user_email": JANE}, user=JANE)
	assert json_body(response)["message"]["result"] == "already_linked"
	assert frappe.db.count("Slack User Meta") == 1


def test_connect_another_user_is_forbidden_for_a_non_admin(people):
	people.slack.add_user(id="U0BOB", email=BOB)
	response = post(CONNECT, data={"user_email": BOB}, user=JANE)
	assert response.status_code == 403
	assert "only connect your own" in messages(response)
	assert links() == {} and people.slack.calls == []
	assert people.error_titles() == ["Connect Slack: not permitted"]


def test_admin_connects_anyone(people):
	people.slack.add_user(id="U0BOB", email=BOB, name="bob")
	response = post(CONNECT, data={"user_email": BOB}, user=ADMIN)
	assert response.status_code == 200
	assert links() == {BOB: "U0BOB"}


def test_connect_by_employee_company_email(people):
	people.site.make_employee(
		user_id="carl@example.com", first_name="Carl", company_email="carl@corp.example"
	)
	frappe.db.commit()  # the setup is committed before the request, as on a site
	people.slack.add_user(id="U0CARL", email="carl@corp.example")
	response = post(CONNECT, data={"user_email": "carl@example.com"}, user="carl@example.com")
	assert response.status_code == 200, response.get_data(as_text=True)
	assert links() == {"carl@example.com": "U0CARL"}
	assert [c.args["email"] for c in people.slack.calls_to("users.lookupByEmail")] == [
		"carl@example.com",
		"carl@corp.example",
	]


def test_connect_email_unknown_to_slack_is_404(people):
	response = post(CONNECT, data={"user_email": JANE}, user=JANE)
	assert response.status_code == 404
	body = json_body(response)
	assert body["exc_type"] == "DoesNotExistError"
	assert "No Slack account in the workspace uses the e-mail address jane@example.com" in messages(response)
	assert links() == {}
	assert people.error_titles() == ["Connect Slack: not in Slack"]
	assert_no_secret(people, response)


def test_connect_unknown_frappe_user_is_404(people):
	response = post(CONNECT, data={"user_email": "ghost@example.com"}, user=ADMIN)
	assert response.status_code == 404
	assert "no user with the e-mail address ghost@example.com" in messages(response)
	assert people.error_titles() == ["Connect Slack: unknown user"]


def test_connect_without_argument_is_400(people):
	response = post(CONNECT, data={}, user=JANE)
	assert response.status_code == 400
	assert "user_email is required" in messages(response)
	assert people.error_titles() == ["Connect Slack"]
	assert people.slack.calls == []


def test_connect_does_not_steal_a_linked_slack_account(people):
	people.slack.add_user(id="U0SHARED", email=JANE)
	frappe.get_doc({"doctype": "Slack User Meta", "user": BOB, "slack_user_id": "U0SHARED"}).insert(
		ignore_permissions=True
	)
	frappe.db.commit()
	response = post(CONNECT, data={"user_email": JANE}, user=JANE)
	assert response.status_code == 409
	assert "already linked to another user" in messages(response)
	assert links() == {BOB: "U0SHARED"}
	assert people.error_titles() == ["Connect Slack: Slack account already linked"]


def test_connect_with_a_revoked_token_logs_slacks_error(people):
	people.configure(bot_user_oauth_token="xoxb-revoked-0000")
	response = post(CONNECT, data={"user_email": JANE}, user=JANE)
	assert response.status_code == 417
	assert "invalid_auth" in messages(response)
	assert people.error_titles() == ["Connect Slack: users.lookupByEmail failed: invalid_auth"]
	for row in people.site.error_logs():
		assert "xoxb-revoked-0000" not in row["error"]


# ---------------------------------------------------------------- sync


@pytest.fixture
def workspace(people):
	"""Slack members over 3 pages of 4 (page size lowered), with every kind of account."""
	site, slack = people.site, people.slack
	site.make_employee(user_id=JANE, first_name="Jane", last_name="Doe")
	site.make_employee(user_id=BOB, first_name="Bob", last_name="Roe", company_email="bob.roe@corp.example")
	site.make_employee(user_id="carl@example.com", first_name="Carl", personal_email="Carl.Home@Mail.example")
	site.make_employee(user_id="dora@example.com", first_name="Dora")  # not in Slack
	site.make_employee(user_id="eve@example.com", first_name="Eve")  # conflict
	site.make_user("off@example.com", enabled=0)
	site.make_employee(user_id=None, first_name="NoUser", company_email="nouser@corp.example")
	slack.add_user(id="USLACKBOT", email=None, name="slackbot")
	slack.add_user(id="U0JANE", email="JANE@example.com", name="jane")  # user e-mail, other case
	slack.add_user(id="U0BOB", email="bob.roe@corp.example", name="bob")  # employee company_email
	slack.add_user(id="U0BOT", email="bot@example.com", is_bot=True)
	slack.add_user(id="U0CARL", email="carl.home@mail.example", name="carl")  # personal_email
	slack.add_user(id="U0GONE", email="gone@example.com", deleted=True)
	slack.add_user(id="U0NOMAIL", email=None)
	slack.add_user(id="U0EXT", email="contractor@elsewhere.example")  # Slack-only
	slack.add_user(id="U0OFF", email="off@example.com")  # disabled Frappe user: Slack-only
	slack.add_user(id="U0EVE", email="eve@example.com")  # taken by someone else
	slack.add_user(id="U0NOUSER", email="nouser@corp.example")  # employee without user: Slack-only
	frappe.get_doc({"doctype": "Slack User Meta", "user": ADMIN, "slack_user_id": "U0EVE"}).insert(
		ignore_permissions=True
	)
	frappe.db.commit()
	return people


def run_sync(app) -> dict:
	response = post(SYNC, user=ADMIN)
	assert response.status_code == 200, response.get_data(as_text=True)
	assert json_body(response)["message"] == {"queued": True}
	jobs = app.site.queued_jobs()
	assert [(j.queue, j.method, j.job_id) for j in jobs] == [
		(
			"long",
			"frappe_slack_connector.tasks.slack_users.sync_users",
			"frappe_slack_connector::sync_slack_users",
		)
	]
	app.site.run_jobs(raise_exceptions=True)
	return app.site.finished_jobs()[-1].result


@pytest.fixture
def small_pages(monkeypatch):
	monkeypatch.setattr(slack_users, "PAGE_SIZE", 4)


@pytest.mark.usefixtures("small_pages")
def test_sync_links_by_email_over_three_pages(workspace):
	result = run_sync(workspace)
	assert {k: v for k, v in result.items() if k != "conflict_details"} == {
		"ok": True,
		"linked": 3,  # jane (user e-mail), bob (company_email), carl (personal_email)
		"already_linked": 0,
		"slack_only": 3,  # contractor, disabled user, employee without a user
		"employees_without_slack": 2,  # dora, eve
		"conflicts": 1,  # U0EVE is linked to the admin
		"skipped": 4,  # USLACKBOT, bot, deleted, no e-mail
	}
	assert result["conflict_details"] == [
		"U0EVE (eve@example.com) is linked to admin@example.com, not eve@example.com"
	]
	assert links() == {JANE: "U0JANE", BOB: "U0BOB", "carl@example.com": "U0CARL", ADMIN: "U0EVE"}
	pages = workspace.slack.calls_to("users.list")
	assert len(pages) == 3
	assert pages[0].args.get("cursor") is None
	assert all(c.args.get("cursor") for c in pages[1:])
	assert workspace.error_titles() == ["Slack user sync: 1 conflict(s)"]
	assert_no_secret_in_logs(workspace)


def assert_no_secret_in_logs(app):
	for row in app.site.error_logs():
		assert app.slack.bot_token not in row["error"]


@pytest.mark.usefixtures("small_pages")
def test_sync_is_idempotent(workspace):
	run_sync(workspace)
	second = run_sync(workspace)
	assert (second["linked"], second["already_linked"], second["conflicts"]) == (0, 3, 1)
	assert frappe.db.count("Slack User Meta") == 4


def test_sync_updates_a_stale_link_and_keeps_other_users(workspace):
	frappe.get_doc({"doctype": "Slack User Meta", "user": JANE, "slack_user_id": "U0OLDJANE"}).insert(
		ignore_permissions=True
	)
	frappe.db.commit()
	result = run_sync(workspace)
	assert result["linked"] == 3
	assert links()[JANE] == "U0JANE"
	assert frappe.db.count("Slack User Meta", {"user": JANE}) == 1


def test_sync_two_slack_accounts_for_one_user_is_a_conflict(people):
	people.slack.add_user(id="U0J1", email=JANE)
	people.slack.add_user(id="U0J2", email="jane.doe@corp.example")
	people.site.make_employee(user_id=JANE, first_name="Jane", company_email="jane.doe@corp.example")
	frappe.db.commit()
	result = run_sync(people)
	assert (result["linked"], result["conflicts"]) == (1, 1)
	assert links() == {JANE: "U0J1"}


def test_sync_rate_limited_then_succeeds(workspace):
	workspace.slack.rate_limit_next("users.list", retry_after=30)
	result = run_sync(workspace)
	assert result["ok"] and result["linked"] == 3
	assert [c.status for c in workspace.slack.calls_to("users.list")][:2] == [429, 200]


def test_sync_rate_limited_forever_is_bounded_and_logged(workspace):
	workspace.slack.rate_limit_next("users.list", retry_after=1, times=100)
	result = run_sync(workspace)
	assert result["ok"] is False and result["error"] == "ratelimited"
	assert len(workspace.slack.calls_to("users.list")) == 1 + client.RATE_LIMIT_RETRIES
	assert workspace.error_titles() == ["Slack user sync failed: users.list ratelimited"]
	assert links() == {ADMIN: "U0EVE"}
	assert_no_secret_in_logs(workspace)


def test_sync_with_invalid_auth(workspace):
	workspace.configure(bot_user_oauth_token="xoxb-wrong-1234")
	result = run_sync(workspace)
	assert (result["ok"], result["error"]) == (False, "invalid_auth")
	assert workspace.error_titles() == ["Slack user sync failed: users.list invalid_auth"]
	for row in workspace.site.error_logs():
		assert "xoxb-wrong-1234" not in row["error"]


def test_sync_is_for_system_managers_and_deduplicated(people):
	assert post(SYNC, user=JANE).status_code == 403
	assert post(SYNC, user=ADMIN).status_code == 200
	assert post(SYNC, user=ADMIN).status_code == 200
	assert len(people.site.queued_jobs()) == 1


def test_sync_runs_weekly_on_the_long_queue():
	assert hooks.scheduler_events["weekly_long"] == ["frappe_slack_connector.tasks.slack_users.sync_users"]
	assert hooks.scheduler_events["all"]  # the attendance entry stays
	assert hooks.doctype_js == {"User": "public/js/user.js"}


# ---------------------------------------------------------------- test connection


def test_test_connection(people):
	response = post(TEST_CONNECTION, user=ADMIN)
	assert response.status_code == 200
	assert json_body(response)["message"] == {
		"ok": True,
		"team": people.slack.team_name,
		"team_id": people.slack.team_id,
		"url": f"https://{people.slack.team_domain}.slack.com/",
		"bot": "leave-bot",
		"bot_user_id": people.slack.bot_user_id,
	}
	assert people.site.error_logs() == []


def test_test_connection_keeps_the_workspace_for_the_form(people):
	# A token pasted by hand: nothing filled Connected Workspace, so the desk hid the section.
	people.configure(slack_team_id="", slack_team_name="", bot_user_id="")
	frappe.db.commit()
	modified = frappe.db.get_single_value("Slack Settings", "modified")
	assert post(TEST_CONNECTION, user=ADMIN).status_code == 200
	stored = frappe.db.get_singles_dict("Slack Settings")
	assert (stored.slack_team_id, stored.slack_team_name, stored.bot_user_id) == (
		people.slack.team_id,
		people.slack.team_name,
		people.slack.bot_user_id,
	)
	# A form open meanwhile can still be saved.
	assert frappe.db.get_single_value("Slack Settings", "modified") == modified


def test_test_connection_invalid_auth(people):
	people.configure(bot_user_oauth_token="xoxb-bad-token-99")
	response = post(TEST_CONNECTION, user=ADMIN)
	assert response.status_code == 417
	assert "invalid_auth" in messages(response) and "install the app again" in messages(response)
	assert people.error_titles() == ["Slack connection test failed: invalid_auth"]
	assert "xoxb-bad-token-99" not in response.get_data(as_text=True)
	for row in people.site.error_logs():
		assert "xoxb-bad-token-99" not in row["error"]


def test_test_connection_is_for_system_managers(people):
	assert post(TEST_CONNECTION, user=JANE).status_code == 403


# ---------------------------------------------------------------- languages


def desk_alerts(user: str) -> list[str]:
	return [
		r.message["message"] for r in frappe.local.realtime_log if r.event == "msgprint" and r.user == user
	]


def test_the_sync_result_is_in_the_language_of_who_pressed_the_button(workspace):
	# The job runs in the site's configured language ("en" here); the admin reads German.
	workspace.site.set_user_language(ADMIN, "de")
	run_sync(workspace)
	assert desk_alerts(ADMIN) == [
		"Abgleich der Slack-Nutzer abgeschlossen. verknüpft: 3, bereits verknüpft: 0, nur in Slack: 3, "
		"Mitarbeiter ohne Slack: 2, Konflikte: 1, übersprungen: 4"
	]
	# Logs stay English.
	assert workspace.error_titles() == ["Slack user sync: 1 conflict(s)"]
	assert "linked: 3, already linked: 0" in workspace.site.error_logs()[0]["error"]


def test_the_sync_result_is_english_for_an_english_admin(workspace):
	run_sync(workspace)
	assert desk_alerts(ADMIN) == [
		"Slack user sync finished. linked: 3, already linked: 0, only in Slack: 3, "
		"employees without Slack: 2, conflicts: 1, skipped: 4"
	]


def test_a_failed_sync_tells_a_german_admin_in_german(workspace):
	workspace.site.set_user_language(ADMIN, "de")
	workspace.configure(bot_user_oauth_token="xoxb-wrong-1234")
	run_sync(workspace)
	assert desk_alerts(ADMIN) == ["Abgleich der Slack-Nutzer fehlgeschlagen: invalid_auth"]
	assert workspace.error_titles() == ["Slack user sync failed: users.list invalid_auth"]


def last_sync() -> tuple:
	stored = frappe.db.get_singles_dict("Slack Settings")
	when = stored.last_user_sync
	return (frappe.utils.get_datetime(when) if when else None), stored.last_user_sync_result or None


def test_the_sync_result_stays_in_slack_settings_for_who_missed_the_message(workspace):
	assert last_sync() == (None, None)
	before = frappe.utils.now_datetime()
	run_sync(workspace)
	when, result = last_sync()
	[alert] = desk_alerts(ADMIN)
	assert result == alert and result.startswith("Slack user sync finished. linked: 3")
	assert before <= when <= frappe.utils.now_datetime()


def test_a_failed_sync_is_kept_in_the_admins_language(workspace):
	workspace.site.set_user_language(ADMIN, "de")
	workspace.configure(bot_user_oauth_token="xoxb-wrong-1234")
	run_sync(workspace)
	assert last_sync()[1] == "Abgleich der Slack-Nutzer fehlgeschlagen: invalid_auth"


def test_the_weekly_sync_keeps_its_result_too(workspace):
	slack_users.sync_users()
	frappe.db.commit()
	assert last_sync()[1].startswith("Slack user sync finished. linked: 3")
	assert desk_alerts(ADMIN) == []


def test_test_connection_answers_a_german_admin_in_german(people):
	people.site.set_user_language(ADMIN, "de")
	people.configure(bot_user_oauth_token="xoxb-bad-token-99")
	response = post(TEST_CONNECTION, user=ADMIN)
	assert response.status_code == 417
	assert messages(response) == (
		"Slack antwortete: invalid_auth. Das Bot User OAuth Token ist falsch oder wurde widerrufen: "
		"Installieren Sie die App erneut."
	)
	assert people.error_titles() == ["Slack connection test failed: invalid_auth"]


def test_the_translated_hints_are_the_slack_clients_hints():
	assert {code: slack_error_hint(code) for code in client.ERROR_HINTS} == client.ERROR_HINTS
	assert slack_error_hint("ratelimited") == ""
