"""What a requester can do from her confirmation DM, on a real site and on the double: Withdraw
(hrms's own permissions decide, and a refusal is shown to her) and Ask to cancel an approved leave,
answered by the approver's Cancel leave — the real Leave Application cancel, as the approver."""

from __future__ import annotations

import frappe

from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_message,
	button_action,
	interaction_request,
)
from frappe_slack_connector.tests.test_leave_flow import section_text
from frappe_slack_connector.tests.utils import (
	APPROVER_SLACK,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	working_day,
)


def buttons(message_args: dict) -> list[tuple[str, str]]:
	return [
		(e["action_id"], e.get("value"))
		for b in message_args["blocks"]
		if b["type"] == "actions"
		for e in b["elements"]
	]


class TestLeaveActions(SlackAppTestCase):
	def click(self, message, action: str, value: str, block_id: str, slack_user: str):
		"""A click on a button of a message the app posted (`message`: the mock's recorded post)."""
		payload = block_actions_message(
			button_action(action, value, block_id=block_id),
			channel_id=message.response["channel"],
			message_ts=message.response["ts"],
			user={"id": slack_user, "username": "x", "name": "x", "team_id": self.slack.team_id},
		)
		return self.send(interaction_request(payload, secret=SIGNING_SECRET))

	def filed(self, day: str):
		"""A leave filed in the desk; its jobs posted the approver's DM and Jane's confirmation."""
		name = self.world.leave(day)
		self.run_jobs()
		[request] = self.posts_to(APPROVER_SLACK)
		[confirmation] = self.posts_to(REQUESTER_SLACK)
		return name, request, confirmation

	def current(self, message) -> dict:
		"""A posted message as it reads now: its last chat.update, else the post itself."""
		rewrites = [
			c
			for c in self.slack.calls_to("chat.update")
			if (c.args["channel"], c.args["ts"]) == (message.response["channel"], message.response["ts"])
		]
		return rewrites[-1].args if rewrites else message.args

	def test_withdraw_refused_by_hrms_rights_is_shown(self):
		# hrms gives the Employee role no delete on Leave Application: the desk refuses her too.
		name, request, confirmation = self.filed(working_day(35))
		self.assertEqual(buttons(confirmation.args), [("leave_withdraw", name)])
		self.assertAck(
			self.click(confirmation, "leave_withdraw", name, "requester_actions_block", REQUESTER_SLACK)
		)
		self.assertTrue(frappe.db.exists("Leave Application", name))
		notice = self.slack.last_call("chat.postEphemeral").args
		self.assertEqual(notice["user"], REQUESTER_SLACK)
		self.assertIn(f"Could not update *{name}*", section_text(notice))
		self.run_jobs()
		self.assertEqual(self.current(request), request.args)  # the approver's DM is untouched

	def test_ask_to_cancel_then_cancel_leave(self):
		name, request, confirmation = self.filed(working_day(42))
		self.assertAck(self.click(request, "leave_approve", name, "leave_actions_block", APPROVER_SLACK))
		self.run_jobs()
		self.assertEqual(buttons(self.current(confirmation)), [("leave_ask_cancel", name)])

		self.assertAck(
			self.click(confirmation, "leave_ask_cancel", name, "requester_actions_block", REQUESTER_SLACK)
		)
		self.run_jobs()
		[asked] = [c for c in self.posts_to(APPROVER_SLACK) if ("leave_cancel", name) in buttons(c.args)]
		self.assertIn("asks to cancel this approved leave", section_text(asked.args))

		self.assertAck(self.click(asked, "leave_cancel", name, "cancellation_actions_block", APPROVER_SLACK))
		doc = frappe.get_doc("Leave Application", name)
		self.assertEqual((doc.status, doc.docstatus), ("Cancelled", 2))
		self.run_jobs()
		self.assertTrue(section_text(self.current(asked)).endswith("🚫 Cancelled by *Bea Slacktest*"))
		self.assertEqual(buttons(self.current(asked)), [])
		now = self.current(confirmation)
		self.assertIn("*cancelled* by *Bea Slacktest*", section_text(now))
		self.assertEqual(buttons(now), [])
