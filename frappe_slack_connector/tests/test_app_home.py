"""The Events API and the Home tab on a real site and on the double: url_verification answered
only when signed, app_home_opened acked and published from a job with the balances hrms's own
get_leave_details gives, Apply for leave opening the /apply-leave modal, and a Withdraw that hrms's
rights refuse told to the requester."""

from __future__ import annotations

import json

import frappe
from frappe.utils import add_days, nowdate
from hrms.hr.doctype.leave_application.leave_application import get_leave_details

from frappe_slack_connector.tests.support.slack_requests import (
	app_home_opened,
	block_actions_home,
	button_action,
	event_callback,
	event_request,
	interaction_request,
	url_verification,
)
from frappe_slack_connector.tests.test_leave_flow import section_text
from frappe_slack_connector.tests.utils import (
	APPROVER,
	APPROVER_SLACK,
	COMPANY,
	LEAVE_TYPE,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	working_day,
)


def home_text(view: dict) -> str:
	out = []
	for block in view["blocks"]:
		if isinstance(block.get("text"), dict):
			out.append(block["text"]["text"])
		out += [e.get("text", "") for e in block.get("elements", []) if e.get("type") == "mrkdwn"]
	return "\n".join(out)


def home_buttons(view: dict) -> list[tuple[str, str]]:
	found = []
	for block in view["blocks"]:
		elements = [*block.get("elements", []), *([block["accessory"]] if block.get("accessory") else [])]
		found += [(e["action_id"], e.get("value")) for e in elements if e.get("type") == "button"]
	return found


class TestAppHome(SlackAppTestCase):
	def open_home(self, slack_id: str = REQUESTER_SLACK) -> dict:
		event = event_callback(app_home_opened(slack_id))
		self.assertAck(self.send(event_request(event, secret=SIGNING_SECRET)))
		self.run_jobs()
		view = self.slack.home_view(slack_id)
		self.assertIsNotNone(view, "no Home tab published")
		return view

	def click_home(self, view: dict, action: str, value: str, slack_id: str = REQUESTER_SLACK):
		# A block the app gave no id gets one from Slack (any string; the route reads the action).
		[block_id] = [
			b.get("block_id", "sLk9Q")
			for b in view["blocks"]
			if any(
				(e.get("action_id"), e.get("value")) == (action, value)
				for e in [*b.get("elements", []), *([b["accessory"]] if b.get("accessory") else [])]
			)
		]
		payload = block_actions_home(
			button_action(action, value, block_id=block_id),
			view=view,
			user={"id": slack_id, "username": "x", "name": "x", "team_id": self.slack.team_id},
		)
		return self.send(interaction_request(payload, secret=SIGNING_SECRET))

	def days_left(self) -> float:
		"""What hrms's get_leave_details (what the desk shows) gives as her days left today."""
		frappe.set_user("Administrator")  # on the double a request ran in this context, as Guest
		details = get_leave_details(self.world.employee, nowdate())
		return details["leave_allocation"][LEAVE_TYPE]["remaining_leaves"]

	def make_approver_an_employee(self) -> None:
		"""Bea gets an Employee record of her own (the tab's Waiting for You is for employees)."""
		bea = frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": "Bea",
				"last_name": "Slacktest",
				"company": COMPANY,
				"user_id": APPROVER,
				"gender": "Female",
				"date_of_birth": "1985-03-01",
				"date_of_joining": add_days(nowdate(), -400),
				"status": "Active",
				# hrms employee.py (v15) update_user_permissions: by default an Employee's user is
				# restricted to that Employee by a User Permission, and an approver so restricted
				# may not write anyone else's Leave Application (the desk refuses her too; found on
				# a real site). HR turns it off for approvers.
				"create_user_permission": 0,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()

		def drop():
			frappe.db.rollback()
			frappe.set_user("Administrator")
			frappe.delete_doc("Employee", bea.name, ignore_permissions=True, force=True)
			frappe.db.commit()

		self.addCleanup(drop)

	def test_url_verification_is_answered_only_when_signed(self):
		signed = self.send(event_request(url_verification("chAllenge42"), secret=SIGNING_SECRET))
		self.assertEqual(signed.status_code, 200)
		self.assertEqual(json.loads(signed.get_data()), {"challenge": "chAllenge42"})
		unsigned = self.send(
			event_request(url_verification("chAllenge42"), secret=SIGNING_SECRET, sign=False)
		)
		self.assertEqual(unsigned.status_code, 401)
		self.assertNotIn("chAllenge42", unsigned.get_data(as_text=True))

	def test_the_home_tab_shows_hrms_balances_and_her_leave(self):
		name = self.world.leave(working_day(63))
		self.run_jobs()
		view = self.open_home()
		text = home_text(view)
		left = self.days_left()
		self.assertIn(f"*{LEAVE_TYPE}*: {left:g} days left", text)
		self.assertIn(name, text)
		self.assertIn(("leave_withdraw", name), home_buttons(view))

		self.assertAck(self.click_home(view, "home_apply_leave", "apply"))
		self.assertEqual(
			self.slack.last_call("views.open").args["view"]["callback_id"], "apply_leave_application"
		)

		# hrms gives the Employee role no delete: the refusal reaches her (a Home click has no
		# channel to answer in, so in the app's DM).
		self.assertAck(self.click_home(view, "leave_withdraw", name))
		self.assertTrue(frappe.db.exists("Leave Application", name))
		told = [section_text(c.args) for c in self.posts_to(REQUESTER_SLACK)]
		self.assertTrue(any(f"Could not update *{name}*" in t for t in told), told)

	def test_approve_from_the_home_tab_decides_and_republishes_both_tabs(self):
		name = self.world.leave(working_day(70))
		self.make_approver_an_employee()
		self.run_jobs()  # the DM jobs link both to their Slack accounts
		bea = self.open_home(APPROVER_SLACK)
		self.assertIn("Waiting for You", home_text(bea))
		self.assertIn(("leave_approve", name), home_buttons(bea))
		before = self.days_left()
		self.slack.reset_calls()

		self.assertAck(self.click_home(bea, "leave_approve", name, APPROVER_SLACK))
		doc = frappe.get_doc("Leave Application", name)
		self.assertEqual((doc.status, doc.docstatus, doc.modified_by), ("Approved", 1, APPROVER))
		self.run_jobs()
		published = {c.args["user_id"] for c in self.slack.calls_to("views.publish")}
		self.assertEqual(published, {REQUESTER_SLACK, APPROVER_SLACK})
		self.assertNotIn(("leave_approve", name), home_buttons(self.slack.home_view(APPROVER_SLACK)))
		jane = self.slack.home_view(REQUESTER_SLACK)
		self.assertIn("*Approved*", home_text(jane))
		self.assertIn(("leave_ask_cancel", name), home_buttons(jane))
		self.assertEqual(self.days_left(), before - 1)  # hrms: the approved day is taken
		self.assertIn(f"*{LEAVE_TYPE}*: {before - 1:g} days left", home_text(jane))
