"""The Events API and the Home tab on a real site and on the double: url_verification answered
only when signed, app_home_opened acked and published from a job with the balances hrms's own
get_leave_details gives, Apply for leave opening the /apply-leave modal, and a Withdraw that hrms's
rights refuse told to the requester."""

from __future__ import annotations

import json

import frappe
from frappe.utils import nowdate
from hrms.hr.doctype.leave_application.leave_application import get_leave_details

from frappe_slack_connector.tests.test_leave_flow import section_text
from frappe_slack_connector.tests.utils import (
	LEAVE_TYPE,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	working_day,
)
from tests.harness.slack_requests import (
	app_home_opened,
	block_actions_home,
	button_action,
	event_callback,
	event_request,
	interaction_request,
	url_verification,
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
	def open_home(self) -> dict:
		event = event_callback(app_home_opened(REQUESTER_SLACK))
		self.assertAck(self.send(event_request(event, secret=SIGNING_SECRET)))
		self.run_jobs()
		view = self.slack.home_view(REQUESTER_SLACK)
		self.assertIsNotNone(view, "no Home tab published")
		return view

	def click_home(self, view: dict, action: str, value: str):
		payload = block_actions_home(
			button_action(action, value, block_id="home_actions_block"),
			view=view,
			user={"id": REQUESTER_SLACK, "username": "jane", "name": "jane", "team_id": self.slack.team_id},
		)
		return self.send(interaction_request(payload, secret=SIGNING_SECRET))

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
		frappe.set_user("Administrator")  # on the double the request ran in this context, as Guest
		left = get_leave_details(self.world.employee, nowdate())["leave_allocation"][LEAVE_TYPE]
		self.assertEqual(left["remaining_leaves"], 10)  # 10 allocated; the Open request is pending
		self.assertIn(f"*{LEAVE_TYPE}*: 10 days left", text)
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
