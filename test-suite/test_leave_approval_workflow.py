"""A site whose Leave Application is governed by a Workflow: Approve / Reject from Slack take the
matching transition as the clicking user (frappe v15 `apply_workflow`), only when that user may
(the transition's role, self-approval); the approver's DM shows the decisions they can take; a
step that does not decide (a second level) says where the request went. A site without a
workflow keeps the plain decision (test-suite/test_leave_workflow.py).

The workflow engine is the double's imitation of frappe/model/workflow.py and
frappe/workflow/doctype/workflow/workflow.py (v15)."""

from __future__ import annotations

import frappe
import pytest
from frappe.model.workflow import apply_workflow

import test_leave_mirror
from test_leave_actions import buttons, last_ephemeral
from test_leave_mirror import HR, HR_EMAIL, as_user, filed, updates_of
from test_leave_workflow import BOSS_EMAIL, JANE, ack_ok, section_text

world = test_leave_mirror.world  # the fixture: the World with HR (Hal) and Cleo


def make_workflow(states, transitions, name="Leave Approval"):
	"""A Workflow on Leave Application, as an admin builds it in the desk: its states and actions
	exist first (Workflow State, Workflow Action Master records)."""
	frappe.set_user("Administrator")
	try:
		for state, *_ in states:
			if not frappe.db.exists("Workflow State", state):
				frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
		for _state, action, *_ in transitions:
			if not frappe.db.exists("Workflow Action Master", action):
				frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert()
		frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_name": name,
				"document_type": "Leave Application",
				"is_active": 1,
				"workflow_state_field": "workflow_state",
				"states": [
					{
						"state": state,
						"doc_status": docstatus,
						"update_field": "status" if status else None,
						"update_value": status,
						"allow_edit": role,
					}
					for state, docstatus, status, role in states
				],
				"transitions": [
					{
						"state": state,
						"action": action,
						"next_state": next_state,
						"allowed": role,
						"allow_self_approval": self_approval,
					}
					for state, action, next_state, role, self_approval in transitions
				],
			}
		).insert()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()


ONE_LEVEL_STATES = [
	("Open", "0", "Open", "Employee"),
	("Approved", "1", "Approved", "Leave Approver"),
	("Rejected", "1", "Rejected", "Leave Approver"),
]


def one_level(reject_role="Leave Approver"):
	make_workflow(
		ONE_LEVEL_STATES,
		[
			("Open", "Approve", "Approved", "Leave Approver", 1),
			("Open", "Reject", "Rejected", reject_role, 1),
		],
	)


def two_level():
	make_workflow(
		[*ONE_LEVEL_STATES, ("Pending HR", "0", None, "HR Manager")],
		[
			("Open", "Approve", "Pending HR", "Leave Approver", 1),
			("Open", "Reject", "Rejected", "Leave Approver", 1),
			("Pending HR", "Approve", "Approved", "HR Manager", 1),
			("Pending HR", "Reject", "Rejected", "HR Manager", 1),
		],
	)


def give_role(user, role):
	frappe.set_user("Administrator")
	frappe.get_doc("User", user).add_roles(role)
	frappe.set_user("Guest")
	frappe.db.commit()


@pytest.fixture
def approver(world):
	"""Bea Boss holds the Leave Approver role the transitions ask for (hrms's Employee gives it to
	the leave approver; asserted, since the tests rely on it)."""
	assert "Leave Approver" in frappe.get_roles(BOSS_EMAIL)
	return world


def comments(name, comment_type="Comment"):
	return frappe.get_all(
		"Comment", filters={"reference_name": name, "comment_type": comment_type}, pluck="content"
	)


# ---------------------------------------------------------------------- the buttons shown


def test_the_buttons_are_the_transitions_the_approver_can_take(approver, app):
	one_level(reject_role="HR Manager")  # only HR may reject
	name, _channel, _ts = filed(approver, app)
	[dm] = approver.dms_to("U0BOSS0001")
	assert buttons(dm.args) == [("leave_approve", name)]
	assert "🔀 Workflow state: *Open*" in section_text(dm.args)
	assert approver.doc(name).workflow_state == "Open"  # validate_workflow set the first state


def test_an_approver_the_workflow_gives_nothing_gets_no_buttons(world, app):
	# Only HR decides on this site; Bea is a Leave Approver (hrms gives the role to the
	# employee's leave approver) but no transition is hers.
	make_workflow(
		ONE_LEVEL_STATES,
		[("Open", "Approve", "Approved", "HR Manager", 1), ("Open", "Reject", "Rejected", "HR Manager", 1)],
	)
	_name, _channel, _ts = filed(world, app)
	[dm] = world.dms_to("U0BOSS0001")
	assert buttons(dm.args) == []
	assert "Workflow state: *Open*" in section_text(dm.args)


def test_a_site_without_a_workflow_keeps_both_buttons(world, app):
	name, _channel, _ts = filed(world, app)
	[dm] = world.dms_to("U0BOSS0001")
	assert buttons(dm.args) == [("leave_approve", name), ("leave_reject", name)]
	assert "Workflow state" not in section_text(dm.args)


# ---------------------------------------------------------------------- allowed and refused


def test_approve_takes_the_workflow_transition_as_the_approver(approver, app):
	one_level()
	name, channel, ts = filed(approver, app)
	ack_ok(approver.click(name, channel=channel, ts=ts))
	doc = approver.doc(name)
	assert (doc.workflow_state, doc.status, doc.docstatus, doc.modified_by) == (
		"Approved",
		"Approved",
		1,
		BOSS_EMAIL,
	)
	assert comments(name, "Workflow") == ["Approved"]  # apply_workflow's own timeline entry
	assert comments(name) == ["Approved via Slack by Bea Boss"]
	app.site.run_jobs()
	assert section_text(updates_of(app, channel, ts)[-1].args).endswith("✅ Approved by *Bea Boss*")
	assert "*approved* by *Bea Boss*" in section_text(approver.dms_to(JANE)[-1].args)
	assert app.error_titles() == []


def test_reject_with_a_reason_takes_the_reject_transition(approver, app):
	one_level()
	name, channel, ts = filed(approver, app)
	ack_ok(approver.reject(name, reason="Audit week", channel=channel, ts=ts))
	doc = approver.doc(name)
	assert (doc.workflow_state, doc.status, doc.docstatus) == ("Rejected", "Rejected", 1)
	app.site.run_jobs()
	told = section_text(approver.dms_to(JANE)[-1].args)
	assert "*rejected* by *Bea Boss*" in told and "Audit week" in told


def test_a_transition_the_approver_may_not_take_is_refused_and_shown(approver, app):
	one_level(reject_role="HR Manager")
	name, channel, ts = filed(approver, app)
	# An old message (or a crafted click) still carries Reject: the workflow decides, not the button.
	ack_ok(approver.reject(name, reason=None, channel=channel, ts=ts))
	doc = approver.doc(name)
	assert (doc.workflow_state, doc.status, doc.docstatus) == ("Open", "Open", 0)
	eph = last_ephemeral(app)
	assert eph["channel"] == channel
	assert "Its workflow does not let you reject it in its state Open." in section_text(eph)
	assert app.error_titles() == ["Leave reject from Slack failed"]


def test_self_approval_is_refused_when_the_workflow_forbids_it(world, app):
	# Jane is her own leave approver, and the transition does not allow self approval.
	make_workflow(
		ONE_LEVEL_STATES,
		[
			("Open", "Approve", "Approved", "Leave Approver", 0),
			("Open", "Reject", "Rejected", "Leave Approver", 0),
		],
	)
	give_role("jane@example.com", "Leave Approver")
	name = world.leave(leave_approver="jane@example.com")
	app.site.run_jobs()
	[dm] = [c for c in world.dms_to(JANE) if "has requested leave" in section_text(c.args)]
	assert buttons(dm.args) == []  # v15 has_approval_access: the owner may not
	ack_ok(world.click(name, user=JANE, channel=dm.response["channel"], ts=dm.response["ts"]))
	assert world.doc(name).docstatus == 0


# ---------------------------------------------------------------------- a step that does not decide


def test_a_first_level_approval_moves_the_request_and_says_where(approver, app):
	two_level()
	name, channel, ts = filed(approver, app)
	ack_ok(approver.click(name, channel=channel, ts=ts))
	doc = approver.doc(name)
	assert (doc.workflow_state, doc.status, doc.docstatus) == ("Pending HR", "Open", 0)
	assert comments(name) == []  # not decided: only the workflow's own entry
	assert comments(name, "Workflow") == ["Pending HR"]
	app.site.run_jobs()
	[moved] = updates_of(app, channel, ts)
	assert "➡️ Moved to *Pending HR* by *Bea Boss*" in section_text(moved.args)
	assert buttons(moved.args) == []  # the next step is HR's
	# Jane is not told of an intermediate step; HR decides in the desk and everyone learns it.
	dms = len(approver.dms_to(JANE))

	def hr_approves():
		apply_workflow(frappe.get_doc("Leave Application", name), "Approve")

	as_user(HR_EMAIL, hr_approves)
	app.site.run_jobs()
	assert approver.doc(name).docstatus == 1
	assert section_text(updates_of(app, channel, ts)[-1].args).endswith("✅ Approved by *Hal HR*")
	assert len(approver.dms_to(JANE)) == dms + 1
	assert app.error_titles() == []


def test_the_second_level_may_decide_from_slack_too(approver, app):
	two_level()
	name, channel, ts = filed(approver, app)
	ack_ok(approver.click(name, channel=channel, ts=ts))
	app.site.run_jobs()
	# Hal (HR Manager) clicks Approve on any message that carries it (e.g. a forwarded one).
	ack_ok(approver.click(name, user=HR, channel="D0HRMG0001"))
	doc = approver.doc(name)
	assert (doc.workflow_state, doc.status, doc.docstatus) == ("Approved", "Approved", 1)


def test_a_desk_workflow_step_is_mirrored_too(approver, app):
	two_level()
	name, channel, ts = filed(approver, app)

	def boss_approves_in_desk():
		apply_workflow(frappe.get_doc("Leave Application", name), "Approve")

	as_user(BOSS_EMAIL, boss_approves_in_desk)
	app.site.run_jobs()
	[moved] = updates_of(app, channel, ts)
	assert "➡️ Moved to *Pending HR* by *Bea Boss*" in section_text(moved.args)


def test_a_state_change_outside_the_workflow_is_refused_by_it(approver, app):
	one_level()
	name, _channel, _ts = filed(approver, app)

	def jump():
		doc = frappe.get_doc("Leave Application", name)
		doc.workflow_state = "Approved"
		doc.save()

	with pytest.raises(frappe.ValidationError, match="Workflow State transition not allowed"):
		as_user("jane@example.com", jump)
	frappe.db.rollback()
