"""The approval engine end to end for Expense Claim and Employee Advance: the approver's DM when
the document is filed, Approve and Reject (with a reason) through Frappe's dispatcher with signed
requests and the Slack mock (which validates every blocks/view it receives), a refused approver,
a workflow site, desk changes mirrored, the daily reminder and the Home tab's list. The documents
are the double's hrms v15 controllers (test-suite/doubles/hrms/hr/doctype/expense_claim,
employee_advance: hrms/hr/doctype/expense_claim/expense_claim.py, employee_advance.py)."""

from __future__ import annotations

import frappe
import pytest

from frappe_slack_connector import core
from frappe_slack_connector.erp import approvals as erp_approvals
from frappe_slack_connector.flows import dispatch
from frappe_slack_connector.flows.home import jobs as home_jobs
from frappe_slack_connector.tasks import daily as daily_tasks
from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_message,
	button_action,
	interaction_request,
	state_plain_text,
	view_payload,
	view_submission,
)
from test_leave_workflow import World as LeaveWorld

JANE = "U0JANE0001"
BOSS = "U0BOSS0001"
MALLORY = "U0MALL0001"
JANE_EMAIL = "jane@example.com"
BOSS_EMAIL = "boss@example.com"
MALLORY_EMAIL = "mallory@example.com"
TODAY = "2026-12-01"  # a Tuesday
NEXT_DAY = "2026-12-02"


class World:
	"""Test Co (EUR, the German number format) set up for claims and advances; Jane (employee)
	whose expense approver is Bea Boss (Expense Approver), both in Slack; the engine's documents
	turned on in Slack Settings."""

	def __init__(self, app):
		self.app = app
		site = app.site
		site.freeze_time(f"{TODAY} 10:00:00")
		site.make_holiday_list("HL 2026", "2026-01-01", "2026-12-31", holidays=["2026-12-25"])
		site.make_company("Test Co", default_holiday_list="HL 2026")
		site.setup_expense_company("Test Co", currency="EUR", symbol="€")
		site.set_number_format("#.###,##")
		site.make_user(BOSS_EMAIL, roles=["Employee", "Expense Approver"], full_name="Bea Boss")
		site.make_user(MALLORY_EMAIL, roles=["Employee"], full_name="Mallory")
		self.employee = site.make_employee(
			JANE_EMAIL, first_name="Jane", last_name="Doe", expense_approver=BOSS_EMAIL
		).name
		frappe.db.commit()
		app.configure(
			approval_documents=[
				{"document_type": "Expense Claim", "enabled": 1},
				{"document_type": "Employee Advance", "enabled": 1},
			]
		)
		app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane")
		app.slack.add_user(id=BOSS, email=BOSS_EMAIL, real_name="Bea Boss", name="bea")
		app.slack.add_user(id=MALLORY, email=MALLORY_EMAIL, real_name="Mallory")

	def claim(self, **fields):
		"""A claim saved in the desk as Jane's draft (its after_insert owes the approver's DM)."""
		doc = self.app.site.make_expense_claim(
			self.employee,
			[
				{
					"expense_type": "Travel",
					"amount": 834.5,
					"expense_date": TODAY,
					"description": "<p>Train</p>",
				},
				{"expense_type": "Food", "amount": 400, "expense_date": TODAY},
			],
			expense_approver=BOSS_EMAIL,
			**fields,
		)
		frappe.db.commit()
		return doc.name

	def advance(self, amount=500, **fields):
		doc = self.app.site.make_employee_advance(
			self.employee, amount, purpose="Conference travel", **fields
		)
		frappe.db.commit()
		return doc.name

	def interact(self, payload):
		return self.app.send(interaction_request(payload, secret=self.app.secret))

	def click(self, action, name, *, user=BOSS, channel="D0BOSS0001", ts="1700000000.000100", block="b"):
		payload = block_actions_message(
			button_action(action, name, block_id=block),
			channel_id=channel,
			message_ts=ts,
			user={"id": user, "username": "x", "name": "x", "team_id": "T0TEST0001"},
		)
		return self.interact(payload)

	def reject(self, action, name, reason, *, user=BOSS, channel="D0BOSS0001", ts="1700000000.000100"):
		"""Reject as Slack does it: the click opens the reason modal, then it is submitted."""
		ack_ok(self.click(action, name, user=user, channel=channel, ts=ts))
		opened = self.app.slack.last_call("views.open").response["view"]
		view = view_payload(
			callback_id=opened["callback_id"],
			private_metadata=opened["private_metadata"],
			state_values={"reject_reason": {"reject_reason_input": state_plain_text(reason)}},
		)
		return self.interact(view_submission(view, user={"id": user, "username": "x", "name": "x"}))

	def dms_to(self, slack_id):
		return [c for c in self.app.slack.calls_to("chat.postMessage") if c.args["channel"] == slack_id]

	def approver_dm(self):
		self.app.site.run_jobs()
		[post] = self.dms_to(BOSS)
		return post

	def update_in(self, channel):
		updates = [c for c in self.app.slack.calls_to("chat.update") if c.args["channel"] == channel]
		assert updates, f"no chat.update in {channel}"
		return updates[-1]


@pytest.fixture
def world(app):
	return World(app)


def ack_ok(response):
	assert response.status_code == 200, response.get_data(as_text=True)
	assert response.get_data() == b""


def text_of(message) -> str:
	return "\n".join(
		b["text"]["text"] for b in message["blocks"] if b["type"] in ("section", "header") and "text" in b
	)


def actions_of(message, block_id):
	block = next((b for b in message["blocks"] if b.get("block_id") == block_id), None)
	return [(e["action_id"], e["value"]) for e in block["elements"]] if block else []


# ---------------------------------------------------------------------- the table


def test_both_sides_name_the_same_documents():
	rust = {row["key"]: row["doctype"] for row in core.APPROVABLES}
	assert rust == {kind.key: kind.doctype for kind in erp_approvals.REGISTRY}
	assert next(iter(rust)) == "leave_application"  # leave first, its ids as always
	leave = core.APPROVABLES[0]
	assert (leave["approve"], leave["reject"], leave["reject_reason"]) == (
		"leave_approve",
		"leave_reject",
		"leave_reject_reason",
	)
	# Every route the engine's rows lead to has its handler and its failure answer.
	for handler in ("approval_decision", "approval_reject_prompt", "approval_rejection"):
		assert handler in dispatch.INTERACTIONS and handler in dispatch.ON_FAILURE


# ---------------------------------------------------------------------- Expense Claim


def test_a_filed_claim_owes_its_approver_the_card(world, app):
	name = world.claim()
	post = world.approver_dm()
	text = text_of(post.args)
	assert "Expense Claim to approve" in text
	assert "*Jane Doe* asks you to approve Expense Claim" in text  # not linked to Slack yet: her name
	assert f"/app/expense-claim/{name}" in text
	# Money as the desk writes it: the company's currency, the site's number format (fmt_money).
	assert "*Total Claimed:* € 1.234,50" in text
	assert "*Total Sanctioned:* € 1.234,50" in text
	assert "Travel · € 834,50 · Train" in text
	assert actions_of(post.args, "expense_claim_actions_block") == [
		("expense_claim_approve", name),
		("expense_claim_reject", name),
	]
	assert app.error_titles() == []


def test_a_claim_of_a_company_that_keeps_claims_out_of_slack_owes_nothing(world, app):
	app.configure(approval_documents=[{"document_type": "Expense Claim", "company": "Test Co", "enabled": 0}])
	world.claim()
	app.site.run_jobs()
	assert world.dms_to(BOSS) == []


def test_approve_a_claim(world, app):
	name = world.claim()
	post = world.approver_dm()
	channel, ts = post.response["channel"], post.response["ts"]
	ack_ok(world.click("expense_claim_approve", name, channel=channel, ts=ts))
	doc = frappe.get_doc("Expense Claim", name)
	assert (doc.approval_status, doc.docstatus, doc.modified_by) == ("Approved", 1, BOSS_EMAIL)
	assert doc.status == "Unpaid"
	comments = frappe.get_all(
		"Comment", filters={"reference_name": name, "comment_type": "Comment"}, pluck="content"
	)
	assert comments == ["Approved via Slack by Bea Boss"]
	app.site.run_jobs()
	update = world.update_in(channel)
	assert update.args["ts"] == ts
	assert "✅ Approved by *Bea Boss*" in text_of(update.args)
	assert actions_of(update.args, "expense_claim_actions_block") == []
	[notice] = world.dms_to(JANE)
	assert "Your Expense Claim" in text_of(notice.args)
	assert "was *approved* by *Bea Boss*" in text_of(notice.args)
	assert app.error_titles() == []


def test_reject_a_claim_with_a_reason(world, app):
	name = world.claim()
	post = world.approver_dm()
	channel, ts = post.response["channel"], post.response["ts"]
	ack_ok(world.click("expense_claim_reject", name, channel=channel, ts=ts))
	[opened] = app.slack.calls_to("views.open")
	assert opened.args["view"]["callback_id"] == "expense_claim_reject_reason"
	assert frappe.db.get_value("Expense Claim", name, "docstatus") == 0  # nothing decided yet
	ack_ok(world.reject("expense_claim_reject", name, "No receipt for the food", channel=channel, ts=ts))
	doc = frappe.get_doc("Expense Claim", name)
	assert (doc.approval_status, doc.docstatus, doc.status) == ("Rejected", 1, "Rejected")
	assert doc.total_sanctioned_amount == 0  # hrms zeroes a rejected claim's sanctioned amounts
	app.site.run_jobs()
	update = text_of(world.update_in(channel).args)
	assert "❌ Rejected by *Bea Boss*" in update
	assert "No receipt for the food" in update
	[notice] = world.dms_to(JANE)
	assert "*rejected* by *Bea Boss*" in text_of(notice.args)
	assert "No receipt for the food" in text_of(notice.args)


def test_someone_without_the_right_to_submit_is_refused(world, app):
	name = world.claim()
	post = world.approver_dm()
	channel = post.response["channel"]
	ack_ok(world.click("expense_claim_approve", name, user=MALLORY, channel=channel))
	assert frappe.db.get_value("Expense Claim", name, "docstatus") == 0
	[eph] = app.slack.calls_to("chat.postEphemeral")
	assert eph.args["user"] == MALLORY
	assert "not allowed to approve or reject Expense Claim" in text_of(eph.args)
	app.site.run_jobs()
	assert app.slack.calls_to("chat.update") == []


def test_hrms_refusal_is_told_and_nothing_changes(world, app):
	name = world.claim()
	post = world.approver_dm()
	# The desk cannot submit a claim without a payable account (hrms before_submit).
	frappe.db.set_value("Expense Claim", name, "payable_account", None)
	frappe.db.set_value("Company", "Test Co", "default_expense_claim_payable_account", None)
	frappe.db.commit()
	ack_ok(world.click("expense_claim_approve", name, channel=post.response["channel"]))
	assert frappe.db.get_value("Expense Claim", name, ["docstatus", "approval_status"]) == (0, "Draft")
	[eph] = app.slack.calls_to("chat.postEphemeral")
	assert "Payable Account is mandatory" in text_of(eph.args)
	assert app.error_titles() == ["Expense Claim approve from Slack failed"]


def test_a_second_click_is_told_it_is_decided(world, app):
	name = world.claim()
	post = world.approver_dm()
	channel = post.response["channel"]
	ack_ok(world.click("expense_claim_approve", name, channel=channel))
	ack_ok(world.click("expense_claim_approve", name, channel=channel))
	app.site.run_jobs()
	ephemerals = app.slack.calls_to("chat.postEphemeral")
	assert "is already *Approved* by *Bea Boss*" in text_of(ephemerals[-1].args)
	assert len(frappe.get_all("Comment", filters={"reference_name": name, "comment_type": "Comment"})) == 1


def test_desk_decisions_are_mirrored(world, app):
	name = world.claim()
	post = world.approver_dm()
	channel = post.response["channel"]
	frappe.set_user(BOSS_EMAIL)
	try:
		doc = frappe.get_doc("Expense Claim", name)
		doc.approval_status = "Approved"
		doc.submit()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	app.site.run_jobs()
	assert "✅ Approved by *Bea Boss*" in text_of(world.update_in(channel).args)
	[notice] = world.dms_to(JANE)
	assert "*approved*" in text_of(notice.args)
	# Cancelled in the desk: the card says so too.
	frappe.set_user(BOSS_EMAIL)
	try:
		frappe.get_doc("Expense Claim", name).cancel()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	app.site.run_jobs()
	assert "🚫 Cancelled by *Bea Boss*" in text_of(world.update_in(channel).args)


def test_a_deleted_draft_is_mirrored(world, app):
	name = world.claim()
	post = world.approver_dm()
	frappe.set_user("Administrator")
	try:
		frappe.delete_doc("Expense Claim", name)
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	app.site.run_jobs()
	assert "🗑️ Deleted by" in text_of(world.update_in(post.response["channel"]).args)
	assert frappe.get_all("Slack Message", filters={"reference_name": name}) == []


def test_a_new_approver_gets_the_request_and_the_old_card_says_so(world, app):
	app.site.make_user("cleo@example.com", roles=["Employee", "Expense Approver"], full_name="Cleo Chief")
	frappe.db.commit()
	app.slack.add_user(id="U0CLEO0001", email="cleo@example.com", real_name="Cleo Chief")
	name = world.claim()
	post = world.approver_dm()
	frappe.set_user("Administrator")
	try:
		doc = frappe.get_doc("Expense Claim", name)
		doc.expense_approver = "cleo@example.com"
		doc.save()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	app.site.run_jobs()
	assert "↪️ Reassigned to *Cleo Chief*" in text_of(world.update_in(post.response["channel"]).args)
	[new] = world.dms_to("U0CLEO0001")
	assert actions_of(new.args, "expense_claim_actions_block")[0] == ("expense_claim_approve", name)


# ---------------------------------------------------------------------- a workflow site


def claim_workflow():
	frappe.set_user("Administrator")
	try:
		for state in ("Pending", "Approved", "Rejected"):
			if not frappe.db.exists("Workflow State", state):
				frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
		for action in ("Approve", "Reject"):
			if not frappe.db.exists("Workflow Action Master", action):
				frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert()
		frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_name": "Claim Approval",
				"document_type": "Expense Claim",
				"is_active": 1,
				"workflow_state_field": "workflow_state",
				"states": [
					{"state": "Pending", "doc_status": "0", "allow_edit": "Employee"},
					{
						"state": "Approved",
						"doc_status": "1",
						"update_field": "approval_status",
						"update_value": "Approved",
						"allow_edit": "Expense Approver",
					},
				],
				"transitions": [
					# Only approving is a transition on this site: Reject is not offered.
					{
						"state": "Pending",
						"action": "Approve",
						"next_state": "Approved",
						"allowed": "Expense Approver",
						"allow_self_approval": 1,
					},
				],
			}
		).insert()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()


def test_a_workflow_site_offers_the_transitions_and_takes_them(world, app):
	claim_workflow()
	name = world.claim()
	post = world.approver_dm()
	assert actions_of(post.args, "expense_claim_actions_block") == [("expense_claim_approve", name)]
	assert "Workflow state: *Pending*" in text_of(post.args)
	# Reject from an old message is refused by the workflow, not decided around it.
	ack_ok(world.reject("expense_claim_reject", name, None, channel=post.response["channel"]))
	assert frappe.db.get_value("Expense Claim", name, "docstatus") == 0
	ack_ok(world.click("expense_claim_approve", name, channel=post.response["channel"]))
	doc = frappe.get_doc("Expense Claim", name)
	assert (doc.workflow_state, doc.approval_status, doc.docstatus) == ("Approved", "Approved", 1)


# ---------------------------------------------------------------------- Employee Advance


def test_an_advance_goes_to_the_employees_expense_approver(world, app):
	name = world.advance()
	post = world.approver_dm()
	text = text_of(post.args)
	assert "Employee Advance to approve" in text
	assert "*Advance Amount:* € 500,00" in text
	assert "*Purpose:* Conference travel" in text
	assert actions_of(post.args, "employee_advance_actions_block") == [
		("employee_advance_approve", name),
		("employee_advance_reject", name),
	]


def test_approve_an_advance_submits_it(world, app):
	name = world.advance()
	post = world.approver_dm()
	ack_ok(world.click("employee_advance_approve", name, channel=post.response["channel"]))
	assert frappe.db.get_value("Employee Advance", name, ["docstatus", "status"]) == (1, "Unpaid")
	app.site.run_jobs()
	assert "✅ Approved by *Bea Boss*" in text_of(world.update_in(post.response["channel"]).args)


def test_reject_an_advance_is_recorded_and_it_stays_a_draft(world, app):
	name = world.advance()
	post = world.approver_dm()
	channel = post.response["channel"]
	ack_ok(world.reject("employee_advance_reject", name, "Book it as travel", channel=channel))
	# hrms has no rejected advance: it stays a Draft, the engine remembers the rejection.
	assert frappe.db.get_value("Employee Advance", name, "docstatus") == 0
	[row] = frappe.get_all("Slack Approval Rejection", fields=["reference_name", "rejected_by", "reason"])
	assert (row.reference_name, row.rejected_by, row.reason) == (name, BOSS_EMAIL, "Book it as travel")
	comments = frappe.get_all(
		"Comment", filters={"reference_name": name, "comment_type": "Comment"}, pluck="content"
	)
	assert comments == ["Rejected via Slack by Bea Boss. Reason: Book it as travel"]
	app.site.run_jobs()
	assert "❌ Rejected by *Bea Boss*" in text_of(world.update_in(channel).args)
	[notice] = world.dms_to(JANE)
	assert "Book it as travel" in text_of(notice.args)
	# No longer waiting: a second click is told so.
	ack_ok(world.click("employee_advance_approve", name, channel=channel))
	app.site.run_jobs()
	assert "is already *Rejected* by *Bea Boss*" in text_of(app.slack.calls_to("chat.postEphemeral")[-1].args)
	assert frappe.db.get_value("Employee Advance", name, "docstatus") == 0


def test_an_advance_submitted_in_the_desk_after_a_slack_rejection_is_approved_after_all(world, app):
	name = world.advance()
	post = world.approver_dm()
	channel = post.response["channel"]
	ack_ok(world.reject("employee_advance_reject", name, None, channel=channel))
	frappe.set_user(BOSS_EMAIL)
	try:
		frappe.get_doc("Employee Advance", name).submit()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	app.site.run_jobs()
	assert frappe.get_all("Slack Approval Rejection") == []
	assert "✅ Approved by *Bea Boss*" in text_of(world.update_in(channel).args)


def test_an_advance_skips_an_approver_who_may_not_submit_it_for_one_who_may(world, app):
	# hrms gives an advance no approver and lets only Expense Approvers submit it: an employee's
	# expense approver without that role is passed over for the department's who has it.
	site = app.site
	department = site.make_department("Field Sales").name
	site.set_department_approvers(department, "expense_approvers", [MALLORY_EMAIL, BOSS_EMAIL])
	frappe.db.set_value(
		"Employee", world.employee, {"department": department, "expense_approver": MALLORY_EMAIL}
	)
	frappe.db.commit()
	name = world.advance()
	post = world.approver_dm()  # Bea's, the only one
	assert ("employee_advance_approve", name) in actions_of(post.args, "employee_advance_actions_block")
	assert world.dms_to(MALLORY) == []


def test_only_an_expense_approver_may_decide_an_advance(world, app):
	name = world.advance()
	post = world.approver_dm()
	ack_ok(world.click("employee_advance_reject", name, user=MALLORY, channel=post.response["channel"]))
	assert app.slack.calls_to("views.open") == []  # refused before the reason is asked
	assert frappe.get_all("Slack Approval Rejection") == []
	assert "not allowed" in text_of(app.slack.calls_to("chat.postEphemeral")[-1].args)


# ---------------------------------------------------------------------- reminders, Home


def reminder_settings(app):
	app.configure(remind_approvers=1, reminder_after_hours=0, attendance_time="09:00:00")


def tick():
	frappe.set_user("Administrator")
	try:
		return daily_tasks.approver_reminders()
	finally:
		frappe.set_user("Guest")


def test_the_daily_reminder_lists_every_kind_waiting_for_an_approver(world, app):
	claim, advance = world.claim(), world.advance()
	app.site.run_jobs()
	reminder_settings(app)
	app.site.freeze_time(f"{NEXT_DAY} 10:00:00")
	result = tick()
	assert result["approvers"] == {}  # no leave waits for anyone
	assert result["documents"] == {BOSS_EMAIL: "sent"}
	app.site.run_jobs()
	[reminder] = [c for c in world.dms_to(BOSS) if "Requests waiting for your approval" in text_of(c.args)]
	text = text_of(reminder.args)
	assert claim in text and advance in text
	assert actions_of(reminder.args, "expense_claim_reminder_actions_0") == [
		("expense_claim_approve", claim),
		("expense_claim_reject", claim),
	]
	assert actions_of(reminder.args, "employee_advance_reminder_actions_1")[0] == (
		"employee_advance_approve",
		advance,
	)
	# Once a day.
	assert tick()["documents"] == {BOSS_EMAIL: "already_sent"}
	# Decided from the reminder: the reminder's row says so, the other keeps its buttons.
	ack_ok(
		world.click(
			"expense_claim_approve",
			claim,
			channel=reminder.response["channel"],
			ts=reminder.response["ts"],
			block="expense_claim_reminder_actions_0",
		)
	)
	app.site.run_jobs()
	rewritten = [c for c in app.slack.calls_to("chat.update") if c.args["ts"] == reminder.response["ts"]][-1]
	assert "✅ Approved by *Bea Boss*" in text_of(rewritten.args)
	assert actions_of(rewritten.args, "employee_advance_reminder_actions_1")[0] == (
		"employee_advance_approve",
		advance,
	)


def test_the_home_tab_lists_what_waits_for_the_approver(world, app):
	app.site.make_employee(BOSS_EMAIL, first_name="Bea", last_name="Boss")
	frappe.db.commit()
	claim, advance = world.claim(), world.advance()
	app.site.run_jobs()
	frappe.set_user("Administrator")
	view = frappe.parse_json(home_jobs.view_for(BOSS_EMAIL))
	frappe.set_user("Guest")
	text = "\n".join(b["text"]["text"] for b in view["blocks"] if b["type"] in ("section", "header"))
	assert "Waiting for You" in text
	assert claim in text and "€ 1.234,50" in text
	assert advance in text and "€ 500,00" in text
	blocks = {b.get("block_id"): b for b in view["blocks"]}
	assert blocks["home_waiting_expense_claim_0"]["elements"][0]["action_id"] == "expense_claim_approve"
	assert blocks["home_waiting_employee_advance_1"]["elements"][1]["action_id"] == "employee_advance_reject"
	# Approved from the Home tab (no channel): decided; the tab comes back without it.
	ack_ok(
		world.click(
			"expense_claim_approve", claim, channel=None, ts=None, block="home_waiting_expense_claim_0"
		)
	)
	assert frappe.db.get_value("Expense Claim", claim, "docstatus") == 1
	app.site.run_jobs()
	publishes = [c for c in app.slack.calls_to("views.publish") if c.args["user_id"] == BOSS]
	assert publishes and claim not in str(publishes[-1].args["view"])
	assert advance in str(publishes[-1].args["view"])


def test_german_approver_reads_german(world, app):
	frappe.db.set_value("User", BOSS_EMAIL, "language", "de")
	frappe.db.commit()
	world.claim()
	post = world.approver_dm()
	text = text_of(post.args)
	assert "Auslagenabrechnung zur Genehmigung" in text
	assert "*Beantragt gesamt:* € 1.234,50" in text
	assert [e["text"]["text"] for e in post.args["blocks"][-1]["elements"]] == ["Genehmigen", "Ablehnen"]


# ---------------------------------------------------------------------- leave, the first entry


def test_leave_goes_to_slack_unless_its_company_turns_it_off(app):
	leave_world = LeaveWorld(app)  # no settings row: leave goes, as it always did
	leave_world.leave()
	app.site.run_jobs()
	assert len(leave_world.dms_to(BOSS)) == 1
	app.configure(
		approval_documents=[{"document_type": "Leave Application", "company": "Test Co", "enabled": 0}]
	)
	leave_world.leave(from_date="2026-12-03", to_date="2026-12-03")
	app.site.run_jobs()
	assert len(leave_world.dms_to(BOSS)) == 1  # nothing more for the company turned off
	# Nor are its leaves in the approvers' reminder.
	reminder_settings(app)
	assert tick()["approvers"] == {}
	app.configure(approval_documents=[])
	assert tick()["approvers"] == {"boss@example.com": "sent"}
