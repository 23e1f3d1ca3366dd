"""What approvers and requesters can do besides Approve: reject with a reason (a modal), withdraw
an Open request, ask to cancel an approved one — through the dispatcher with signed requests and
the Slack mock (which validates every view and message it receives), jobs run as the worker would.
"""

from __future__ import annotations

import frappe
import pytest

import test_leave_mirror
from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_message,
	button_action,
	state_plain_text,
	view_payload,
	view_submission,
)
from test_leave_mirror import HR, filed, records, updates_of
from test_leave_workflow import (
	BOSS,
	BOSS_EMAIL,
	JANE,
	JANE_EMAIL,
	MALLORY,
	ack_ok,
	section_text,
)

world = test_leave_mirror.world  # the fixture: the World with HR (Hal) and Cleo


def requester_click(world, name, action, *, user=JANE, confirmation=None):
	"""A click on a button of Jane's confirmation DM (the one the app posted, unless given)."""
	confirmation = confirmation or world.dms_to(JANE)[0]
	payload = block_actions_message(
		button_action(action, name, block_id="requester_actions_block"),
		channel_id=confirmation.response["channel"],
		message_ts=confirmation.response["ts"],
		user={"id": user, "username": "x", "name": "x", "team_id": "T0TEST0001"},
	)
	return world.interact(payload)


def buttons(message_args) -> list[tuple[str, str]]:
	return [
		(e["action_id"], e.get("value"))
		for b in message_args["blocks"]
		if b["type"] == "actions"
		for e in b["elements"]
	]


def last_ephemeral(app):
	return app.slack.last_call("chat.postEphemeral").args


# ---------------------------------------------------------------------- reject with a reason


def test_reject_with_a_reason_reaches_the_timeline_and_the_requester(world, app):
	name, channel, ts = filed(world, app)
	ack_ok(world.reject(name, reason="  Team offsite that week <b>all hands</b> ", channel=channel, ts=ts))
	doc = world.doc(name)
	assert (doc.status, doc.docstatus, doc.modified_by) == ("Rejected", 1, BOSS_EMAIL)
	[comment] = frappe.get_all("Comment", filters={"reference_name": name}, pluck="content")
	# The reason is the approver's text: escaped for the timeline's HTML, trimmed.
	assert comment == (
		"Rejected via Slack by Bea Boss. Reason: Team offsite that week &lt;b&gt;all hands&lt;/b&gt;"
	)
	app.site.run_jobs()
	[update] = updates_of(app, channel, ts)
	approver_text = section_text(update.args)
	assert "❌ Rejected by *Bea Boss*" in approver_text
	assert "Team offsite that week &lt;b&gt;all hands&lt;/b&gt;" in approver_text
	_confirmation, told = world.dms_to(JANE)
	told_text = section_text(told.args)
	assert "Your leave request was *rejected* by *Bea Boss*." in told_text
	assert "Reason given" in told_text and "Team offsite that week" in told_text
	assert app.error_titles() == []


def test_the_reject_modal_is_validated_and_carries_the_clicked_message(world, app):
	name, channel, ts = filed(world, app)
	ack_ok(world.click(name, action="leave_reject", channel=channel, ts=ts))
	[opened] = app.slack.calls_to("views.open")  # the mock rejected nothing
	view = opened.args["view"]
	[reason_input] = [b for b in view["blocks"] if b.get("block_id") == "reject_reason"]
	assert reason_input["optional"] is True
	assert reason_input["element"]["max_length"] == 500
	assert "Jane Doe" in section_text(view) and name in section_text(view)


def test_a_reason_over_500_characters_is_an_inline_error_and_decides_nothing(world, app):
	name, channel, ts = filed(world, app)
	response = world.reject(name, reason="x" * 501, channel=channel, ts=ts)
	assert response.status_code == 200
	body = response.get_json()
	assert body["response_action"] == "errors"
	assert "500" in body["errors"]["reject_reason"]
	assert world.doc(name).status == "Open"
	app.site.run_jobs()
	assert updates_of(app, channel, ts) == []


def test_reject_prompt_on_a_decided_leave_says_so_and_opens_nothing(world, app):
	name, channel, ts = filed(world, app)
	ack_ok(world.click(name, channel=channel, ts=ts))
	ack_ok(world.click(name, action="leave_reject", channel=channel, ts=ts))
	assert app.slack.calls_to("views.open") == []
	app.site.run_jobs()
	assert "already *Approved*" in section_text(last_ephemeral(app))


def test_someone_else_cannot_open_the_reject_modal(world, app):
	app.site.make_user("mallory@example.com", roles=["Employee", "Leave Approver"])
	frappe.db.commit()
	name, channel, ts = filed(world, app)
	ack_ok(world.click(name, action="leave_reject", user=MALLORY, channel=channel, ts=ts))
	assert app.slack.calls_to("views.open") == []
	assert "not allowed" in section_text(last_ephemeral(app))


def test_a_modal_left_open_while_someone_else_decided_tells_the_approver(world, app):
	name, channel, ts = filed(world, app)
	ack_ok(world.click(name, action="leave_reject", channel=channel, ts=ts))
	# Meanwhile HR approves from their own Slack.
	ack_ok(world.click(name, user=HR, channel="D0HRMG0001"))
	opened = app.slack.last_call("views.open").response["view"]
	view = view_payload(
		callback_id=opened["callback_id"],
		private_metadata=opened["private_metadata"],
		state_values={"reject_reason": {"reject_reason_input": state_plain_text("Too late")}},
	)
	ack_ok(world.interact(view_submission(view, user={"id": BOSS, "username": "x", "name": "x"})))
	assert world.doc(name).status == "Approved"
	app.site.run_jobs()
	eph = last_ephemeral(app)
	assert eph["user"] == BOSS and eph["channel"] == channel
	assert "already *Approved* by *Hal HR*" in section_text(eph)


# ---------------------------------------------------------------------- withdraw


def test_the_confirmation_offers_withdraw_while_open(world, app):
	name, _channel, _ts = filed(world, app)
	[confirmation] = world.dms_to(JANE)
	assert buttons(confirmation.args) == [("leave_withdraw", name)]


def test_withdraw_refused_by_the_desks_rights_is_shown_not_swallowed(world, app):
	# hrms gives the Employee role no delete on Leave Application: the desk would refuse too.
	name, channel, ts = filed(world, app)
	ack_ok(requester_click(world, name, "leave_withdraw"))
	assert frappe.db.exists("Leave Application", name)
	eph = last_ephemeral(app)
	assert eph["user"] == JANE
	assert f"Could not update *{name}*" in section_text(eph)
	app.site.run_jobs()
	assert updates_of(app, channel, ts) == []


def test_withdraw_allowed_deletes_and_rewrites_both_messages(world, app):
	name, channel, ts = filed(world, app)
	# A site that lets employees delete their own drafts (here: Jane is also a Leave Approver).
	frappe.set_user("Administrator")
	frappe.get_doc("User", JANE_EMAIL).add_roles("Leave Approver")
	frappe.set_user("Guest")
	frappe.db.commit()
	[confirmation] = world.dms_to(JANE)
	ack_ok(requester_click(world, name, "leave_withdraw"))
	assert not frappe.db.exists("Leave Application", name)
	assert records(name) == []  # the records went with the document
	app.site.run_jobs()
	[approver_update] = updates_of(app, channel, ts)
	assert "Withdrawn by *Jane Doe*" in section_text(approver_update.args)
	assert buttons(approver_update.args) == []
	[rewritten] = updates_of(app, confirmation.response["channel"], confirmation.response["ts"])
	assert "You withdrew your leave request." in section_text(rewritten.args)
	assert buttons(rewritten.args) == []
	# She did it herself: no extra DM telling her.
	assert len(world.dms_to(JANE)) == 1
	assert app.error_titles() == []


def test_only_the_requester_may_withdraw(world, app):
	name, _channel, _ts = filed(world, app)
	ack_ok(requester_click(world, name, "leave_withdraw", user=BOSS))
	assert frappe.db.exists("Leave Application", name)
	assert "only its requester can do that" in section_text(last_ephemeral(app))


def test_withdraw_after_the_decision_says_it_was_decided(world, app):
	name, channel, ts = filed(world, app)
	[confirmation] = world.dms_to(JANE)
	ack_ok(world.click(name, channel=channel, ts=ts))
	ack_ok(requester_click(world, name, "leave_withdraw", confirmation=confirmation))
	assert world.doc(name).docstatus == 1
	app.site.run_jobs()
	assert "already *Approved*" in section_text(last_ephemeral(app))


@pytest.mark.parametrize("outcome", ["Approved", "Rejected"])
def test_the_confirmation_follows_the_decision(world, app, outcome):
	name, channel, ts = filed(world, app)
	[confirmation] = world.dms_to(JANE)
	if outcome == "Approved":
		ack_ok(world.click(name, channel=channel, ts=ts))
	else:
		ack_ok(world.reject(name, reason="Busy week", channel=channel, ts=ts))
	app.site.run_jobs()
	[rewritten] = updates_of(app, confirmation.response["channel"], confirmation.response["ts"])
	assert f"*{outcome.lower()}* by *Bea Boss*" in section_text(rewritten.args)
	assert ("leave_withdraw", name) not in buttons(rewritten.args)


def test_the_withdraw_click_is_answered_in_janes_language(world, app):
	name, _channel, _ts = filed(world, app)
	frappe.db.set_value("User", JANE_EMAIL, "language", "de")
	frappe.db.commit()
	ack_ok(requester_click(world, name, "leave_withdraw"))
	assert f"*{name}* konnte nicht aktualisiert werden" in section_text(last_ephemeral(app))


# ---------------------------------------------------------------------- ask to cancel

LATER = "2026-12-03"  # after the World's frozen today: not started yet


def approved_later(world, app, **fields):
	"""A leave two days ahead, approved from Slack, every job run; (name, approver DM channel, ts)."""
	name = world.leave(from_date=LATER, to_date=LATER, **fields)
	post = world.approver_dm(name)
	channel, ts = post.response["channel"], post.response["ts"]
	ack_ok(world.click(name, channel=channel, ts=ts))
	app.site.run_jobs()
	return name, channel, ts


def confirmation_now(world, app):
	"""Jane's confirmation DM as it reads now (its last rewrite)."""
	[confirmation] = world.dms_to(JANE)[:1]
	rewrites = updates_of(app, confirmation.response["channel"], confirmation.response["ts"])
	return confirmation, (rewrites[-1].args if rewrites else confirmation.args)


def cancellation_dms(world):
	return [c for c in world.dms_to(BOSS) if any(a == "leave_cancel" for a, _ in buttons(c.args))]


def test_an_approved_leave_not_started_offers_ask_to_cancel(world, app):
	name, _channel, _ts = approved_later(world, app)
	_confirmation, now = confirmation_now(world, app)
	assert buttons(now) == [("leave_ask_cancel", name)]


def test_a_leave_that_has_started_offers_nothing(world, app):
	name, channel, ts = filed(world, app)  # from today
	ack_ok(world.click(name, channel=channel, ts=ts))
	app.site.run_jobs()
	_confirmation, now = confirmation_now(world, app)
	assert buttons(now) == []
	# An old message's button still answers sensibly.
	ack_ok(requester_click(world, name, "leave_ask_cancel"))
	assert "cannot be cancelled from Slack" in section_text(last_ephemeral(app))
	assert cancellation_dms(world) == []


def ask_to_cancel(world, app, name, user=JANE):
	ack_ok(requester_click(world, name, "leave_ask_cancel", user=user))
	app.site.run_jobs()


def answer(world, request, action, user=BOSS):
	"""A click on the approver's cancellation request: `leave_cancel` or `leave_keep`."""
	[value] = [v for a, v in buttons(request.args) if a == action]
	payload = block_actions_message(
		button_action(action, value, block_id="cancellation_actions_block"),
		channel_id=request.response["channel"],
		message_ts=request.response["ts"],
		user={"id": user, "username": "x", "name": "x", "team_id": "T0TEST0001"},
	)
	return world.interact(payload)


def test_ask_to_cancel_then_cancel_leave(world, app):
	name, channel, ts = approved_later(world, app)
	ask_to_cancel(world, app, name)
	[request] = cancellation_dms(world)  # the mock validated it
	assert "asks to cancel this approved leave" in section_text(request.args)
	assert buttons(request.args) == [("leave_cancel", name), ("leave_keep", name)]
	sent = last_ephemeral(app)
	assert sent["user"] == JANE
	assert f"Your request to cancel *{name}* was sent to *Bea Boss*." in section_text(sent)
	assert [r["purpose"] for r in records(name)].count("Cancellation Request") == 1

	ack_ok(answer(world, request, "leave_cancel", user=BOSS))
	doc = world.doc(name)
	assert (doc.status, doc.docstatus) == ("Cancelled", 2)
	comments = frappe.get_all("Comment", filters={"reference_name": name}, pluck="content")
	assert "Cancelled via Slack by Bea Boss, as the employee asked" in comments
	app.site.run_jobs()
	[answered] = updates_of(app, request.response["channel"], request.response["ts"])
	assert section_text(answered.args).endswith("🚫 Cancelled by *Bea Boss*")
	assert buttons(answered.args) == []
	assert section_text(world.update_in(channel).args).endswith("🚫 Cancelled by *Bea Boss*")
	_confirmation, now = confirmation_now(world, app)
	assert "*cancelled* by *Bea Boss*" in section_text(now) and buttons(now) == []
	assert "Your leave request was *cancelled* by *Bea Boss*." in section_text(world.dms_to(JANE)[-1].args)
	assert app.error_titles() == []
	assert ts


def test_ask_to_cancel_then_keep_exactly_once(world, app):
	name, _channel, _ts = approved_later(world, app)
	ask_to_cancel(world, app, name)
	[request] = cancellation_dms(world)
	dms_before = len(world.dms_to(JANE))
	ack_ok(answer(world, request, "leave_keep"))
	ack_ok(answer(world, request, "leave_keep"))  # a double click answers nothing twice
	app.site.run_jobs()
	doc = world.doc(name)
	assert (doc.status, doc.docstatus) == ("Approved", 1)
	[answered] = updates_of(app, request.response["channel"], request.response["ts"])
	assert section_text(answered.args).endswith("👍 Kept by *Bea Boss*: the leave stays approved")
	assert buttons(answered.args) == []
	assert len(world.dms_to(JANE)) == dms_before + 1
	assert "*Bea Boss* kept your approved leave: it was not cancelled." in section_text(
		world.dms_to(JANE)[-1].args
	)
	comments = frappe.get_all("Comment", filters={"reference_name": name}, pluck="content")
	assert comments.count("Kept via Slack by Bea Boss: the employee's request to cancel was declined") == 1
	# Kept, she may ask again: a new request goes out.
	ask_to_cancel(world, app, name)
	assert len(cancellation_dms(world)) == 2


def test_asking_twice_asks_once(world, app):
	name, _channel, _ts = approved_later(world, app)
	ack_ok(requester_click(world, name, "leave_ask_cancel"))
	ack_ok(requester_click(world, name, "leave_ask_cancel"))  # before the job ran
	assert "You already asked *Bea Boss*" in section_text(last_ephemeral(app))
	app.site.run_jobs()
	ask_to_cancel(world, app, name)  # after it was posted
	assert "You already asked *Bea Boss*" in section_text(last_ephemeral(app))
	assert len(cancellation_dms(world)) == 1


def test_only_the_requester_may_ask_to_cancel(world, app):
	name, _channel, _ts = approved_later(world, app)
	ask_to_cancel(world, app, name, user=BOSS)
	assert "only its requester can do that" in section_text(last_ephemeral(app))
	assert cancellation_dms(world) == []


def test_only_the_approver_or_hr_may_answer(world, app):
	app.site.make_user("mallory@example.com", roles=["Employee", "Leave Approver"])
	frappe.db.commit()
	name, _channel, _ts = approved_later(world, app)
	ask_to_cancel(world, app, name)
	[request] = cancellation_dms(world)
	ack_ok(answer(world, request, "leave_keep", user=MALLORY))
	ack_ok(answer(world, request, "leave_cancel", user=MALLORY))
	assert world.doc(name).status == "Approved"
	assert "not allowed" in section_text(last_ephemeral(app))
	app.site.run_jobs()
	assert updates_of(app, request.response["channel"], request.response["ts"]) == []


def test_cancel_leave_twice_cancels_once(world, app):
	name, _channel, _ts = approved_later(world, app)
	ask_to_cancel(world, app, name)
	[request] = cancellation_dms(world)
	ack_ok(answer(world, request, "leave_cancel"))
	ack_ok(answer(world, request, "leave_cancel"))
	app.site.run_jobs()
	assert world.doc(name).docstatus == 2
	assert "already *Cancelled*" in section_text(last_ephemeral(app))
	told = [c for c in world.dms_to(JANE) if "*cancelled*" in section_text(c.args)]
	assert len(told) == 1


def test_ask_to_cancel_when_the_approver_is_not_in_slack(world, app):
	name, _channel, _ts = approved_later(world, app)
	frappe.db.delete("Slack User Meta", {"user": BOSS_EMAIL})
	frappe.db.commit()
	app.slack.remove_user(BOSS)
	ask_to_cancel(world, app, name)
	assert cancellation_dms(world) == []
	assert "could not be sent to Bea Boss" in section_text(last_ephemeral(app))
	assert app.error_titles() == ["Leave cancellation request not sent: approver has no Slack account"]
