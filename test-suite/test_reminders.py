"""The daily reminder to leave approvers (issue 13), through the scheduler job and the Slack
dispatcher, with the Slack mock (every posted and updated message is Block Kit-validated by it,
and the app fixture fails a test that calls Slack under a row lock)."""

from __future__ import annotations

import threading
import time

import frappe
import pytest
from frappe.utils import background_jobs

from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import reminders as erp_reminders
from frappe_slack_connector.flows.leave import reminders
from frappe_slack_connector.outbox import relay
from frappe_slack_connector.slack import client as slack_client
from frappe_slack_connector.tasks import daily as daily_tasks
from test_leave_approval_workflow import one_level, two_level
from test_leave_mirror import CLEO, CLEO_EMAIL, HR_EMAIL, as_user, decide_in_desk
from test_leave_mirror import world as world  # noqa: PLC0414 - the fixture, re-exported
from test_leave_workflow import BOSS, BOSS_EMAIL, CASUAL, ack_ok

FILED = "2026-12-01"  # Tuesday: the World files its leaves at 10:00
NEXT_DAY = "2026-12-02"
HEADER = "Leave requests waiting for you"
MAX_EMAIL = "max@example.com"
MAX = "U0MAXX0001"


@pytest.fixture
def office(world, app):
	"""Jane's two Open leaves wait for Bea Boss, Max's one for Cleo Chief; both approvers got
	their approval DMs (which linked them to Slack), reminders are on (after 24 hours)."""
	return set_up(world, app)


def set_up(world, app):
	site = app.site
	frappe.db.set_single_value("Global Defaults", "default_company", "Test Co")
	world.max = site.make_employee(
		MAX_EMAIL, first_name="Max", last_name="Mann", leave_approver=CLEO_EMAIL
	).name
	site.make_allocation(world.max, CASUAL, "2026-01-01", "2026-12-31", new_leaves_allocated=10)
	frappe.db.commit()
	app.slack.add_user(id=MAX, email=MAX_EMAIL, real_name="Max Mann")
	app.configure(remind_approvers=1)
	world.later = world.leave(from_date="2026-12-09", to_date="2026-12-10", posting_date="2026-12-01")
	world.earlier = world.leave(from_date="2026-12-07", to_date="2026-12-07", posting_date="2026-11-30")
	world.maxs = leave_of(world.max, MAX_EMAIL, "2026-12-08")
	site.run_jobs()
	assert frappe.db.get_value("Slack User Meta", {"user": BOSS_EMAIL}, "slack_user_id") == BOSS
	assert frappe.db.get_value("Slack User Meta", {"user": CLEO_EMAIL}, "slack_user_id") == CLEO
	app.slack.reset_calls()
	return world


def leave_of(employee, user, day):
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(
			{
				"doctype": "Leave Application",
				"employee": employee,
				"leave_type": CASUAL,
				"from_date": day,
				"to_date": day,
				"leave_approver": CLEO_EMAIL,
				"posting_date": FILED,
			}
		).insert()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	return doc.name


def tick():
	"""One scheduler tick, as Administrator like the scheduler."""
	frappe.set_user("Administrator")
	try:
		result = daily_tasks.approver_reminders()
	finally:
		frappe.set_user("Guest")
	background_jobs.run_jobs()  # what the tick owed, delivered as a worker would
	return result


def reminder_posts(app, channel=None):
	return [
		c
		for c in app.slack.calls_to("chat.postMessage")
		if c.args["blocks"]
		and c.args["blocks"][0]["type"] == "header"
		and c.args["blocks"][0]["text"]["text"] in (HEADER, "Urlaubsanträge, die auf Sie warten")
		and (channel is None or c.args["channel"] == channel)
	]


def rows(message) -> list[tuple[str, list[tuple[str, str]]]]:
	"""(section text, [(action_id, value)] of the actions block after it) per listed request."""
	out = []
	for block in message["blocks"][2:]:
		if block["type"] == "section":
			out.append((block["text"]["text"], []))
		elif block["type"] == "actions":
			out[-1][1].extend((e["action_id"], e["value"]) for e in block["elements"])
	return out


def claims():
	return {
		row.approver: row
		for row in frappe.get_all(
			"Slack Approver Reminder", fields=["approver", "day", "status", "channel", "ts", "error"]
		)
	}


# ---------------------------------------------------------------------- when it goes out


@pytest.mark.parametrize(
	("moment", "configure", "reason"),
	[
		(f"{NEXT_DAY} 07:59:00", {}, "before_time"),  # before the Attendance time (08:00)
		(f"{NEXT_DAY} 10:30:00", {"remind_approvers": 0}, "disabled"),
		("2026-12-25 10:30:00", {}, "holiday"),  # in the company's default Holiday List
	],
)
def test_no_reminder_before_time_when_off_or_on_a_holiday(office, app, moment, configure, reason):
	app.configure(**configure)
	app.site.freeze_time(moment)
	assert tick() == {"reason": reason, "approvers": {}}
	assert reminder_posts(app) == [] and claims() == {}


def test_requests_younger_than_the_setting_are_not_due(office, app):
	# Filed on Dec 1 at 10:00: at 09:30 the next day they have waited 23.5 hours.
	app.site.freeze_time(f"{NEXT_DAY} 09:30:00")
	assert tick() == {"reason": "ok", "approvers": {}}
	app.configure(reminder_after_hours=20)
	assert tick()["approvers"] == {BOSS_EMAIL: "sent", CLEO_EMAIL: "sent"}


def test_each_approver_gets_one_dm_listing_their_open_requests_oldest_first(office, app):
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	assert tick() == {"reason": "ok", "approvers": {BOSS_EMAIL: "sent", CLEO_EMAIL: "sent"}}
	[boss] = reminder_posts(app, BOSS)
	[cleo] = reminder_posts(app, CLEO)
	listed = rows(boss.args)
	# Submitted Nov 30 before Dec 1, whatever the order they were filed in.
	assert [buttons for _text, buttons in listed] == [
		[("leave_approve", office.earlier), ("leave_reject", office.earlier)],
		[("leave_approve", office.later), ("leave_reject", office.later)],
	]
	assert "Still open, oldest first: 2." in boss.args["text"]
	assert f"{office.earlier}>, requested by <@U0JANE0001>" in listed[0][0]
	assert "Casual Leave · Dec 07, 2026 (Mon) · *Total Days:* 1" in listed[0][0]
	assert "Dec 09, 2026 (Wed) \u2013 Dec 10, 2026 (Thu)" in listed[1][0]  # en dash
	assert [b["block_id"] for b in boss.args["blocks"] if b["type"] == "actions"] == [
		"leave_reminder_actions_0",
		"leave_reminder_actions_1",
	]
	assert [buttons for _text, buttons in rows(cleo.args)] == [
		[("leave_approve", office.maxs), ("leave_reject", office.maxs)]
	]
	stored = claims()
	assert {a: (c.status, str(c.day)) for a, c in stored.items()} == {
		BOSS_EMAIL: ("Sent", NEXT_DAY),
		CLEO_EMAIL: ("Sent", NEXT_DAY),
	}
	assert (stored[BOSS_EMAIL].channel, stored[BOSS_EMAIL].ts) == (
		boss.response["channel"],
		boss.response["ts"],
	)
	# Recorded under each listed application, so a change to any of them rewrites it.
	recorded = frappe.get_all(
		"Slack Message",
		filters={"purpose": "Approval Reminder"},
		fields=["reference_name", "recipient", "channel", "ts"],
	)
	assert sorted((r.reference_name, r.recipient, r.ts) for r in recorded) == sorted(
		[
			(office.earlier, BOSS_EMAIL, boss.response["ts"]),
			(office.later, BOSS_EMAIL, boss.response["ts"]),
			(office.maxs, CLEO_EMAIL, cleo.response["ts"]),
		]
	)
	assert app.error_titles() == []


def test_decided_requests_and_those_of_people_who_left_are_not_listed(office, app):
	decide_in_desk(office.earlier, "Approved")
	frappe.db.set_value("Employee", office.max, "status", "Left")
	frappe.db.commit()
	app.site.run_jobs()
	app.slack.reset_calls()
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	assert tick()["approvers"] == {BOSS_EMAIL: "sent"}
	[boss] = reminder_posts(app)
	assert [buttons for _text, buttons in rows(boss.args)] == [
		[("leave_approve", office.later), ("leave_reject", office.later)]
	]


def test_two_ticks_send_one_reminder_per_approver_and_the_next_day_another(office, app):
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	tick()
	app.site.freeze_time(f"{NEXT_DAY} 10:34:00")
	assert tick()["approvers"] == {BOSS_EMAIL: "already_sent", CLEO_EMAIL: "already_sent"}
	assert len(reminder_posts(app, BOSS)) == 1 and len(reminder_posts(app, CLEO)) == 1
	app.site.freeze_time("2026-12-03 10:30:00")
	assert tick()["approvers"] == {BOSS_EMAIL: "sent", CLEO_EMAIL: "sent"}
	assert len(reminder_posts(app, BOSS)) == 2


def test_concurrent_ticks_send_one_reminder_per_approver(office, app, monkeypatch):
	original = slack_client.call_json

	def slow_call(client, method, body):
		time.sleep(0.2)  # widen the race: both ticks pass the gate and the query before either posts
		return original(client, method, body)

	monkeypatch.setattr(slack_client, "call_json", slow_call)
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	results = []

	def run():
		results.append(tick())
		frappe.db.commit()  # the worker ends its transaction

	threads = [threading.Thread(target=run) for _ in range(2)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	outcomes = sorted(outcome for r in results for outcome in r["approvers"].values())
	assert outcomes == ["already_sent", "already_sent", "sent", "sent"]
	assert len(reminder_posts(app, BOSS)) == 1 and len(reminder_posts(app, CLEO)) == 1


def test_a_claim_taken_by_another_worker_is_never_posted_twice(office, app):
	"""The race the pre-check (`claimed_on`) cannot see: another worker claimed the day after this
	tick read the claims. The insert of the same claim is refused, nothing is posted, no row lock
	is kept (the app fixture would fail the test), nothing is logged."""
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	frappe.set_user("Administrator")
	try:
		assert erp_reminders.claim(BOSS_EMAIL, NEXT_DAY, 2) is not None
		erp_reminders.commit_claim()  # the other worker's claim, committed
		names = [office.earlier, office.later]
		assert reminders.remind(BOSS_EMAIL, names, frappe.utils.getdate(NEXT_DAY)) == "already_sent"
	finally:
		frappe.set_user("Guest")
	assert reminder_posts(app) == []
	assert claims()[BOSS_EMAIL].status == "Sending"
	assert app.error_titles() == []


def test_slack_refusing_one_dm_logs_it_and_the_others_are_still_sent(office, app):
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	# Slack refuses Bea Boss's (the relay sends both at once: named by channel, not by order).
	app.slack.fail_next("chat.postMessage", error="account_inactive", channel=BOSS)
	# Both owed (the tick's answer); the outbox then finds Bea's refused for good.
	assert tick()["approvers"] == {BOSS_EMAIL: "sent", CLEO_EMAIL: "sent"}
	refused, sent = BOSS_EMAIL, CLEO_EMAIL
	assert len(reminder_posts(app, BOSS)) == 1 and not reminder_posts(app, BOSS)[0].response["ok"]
	assert len(reminder_posts(app, CLEO)) == 1
	assert app.error_titles() == ["Leave reminder not sent: account_inactive"]
	stored = claims()
	assert (stored[refused].status, stored[refused].error) == ("Not Sent", "account_inactive")
	assert stored[sent].status == "Sent"
	# The refusal is logged once a day, not on every tick: the claim stays.
	assert tick()["approvers"] == {BOSS_EMAIL: "already_sent", CLEO_EMAIL: "already_sent"}
	assert len(app.error_titles()) == 1


@pytest.mark.parametrize("status", [500, 0])
def test_a_reminder_slack_may_have_posted_is_never_posted_again(office, app, status):
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	app.slack.stamp_from(erp_clock.epoch_seconds(erp_clock.now()))  # the outbox looks by time
	app.slack.fail_after_doing_next("chat.postMessage", status=status, channel=BOSS)
	assert tick()["approvers"] == {BOSS_EMAIL: "sent", CLEO_EMAIL: "sent"}  # both owed
	unknown = BOSS_EMAIL
	assert len(reminder_posts(app)) == 2  # Slack's answer lost: looked for before any retry
	assert tick()["approvers"][unknown] == "already_sent"
	app.site.freeze_time(f"{NEXT_DAY} 10:35:00")  # past the retry's backoff
	relay.drain()  # the scheduler's safety net
	assert len(reminder_posts(app)) == 2  # the one Slack did post, and the other approver's
	assert app.slack.calls_to("conversations.history")  # found there, not posted again
	(posted,) = reminder_posts(app, BOSS)
	delivery = posted.args["metadata"]["event_payload"]["delivery"]
	((_channel, message),) = app.slack.messages_with_metadata(BOSS, delivery=delivery)
	assert (claims()[unknown].status, claims()[unknown].ts) == ("Sent", message["ts"])
	assert app.error_titles() == []


def test_an_approver_without_slack_is_skipped_and_reminded_once_linked(office, app):
	frappe.db.delete("Slack User Meta", {"user": CLEO_EMAIL})
	frappe.db.commit()
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	assert tick()["approvers"] == {BOSS_EMAIL: "sent", CLEO_EMAIL: "no_slack_account"}
	assert CLEO_EMAIL not in claims()  # nothing claimed, nothing lost
	office.link(CLEO_EMAIL, CLEO)
	assert tick()["approvers"] == {BOSS_EMAIL: "already_sent", CLEO_EMAIL: "sent"}
	assert len(reminder_posts(app, CLEO)) == 1
	assert app.error_titles() == []


def test_the_reminder_is_in_the_approvers_language(office, app):
	frappe.db.set_value("User", BOSS_EMAIL, "language", "de")
	frappe.db.commit()
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	tick()
	[boss] = reminder_posts(app, BOSS)
	assert boss.args["blocks"][0]["text"]["text"] == "Urlaubsanträge, die auf Sie warten"
	assert "Noch offen, die ältesten zuerst: 2." in boss.args["text"]
	assert [e["text"]["text"] for e in boss.args["blocks"][3]["elements"]] == ["Genehmigen", "Ablehnen"]


# ---------------------------------------------------------------------- deciding from the reminder


def posted_reminder(office, app):
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	tick()
	[boss] = reminder_posts(app, BOSS)
	return boss.response["channel"], boss.response["ts"]


def reminder_updates(app, channel, ts):
	return [
		c for c in app.slack.calls_to("chat.update") if (c.args["channel"], c.args["ts"]) == (channel, ts)
	]


def test_approve_in_the_reminder_decides_and_the_reminder_shows_it(office, app):
	channel, ts = posted_reminder(office, app)
	ack_ok(office.click(office.earlier, channel=channel, ts=ts))
	app.site.run_jobs()
	doc = office.doc(office.earlier)
	assert (doc.status, doc.docstatus) == ("Approved", 1)
	[update] = reminder_updates(app, channel, ts)
	listed = rows(update.args)
	# The decided row shows the outcome and lost its buttons; the other is still open.
	assert "✅ Approved by *Bea Boss*" in listed[0][0] and listed[0][1] == []
	assert listed[1][1] == [("leave_approve", office.later), ("leave_reject", office.later)]
	assert "Still open, oldest first: 1." in update.args["text"]
	# The clicked reminder is not taken for an approval DM (it would be overwritten by one request).
	purposes = frappe.get_all(
		"Slack Message", filters={"channel": channel, "ts": ts}, pluck="purpose", order_by="creation asc"
	)
	assert purposes == ["Approval Reminder", "Approval Reminder"]
	# The approval DM of that request is rewritten as well, to its final state.
	[dm] = frappe.get_all(
		"Slack Message",
		filters={"reference_name": office.earlier, "purpose": "Approval Request"},
		fields=["channel", "ts"],
	)
	[dm_update] = reminder_updates(app, dm.channel, dm.ts)
	assert "✅ Approved by *Bea Boss*" in dm_update.args["text"]
	assert app.error_titles() == []


def test_reject_in_the_reminder_then_approve_the_other(office, app):
	channel, ts = posted_reminder(office, app)
	ack_ok(office.reject(office.later, reason="Team offsite", channel=channel, ts=ts))
	app.site.run_jobs()
	assert office.doc(office.later).status == "Rejected"
	ack_ok(office.click(office.earlier, channel=channel, ts=ts))
	app.site.run_jobs()
	last = reminder_updates(app, channel, ts)[-1]
	listed = rows(last.args)
	assert "✅ Approved by *Bea Boss*" in listed[0][0]
	assert "❌ Rejected by *Bea Boss*" in listed[1][0] and "Team offsite" not in last.args["text"]
	assert all(buttons == [] for _text, buttons in listed)
	assert "Every request in this reminder has been decided." in last.args["text"]


def test_a_request_decided_in_the_desk_shows_in_the_reminder(office, app):
	channel, ts = posted_reminder(office, app)
	decide_in_desk(office.later, "Rejected")
	app.site.run_jobs()
	[update] = reminder_updates(app, channel, ts)
	listed = rows(update.args)
	assert "❌ Rejected by *Bea Boss*" in listed[1][0]
	assert listed[0][1] == [("leave_approve", office.earlier), ("leave_reject", office.earlier)]


def test_a_request_withdrawn_meanwhile_shows_as_withdrawn(office, app):
	channel, ts = posted_reminder(office, app)
	frappe.set_user("Administrator")
	try:
		frappe.delete_doc("Leave Application", office.earlier)
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	app.site.run_jobs()
	[update] = reminder_updates(app, channel, ts)
	listed = rows(update.args)
	assert "🗑️ Deleted by *Administrator*" in listed[0][0] and listed[0][1] == []
	assert listed[1][1] == [("leave_approve", office.later), ("leave_reject", office.later)]


def test_a_request_handed_to_another_approver_moves_to_their_reminder(office, app):
	channel, ts = posted_reminder(office, app)

	def reassign():
		doc = frappe.get_doc("Leave Application", office.later)
		doc.leave_approver = CLEO_EMAIL
		doc.save()

	as_user(HR_EMAIL, reassign)
	app.site.run_jobs()
	[update] = reminder_updates(app, channel, ts)
	listed = rows(update.args)
	assert "↪️ Reassigned to *Cleo Chief* by *Hal HR*" in listed[1][0] and listed[1][1] == []
	assert listed[0][1] == [("leave_approve", office.earlier), ("leave_reject", office.earlier)]
	# Approving it later (as Cleo) keeps Bea's row true: it says who decided it in the end.
	decide_in_desk(office.later, "Approved", user=CLEO_EMAIL)
	app.site.run_jobs()
	assert "✅ Approved by *Cleo Chief*" in rows(reminder_updates(app, channel, ts)[-1].args)[1][0]
	# The next day, Cleo's reminder lists it no more (decided), Bea's lists only hers.
	app.slack.reset_calls()
	app.site.freeze_time("2026-12-03 10:30:00")
	assert tick()["approvers"] == {BOSS_EMAIL: "sent", CLEO_EMAIL: "sent"}
	[boss] = reminder_posts(app, BOSS)
	assert [buttons for _text, buttons in rows(boss.args)] == [
		[("leave_approve", office.earlier), ("leave_reject", office.earlier)]
	]
	assert app.error_titles() == []


# ---------------------------------------------------------------------- a site with a workflow


def test_on_a_workflow_site_the_rows_offer_the_transitions_the_approver_can_take(world, app):
	one_level(reject_role="HR Manager")  # only HR may reject
	office = set_up(world, app)
	channel, ts = posted_reminder(office, app)
	[boss] = reminder_posts(app, BOSS)
	listed = rows(boss.args)
	assert [buttons for _text, buttons in listed] == [
		[("leave_approve", office.earlier)],
		[("leave_approve", office.later)],
	]
	assert all("🔀 Workflow state: *Open*" in text for text, _buttons in listed)
	ack_ok(office.click(office.earlier, channel=channel, ts=ts))
	app.site.run_jobs()
	assert office.doc(office.earlier).workflow_state == "Approved"
	assert "✅ Approved by *Bea Boss*" in rows(reminder_updates(app, channel, ts)[-1].args)[0][0]


def test_a_workflow_step_that_does_not_decide_shows_where_the_request_went(world, app):
	two_level()  # Bea's Approve moves it to Pending HR; HR decides
	office = set_up(world, app)
	channel, ts = posted_reminder(office, app)
	ack_ok(office.click(office.earlier, channel=channel, ts=ts))
	app.site.run_jobs()
	doc = office.doc(office.earlier)
	assert (doc.workflow_state, doc.docstatus) == ("Pending HR", 0)
	listed = rows(reminder_updates(app, channel, ts)[-1].args)
	assert "🔀 Workflow state: *Pending HR*" in listed[0][0] and listed[0][1] == []
	assert listed[1][1] == [("leave_approve", office.later), ("leave_reject", office.later)]
	# The next day Bea is reminded only of what is still hers to decide.
	app.slack.reset_calls()
	app.site.freeze_time("2026-12-03 10:30:00")
	tick()
	[boss] = reminder_posts(app, BOSS)
	assert [buttons for _text, buttons in rows(boss.args)] == [
		[("leave_approve", office.later), ("leave_reject", office.later)]
	]
	assert app.error_titles() == []
