"""The shortcuts and `/apply-leave <text>`, on a real site and on the double: each door opens the
leave modal (a message shortcut with the message as the reason, a one-line request prefilled),
over HTTP (Socket Mode: test_socket_mode.py), and none of them files anything."""

from __future__ import annotations

import frappe

from frappe_slack_connector.tests.support.slack_requests import (
	global_shortcut,
	interaction_request,
	message_shortcut,
	slash_command_request,
)
from frappe_slack_connector.tests.utils import (
	LEAVE_TYPE,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
)

JANE = {"id": REQUESTER_SLACK, "username": "jane", "name": "jane"}


def initial(view: dict, block_id: str):
	[element] = [b["element"] for b in view["blocks"] if b.get("block_id") == block_id]
	return element.get("initial_date") or element.get("initial_value") or element.get("initial_option")


class TestShortcuts(SlackAppTestCase):
	def applications(self) -> list[str]:
		return frappe.get_all("Leave Application", filters={"employee": self.world.employee}, pluck="name")

	def test_the_global_shortcut_opens_the_leave_modal(self):
		before = self.applications()
		self.assertAck(
			self.send(interaction_request(global_shortcut("apply_leave", user=JANE), secret=SIGNING_SECRET))
		)
		view = self.slack.last_call("views.open").args["view"]
		self.assertEqual(view["callback_id"], "apply_leave_application")
		self.assertEqual(self.applications(), before)

	def test_the_message_shortcut_prefills_the_reason(self):
		before = self.applications()
		payload = message_shortcut(
			"request_leave_from_message", message_text="Moving house *Friday*", user=JANE
		)
		self.assertAck(self.send(interaction_request(payload, secret=SIGNING_SECRET)))
		view = self.slack.last_call("views.open").args["view"]
		self.assertEqual(initial(view, "reason"), "Moving house *Friday*")
		self.assertEqual(self.applications(), before)

	def test_one_line_prefills_the_modal(self):
		before = self.applications()
		request = slash_command_request(
			text="2099-03-02 to 2099-03-04 casual family visit",
			secret=SIGNING_SECRET,
			user_id=REQUESTER_SLACK,
			user_name="jane",
		)
		self.assertAck(self.send(request))
		view = self.slack.last_call("views.open").args["view"]
		self.assertEqual(initial(view, "start_date"), "2099-03-02")
		self.assertEqual(initial(view, "end_date"), "2099-03-04")
		self.assertEqual(initial(view, "leave_type")["value"], LEAVE_TYPE)
		self.assertEqual(initial(view, "reason"), "family visit")
		self.assertEqual(self.applications(), before)
