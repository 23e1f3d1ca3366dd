"""The flows through the outbox (issue 23): a leave filed while Slack is down reaches its approver
once Slack is back, a decision that overtakes the requester's confirmation leaves her ONE
message in the decided state, and rewrites of one message owed before the outbox ran reach
Slack as the latest only."""

from __future__ import annotations

import frappe

import test_leave_mirror
from frappe_slack_connector.erp import deliveries
from frappe_slack_connector.outbox import relay
from test_leave_actions import LATER, buttons
from test_leave_mirror import HR_EMAIL, as_user, decide_in_desk, filed, has_buttons, updates_of
from test_leave_workflow import BOSS, JANE, TODAY, ack_ok, section_text

world = test_leave_mirror.world  # the fixture: the World with HR (Hal) and Cleo


def statuses() -> list[str]:
	return sorted(frappe.get_all(deliveries.DOCTYPE, pluck="status"))


def test_a_leave_filed_during_an_outage_reaches_the_approver_once_after_recovery(world, app):
	with app.slack.outage():
		name = world.leave()
		app.site.run_jobs()  # the drain meets the outage: every delivery waits for a retry
		waiting = frappe.get_all(
			deliveries.DOCTYPE,
			filters={"method": "chat.postMessage"},
			fields=["status", "attempts", "last_error"],
			order_by="name asc",
		)
		# The request (the head of the leave's sequence) was tried; the confirmation waits behind it.
		assert [w.status for w in waiting] == ["Pending", "Pending"]
		assert [w.attempts >= 1 for w in waiting] == [True, False]
		assert "connection_error" in waiting[0].last_error
	assert world.dms_to(BOSS) == [] and world.dms_to(JANE) == []
	app.site.freeze_time(f"{TODAY} 10:05:00")  # Slack is back; the retries are due
	relay.drain()  # the scheduler's safety net
	[request] = world.dms_to(BOSS)  # exactly once
	assert name in section_text(request.args) and has_buttons(request.args)
	assert app.slack.count_with_metadata(BOSS) == 1
	assert len(world.dms_to(JANE)) == 1  # her confirmation too, once
	assert set(statuses()) <= {"Delivered", "Dropped"}
	assert app.error_titles() == []


def test_a_decision_before_the_confirmation_went_out_leaves_one_message_in_the_decided_state(world, app):
	"""The race measured on a real site: a leave filed in the desk and approved from Slack within
	seconds, before the confirmation's delivery ran. The requester gets ONE message, in the
	decided state, with Ask to cancel; the approver's request shows the decision."""
	name = world.leave(from_date=LATER, to_date=LATER)  # owed, not delivered yet
	ack_ok(world.click(name))  # approved from Slack before the outbox ran
	assert world.doc(name).status == "Approved"
	app.site.run_jobs()
	[told] = world.dms_to(JANE)  # the confirmation and the outcome are one message
	assert "approved" in section_text(told.args).lower()
	assert buttons(told.args) == [("leave_ask_cancel", name)]
	[request] = world.dms_to(BOSS)
	shown = request.args
	rewrites = updates_of(app, request.response["channel"], request.response["ts"])
	if rewrites:
		shown = rewrites[-1].args
	assert not has_buttons(shown) and "Approved by" in section_text(shown)
	assert app.error_titles() == []


def test_rewrites_of_one_message_owed_before_the_outbox_ran_coalesce_into_the_latest(world, app):
	name, channel, ts = filed(world, app)
	decide_in_desk(name, "Approved")  # owes a rewrite of Bea's DM
	as_user(HR_EMAIL, lambda: frappe.get_doc("Leave Application", name).cancel())  # and another
	app.site.run_jobs()
	[update] = updates_of(app, channel, ts)  # only the latest reached Slack
	assert section_text(update.args).endswith("🚫 Cancelled by *Hal HR*")
	assert app.slack.messages[(channel, ts)]["blocks"] == update.args["blocks"]
	superseded = frappe.get_all(
		deliveries.DOCTYPE,
		filters={"method": "chat.update", "status": "Dropped", "last_error": ("like", "superseded by %")},
		pluck="name",
	)
	assert superseded
	assert app.error_titles() == []
