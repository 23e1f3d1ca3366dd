""" "While you are away" (issue 26, part A) end to end: a person's consent through Slack's user
OAuth, their status (and Do Not Disturb) during approved leave, written by the outbox with their
own token, cleared when the leave is cancelled or shortened or consent ends — and never over a
status they set themselves. Through Frappe's dispatcher, the real relay and the Slack mock (whose
clock runs with the site's, so statuses expire as Slack's do)."""

from __future__ import annotations

import datetime
import threading
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import frappe
import pytest
from frappe.utils.password import get_decrypted_password

from frappe_slack_connector import core
from frappe_slack_connector.erp import away as erp_away
from frappe_slack_connector.erp import deliveries
from frappe_slack_connector.flows.away import jobs as away_jobs
from frappe_slack_connector.outbox import relay
from frappe_slack_connector.tests.support.dispatch import get
from frappe_slack_connector.tests.support.slack_requests import block_actions_view, button_action
from test_leave_workflow import BOSS, JANE, JANE_EMAIL, MALLORY, TODAY, World, ack_ok

CALLBACK = "/api/method/frappe_slack_connector.api.oauth.callback"
SITE = "https://erp.example.com"
REDIRECT_URI = f"{SITE}/api/method/frappe_slack_connector.api.oauth.callback"
BERLIN = "Europe/Berlin"
SITE_TZ = "Asia/Kolkata"  # the double's system time zone
HTML = {"Accept": "text/html"}


def epoch(local: str, tz: str = BERLIN) -> int:
	return int(datetime.datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(tz)).timestamp())


class Away:
	"""Jane (in Berlin on Slack) and Bea, on a site with the Slack app's OAuth settings."""

	def __init__(self, world: World, app):
		self.world, self.app, self.slack = world, app, app.slack
		app.site.set_conf(host_name=SITE)
		app.configure(client_id=app.slack.client_id, client_secret=app.slack.client_secret)
		app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane", tz=BERLIN)
		world.link(JANE_EMAIL, JANE)
		self.at(f"{TODAY} 10:00", SITE_TZ)

	def at(self, local: str, tz: str = BERLIN) -> None:
		"""Both clocks (the site's and Slack's) at `local` in `tz`."""
		moment = epoch(local, tz)
		site_local = datetime.datetime.fromtimestamp(moment, ZoneInfo(SITE_TZ)).replace(tzinfo=None)
		self.app.site.freeze_time(site_local.isoformat(sep=" "))
		self.slack.freeze_clock(at=moment)

	def click(self, action_id: str, value: str, user: str = JANE):
		payload = block_actions_view(
			button_action(action_id, value, block_id="away_actions_block"),
			view={"id": "VHOME", "type": "home", "hash": "h1", "callback_id": "", "private_metadata": ""},
			user={"id": user, "username": "jane", "name": "jane", "team_id": "T0TEST0001"},
		)
		return self.world.interact(payload)

	def start_consent(self) -> str:
		"""Show my leave in Slack: the modal's link to Slack's authorize page; its state."""
		ack_ok(self.click("away_show", "show"))
		view = self.slack.last_call("views.open").args["view"]
		assert view["callback_id"] == "away_consent"
		url = view["blocks"][1]["elements"][0]["url"]
		query = {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
		assert query["user_scope"].split(",") == list(core.USER_SCOPES)
		assert query["scope"] == ""  # no bot scopes: the workspace is installed already
		assert query["redirect_uri"] == REDIRECT_URI
		return query["state"]

	def come_back(self, state: str, code: str = "c-jane", *, user_id: str = JANE, scopes=None):
		"""Slack sends the person's browser back (no desk session)."""
		self.slack.add_oauth_code(
			code,
			redirect_uri=REDIRECT_URI,
			user_id=user_id,
			user_scopes=core.USER_SCOPES if scopes is None else scopes,
			bot_scopes=(),
		)
		return get(CALLBACK, query_string={"code": code, "state": state}, headers=HTML)

	def consent(self, *, dnd: bool = False) -> str:
		response = self.come_back(self.start_consent())
		assert response.status_code == 200, response.get_data(as_text=True)
		if dnd:
			ack_ok(self.click("away_dnd", "on"))
		self.drain()
		return self.token()

	def token(self) -> str | None:
		return get_decrypted_password("Slack User Meta", JANE_EMAIL, "away_user_token", raise_exception=False)

	def approved(self, **fields) -> str:
		name = self.world.leave(**fields)
		ack_ok(self.world.click(name))  # Bea approves from Slack
		assert self.world.doc(name).status == "Approved"
		return name

	def cancel(self, name: str) -> None:
		frappe.set_user("Administrator")
		try:
			frappe.get_doc("Leave Application", name).cancel()
		finally:
			frappe.set_user("Guest")
		frappe.db.commit()

	def drain(self) -> None:
		self.app.site.run_jobs()
		relay.drain()

	def sweep(self) -> None:
		away_jobs.sweep()
		self.drain()

	def status(self) -> dict:
		return self.slack.status_of(JANE)

	def rows(self, method: str) -> list:
		return frappe.get_all(
			deliveries.DOCTYPE,
			filters={"method": method, "sequence": f"away:{JANE_EMAIL}"},
			fields=["status", "last_error", "body"],
			order_by="creation asc, name asc",
		)


@pytest.fixture
def away(app):
	return Away(World(app), app)


NO_STATUS = {"status_text": "", "status_emoji": "", "status_expiration": 0}


# ---------------------------------------------------------------------- consent


def test_consent_round_trip_stores_the_token_as_a_password_and_the_home_tab_says_so(away, app):
	state = away.start_consent()
	assert app.slack.calls_to("oauth.v2.access") == []  # the click only opened the modal
	response = away.come_back(state)
	body = response.get_data(as_text=True)
	assert response.status_code == 200, body
	assert "Your leave will show in Slack" in body
	token = away.token()
	assert token and token in app.slack.live_user_tokens(JANE)
	state_ = erp_away.state(JANE_EMAIL)
	assert state_.consent and state_.scopes == set(core.USER_SCOPES) and not state_.dnd
	assert frappe.db.get_value("Slack User Meta", JANE_EMAIL, "away_user_token") != token
	away.drain()
	tab = app.slack.home_view(JANE)
	actions = next(b for b in tab["blocks"] if b.get("block_id") == "away_actions_block")
	assert [e["action_id"] for e in actions["elements"]] == ["away_dnd", "away_stop"]
	# The token appears in no page and no log.
	assert token not in body
	assert all(token not in row["error"] for row in app.site.error_logs())
	assert app.error_titles() == []
	# Not on leave: nothing was written to her Slack.
	assert app.slack.calls_to("users.profile.set") == [] and away.status() == NO_STATUS


def test_a_state_is_single_use_and_is_for_one_kind(away, app):
	state = away.start_consent()
	assert away.come_back(state).status_code == 200
	again = away.come_back(state, code="c-again")
	assert again.status_code == 400 and "already been used" in again.get_data(as_text=True)
	assert len(app.slack.calls_to("oauth.v2.access")) == 1


def test_a_consent_given_with_another_slack_account_is_refused_and_its_token_given_back(away, app):
	state = away.start_consent()
	app.slack.add_user(id=MALLORY, email="mallory@example.com", real_name="Mallory")
	response = away.come_back(state, user_id=MALLORY)
	assert response.status_code == 403
	assert "another Slack account" in response.get_data(as_text=True)
	assert away.token() is None and not erp_away.state(JANE_EMAIL).consent
	assert app.slack.live_user_tokens(MALLORY) == []  # revoked at once
	assert app.error_titles() == ["Slack consent not stored: wrong_user"]


def test_a_consent_without_the_profile_scopes_is_refused(away, app):
	response = away.come_back(away.start_consent(), scopes=("users.profile:read", "dnd:write"))
	assert response.status_code == 403
	assert "did not grant reading and changing your status" in response.get_data(as_text=True)
	assert away.token() is None and app.slack.live_user_tokens(JANE) == []
	assert app.error_titles() == ["Slack consent not stored: missing_scopes"]


def test_without_dnd_write_pausing_is_not_offered(away, app):
	away.come_back(away.start_consent(), scopes=("users.profile:read", "users.profile:write"))
	away.drain()
	tab = app.slack.home_view(JANE)
	actions = next(b for b in tab["blocks"] if b.get("block_id") == "away_actions_block")
	assert [e["action_id"] for e in actions["elements"]] == ["away_stop"]


# ---------------------------------------------------------------------- the status


def test_the_status_is_set_on_the_first_day_in_her_zone_until_the_end_of_the_leave(away, app):
	away.consent()
	away.approved(from_date="2026-12-02", to_date="2026-12-04")
	away.drain()
	assert away.status() == NO_STATUS  # not started yet
	away.at("2026-12-01 23:30")
	away.sweep()
	assert away.status() == NO_STATUS  # still the 1st in Berlin
	away.at("2026-12-02 00:05")
	away.sweep()
	assert away.status() == {
		"status_text": "On leave until Dec 04, 2026 (Fri)",
		"status_emoji": ":palm_tree:",
		"status_expiration": epoch("2026-12-05 00:00"),
	}
	# The next sweep owes nothing more.
	away.sweep()
	assert len(app.slack.calls_to("users.profile.set")) == 1
	# It expires in Slack at her midnight after the last day, and nothing is owed for it.
	away.at("2026-12-05 00:00")
	assert away.status() == NO_STATUS
	away.sweep()
	assert len(away.rows("users.profile.set")) == 1
	assert erp_away.state(JANE_EMAIL).owed is None
	assert app.error_titles() == []


def test_a_leave_approved_after_its_start_applies_at_once(away, app):
	away.consent()
	away.approved()  # today, approved at 10:00 site time
	away.drain()
	assert away.status()["status_expiration"] == epoch("2026-12-02 00:00")


def test_a_last_day_taken_as_the_first_half_ends_at_noon(away, app):
	app.site.add_custom_field(
		"Leave Application", "custom_first_halfsecond_half", "Select", "\nFirst Half\nSecond Half"
	)
	away.consent()
	away.approved(
		to_date="2026-12-02",
		half_day=1,
		half_day_date="2026-12-02",
		custom_first_halfsecond_half="First Half",
	)
	away.drain()
	assert away.status()["status_text"] == "On leave until Dec 02, 2026 (Wed)"
	assert away.status()["status_expiration"] == epoch("2026-12-02 12:00")


def test_the_status_reads_in_her_language_and_follows_slack_settings(away, app):
	app.site.set_user_language(JANE_EMAIL, "de")
	app.configure(away_status_emoji=":airplane:")
	away.consent()
	away.approved()
	away.drain()
	assert away.status()["status_text"] == "Im Urlaub bis Di., 01. Dez. 2026"
	assert away.status()["status_emoji"] == ":airplane:"


def test_cancelled_leave_clears_the_status(away, app):
	away.consent()
	name = away.approved(to_date="2026-12-03")
	away.drain()
	assert away.status()["status_text"]
	away.cancel(name)
	away.drain()
	assert away.status() == NO_STATUS
	assert [r.status for r in away.rows("users.profile.set")] == ["Delivered", "Delivered"]


def test_a_shortened_leave_renews_the_status_with_its_new_end(away, app):
	away.consent()
	name = away.approved(to_date="2026-12-04")
	away.drain()
	assert away.status()["status_expiration"] == epoch("2026-12-05 00:00")
	away.cancel(name)  # shortened: cancelled, then amended to end on the 2nd
	away.approved(to_date="2026-12-02", amended_from=name)
	away.drain()
	assert away.status() == {
		"status_text": "On leave until Dec 02, 2026 (Wed)",
		"status_emoji": ":palm_tree:",
		"status_expiration": epoch("2026-12-03 00:00"),
	}


def test_a_status_she_set_herself_is_never_overwritten_nor_cleared(away, app):
	away.consent()
	app.slack.person_sets_status(JANE, "In Lisbon", ":airplane:")
	name = away.approved(to_date="2026-12-03")
	away.drain()
	assert away.status()["status_text"] == "In Lisbon"  # left alone
	[kept] = away.rows("users.profile.set")
	assert kept.status == "Dropped" and kept.last_error == "left alone: the person set a status of their own"
	away.cancel(name)
	away.drain()
	assert away.status()["status_text"] == "In Lisbon"
	assert [r.last_error for r in away.rows("users.profile.set")][-1].startswith("left alone")


def test_a_status_she_changed_during_leave_is_not_cleared(away, app):
	away.consent()
	name = away.approved(to_date="2026-12-03")
	away.drain()
	app.slack.person_sets_status(JANE, "Back early!", ":wave:")
	away.cancel(name)
	away.drain()
	assert away.status()["status_text"] == "Back early!"
	assert away.rows("users.profile.set")[-1].status == "Dropped"
	assert app.error_titles() == []


# ---------------------------------------------------------------------- consent ends


def test_stop_showing_clears_what_is_ours_and_revokes_the_token(away, app):
	token = away.consent()
	away.approved(to_date="2026-12-03")
	away.drain()
	assert away.status()["status_text"]
	ack_ok(away.click("away_stop", "stop"))
	assert not erp_away.state(JANE_EMAIL).consent  # at once
	away.drain()
	assert away.status() == NO_STATUS
	assert token not in app.slack.live_user_tokens(JANE)
	assert away.token() is None
	methods = [c.method for c in app.slack.calls if c.method in ("users.profile.set", "auth.revoke")]
	assert methods[-2:] == ["users.profile.set", "auth.revoke"]  # the clear, then the revoke
	# Nothing is set any more, whatever happens to her leave.
	away.approved(from_date="2026-12-07", to_date="2026-12-07")
	away.at("2026-12-07 09:00")
	away.sweep()
	assert away.status() == NO_STATUS
	tab = app.slack.home_view(JANE)
	actions = next(b for b in tab["blocks"] if b.get("block_id") == "away_actions_block")
	assert [e["action_id"] for e in actions["elements"]] == ["away_show"]


def test_a_token_revoked_in_slack_ends_consent(away, app):
	token = away.consent()
	away.approved(from_date="2026-12-02", to_date="2026-12-02")
	away.drain()
	app.slack.revoke_token(token)  # she removed the app in Slack
	away.at("2026-12-02 08:00")
	away.sweep()
	assert away.status() == NO_STATUS
	assert away.token() is None and not erp_away.state(JANE_EMAIL).consent
	assert app.error_titles() == ["Slack status not sent: token_revoked"]
	[failed] = away.rows("users.profile.set")
	assert failed.status == "Failed" and "consent ended" in failed.last_error
	away.drain()
	tab = app.slack.home_view(JANE)
	assert any(b.get("block_id") == "away_actions_block" for b in tab["blocks"])
	actions = next(b for b in tab["blocks"] if b.get("block_id") == "away_actions_block")
	assert [e["action_id"] for e in actions["elements"]] == ["away_show"]


# ---------------------------------------------------------------------- delivery


def test_slack_down_at_the_start_of_the_leave_sets_the_status_after_recovery(away, app):
	away.consent()
	away.approved(from_date="2026-12-02", to_date="2026-12-02")
	away.drain()
	away.at("2026-12-02 00:05")
	with app.slack.outage():
		away.sweep()
		[waiting] = away.rows("users.profile.set")
		assert waiting.status == "Pending" and "connection_error" in waiting.last_error
	away.at("2026-12-02 00:10")
	relay.drain()
	assert away.status()["status_expiration"] == epoch("2026-12-03 00:00")
	assert [r.status for r in away.rows("users.profile.set")] == ["Delivered"]


def test_two_workers_reconciling_at_once_owe_one_set(away, app):
	away.consent()
	away.approved(from_date="2026-12-02", to_date="2026-12-02")
	away.drain()
	away.at("2026-12-02 09:00")
	reconciled, go = threading.Event(), threading.Event()
	errors = []

	def first():
		try:
			away_jobs.reconcile(JANE_EMAIL)  # owes the set, her row locked until the commit
			reconciled.set()
			go.wait(10)
			frappe.db.commit()
		except BaseException as exc:
			frappe.db.rollback()
			errors.append(exc)
			reconciled.set()

	def second():
		try:
			away_jobs.reconcile(JANE_EMAIL)  # waits for the row, then finds the set owed
			frappe.db.commit()
		except BaseException as exc:
			frappe.db.rollback()
			errors.append(exc)

	one = threading.Thread(target=first)
	one.start()
	assert reconciled.wait(10)
	two = threading.Thread(target=second)
	two.start()
	two.join(0.3)
	assert two.is_alive()  # blocked on her locked row
	go.set()
	one.join(10)
	two.join(10)
	assert errors == []
	frappe.db.rollback()  # a fresh snapshot: the workers' commits
	assert len(away.rows("users.profile.set")) == 1
	relay.drain()
	assert len(app.slack.calls_to("users.profile.set")) == 1
	assert away.status()["status_expiration"] == epoch("2026-12-03 00:00")


def test_do_not_disturb_is_snoozed_for_the_leave_and_ended_when_it_is_cancelled(away, app):
	away.consent(dnd=True)
	name = away.approved(to_date="2026-12-02")
	away.drain()
	ends = app.slack.snooze_of(JANE)
	assert ends is not None and abs(ends - epoch("2026-12-03 00:00")) < 60
	away.cancel(name)
	away.drain()
	assert app.slack.snooze_of(JANE) is None
	assert [r.status for r in away.rows("dnd.endSnooze")] == ["Delivered"]
	assert BOSS not in [c.args.get("user") for c in app.slack.calls_to("dnd.setSnooze")]
