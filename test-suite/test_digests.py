"""Digests (issue 27): Slack Digest rules through the real scheduler entry point, the outbox's
relay and the Slack mock (every post Block Kit-validated) — scope by department tree, branch and
Employee Group; every horizon across weekends and holidays; weekly rules on their weekday;
privacy options; one post per rule and period under concurrent ticks; Slack down; birthdays and
work anniversaries (catch-up, 29 February, opt-out from the Home tab); the first rule migrated
from Slack Settings; the preview and the debugging send."""

from __future__ import annotations

import contextlib
import threading
import time

import frappe
import pytest
from frappe.utils import background_jobs

from frappe_slack_connector import core
from frappe_slack_connector.api import attendance_summary
from frappe_slack_connector.api import digests as api_digests
from frappe_slack_connector.erp import daily as erp_daily
from frappe_slack_connector.erp import deliveries as erp_deliveries
from frappe_slack_connector.erp import digests as erp_digests
from frappe_slack_connector.outbox import relay
from frappe_slack_connector.patches.v1_1 import digest_rules_from_settings
from frappe_slack_connector.slack import client as slack_client
from frappe_slack_connector.tasks import daily as daily_tasks
from frappe_slack_connector.tests.support.dispatch import Client
from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_view,
	button_action,
	interaction_request,
)
from harness.app_fixtures import ATTENDANCE_CHANNEL

MONDAY = "2026-11-30"
TUESDAY = "2026-12-01"
WEDNESDAY = "2026-12-02"
THURSDAY = "2026-12-03"
FRIDAY = "2026-12-04"
SATURDAY = "2026-12-05"
NEXT_MONDAY = "2026-12-07"
CHRISTMAS_EVE = "2026-12-24"  # a Thursday
CHRISTMAS = "2026-12-25"  # a Friday, in the holiday list
API = "frappe_slack_connector.api.digests"
TEAM = "C0TEAM0001"
OTHER = "C0OTHER001"


@pytest.fixture
def office(app, site):
	"""Test Co with its holiday list; a department tree Engineering > Platform, and Sales; a
	branch; an Employee Group; four employees, three on Slack."""
	site.freeze_time(f"{MONDAY} 09:00:00")
	weekends = [f"2026-12-{d:02d}" for d in (5, 6, 12, 13, 19, 20, 26, 27)] + ["2026-11-28", "2026-11-29"]
	site.make_holiday_list(
		"Holidays 2026", "2025-01-01", "2026-12-31", holidays=[CHRISTMAS], weekly_off=weekends
	)
	site.make_company("Test Co", default_holiday_list="Holidays 2026")
	# v16 reads a company's holidays from its Holiday List Assignment (v15: the default above).
	site.assign_holiday_list("Holidays 2026", company="Test Co", from_date="2025-01-01")
	frappe.db.set_single_value("Global Defaults", "default_company", "Test Co")
	site.make_department("Engineering")
	site.make_department("Platform", parent="Engineering")
	site.make_department("Sales")
	site.make_branch("Berlin")
	people = {}
	for key, first, slack_id, department, fields in [
		("ana", "Ana", "U0ANA0001", "Engineering", {"branch": "Berlin", "date_of_birth": "1990-12-05"}),
		("bo", "Bo", "U0BO00001", "Platform", {"date_of_joining": "2021-12-01"}),
		("cy", "Cy", "U0CY00001", "Sales", {"branch": "Berlin", "date_of_birth": "2000-02-29"}),
		("di", "Di", None, "Sales", {}),
	]:
		email = f"{key}@example.com"
		emp = site.make_employee(email, first_name=first, last_name="Test", department=department, **fields)
		site.make_allocation(emp.name, "Casual Leave", "2025-01-01", "2026-12-31", 30)
		if slack_id:
			site._insert({"doctype": "Slack User Meta", "user": email, "slack_user_id": slack_id})
		people[key] = emp
	site.make_employee_group("Guild", [people["bo"].name, people["di"].name])
	frappe.db.commit()
	app.people = people
	return app


def rule(name, **fields):
	values = {
		"channel": TEAM,
		"horizon": "Today",
		"send_time": "08:00:00",
		"scope": "Whole Company",
		**fields,
	}
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		doc = frappe.get_doc({"doctype": "Slack Digest", "digest_name": name, **values}).insert()
	finally:
		frappe.set_user(previous)
	frappe.db.commit()
	return doc.name


def leave(employee, from_date, to_date=None, **fields):
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		doc = frappe.get_doc(
			{
				"doctype": "Leave Application",
				"employee": employee.name,
				"leave_type": fields.pop("leave_type", "Casual Leave"),
				"from_date": from_date,
				"to_date": to_date or from_date,
				"posting_date": MONDAY,
				**fields,
			}
		).insert()
		frappe.db.commit()
		return doc
	finally:
		frappe.set_user(previous)


def tick():
	"""One scheduler tick of the digests, then what it owed delivered as a worker would."""
	frappe.set_user("Administrator")
	result = daily_tasks.digests_due()
	if threading.current_thread() is threading.main_thread():
		background_jobs.run_jobs()
	return result


def posts(office, channel=TEAM) -> list[str]:
	"""Each top-level message posted to `channel`: its fallback text and blocks, as one string."""
	return [
		f"{call.args.get('text')} {call.args.get('blocks')}"
		for call in office.slack.calls_to("chat.postMessage")
		if call.args.get("channel") == channel and not call.args.get("thread_ts")
	]


SLACK_IDS = {"Ana": "U0ANA0001", "Bo": "U0BO00001", "Cy": "U0CY00001"}


def names(post: str, first: str) -> bool:
	"""Whether `post` names the person: their mention, or their name."""
	slack_id = SLACK_IDS.get(first)
	return f"{first} Test" in post or bool(slack_id and f"<@{slack_id}>" in post)


def stored(name):
	return erp_digests.rule_settings(name)


# --- scope ---------------------------------------------------------------------------------------


def test_a_department_covers_its_sub_departments_and_nobody_else(office):
	people = office.people
	team = rule("Engineering today", scope="Department", department="Engineering")
	assert erp_digests.scope_employees(stored(team)) == sorted([people["ana"].name, people["bo"].name])
	for key in ("ana", "bo", "cy"):
		leave(people[key], MONDAY)
	result = tick()
	assert result[team]["sent"] is True
	(post,) = posts(office)
	assert names(post, "Ana") and names(post, "Bo")
	assert not names(post, "Cy")


def test_a_branch_and_an_employee_group_are_scopes(office):
	people = office.people
	berlin = rule("Berlin", scope="Branch", branch="Berlin")
	guild = rule("Guild", scope="Employee Group", employee_group="Guild", channel=OTHER)
	assert erp_digests.scope_employees(stored(berlin)) == sorted([people["ana"].name, people["cy"].name])
	assert erp_digests.scope_employees(stored(guild)) == sorted([people["bo"].name, people["di"].name])
	assert erp_digests.scope_employees(stored(rule("All"))) is None


def test_a_rule_needs_its_channel_its_scope_target_and_a_weekday_when_weekly(office):
	frappe.set_user("Administrator")
	with pytest.raises(frappe.ValidationError, match="Channel"):
		frappe.get_doc(
			{"doctype": "Slack Digest", "digest_name": "x", "horizon": "Today", "scope": "Whole Company"}
		).insert()
	with pytest.raises(frappe.ValidationError, match="whose people"):
		frappe.get_doc(
			{"doctype": "Slack Digest", "digest_name": "y", "channel": TEAM, "scope": "Department"}
		).insert()
	weekly = frappe.get_doc(
		{"doctype": "Slack Digest", "digest_name": "z", "channel": " #C0X1", "horizon": "Next Week"}
	).insert()
	assert (weekly.channel, weekly.weekday) == ("C0X1", "Monday")  # pasted '#' dropped; the default day
	weekly.weekday = ""
	with pytest.raises(frappe.ValidationError, match="weekday"):
		weekly.save()


# --- horizons across weekends and holidays -----------------------------------------------------


def test_today_posts_on_working_days_only(office, site):
	today = rule("Today")
	for moment in (SATURDAY, CHRISTMAS):
		site.freeze_time(f"{moment} 09:00:00")
		assert tick()[today] == {"sent": False, "reason": "holiday"}
	site.freeze_time(f"{MONDAY} 07:59:00")
	assert tick()[today] == {"sent": False, "reason": "before_time"}
	assert posts(office) == []


def test_tomorrow_on_a_friday_is_monday(office, site):
	people = office.people
	tomorrow = rule("Tomorrow", horizon="Tomorrow")
	leave(people["ana"], FRIDAY)  # today: not the horizon's day
	leave(people["bo"], NEXT_MONDAY)
	site.freeze_time(f"{FRIDAY} 09:00:00")
	assert tick()[tomorrow]["sent"] is True
	(post,) = posts(office)
	assert names(post, "Bo") and not names(post, "Ana")
	assert stored(tomorrow).last_date == FRIDAY


def test_tomorrow_skips_a_holiday(office, site):
	people = office.people
	tomorrow = rule("Tomorrow", horizon="Tomorrow")
	leave(people["ana"], CHRISTMAS_EVE)  # today: not the horizon's day
	leave(people["bo"], "2026-12-28")  # Monday: Christmas and the weekend skipped
	site.freeze_time(f"{CHRISTMAS_EVE} 09:00:00")
	assert tick()[tomorrow]["sent"] is True
	(post,) = posts(office)
	assert names(post, "Bo") and not names(post, "Ana")


def test_a_weekly_rule_posts_on_its_weekday_once_a_week(office, site):
	people = office.people
	weekly = rule("Next week", horizon="Next Week", weekday="Wednesday")
	leave(people["cy"], "2026-12-08", "2026-12-10")
	assert tick()[weekly] == {"sent": False, "reason": "not_this_weekday"}  # Monday
	site.freeze_time(f"{WEDNESDAY} 09:00:00")
	assert tick()[weekly]["sent"] is True
	assert stored(weekly).last_date == "2026-12-06"  # the week is claimed through Sunday
	(post,) = posts(office)
	assert names(post, "Cy")
	for moment in (THURSDAY, FRIDAY):
		site.freeze_time(f"{moment} 09:00:00")
		assert tick()[weekly] == {"sent": False, "reason": "already_sent"}
	site.freeze_time("2026-12-09 09:00:00")  # the next Wednesday
	assert tick()[weekly]["sent"] is True
	assert len(posts(office)) == 2


def test_this_week_from_a_holiday_weekday_posts_on_the_next_working_day(office, site):
	weekly = rule("This week", horizon="This Week", weekday="Friday")
	site.freeze_time(f"{CHRISTMAS} 09:00:00")
	assert tick()[weekly] == {"sent": False, "reason": "holiday"}
	site.freeze_time("2026-12-26 09:00:00")
	assert tick()[weekly] == {"sent": False, "reason": "holiday"}  # Saturday
	site.freeze_time("2026-12-28 09:00:00")  # Monday of the next week: before its weekday again
	assert tick()[weekly] == {"sent": False, "reason": "not_this_weekday"}
	assert posts(office) == []


# --- privacy -------------------------------------------------------------------------------------


def test_mentions_off_names_people_without_pinging(office):
	people = office.people
	rule("Quiet", mention=0)
	leave(people["ana"], MONDAY)
	tick()
	(post,) = posts(office)
	assert names(post, "Ana") and "<@U0ANA0001>" not in post


def test_mentions_on_ping_people(office):
	rule("Loud")
	leave(office.people["ana"], MONDAY)
	tick()
	(post,) = posts(office)
	assert "<@U0ANA0001>" in post


def test_hidden_leave_types_and_approved_only(office, site):
	people = office.people
	site.make_leave_type("Sick Leave")
	site.make_allocation(people["bo"].name, "Sick Leave", "2026-01-01", "2026-12-31", 10)
	shown = rule("Types shown", horizon="Tomorrow")
	hidden = rule("Types hidden", horizon="Tomorrow", hide_leave_types=1, channel=OTHER)
	approved = rule("Approved only", horizon="Tomorrow", include_open=0, channel="C0APPROVED")
	leave(people["bo"], TUESDAY, leave_type="Sick Leave")
	leave(people["ana"], TUESDAY, status="Approved")
	results = tick()
	assert all(results[name]["sent"] for name in (shown, hidden, approved))
	(with_types,) = posts(office)
	(without_types,) = posts(office, OTHER)
	(only_approved,) = posts(office, "C0APPROVED")
	assert "Sick Leave" in with_types
	assert "Sick Leave" not in without_types and names(without_types, "Bo")
	assert names(only_approved, "Ana") and not names(only_approved, "Bo")


# --- exactly once ---------------------------------------------------------------------------------


def test_two_concurrent_ticks_post_once_per_rule(office, monkeypatch):
	assert_two_concurrent_ticks_post_once_per_rule(office, monkeypatch)


def test_two_concurrent_ticks_on_two_hosts_post_once_per_rule(office, monkeypatch):
	"""Benches on two servers share the database, not the file lock: the locking read of the
	rule's row alone makes the second tick wait and see the period claimed."""
	monkeypatch.setattr(erp_daily, "exclusive", contextlib.nullcontext)
	assert_two_concurrent_ticks_post_once_per_rule(office, monkeypatch)


def assert_two_concurrent_ticks_post_once_per_rule(office, monkeypatch):
	first = rule("First")
	second = rule("Second", channel=OTHER, horizon="Tomorrow")
	original = slack_client.call_json

	def slow_call(client, method, body):
		time.sleep(0.2)
		return original(client, method, body)

	monkeypatch.setattr(slack_client, "call_json", slow_call)
	# Both ticks pass every rule's gate (and take their snapshots) before either claims.
	both_read = threading.Barrier(2, timeout=10)
	gate = core.should_send_attendance
	seen = threading.local()

	def gate_after_both_read(**kwargs):
		if not getattr(seen, "waited", False):
			seen.waited = True
			both_read.wait()
		return gate(**kwargs)

	monkeypatch.setattr(core, "should_send_attendance", gate_after_both_read)
	results = []
	threads = [threading.Thread(target=lambda: results.append(tick())) for _ in range(2)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	background_jobs.run_jobs()
	relay.drain()
	for name in (first, second):
		assert sorted(r[name]["sent"] for r in results) == [False, True]
		assert [r[name]["reason"] for r in results if not r[name]["sent"]] == ["already_sent"]
	assert len(posts(office)) == 1 and len(posts(office, OTHER)) == 1


def test_slack_down_the_post_goes_out_after_recovery_and_only_once(office, site):
	today = rule("Today")
	with office.slack.outage():
		result = tick()[today]
		assert result["sent"] is True
		assert erp_deliveries.get(result["delivery"]).status == "Pending"
		assert stored(today).last_date == MONDAY  # claimed with what it owes
		assert tick()[today] == {"sent": False, "reason": "already_sent"}
	assert posts(office) == []
	site.freeze_time(f"{MONDAY} 09:05:00")
	relay.drain()
	(post,) = office.slack.calls_to("chat.postMessage")
	assert stored(today).last_ts == post.response["ts"]
	assert tick()[today] == {"sent": False, "reason": "already_sent"}
	assert len(office.slack.calls_to("chat.postMessage")) == 1


def test_a_post_refused_for_good_gives_the_period_back(office):
	today = rule("Today")
	office.slack.fail_next("chat.postMessage", error="channel_not_found")
	assert tick()[today]["sent"] is True
	assert stored(today).last_date is None
	again = tick()[today]
	assert again["sent"] is True and erp_deliveries.get(again["delivery"]).status == "Delivered"


# --- late leaves -----------------------------------------------------------------------------------


def test_a_late_leave_threads_under_the_posts_covering_today_in_its_scope(office):
	people = office.people
	rule("Engineering today", scope="Department", department="Engineering")
	rule("Sales today", scope="Department", department="Sales", channel=OTHER)
	rule("Tomorrow", horizon="Tomorrow", channel="C0TOMORROW")
	rule("Approved only", include_open=0, channel="C0APPROVED")
	tick()
	assert len(office.slack.calls_to("chat.postMessage")) == 4
	leave(people["bo"], MONDAY)  # an Open request: not for the approved-only channel
	background_jobs.run_jobs()
	relay.drain()
	replies = [c for c in office.slack.calls_to("chat.postMessage") if c.args.get("thread_ts")]
	assert [c.args["channel"] for c in replies] == [TEAM]
	assert names(str(replies[0].args["blocks"]), "Bo")
	leave(people["ana"], MONDAY, status="Approved")
	background_jobs.run_jobs()
	relay.drain()
	replies = [c for c in office.slack.calls_to("chat.postMessage") if c.args.get("thread_ts")]
	assert sorted(c.args["channel"] for c in replies[1:]) == sorted([TEAM, "C0APPROVED"])


# --- celebrations ----------------------------------------------------------------------------------


def test_a_birthday_on_a_weekend_is_announced_on_monday_once_without_the_year(office, site):
	party = rule("Party", birthdays=1, work_anniversaries=1)
	site.freeze_time(f"{FRIDAY} 09:00:00")
	tick()
	assert stored(party).last_celebrated == FRIDAY
	(friday,) = posts(office)
	assert not names(friday, "Ana")  # her birthday is tomorrow, a Saturday
	site.freeze_time(f"{NEXT_MONDAY} 09:00:00")
	tick()
	monday = posts(office)[1]
	assert names(monday, "Ana") and "1990" not in monday
	site.freeze_time("2026-12-08 09:00:00")
	tick()
	assert not names(posts(office)[2], "Ana")


def test_a_work_anniversary_counts_the_years(office, site):
	rule("Party", work_anniversaries=1)
	site.freeze_time(f"{TUESDAY} 09:00:00")  # Bo joined on 1 December 2021
	tick()
	(post,) = posts(office)
	assert names(post, "Bo") and "5" in post


def test_29_february_is_celebrated_on_28_february_in_a_common_year(office, site):
	rule("Party", birthdays=1)
	site.freeze_time("2025-02-28 09:00:00")  # a Friday; 2025 has no 29 February
	tick()
	(post,) = posts(office)
	assert names(post, "Cy") and "2000" not in post


def test_a_person_who_opted_out_on_the_home_tab_is_not_celebrated(office, site):
	party = rule("Party", birthdays=1)
	payload = block_actions_view(
		button_action("celebrations_choice", "out", block_id="celebrations_actions_block"),
		view={"id": "VHOME", "type": "home", "hash": "h1", "callback_id": "", "private_metadata": ""},
		user={"id": "U0ANA0001", "username": "ana", "name": "ana", "team_id": "T0TEST0001"},
	)
	response = office.send(interaction_request(payload, secret=office.secret))
	assert response.status_code == 200
	frappe.db.rollback()
	assert erp_digests.celebrations_opted_out("ana@example.com")
	background_jobs.run_jobs()
	relay.drain()
	(home,) = office.slack.calls_to("views.publish")
	section = next(
		b for b in home.args["view"]["blocks"] if b.get("block_id") == "celebrations_actions_block"
	)
	assert section["accessory"]["value"] == "in"
	site.freeze_time(f"{NEXT_MONDAY} 09:00:00")
	frappe.db.set_value("Slack Digest", party, "last_celebrated", FRIDAY)
	frappe.db.commit()
	tick()
	(post,) = posts(office)
	assert not names(post, "Ana")


def test_celebrations_of_a_post_slack_refused_come_with_the_next_one(office, site):
	party = rule("Party", birthdays=1)
	frappe.db.set_value("Slack Digest", party, "last_celebrated", FRIDAY)
	frappe.db.commit()
	site.freeze_time(f"{NEXT_MONDAY} 09:00:00")
	office.slack.fail_next("chat.postMessage", error="not_in_channel")
	assert tick()[party]["sent"] is True
	assert (stored(party).last_date, stored(party).last_celebrated) == (None, FRIDAY)
	assert tick()[party]["sent"] is True
	refused, posted = posts(office)
	assert names(refused, "Ana") and names(posted, "Ana")
	assert stored(party).last_celebrated == NEXT_MONDAY


# --- the first rule: Slack Settings' summary ------------------------------------------------------


def test_the_patch_makes_the_summary_the_first_rule_and_the_day_is_not_sent_twice(office):
	frappe.set_user("Administrator")
	first = attendance_summary.attendance_channel()
	background_jobs.run_jobs()
	assert first["sent"] is True
	digest_rules_from_settings.execute()
	digest_rules_from_settings.execute()  # once only
	(name,) = frappe.get_all("Slack Digest", filters={"is_settings_summary": 1}, pluck="name")
	frappe.db.commit()
	rule_now = erp_digests.first_rule()
	assert (rule_now.name, rule_now.channel, rule_now.last_date) == (name, ATTENDANCE_CHANNEL, MONDAY)
	assert attendance_summary.attendance_channel() == {"sent": False, "reason": "already_sent"}
	assert tick() == {}  # the first rule runs on the summary's own tick
	assert len(office.slack.calls_to("chat.postMessage")) == 1


def test_the_first_rule_adds_its_options_to_the_summary(office, site):
	frappe.set_user("Administrator")
	digest_rules_from_settings.execute()
	name = frappe.get_all("Slack Digest", filters={"is_settings_summary": 1}, pluck="name")[0]
	frappe.db.set_value("Slack Digest", name, {"birthdays": 1, "last_celebrated": FRIDAY})
	frappe.db.commit()
	site.freeze_time(f"{NEXT_MONDAY} 09:00:00")
	assert attendance_summary.attendance_channel()["sent"] is True
	background_jobs.run_jobs()
	(post,) = posts(office, ATTENDANCE_CHANNEL)
	assert names(post, "Ana")  # Saturday's birthday, caught up
	assert erp_digests.first_rule().last_celebrated == NEXT_MONDAY


def test_the_first_rule_keeps_to_today(office):
	frappe.set_user("Administrator")
	digest_rules_from_settings.execute()
	doc = frappe.get_doc("Slack Digest", frappe.get_all("Slack Digest", pluck="name")[0])
	doc.horizon = "Next Week"
	with pytest.raises(frappe.ValidationError, match="today only"):
		doc.save()


# --- preview and the debugging send -----------------------------------------------------------


def test_preview_shows_the_post_and_sends_nothing(office, site):
	team = rule("Engineering", scope="Department", department="Engineering")
	leave(office.people["ana"], MONDAY)
	frappe.set_user("Administrator")
	shown = api_digests.preview(team)
	assert shown["channel"] == TEAM and names(shown["markdown"], "Ana")
	assert office.slack.calls_to("chat.postMessage") == []
	assert stored(team).last_date is None
	site.make_user("nobody@example.com", roles=["Employee"])
	frappe.set_user("nobody@example.com")
	with pytest.raises(frappe.PermissionError):
		api_digests.preview(team)


def test_send_digest_posts_now_and_returns_the_ts(office, site):
	team = rule("Tomorrow", horizon="Tomorrow")
	site.freeze_time(f"{MONDAY} 07:00:00")  # before its time: the debugging path sends anyway
	frappe.set_user("Administrator")
	ts = api_digests.send_digest(team)
	(post,) = office.slack.calls_to("chat.postMessage")
	assert ts == post.response["ts"] == stored(team).last_ts
	with pytest.raises(frappe.DoesNotExistError):
		api_digests.send_digest("No such rule")
	site.make_user("hr@example.com", roles=["HR Manager"])
	response = Client("hr@example.com").post(f"/api/method/{API}.send_digest", data={"rule": team})
	assert response.status_code == 403
	assert len(office.slack.calls_to("chat.postMessage")) == 1
