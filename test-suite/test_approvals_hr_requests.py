"""The approval engine end to end for Frappe HR's requests without money — Shift Request,
Attendance Request, Compensatory Leave Request: the approver's DM when the request is filed,
Approve and Reject (with a reason) through Frappe's dispatcher with signed requests and the Slack
mock, a refused approver, hrms refusing a decision, desk changes mirrored, the daily reminder and
the Home tab, German. The requests are the double's hrms v15 controllers
(test-suite/doubles/hrms/hr/doctype/{shift_request,attendance_request,compensatory_leave_request}:
hrms/hr/doctype/*/*.py, version-15)."""

from __future__ import annotations

import frappe
import pytest

from frappe_slack_connector.erp import approvals as erp_approvals
from frappe_slack_connector.flows.home import jobs as home_jobs
from test_approvals import World as ClaimWorld
from test_approvals import ack_ok, actions_of, reminder_settings, text_of, tick

JANE = "U0JANE0001"
LEE = "U0LEEL0001"
HANA = "U0HANA0001"
LEA = "U0LEAA0001"
MALLORY = "U0MALL0001"
JANE_EMAIL = "jane@example.com"
LEE_EMAIL = "lee@example.com"  # Jane's shift approver: an Employee, no HR role
HANA_EMAIL = "hana@example.com"  # HR User, a leave approver of Jane's department
LEA_EMAIL = "lea@example.com"  # Jane's leave approver: Leave Approver, may not submit HR requests
MALLORY_EMAIL = "mallory@example.com"
TODAY = "2026-12-01"  # a Tuesday
NEXT_DAY = "2026-12-02"


class World(ClaimWorld):
	"""Test Co with a holiday list (Sundays and 2026-11-29 … off), an active leave period; Jane of
	Ops, whose shift approver is Lee and whose leave approver is Lea; Hana (HR User) approves
	Ops's leave; the three requests turned on in Slack Settings."""

	def __init__(self, app):
		self.app = app
		site = app.site
		site.freeze_time(f"{TODAY} 10:00:00")
		site.make_holiday_list(
			"HL 2026", "2026-01-01", "2026-12-31", holidays=["2026-11-28", "2026-11-29", "2026-12-25"]
		)
		site.make_company("Test Co", default_holiday_list="HL 2026")
		site.make_leave_period("2026-01-01", "2026-12-31")
		site.make_user(LEE_EMAIL, roles=["Employee"], full_name="Lee Lead")
		site.make_user(HANA_EMAIL, roles=["Employee", "HR User"], full_name="Hana HR")
		site.make_user(LEA_EMAIL, roles=["Employee", "Leave Approver"], full_name="Lea Leave")
		site.make_user(MALLORY_EMAIL, roles=["Employee"], full_name="Mallory")
		site.make_department("Ops", approvers=[HANA_EMAIL])
		self.employee = site.make_employee(
			JANE_EMAIL,
			first_name="Jane",
			last_name="Doe",
			department="Ops",
			shift_request_approver=LEE_EMAIL,
			leave_approver=LEA_EMAIL,
			date_of_joining="2025-01-01",
		).name
		site.make_shift_type("Night", "22:00:00", "06:00:00")
		site.make_shift_type("Morning", "06:00:00", "14:00:00")
		frappe.db.commit()
		app.configure(
			approval_documents=[
				{"document_type": "Shift Request", "enabled": 1},
				{"document_type": "Attendance Request", "enabled": 1},
				{"document_type": "Compensatory Leave Request", "enabled": 1},
			]
		)
		for slack_id, email, name in (
			(JANE, JANE_EMAIL, "Jane Doe"),
			(LEE, LEE_EMAIL, "Lee Lead"),
			(HANA, HANA_EMAIL, "Hana HR"),
			(LEA, LEA_EMAIL, "Lea Leave"),
			(MALLORY, MALLORY_EMAIL, "Mallory"),
		):
			app.slack.add_user(id=slack_id, email=email, real_name=name)

	def shift(self, shift_type="Night", from_date="2026-12-07", to_date="2026-12-11", **fields):
		doc = self.app.site.make_shift_request(self.employee, shift_type, from_date, to_date, **fields)
		frappe.db.commit()
		return doc.name

	def attendance(self, from_date="2026-11-26", to_date="2026-11-30", **fields):
		doc = self.app.site.make_attendance_request(
			self.employee, from_date, to_date, explanation="Plumber all week", **fields
		)
		frappe.db.commit()
		return doc.name

	def comp_leave(self, **fields):
		site = self.app.site
		for day in ("2026-11-28", "2026-11-29"):
			site.make_attendance(self.employee, day)
		doc = site.make_compensatory_leave_request(
			self.employee, "2026-11-28", "2026-11-29", reason="Release weekend", **fields
		)
		frappe.db.commit()
		return doc.name

	def dm(self, slack_id):
		self.app.site.run_jobs()
		[post] = self.dms_to(slack_id)
		return post


@pytest.fixture
def world(app):
	return World(app)


def as_user(user, fn):
	frappe.set_user(user)
	try:
		return fn()
	finally:
		frappe.set_user("Guest")


# ---------------------------------------------------------------------- Shift Request


def test_a_shift_request_goes_to_its_approver(world, app):
	name = world.shift()
	post = world.dm(LEE)
	text = text_of(post.args)
	assert "Shift Request to approve" in text
	assert f"/app/shift-request/{name}" in text
	assert "*Shift Type:* Night (22:00 \u2013 06:00)" in text
	assert "*From Date:* 2026-12-07" in text and "*To Date:* 2026-12-11" in text
	assert actions_of(post.args, "shift_request_actions_block") == [
		("shift_request_approve", name),
		("shift_request_reject", name),
	]
	assert app.error_titles() == []


def test_an_open_ended_shift_request_says_so(world, app):
	world.shift(to_date=None)
	assert "*To Date:* Open-ended" in text_of(world.dm(LEE).args)


def test_the_shift_approver_approves_through_the_share(world, app):
	# Lee has no HR role: hrms shares the request with its approver (submit), as on a real site
	name = world.shift()
	post = world.dm(LEE)
	channel, ts = post.response["channel"], post.response["ts"]
	ack_ok(world.click("shift_request_approve", name, user=LEE, channel=channel, ts=ts))
	doc = frappe.get_doc("Shift Request", name)
	assert (doc.status, doc.docstatus, doc.modified_by) == ("Approved", 1, LEE_EMAIL)
	assert frappe.get_all("Shift Assignment", filters={"shift_request": name}, pluck="docstatus") == [1]
	app.site.run_jobs()
	assert "✅ Approved by *Lee Lead*" in text_of(world.update_in(channel).args)
	[notice] = world.dms_to(JANE)
	assert "Your Shift Request" in text_of(notice.args) and "*approved*" in text_of(notice.args)
	assert app.error_titles() == []


def test_reject_a_shift_request_with_a_reason(world, app):
	name = world.shift()
	post = world.dm(LEE)
	channel = post.response["channel"]
	ack_ok(world.reject("shift_request_reject", name, "We are short on nights", user=LEE, channel=channel))
	doc = frappe.get_doc("Shift Request", name)
	assert (doc.status, doc.docstatus) == ("Rejected", 1)
	assert frappe.get_all("Shift Assignment", filters={"shift_request": name}) == []
	app.site.run_jobs()
	update = text_of(world.update_in(channel).args)
	assert "❌ Rejected by *Lee Lead*" in update and "We are short on nights" in update
	[notice] = world.dms_to(JANE)
	assert "We are short on nights" in text_of(notice.args)


def test_someone_else_may_not_decide_a_shift_request(world, app):
	name = world.shift()
	post = world.dm(LEE)
	ack_ok(world.click("shift_request_approve", name, user=MALLORY, channel=post.response["channel"]))
	assert frappe.db.get_value("Shift Request", name, "docstatus") == 0
	assert "not allowed to approve or reject Shift Request" in text_of(
		app.slack.calls_to("chat.postEphemeral")[-1].args
	)


def test_hrms_refuses_an_approver_who_no_longer_approves_for_the_employee(world, app):
	name = world.shift()
	post = world.dm(LEE)
	frappe.db.set_value("Employee", world.employee, "shift_request_approver", None)
	frappe.db.commit()
	ack_ok(world.click("shift_request_approve", name, user=LEE, channel=post.response["channel"]))
	assert frappe.db.get_value("Shift Request", name, ["docstatus", "status"]) == (0, "Draft")
	assert "Only Approvers can Approve this Request" in text_of(
		app.slack.calls_to("chat.postEphemeral")[-1].args
	)


def test_shift_request_desk_changes_are_mirrored(world, app):
	app.site.make_user("deputy@example.com", roles=["Employee"], full_name="Dee Deputy")
	app.site.set_department_approvers("Ops", "shift_request_approver", ["deputy@example.com"])
	app.slack.add_user(id="U0DEEP0001", email="deputy@example.com", real_name="Dee Deputy")
	name = world.shift()
	post = world.dm(LEE)

	def hand_over():
		doc = frappe.get_doc("Shift Request", name)
		doc.approver = "deputy@example.com"
		doc.save()

	as_user("Administrator", hand_over)
	frappe.db.commit()
	app.site.run_jobs()
	assert "↪️ Reassigned to *Dee Deputy*" in text_of(world.update_in(post.response["channel"]).args)
	[new] = world.dms_to("U0DEEP0001")

	def approve_in_desk():
		doc = frappe.get_doc("Shift Request", name)
		doc.status = "Approved"
		doc.submit()

	as_user(HANA_EMAIL, approve_in_desk)
	frappe.db.commit()
	app.site.run_jobs()
	assert "✅ Approved by *Hana HR*" in text_of(world.update_in(new.response["channel"]).args)


# ---------------------------------------------------------------------- Attendance Request


def test_an_attendance_request_goes_to_an_approver_who_may_submit_it(world, app):
	# Lea, Jane's leave approver, may not submit an Attendance Request (no DocPerm): the
	# department's leave approver Hana (HR User) is asked instead
	name = world.attendance(half_day=1, half_day_date="2026-11-30")
	assert world.dms_to(LEA) == []
	post = world.dm(HANA)
	text = text_of(post.args)
	assert "Attendance Request to approve" in text
	assert "*Reason:* Work From Home" in text
	assert "*Half Day:* 2026-11-30" in text
	assert "*Explanation:* Plumber all week" in text
	# what approving would skip: the holidays of the request
	assert "2026-11-28 · Holiday · Skip" in text and "2026-11-29 · Holiday · Skip" in text
	assert actions_of(post.args, "attendance_request_actions_block")[0] == (
		"attendance_request_approve",
		name,
	)


def test_approve_an_attendance_request_marks_attendance(world, app):
	name = world.attendance()
	post = world.dm(HANA)
	ack_ok(world.click("attendance_request_approve", name, user=HANA, channel=post.response["channel"]))
	assert frappe.db.get_value("Attendance Request", name, "docstatus") == 1
	marked = frappe.get_all(
		"Attendance",
		filters={"attendance_request": name},
		pluck="attendance_date",
		order_by="attendance_date asc",
	)
	assert [str(d) for d in marked] == ["2026-11-26", "2026-11-27", "2026-11-30"]
	app.site.run_jobs()
	assert "✅ Approved by *Hana HR*" in text_of(world.update_in(post.response["channel"]).args)


def test_reject_an_attendance_request_is_recorded_and_it_stays_a_draft(world, app):
	name = world.attendance()
	post = world.dm(HANA)
	channel = post.response["channel"]
	ack_ok(world.reject("attendance_request_reject", name, "Office day", user=HANA, channel=channel))
	assert frappe.db.get_value("Attendance Request", name, "docstatus") == 0
	[row] = frappe.get_all("Slack Approval Rejection", fields=["reference_doctype", "rejected_by", "reason"])
	assert (row.reference_doctype, row.rejected_by, row.reason) == (
		"Attendance Request",
		HANA_EMAIL,
		"Office day",
	)
	app.site.run_jobs()
	assert "❌ Rejected by *Hana HR*" in text_of(world.update_in(channel).args)
	[notice] = world.dms_to(JANE)
	assert "Office day" in text_of(notice.args)


def test_the_leave_approver_may_not_decide_an_attendance_request(world, app):
	name = world.attendance()
	post = world.dm(HANA)
	ack_ok(world.click("attendance_request_reject", name, user=LEA, channel=post.response["channel"]))
	assert app.slack.calls_to("views.open") == []
	assert "not allowed" in text_of(app.slack.calls_to("chat.postEphemeral")[-1].args)


def test_hrms_refuses_attendance_for_a_future_day(world, app):
	name = world.attendance(from_date="2026-12-01", to_date="2026-12-02")
	post = world.dm(HANA)
	ack_ok(world.click("attendance_request_approve", name, user=HANA, channel=post.response["channel"]))
	assert frappe.db.get_value("Attendance Request", name, "docstatus") == 0
	assert frappe.get_all("Attendance", filters={"attendance_request": name}) == []
	assert "Attendance can not be marked for future dates" in text_of(
		app.slack.calls_to("chat.postEphemeral")[-1].args
	)


def test_the_setting_asks_the_departments_approvers_only(world, app):
	app.site.make_user("hrlead@example.com", roles=["Employee", "HR Manager"], full_name="Hal Lead")
	frappe.db.set_value("Employee", world.employee, "leave_approver", "hrlead@example.com")
	frappe.db.commit()
	app.slack.add_user(id="U0HALL0001", email="hrlead@example.com", real_name="Hal Lead")
	first = world.attendance(from_date="2026-11-23", to_date="2026-11-24")
	app.site.run_jobs()
	assert len(world.dms_to("U0HALL0001")) == 1  # the employee's approver, who may submit it
	app.configure(
		approval_documents=[
			{"document_type": "Attendance Request", "enabled": 1, "approvers": "Department Approvers"}
		]
	)
	second = world.attendance()
	assert erp_approvals.details(erp_approvals.BY_KEY["attendance_request"], second)["approver"] == HANA_EMAIL
	app.site.run_jobs()
	assert len(world.dms_to(HANA)) == 1 and len(world.dms_to("U0HALL0001")) == 1
	assert first != second


def test_a_request_nobody_may_submit_goes_to_nobody(world, app):
	app.site.set_department_approvers("Ops", "leave_approvers", [LEA_EMAIL])
	name = world.attendance()
	info = erp_approvals.details(erp_approvals.BY_KEY["attendance_request"], name)
	assert info["approver"] is None
	app.site.run_jobs()
	assert app.slack.calls_to("chat.postMessage") == []
	assert app.error_titles() == ["Attendance Request approval request not sent: no approver"]


# ---------------------------------------------------------------------- Compensatory Leave Request


def test_a_comp_leave_request_is_approved_into_an_allocation(world, app):
	name = world.comp_leave()
	post = world.dm(HANA)
	text = text_of(post.args)
	assert "Compensatory Leave Request to approve" in text
	assert "*Leave Type:* Compensatory Off" in text
	assert "*Work From Date:* 2026-11-28" in text and "*Work End Date:* 2026-11-29" in text
	assert "*Reason:* Release weekend" in text
	ack_ok(world.click("comp_leave_request_approve", name, user=HANA, channel=post.response["channel"]))
	allocation = frappe.db.get_value("Compensatory Leave Request", name, "leave_allocation")
	assert frappe.db.get_value("Leave Allocation", allocation, "new_leaves_allocated") == 2
	app.site.run_jobs()
	assert "✅ Approved by *Hana HR*" in text_of(world.update_in(post.response["channel"]).args)


def test_comp_leave_of_a_company_kept_out_of_slack_owes_nothing(world, app):
	# the request has no company field: its employee's company decides
	app.configure(
		approval_documents=[
			{"document_type": "Compensatory Leave Request", "company": "Test Co", "enabled": 0},
			{"document_type": "Compensatory Leave Request", "enabled": 1},
		]
	)
	name = world.comp_leave()
	app.site.run_jobs()
	assert world.dms_to(HANA) == []
	assert erp_approvals.waiting_for(HANA_EMAIL, 10) == []
	app.configure(approval_documents=[{"document_type": "Compensatory Leave Request", "enabled": 1}])
	assert erp_approvals.waiting_for(HANA_EMAIL, 10) == [("compensatory_leave_request", name)]


def test_hrms_refuses_comp_leave_without_a_leave_period(world, app):
	name = world.comp_leave()
	post = world.dm(HANA)
	frappe.db.set_value("Leave Period", frappe.get_all("Leave Period", pluck="name")[0], "is_active", 0)
	frappe.db.commit()
	ack_ok(world.click("comp_leave_request_approve", name, user=HANA, channel=post.response["channel"]))
	assert frappe.db.get_value("Compensatory Leave Request", name, "docstatus") == 0
	assert "no active leave period" in text_of(app.slack.calls_to("chat.postEphemeral")[-1].args)


def test_reject_a_comp_leave_request(world, app):
	name = world.comp_leave()
	post = world.dm(HANA)
	ack_ok(
		world.reject(
			"comp_leave_request_reject", name, "Not a release", user=HANA, channel=post.response["channel"]
		)
	)
	assert frappe.db.get_value("Compensatory Leave Request", name, "docstatus") == 0
	app.site.run_jobs()
	assert "Not a release" in text_of(world.dms_to(JANE)[-1].args)


# ---------------------------------------------------------------------- reminders, Home, German


def test_the_reminder_and_the_home_tab_list_the_requests(world, app):
	app.site.make_employee(HANA_EMAIL, first_name="Hana", last_name="HR")
	frappe.db.commit()
	attendance, comp = world.attendance(), world.comp_leave()
	app.site.run_jobs()
	reminder_settings(app)
	app.site.freeze_time(f"{NEXT_DAY} 10:00:00")
	assert tick()["documents"] == {HANA_EMAIL: "sent"}
	app.site.run_jobs()
	[reminder] = [c for c in world.dms_to(HANA) if "Requests waiting for your approval" in text_of(c.args)]
	text = text_of(reminder.args)
	assert attendance in text and comp in text
	assert actions_of(reminder.args, "attendance_request_reminder_actions_0")[0] == (
		"attendance_request_approve",
		attendance,
	)
	assert actions_of(reminder.args, "comp_leave_request_reminder_actions_1")[0] == (
		"comp_leave_request_approve",
		comp,
	)
	frappe.set_user("Administrator")
	view = frappe.parse_json(home_jobs.view_for(HANA_EMAIL))
	frappe.set_user("Guest")
	blocks = {b.get("block_id"): b for b in view["blocks"]}
	assert (
		blocks["home_waiting_attendance_request_0"]["elements"][0]["action_id"]
		== "attendance_request_approve"
	)
	assert (
		blocks["home_waiting_comp_leave_request_1"]["elements"][1]["action_id"] == "comp_leave_request_reject"
	)
	shown = str(view)
	assert "2026-11-26 \u2013 2026-11-30" in shown
	assert "Compensatory Off · 2026-11-28 \u2013 2026-11-29" in shown


def test_german_approver_reads_german(world, app):
	frappe.db.set_value("User", HANA_EMAIL, "language", "de")
	frappe.db.commit()
	world.attendance()
	text = text_of(world.dm(HANA).args)
	assert "Anwesenheitsanfrage zur Genehmigung" in text
	assert "*Grund:* Von zuhause aus arbeiten" in text
	assert "*Von-Datum:* 2026-11-26" in text
	assert "2026-11-28 · Arbeitsfreier Tag" in text


# ---------------------------------------------------------------------- a workflow site


def shift_workflow():
	def make():
		for state in ("Pending", "Approved"):
			if not frappe.db.exists("Workflow State", state):
				frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
		if not frappe.db.exists("Workflow Action Master", "Approve"):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": "Approve"}).insert()
		frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_name": "Shift Approval",
				"document_type": "Shift Request",
				"is_active": 1,
				"workflow_state_field": "workflow_state",
				"states": [
					{"state": "Pending", "doc_status": "0", "allow_edit": "Employee"},
					{
						"state": "Approved",
						"doc_status": "1",
						"update_field": "status",
						"update_value": "Approved",
						"allow_edit": "Employee",
					},
				],
				# Approving is the only transition on this site: Reject is not offered.
				"transitions": [
					{
						"state": "Pending",
						"action": "Approve",
						"next_state": "Approved",
						"allowed": "Employee",
						"allow_self_approval": 0,
					}
				],
			}
		).insert()

	as_user("Administrator", make)
	frappe.db.commit()


def test_a_workflow_site_takes_the_shift_requests_transition(world, app):
	shift_workflow()
	name = world.shift()
	post = world.dm(LEE)
	assert actions_of(post.args, "shift_request_actions_block") == [("shift_request_approve", name)]
	assert "Workflow state: *Pending*" in text_of(post.args)
	ack_ok(world.click("shift_request_approve", name, user=LEE, channel=post.response["channel"]))
	doc = frappe.get_doc("Shift Request", name)
	assert (doc.workflow_state, doc.status, doc.docstatus) == ("Approved", "Approved", 1)
	assert frappe.get_all("Shift Assignment", filters={"shift_request": name}, pluck="docstatus") == [1]
