"""The daily attendance summary and late-leave notes, through the real functions and routes,
with the Slack mock (every posted message is Block Kit-validated by the mock)."""

from __future__ import annotations

import contextlib
import threading
import time

import frappe
import pytest
from frappe.utils import background_jobs

from frappe_slack_connector import core
from frappe_slack_connector.api import attendance_summary
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import daily as erp_daily
from frappe_slack_connector.erp import deliveries as erp_deliveries
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.outbox import relay
from frappe_slack_connector.slack import client as slack_client
from frappe_slack_connector.tests.support.dispatch import Client
from harness.app_fixtures import ATTENDANCE_CHANNEL, json_body

MONDAY = "2026-11-30"  # a working day
SATURDAY = "2026-12-05"
CHRISTMAS = "2026-12-25"  # a Friday, in the holiday list
SUMMARY = "frappe_slack_connector.api.attendance_summary"


@pytest.fixture
def office(app, site):
	"""A company with a holiday list, three employees (two linked to Slack) and leave types."""
	site.freeze_time(f"{MONDAY} 09:00:00")
	site.make_holiday_list(
		"Holidays 2026",
		"2026-01-01",
		"2026-12-31",
		holidays=[CHRISTMAS],
		weekly_off=["2026-12-05", "2026-12-06", "2026-12-12", "2026-12-13"],
	)
	site.make_company("Test Co", default_holiday_list="Holidays 2026")
	frappe.db.set_single_value("Global Defaults", "default_company", "Test Co")
	people = {}
	for key, first, slack_id in [("ana", "Ana", "U0ANA0001"), ("bo", "Bo", "U0BO00001"), ("cy", "Cy", None)]:
		email = f"{key}@example.com"
		emp = site.make_employee(email, first_name=first, last_name="Test")
		site.make_allocation(emp.name, "Casual Leave", "2026-01-01", "2026-12-31", 20)
		if slack_id:
			site._insert({"doctype": "Slack User Meta", "user": email, "slack_user_id": slack_id})
		people[key] = emp
	frappe.db.commit()
	app.people = people
	return app


def apply_leave(employee, from_date, to_date, **fields):
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		doc = frappe.get_doc(
			{
				"doctype": "Leave Application",
				"employee": employee.name,
				"leave_type": "Casual Leave",
				"from_date": from_date,
				"to_date": to_date,
				"posting_date": from_date,
				**fields,
			}
		).insert()
		frappe.db.commit()
		return doc
	finally:
		frappe.set_user(previous)


def settings():
	return frappe.db.get_singles_dict("Slack Settings")


def run_tick():
	"""One scheduler tick, then what it owed delivered as a worker would (only from the test's own
	thread: concurrent ticks are drained after they joined)."""
	frappe.set_user("Administrator")
	result = attendance_summary.attendance_channel()
	if threading.current_thread() is threading.main_thread():
		background_jobs.run_jobs()
	return result


def delivery(result) -> frappe._dict:
	"""The Slack Delivery of the summary a tick owed (its first message)."""
	return frappe.db.get_value(
		erp_deliveries.DOCTYPE,
		result["delivery"],
		["status", "result_ts", "last_error", "attempts"],
		as_dict=True,
	)


def summary_ts(result) -> str:
	return delivery(result).result_ts


# --- the gate ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("moment", "configure", "expected"),
	[
		(f"{MONDAY} 09:00:00", {}, "sent"),
		(f"{MONDAY} 09:00:00", {"send_attendance_updates": 0}, "disabled"),
		(f"{SATURDAY} 09:00:00", {}, "holiday"),
		(f"{CHRISTMAS} 09:00:00", {}, "holiday"),
		(f"{MONDAY} 07:59:00", {}, "before_time"),
		(f"{MONDAY} 10:00:00", {"attendance_time": "10:30:00"}, "before_time"),
		# 00:00 reads back as timedelta(0), which is falsy: it must not become the 08:00 default.
		(f"{MONDAY} 00:30:00", {"attendance_time": "00:00:00"}, "sent"),
		(f"{MONDAY} 08:59:00", {"attendance_time": "9:00"}, "before_time"),
		(f"{MONDAY} 09:00:00", {"last_attendance_date": MONDAY}, "already_sent"),
	],
)
def test_gate_matrix(office, site, moment, configure, expected):
	site.freeze_time(moment)
	if configure:
		office.configure(**configure)
	result = run_tick()
	posts = office.slack.calls_to("chat.postMessage")
	if expected == "sent":
		assert result["sent"] is True and len(posts) == 1
		assert settings()["last_attendance_date"] == MONDAY
	else:
		assert result == {"sent": False, "reason": expected}
		assert posts == []


def test_without_a_holiday_list_weekends_are_off(office, site):
	frappe.db.set_value("Company", "Test Co", "default_holiday_list", None)
	frappe.db.commit()
	site.freeze_time(f"{SATURDAY} 09:00:00")
	assert run_tick() == {"sent": False, "reason": "holiday"}
	site.freeze_time(f"{CHRISTMAS} 09:00:00")  # not a holiday without the list
	assert run_tick()["sent"] is True


def test_second_tick_sends_nothing(office):
	assert run_tick()["sent"] is True
	assert run_tick() == {"sent": False, "reason": "already_sent"}
	assert len(office.slack.calls_to("chat.postMessage")) == 1


def test_summary_content_and_recorded_ts(office):
	apply_leave(office.people["ana"], MONDAY, "2026-12-02")
	apply_leave(office.people["cy"], MONDAY, MONDAY, half_day=1, half_day_date=MONDAY)
	result = run_tick()
	call = office.slack.last_call("chat.postMessage", channel=ATTENDANCE_CHANNEL)
	text = str(call.args["blocks"])
	assert "2 Employees on Leave" in text
	assert "<@U0ANA0001>" in text and "_until Dec 02, 2026 (Wed)_" in text
	assert "Cy Test" in text and "Half Day" in text
	assert call.args["text"]  # fallback text for notifications
	stored = settings()
	assert stored["last_attendance_msg_ts"] == summary_ts(result) == call.response["ts"]


def test_cancelled_rejected_and_other_days_are_left_out(office):
	apply_leave(office.people["ana"], "2026-12-01", "2026-12-02")
	rejected = apply_leave(office.people["bo"], MONDAY, MONDAY)
	frappe.set_user("Administrator")
	rejected.status = "Rejected"
	rejected.submit()
	frappe.db.commit()
	run_tick()
	text = str(office.slack.last_call("chat.postMessage", channel=ATTENDANCE_CHANNEL).args["blocks"])
	assert "No Employees on Leave" in text


def assert_two_concurrent_ticks_post_once(office, monkeypatch):
	original = slack_client.call_json

	def slow_call(client, method, body):
		time.sleep(0.2)  # widen the race window: both ticks pass the gate before either posts
		return original(client, method, body)

	monkeypatch.setattr(slack_client, "call_json", slow_call)
	# Both ticks read the settings (and so take their REPEATABLE READ snapshot) before either
	# claims the day: without this the first tick may commit its claim before the second starts,
	# and the test would pass even with the locking read removed.
	both_read = threading.Barrier(2, timeout=5)
	gate = core.should_send_attendance

	def gate_after_both_read(**kwargs):
		both_read.wait()
		return gate(**kwargs)

	monkeypatch.setattr(core, "should_send_attendance", gate_after_both_read)
	results = []
	threads = [threading.Thread(target=lambda: results.append(run_tick())) for _ in range(2)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	background_jobs.run_jobs()
	assert sorted(r["sent"] for r in results) == [False, True]
	assert [r.get("reason") for r in results if not r["sent"]] == ["already_sent"]
	assert len(office.slack.calls_to("chat.postMessage")) == 1


def test_concurrent_ticks_post_once(office, monkeypatch):
	assert_two_concurrent_ticks_post_once(office, monkeypatch)


def test_concurrent_ticks_on_two_hosts_post_once(office, monkeypatch):
	"""Two benches on different servers share the database but not the filelock (it is a file
	under sites/<site>/locks on each host): the locking read of Slack Settings alone must make
	the second tick wait for the first one's commit and see today as sent."""
	monkeypatch.setattr(erp_daily, "exclusive", contextlib.nullcontext)
	assert_two_concurrent_ticks_post_once(office, monkeypatch)


def test_slack_refusing_for_good_gives_the_day_back_and_the_next_tick_retries(office):
	office.slack.fail_next("chat.postMessage", error="channel_not_found")
	result = run_tick()
	assert result["sent"] is True  # owed; the outbox found it refused for good
	assert delivery(result).status == "Failed" and "channel_not_found" in delivery(result).last_error
	stored = settings()
	assert not stored.get("last_attendance_date") and not stored.get("last_attendance_msg_ts")
	assert office.error_titles() == ["Attendance summary not sent: channel_not_found"]
	again = run_tick()
	assert again["sent"] is True and delivery(again).status == "Delivered"
	assert settings()["last_attendance_date"] == MONDAY
	assert settings()["last_attendance_msg_ts"] == summary_ts(again)
	assert len(office.slack.calls_to("chat.postMessage")) == 2  # the refused one, then the one that went


def test_a_summary_owed_during_an_outage_is_retried_and_the_day_not_reclaimed(office, site):
	with office.slack.outage():
		result = run_tick()
		assert result["sent"] is True
		waiting = delivery(result)
		assert waiting.status == "Pending" and waiting.attempts == 1
		assert "connection_error" in waiting.last_error
		assert settings()["last_attendance_date"] == MONDAY  # claimed with what it owes
		assert run_tick() == {"sent": False, "reason": "already_sent"}  # not claimed again
	assert office.slack.calls_to("chat.postMessage") == []
	site.freeze_time(f"{MONDAY} 09:05:00")  # Slack is back; the retry is due
	relay.drain()  # the scheduler's safety net
	(post,) = office.slack.calls_to("chat.postMessage")  # once
	assert post.args["channel"] == ATTENDANCE_CHANNEL
	assert delivery(result).status == "Delivered"
	assert settings()["last_attendance_msg_ts"] == post.response["ts"]
	assert run_tick() == {"sent": False, "reason": "already_sent"}
	assert len(office.slack.calls_to("chat.postMessage")) == 1
	assert office.error_titles() == []


def test_large_day_is_split_into_thread_replies(office, monkeypatch):
	# 3,000 absences would take minutes to create through the double; the rows are what the ERP
	# adapter returns, so feed them in directly: this test is about posting, not querying.
	rows = [
		{
			"employee": f"HR-EMP-{i:05d}",
			"employee_name": f"Person{i:04d} " + "X" * 40,
			"slack_user_id": None,
			"from_date": MONDAY,
			"to_date": "2026-12-03",
			"half_day": False,
			"half_day_date": None,
			"half_period": None,
		}
		for i in range(3000)
	]
	monkeypatch.setattr(erp_attendance, "absences_on", lambda day: rows)
	result = run_tick()
	posts = office.slack.calls_to("chat.postMessage")
	assert result["messages"] == len(posts) > 1
	assert "thread_ts" not in posts[0].args
	assert all(p.args.get("thread_ts") == summary_ts(result) for p in posts[1:])
	assert all(len(p.args["blocks"]) <= 50 and p.args["text"] for p in posts)
	everyone = "".join(str(p.args["blocks"]) for p in posts)
	assert all(f"Person{i:04d}" in everyone for i in range(3000))


def test_failed_continuation_is_retried_by_the_outbox_and_the_day_not_reclaimed(office, site, monkeypatch):
	rows = [
		{
			"employee": f"E{i}",
			"employee_name": f"P{i:04d} " + "Y" * 60,
			"from_date": MONDAY,
			"to_date": MONDAY,
		}
		for i in range(3000)
	]
	monkeypatch.setattr(erp_attendance, "absences_on", lambda day: rows)
	original = slack_client.call_json
	posted = []

	def second_post_fails(client, method, body):
		posted.append(method)
		if len(posted) == 2:
			raise slack_client.SlackCallError(method, "ratelimited")
		return original(client, method, body)

	monkeypatch.setattr(slack_client, "call_json", second_post_fails)
	result = run_tick()
	assert result["sent"] is True and settings()["last_attendance_msg_ts"] == summary_ts(result)
	waiting = frappe.get_all(
		erp_deliveries.DOCTYPE, filters={"status": "Pending"}, fields=["attempts", "last_error"]
	)
	assert len(waiting) == 1 and waiting[0].attempts == 1 and "ratelimited" in waiting[0].last_error
	assert run_tick() == {"sent": False, "reason": "already_sent"}  # the day is not claimed again
	site.freeze_time(f"{MONDAY} 09:05:00")  # past the retry's backoff
	relay.drain()  # the scheduler's safety net
	posts = office.slack.calls_to("chat.postMessage")
	assert result["messages"] == len(posts) > 1  # every message once: the refused one again
	assert ["thread_ts" in p.args for p in posts].count(False) == 1  # the summary not reposted
	assert all(p.args.get("thread_ts") == summary_ts(result) for p in posts[1:])
	everyone = "".join(str(p.args["blocks"]) for p in posts)
	assert all(f"P{i:04d}" in everyone for i in range(3000))
	assert office.error_titles() == []  # retried, not lost: nothing for an admin to do
	assert frappe.get_all(erp_deliveries.DOCTYPE, filters={"status": ("!=", "Delivered")}) == []
	assert posted.count("chat.postMessage") == len(posts) + 1


# --- send_notification -----------------------------------------------------------------------------


def test_send_notification_sends_unconditionally_and_stores_ts(office, site):
	site.freeze_time(f"{SATURDAY} 06:00:00")  # gate would say no
	response = Client("Administrator").post(f"/api/method/{SUMMARY}.send_notification")
	assert response.status_code == 200
	ts = json_body(response)["message"]  # Slack's answer: the send_notification drains the outbox
	assert ts == office.slack.last_call("chat.postMessage", channel=ATTENDANCE_CHANNEL).response["ts"]
	assert settings()["last_attendance_msg_ts"] == ts and settings()["last_attendance_date"] == SATURDAY


def test_dry_run_posts_nothing(office, capsys):
	apply_leave(office.people["bo"], MONDAY, MONDAY)
	frappe.set_user("Administrator")
	preview = attendance_summary.send_notification(dry_run="1")
	assert office.slack.calls == []
	assert "1 Employees on Leave" in preview["markdown"] and "<@U0BO00001>" in preview["markdown"]
	assert preview["messages"][0]["blocks"]
	assert "Employees on Leave" in capsys.readouterr().out
	assert not settings().get("last_attendance_date")


def test_send_notification_is_for_system_managers(office, site):
	site.make_user("hr@example.com", roles=["HR Manager"])
	response = Client("hr@example.com").post(f"/api/method/{SUMMARY}.send_notification")
	assert response.status_code == 403
	assert office.slack.calls == []


def test_send_notification_failure_is_a_clear_error(office):
	office.slack.fail_next("chat.postMessage", error="not_in_channel")
	response = Client("Administrator").post(f"/api/method/{SUMMARY}.send_notification")
	assert response.status_code == 417
	assert "not_in_channel" in response.get_data(as_text=True)
	assert not settings().get("last_attendance_date")
	assert office.error_titles() == ["Attendance summary not sent: not_in_channel"]


# --- late leave ------------------------------------------------------------------------------------


def test_late_leave_is_threaded_on_todays_summary(office, site):
	first_ts = summary_ts(run_tick())
	apply_leave(office.people["bo"], MONDAY, MONDAY, half_day=1, half_day_date=MONDAY)
	site.run_jobs()
	note = [c for c in office.slack.calls_to("chat.postMessage") if c.args.get("thread_ts")]
	assert len(note) == 1
	assert note[0].args["thread_ts"] == first_ts and note[0].args["reply_broadcast"] is True
	assert "<@U0BO00001>" in str(note[0].args["blocks"]) and note[0].args["text"]


def test_leave_created_before_the_summary_or_for_another_day_is_not_threaded(office, site):
	apply_leave(office.people["bo"], MONDAY, MONDAY)
	site.run_jobs()
	run_tick()
	apply_leave(office.people["ana"], "2026-12-01", "2026-12-01")
	site.run_jobs()
	assert [c for c in office.slack.calls_to("chat.postMessage") if c.args.get("thread_ts")] == []


def test_late_leave_name_is_escaped(office, site):
	run_tick()
	# Frappe strips tags from Data fields on save; what survives (`&`, `<` in odd places) is escaped.
	emp = site.make_employee("evil@example.com", first_name="Tom & Jerry", last_name="<!channel>")
	site.make_allocation(emp.name, "Casual Leave", "2026-01-01", "2026-12-31", 20)
	apply_leave(emp, MONDAY, MONDAY)
	site.run_jobs()
	note = next(c for c in office.slack.calls_to("chat.postMessage") if c.args.get("thread_ts"))
	rendered = str(note.args["blocks"]) + note.args["text"]
	assert "<!channel>" not in rendered and "Tom &amp; Jerry" in rendered


# --- test channel ----------------------------------------------------------------------------------

TEST_CHANNEL = "/api/method/frappe_slack_connector.api.test_slack_channel.test_channel"


def test_test_channel_posts_a_test_message(office):
	response = Client("Administrator").post(TEST_CHANNEL, data={"channel_id": "C0TEST0001"})
	assert response.status_code == 200
	assert json_body(response)["message"]["ok"] is True
	call = office.slack.last_call("chat.postMessage")
	assert call.args["channel"] == "C0TEST0001" and call.args["text"]


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "invalid_auth"])
def test_test_channel_names_slacks_reason(office, error):
	office.slack.fail_next("chat.postMessage", error=error)
	response = Client("Administrator").post(TEST_CHANNEL, data={"channel_id": "C0TEST0001"})
	assert response.status_code == 417
	body = response.get_data(as_text=True)
	assert error in body and "Traceback" not in body and office.slack.bot_token not in body
	assert office.error_titles() == [f"Slack channel test failed: {error}"]


def test_test_channel_needs_system_manager(office, site):
	site.make_user("emp@example.com", roles=["Employee"])
	assert Client("emp@example.com").post(TEST_CHANNEL, data={"channel_id": "C1"}).status_code == 403
	assert office.slack.calls == []


@pytest.mark.parametrize("status", [500, 0])
def test_summary_with_an_unknown_outcome_claims_the_day_and_is_not_reposted(office, site, status):
	# 500 after posting, or the connection dropped after the post was recorded (0 = DROP).
	office.slack.stamp_from(erp_clock.epoch_seconds(erp_clock.now()))  # the outbox looks by time
	office.slack.fail_after_doing_next("chat.postMessage", status=status)
	result = run_tick()
	assert result["sent"] is True and delivery(result).status == "Pending"  # to be looked for
	stored = settings()
	assert stored["last_attendance_date"] == MONDAY and not stored.get("last_attendance_msg_ts")
	assert run_tick() == {"sent": False, "reason": "already_sent"}
	site.freeze_time(f"{MONDAY} 09:05:00")  # past the retry's backoff
	relay.drain()  # the scheduler's safety net
	assert len(office.slack.calls_to("chat.postMessage")) == 1  # found in the channel, not sent again
	assert office.slack.calls_to("conversations.history")
	((_channel, message),) = office.slack.messages_with_metadata(
		ATTENDANCE_CHANNEL, delivery=result["delivery"]
	)
	found = delivery(result)
	assert found.status == "Delivered" and found.result_ts == message["ts"]
	assert found.last_error == "found in Slack after an unknown outcome"
	assert settings()["last_attendance_msg_ts"] == message["ts"]
	assert office.error_titles() == []


# --- who is listed, and how (issue 11) -------------------------------------------------------------


def summary_post(office):
	# The leave's own DMs went out with the tick's drain too: the summary is the channel's post.
	(call,) = [
		c for c in office.slack.calls_to("chat.postMessage") if c.args["channel"] == ATTENDANCE_CHANNEL
	]
	return call, str(call.args["blocks"]) + call.args["text"]


def late_notes(office):
	return [c for c in office.slack.calls_to("chat.postMessage") if c.args.get("thread_ts")]


def test_mentions_are_on_by_default(office):
	assert erp_settings.summary_mentions() is True
	apply_leave(office.people["ana"], MONDAY, MONDAY)
	run_tick()
	_call, rendered = summary_post(office)
	assert "<@U0ANA0001>" in rendered and "Ana Test" not in rendered


def test_mentions_off_names_people_and_never_pings(office):
	office.configure(mention_in_summary=0)
	apply_leave(office.people["ana"], MONDAY, "2026-12-02")
	apply_leave(office.people["bo"], MONDAY, MONDAY, half_day=1, half_day_date=MONDAY)
	run_tick()
	_call, rendered = summary_post(office)
	assert "<@" not in rendered
	assert "Ana Test" in rendered and "Bo Test" in rendered and "2 Employees on Leave" in rendered
	assert "_until Dec 02, 2026 (Wed)_" in rendered


def test_mentions_off_escapes_the_name(office, site):
	office.configure(mention_in_summary=0)
	emp = site.make_employee("amp@example.com", first_name="Tom & Jerry", last_name="Co")
	site._insert({"doctype": "Slack User Meta", "user": "amp@example.com", "slack_user_id": "U0TOM0001"})
	site.make_allocation(emp.name, "Casual Leave", "2026-01-01", "2026-12-31", 20)
	apply_leave(emp, MONDAY, MONDAY)
	run_tick()
	_call, rendered = summary_post(office)
	assert "Tom &amp; Jerry Co" in rendered and "<@" not in rendered


def test_a_setting_never_saved_means_mentions_on(office, monkeypatch):
	# A site migrated from before the field existed has no tabSingles row for it.
	office.configure(mention_in_summary=0)
	real = frappe.db.get_singles_dict

	def without_the_field(*args, **kwargs):
		values = real(*args, **kwargs)
		values.pop("mention_in_summary", None)
		return values

	monkeypatch.setattr(frappe.db, "get_singles_dict", without_the_field)
	assert erp_settings.summary_mentions() is True


def test_late_leave_note_honours_the_mention_setting(office, site):
	office.configure(mention_in_summary=0)
	run_tick()
	apply_leave(office.people["bo"], MONDAY, MONDAY)
	site.run_jobs()
	(note,) = late_notes(office)
	rendered = str(note.args["blocks"]) + note.args["text"]
	assert "<@" not in rendered and "Bo Test is also on leave today" in rendered


@pytest.mark.parametrize("status", ["Left", "Inactive", "Suspended"])
def test_former_staff_are_left_out_of_the_summary(office, status):
	apply_leave(office.people["ana"], MONDAY, MONDAY, status="Approved")
	apply_leave(office.people["bo"], MONDAY, "2026-12-01", status="Approved")
	frappe.db.set_value("Employee", office.people["ana"].name, "status", status)
	frappe.db.commit()
	run_tick()
	_call, rendered = summary_post(office)
	assert "<@U0ANA0001>" not in rendered and "Ana Test" not in rendered
	assert "<@U0BO00001>" in rendered  # an Active one is still listed
	assert "1 Employees on Leave" in rendered


def test_nobody_out_but_former_staff_is_an_empty_day(office):
	apply_leave(office.people["ana"], MONDAY, MONDAY, status="Approved")
	frappe.db.set_value("Employee", office.people["ana"].name, "status", "Left")
	frappe.db.commit()
	run_tick()
	_call, rendered = summary_post(office)
	assert "No Employees on Leave" in rendered and "Ana" not in rendered


@pytest.mark.parametrize("status", ["Left", "Inactive", "Suspended"])
def test_former_staff_get_no_late_leave_note(office, site, status):
	run_tick()
	apply_leave(office.people["ana"], MONDAY, MONDAY, status="Approved")
	apply_leave(office.people["bo"], MONDAY, MONDAY)
	frappe.db.set_value("Employee", office.people["ana"].name, "status", status)
	frappe.db.commit()
	site.run_jobs()
	(note,) = late_notes(office)  # only Bo's
	assert "<@U0BO00001>" in str(note.args["blocks"])
	assert "U0ANA0001" not in str(note.args["blocks"]) + note.args["text"]


def test_absences_query_is_set_based(office, monkeypatch):
	for key in ("ana", "bo", "cy"):
		apply_leave(office.people[key], MONDAY, MONDAY)
	frappe.db.set_value("Employee", office.people["cy"].name, "status", "Left")
	frappe.db.commit()
	calls = []
	real = frappe.get_all

	def counting(doctype, *args, **kwargs):
		calls.append(doctype)
		return real(doctype, *args, **kwargs)

	monkeypatch.setattr(frappe, "get_all", counting)
	rows = erp_attendance.absences_on(frappe.utils.getdate(MONDAY))
	assert sorted(r["employee_name"] for r in rows) == ["Ana Test", "Bo Test"]
	assert calls == ["Leave Application", "Employee", "Slack User Meta"]
