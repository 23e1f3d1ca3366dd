"""The missed-hours reminder: who gets a DM for the previous working day (norm met, short, on
leave, half day, holiday, Left, department filter), when it is due, once per day under
concurrent ticks, a refused DM logged while the others go out, the Log time button, and the
`send_reminders` debugging path with dry_run."""

from __future__ import annotations

import json
import threading
import time

import frappe
import pytest
from frappe.utils import background_jobs

from frappe_slack_connector.api import timesheet as api_timesheet
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.slack import client as slack_client
from frappe_slack_connector.tests.support.slack_requests import block_actions_message, interaction_request

TODAY = "2026-12-02"  # Wednesday: the reminder is about Tuesday
DAY = "2026-12-01"
HEADER = "Time to log your hours"
GERMAN_HEADER = "Zeit, Ihre Stunden zu erfassen"


def _as_admin(fn, *args, **kwargs):
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user(previous)


def _insert(values):
	return _as_admin(lambda: frappe.get_doc(values).insert())


class Office:
	"""Seven employees in Slack: ann met the norm, ben logged 3 h, cat was on leave, dan on a half
	day (logged 2 h), eve has left, fay is in Sales (logged nothing), gus has his own holiday list
	with Tuesday off."""

	def __init__(self, app):
		self.app = app
		site = app.site
		site.freeze_time(f"{TODAY} 10:30:00")
		site.make_holiday_list("HL 2026", "2026-01-01", "2026-12-31", holidays=["2026-12-25"])
		site.make_holiday_list("Gus 2026", "2026-01-01", "2026-12-31", holidays=[DAY])
		site.make_company("Test Co", default_holiday_list="HL 2026")
		site.make_department("Engineering")
		site.make_department("Sales")
		self.engineering = frappe.db.get_value("Department", {"department_name": "Engineering"}, "name")
		self.sales = frappe.db.get_value("Department", {"department_name": "Sales"}, "name")
		self.project = _insert({"doctype": "Project", "project_name": "Apollo", "company": "Test Co"}).name
		_insert({"doctype": "Activity Type", "activity_type": "Development"})
		self.people = {}
		self.slack = {}
		for key, extra in {
			"ann": {},
			"ben": {},
			"cat": {},
			"dan": {},
			"eve": {"status": "Left", "relieving_date": "2026-11-30"},
			"fay": {"department": self.sales},
			"gus": {"holiday_list": "Gus 2026"},
		}.items():
			email = f"{key}@example.com"
			fields = {"department": self.engineering, **extra}
			emp = site.make_employee(email, first_name=key.title(), last_name="Test", **fields)
			site.make_allocation(emp.name, "Casual Leave", "2026-01-01", "2026-12-31", 20)
			slack_id = f"U0{key.upper()}00001"
			site._insert({"doctype": "Slack User Meta", "user": email, "slack_user_id": slack_id})
			app.slack.add_user(id=slack_id, email=email, real_name=f"{key.title()} Test")
			self.people[key] = emp.name
			self.slack[key] = slack_id
		self.log("ann", 8)
		self.log("ben", 3)
		self.log("dan", 2)
		self.leave("cat")
		self.leave("dan", half_day=1, half_day_date=DAY)
		frappe.db.commit()
		background_jobs.run_jobs()  # the leaves' own messages out of the way of the tests' Slack
		app.slack.reset_calls()
		app.configure(remind_to_log_time=1, timesheet_reminder_time="10:00:00")

	def log(self, key, hours, day=DAY, start="09:00:00"):
		doc = _insert(
			{
				"doctype": "Timesheet",
				"employee": self.people[key],
				"company": "Test Co",
				"time_logs": [
					{
						"activity_type": "Development",
						"from_time": f"{day} {start}",
						"hours": hours,
						"project": self.project,
					}
				],
			}
		)
		return doc

	def leave(self, key, **fields):
		def apply():
			doc = frappe.get_doc(
				{
					"doctype": "Leave Application",
					"employee": self.people[key],
					"leave_type": "Casual Leave",
					"from_date": DAY,
					"to_date": DAY,
					"posting_date": "2026-11-20",
					"status": "Approved",
					**fields,
				}
			).insert()
			doc.submit()
			return doc

		return _as_admin(apply)

	def reminders(self, key=None):
		return [
			c
			for c in self.app.slack.calls_to("chat.postMessage")
			if c.args["blocks"][0]["type"] == "header"
			and c.args["blocks"][0]["text"]["text"] in (HEADER, GERMAN_HEADER)
			and (key is None or c.args["channel"] == self.slack[key])
		]

	def reminded(self) -> list[str]:
		"""Who Slack took a reminder for (a refused post is not one)."""
		by_id = {v: k for k, v in self.slack.items()}
		return sorted(by_id[c.args["channel"]] for c in self.reminders() if c.response.get("ok"))


@pytest.fixture
def office(app):
	return Office(app)


def tick():
	"""One scheduler tick, as Administrator like the scheduler, and what it owed delivered."""
	result = _as_admin(api_timesheet.reminder_tick)
	deliver()
	return result


def deliver():
	"""Run what the tick owed through the outbox, as a worker would (only from the test's own
	thread: concurrent ticks are drained after they joined)."""
	if threading.current_thread() is threading.main_thread():
		background_jobs.run_jobs()


def failed_deliveries() -> int:
	"""The reminders the outbox gave up on (Slack refused them for good)."""
	return frappe.db.count("Slack Delivery", {"status": "Failed"})


def claimed_day():
	return erp_settings.timesheet_reminder_settings().last_date


# ---------------------------------------------------------------------- who gets one


def test_only_those_short_of_the_norm_get_a_dm(office, app):
	result = tick()
	assert result["sent"] is True and result["day"] == DAY
	# ann met the norm, cat was on leave, eve left, gus had a holiday; fay counts (all departments).
	assert office.reminded() == ["ben", "dan", "fay"]
	assert result["dms"] == 3 and failed_deliveries() == 0
	assert claimed_day() == TODAY
	assert app.error_titles() == []


def test_the_dm_says_logged_vs_expected_and_has_a_log_time_button(office, app):
	tick()
	[ben] = office.reminders("ben")
	text = json.dumps(ben.args, ensure_ascii=False)
	assert "3 h" in text and "8 h" in text
	[button] = [
		e
		for b in ben.args["blocks"]
		if b["type"] == "actions"
		for e in b["elements"]
		if e["type"] == "button"
	]
	assert (button["action_id"], button["value"]) == ("ts_log_time", DAY)
	assert f"<@{office.slack['ben']}>" in text  # mentions are on by default


def test_a_half_day_expects_half_the_norm(office, app):
	tick()
	[dan] = office.reminders("dan")
	text = json.dumps(dan.args, ensure_ascii=False)
	assert "2 h" in text and "4 h" in text and "8 h" not in text
	assert "half of that day" in text


def test_half_day_with_half_the_norm_gets_no_dm(office, app):
	office.log("dan", 2, start="13:00:00")  # 4 h in all, in two Timesheets
	frappe.db.commit()
	tick()
	assert office.reminded() == ["ben", "fay"]


def test_the_norm_follows_hr_settings(office, app):
	frappe.db.set_single_value("HR Settings", "standard_working_hours", 3)
	frappe.db.commit()
	tick()
	# ben's 3 h meet a norm of 3, dan's 2 h half of it.
	assert office.reminded() == ["fay"]


def test_the_department_filter(office, app):
	app.configure(timesheet_departments=[{"department": office.sales}])
	tick()
	assert office.reminded() == ["fay"]


def test_without_mentions_people_are_named(office, app):
	app.configure(mention_in_timesheet_reminder=0)
	tick()
	[ben] = office.reminders("ben")
	text = json.dumps(ben.args, ensure_ascii=False)
	assert "<@" not in text and "Ben Test" in text


def test_a_german_reader_gets_it_in_german(office, app):
	frappe.db.set_value("User", "ben@example.com", "language", "de")
	frappe.db.commit()
	tick()
	[ben] = office.reminders("ben")
	assert ben.args["blocks"][0]["text"]["text"] == GERMAN_HEADER
	assert "Zeit erfassen" in json.dumps(ben.args, ensure_ascii=False)


# ---------------------------------------------------------------------- when


def test_not_due_before_the_time_nor_when_off(office, app):
	app.site.freeze_time(f"{TODAY} 09:59:00")
	assert tick()["sent"] is False
	app.configure(remind_to_log_time=0)
	app.site.freeze_time(f"{TODAY} 11:00:00")
	assert tick()["sent"] is False
	assert office.reminders() == []
	assert claimed_day() is None


def test_not_on_a_holiday_and_monday_looks_at_friday(office, app):
	app.site.freeze_time("2026-12-05 11:00:00")  # Saturday: not a working day
	assert tick()["sent"] is False
	assert office.reminders() == []
	app.site.freeze_time("2026-12-07 11:00:00")  # Monday: about Friday 4 December
	office.log("ann", 8, day="2026-12-04")
	frappe.db.commit()
	result = tick()
	assert result["day"] == "2026-12-04"
	# gus's holiday was Tuesday, cat's and dan's leave too: everyone but ann and eve is short.
	assert office.reminded() == ["ben", "cat", "dan", "fay", "gus"]
	[button] = [
		e for b in office.reminders("ben")[0].args["blocks"] if b["type"] == "actions" for e in b["elements"]
	]
	assert button["value"] == "2026-12-04"


def test_two_ticks_one_dm_each(office, app):
	assert tick()["sent"] is True
	assert tick() == {"sent": False, "reason": "already_sent"}
	assert office.reminded() == ["ben", "dan", "fay"]
	app.site.freeze_time("2026-12-03 10:30:00")  # the next day: about Wednesday, nobody logged
	tick()
	assert len(office.reminders("ben")) == 2


def test_concurrent_ticks_send_one_dm_each(office, app, monkeypatch):
	original = slack_client.call_json

	def slow_call(client, method, body):
		time.sleep(0.2)  # widen the race: the second tick arrives while the first is posting
		return original(client, method, body)

	monkeypatch.setattr(slack_client, "call_json", slow_call)
	results = []

	def run():
		results.append(tick())
		frappe.db.commit()  # the worker ends its transaction

	threads = [threading.Thread(target=run) for _ in range(2)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	deliver()
	assert sorted(r["sent"] for r in results) == [False, True]
	assert office.reminded() == ["ben", "dan", "fay"]


def test_slack_refusing_one_dm_logs_it_and_the_others_are_still_sent(office, app):
	app.slack.fail_next("chat.postMessage", error="account_inactive")
	result = tick()
	assert (result["dms"], failed_deliveries()) == (3, 1)  # owed to three, one refused by Slack
	assert len(office.reminded()) == 2
	assert app.error_titles() == ["Timesheet reminder not sent: account_inactive"]
	# The day stays claimed: the next tick does not send anyone a second one.
	assert tick()["sent"] is False
	assert len(office.reminded()) == 2


# ---------------------------------------------------------------------- the button and the debug path


def test_log_time_button_opens_the_modal_for_that_day(office, app):
	tick()
	[ben] = office.reminders("ben")
	[button] = [e for b in ben.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
	_insert(
		{
			"doctype": "Project User",
			"parent": office.project,
			"parenttype": "Project",
			"parentfield": "users",
			"user": "ben@example.com",
		}
	)
	frappe.db.commit()
	payload = block_actions_message(
		{**button, "block_id": "ts_reminder_actions", "action_ts": "1700000001.000200"},
		channel_id=office.slack["ben"],
		user={"id": office.slack["ben"], "username": "ben", "name": "ben", "team_id": "T0TEST0001"},
	)
	response = app.send(interaction_request(payload, secret=app.secret))
	assert response.status_code == 200, response.get_data(as_text=True)
	view = app.slack.last_call("views.open").args["view"]
	date = next(b for b in view["blocks"] if b.get("block_id") == "ts_date")
	assert date["element"]["initial_date"] == DAY


def test_dry_run_lists_who_would_get_what_and_sends_nothing(office, app, capsys):
	planned = _as_admin(api_timesheet.send_reminders, dry_run=True)
	assert planned["day"] == DAY
	assert sorted(item["employee"] for item in planned["to_send"]) == sorted(
		office.people[k] for k in ("ben", "dan", "fay")
	)
	skipped = {item["employee"]: item["reason"] for item in planned["skipped"]}
	assert skipped == {
		office.people["ann"]: "met_norm",
		office.people["cat"]: "on_leave",
		office.people["gus"]: "holiday",
	}
	out = capsys.readouterr().out
	assert office.people["ben"] in out and "met_norm" in out
	assert office.reminders() == []
	assert claimed_day() is None


def test_send_reminders_sends_now_whatever_the_time(office, app):
	app.site.freeze_time(f"{TODAY} 08:00:00")
	result = _as_admin(api_timesheet.send_reminders)
	deliver()
	assert result["dms"] == 3
	assert office.reminded() == ["ben", "dan", "fay"]


def test_the_bot_token_is_read_once_for_all_the_dms(office, app, monkeypatch):
	"""No query per DM: the batch shares one client (the benchmark counts the queries)."""
	from frappe_slack_connector.erp import settings as erp_settings  # noqa: PLC0415

	reads = []
	original = erp_settings.bot_token

	def counted():
		reads.append(1)
		return original()

	monkeypatch.setattr(erp_settings, "bot_token", counted)
	assert tick()["dms"] == 3
	assert len(reads) == 1
