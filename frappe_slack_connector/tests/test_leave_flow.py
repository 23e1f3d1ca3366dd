"""The leave workflow from Slack, on a real site and on the double: /apply-leave opens the modal,
its submission files the Leave Application as the employee, the approver gets a DM, Approve and
Reject (with its reason modal) decide it — every step a signed request through Frappe's request
handling, every Slack call answered by the mock on loopback."""

from __future__ import annotations

import json

import frappe

from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_message,
	button_action,
	interaction_request,
	slash_command_request,
	state_checkboxes,
	state_datepicker,
	state_plain_text,
	state_static_select,
	view_payload,
	view_submission,
)
from frappe_slack_connector.tests.utils import (
	APPROVER,
	APPROVER_SLACK,
	LEAVE_TYPE,
	REQUESTER,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	working_day,
)


def section_text(args: dict) -> str:
	return "\n".join(b["text"]["text"] for b in args["blocks"] if b["type"] == "section")


class TestLeaveFlow(SlackAppTestCase):
	def slash(self):
		return self.send(
			slash_command_request(secret=SIGNING_SECRET, user_id=REQUESTER_SLACK, user_name="jane")
		)

	def interact(self, payload: dict):
		return self.send(interaction_request(payload, secret=SIGNING_SECRET))

	def submit(self, opened_view: dict, day: str, reason: str):
		view = view_payload(
			callback_id=opened_view["callback_id"],
			private_metadata=opened_view["private_metadata"],
			state_values={
				"start_date": {"start_date_picker": state_datepicker(day)},
				"end_date": {"end_date_picker": state_datepicker(day)},
				"leave_type": {"leave_type_select": state_static_select(LEAVE_TYPE)},
				"half_day_checkbox": {"half_day_checkbox": state_checkboxes([])},
				"reason": {"reason_input": state_plain_text(reason)},
			},
		)
		return self.interact(
			view_submission(view, user={"id": REQUESTER_SLACK, "username": "jane", "name": "jane"})
		)

	def click(self, name: str, action: str, channel: str, ts: str):
		return self.interact(
			block_actions_message(
				button_action(action, name, block_id="leave_actions_block"),
				channel_id=channel,
				message_ts=ts,
				user={"id": APPROVER_SLACK, "username": "bea", "name": "bea", "team_id": self.slack.team_id},
			)
		)

	def last_update(self, channel: str):
		"""The approver's DM as it reads now: its last chat.update (a rewrite may repeat)."""
		updates = [c for c in self.slack.calls_to("chat.update") if c.args["channel"] == channel]
		self.assertTrue(updates, f"no chat.update in {channel}")
		return updates[-1]

	def apply_from_slack(self, day: str, reason: str) -> tuple[str, str, str]:
		"""/apply-leave → modal → submission → the approver's DM; returns (leave, DM channel, ts)."""
		self.assertAck(self.slash())
		opened = self.slack.last_call("views.open").args["view"]
		self.assertEqual(opened["callback_id"], "apply_leave_application")
		self.assertEqual(json.loads(opened["private_metadata"]), {"employee": self.world.employee})
		self.assertAck(self.submit(opened, day, reason))
		[name] = frappe.get_all(
			"Leave Application",
			filters={"employee": self.world.employee, "from_date": day, "docstatus": 0},
			pluck="name",
		)
		self.run_jobs()
		[dm] = self.posts_to(APPROVER_SLACK)
		return name, dm.response["channel"], dm.response["ts"]

	def test_apply_and_approve_from_slack(self):
		day = working_day(14)
		name, channel, ts = self.apply_from_slack(day, "Family trip")
		doc = frappe.get_doc("Leave Application", name)
		self.assertEqual((doc.status, doc.docstatus, doc.owner), ("Open", 0, REQUESTER))
		self.assertEqual((doc.leave_type, doc.leave_approver), (LEAVE_TYPE, APPROVER))
		self.assertEqual((str(doc.from_date), str(doc.to_date), doc.description), (day, day, "Family trip"))
		# The first command linked the Slack account found by e-mail.
		self.assertEqual(
			frappe.db.get_value("Slack User Meta", {"user": REQUESTER}, "slack_user_id"), REQUESTER_SLACK
		)
		request_text = section_text(self.posts_to(APPROVER_SLACK)[0].args)
		self.assertIn(f"<@{REQUESTER_SLACK}> has requested leave.", request_text)
		self.assertIn(f"|{name}>", request_text)

		self.assertAck(self.click(name, "leave_approve", channel, ts))
		doc = frappe.get_doc("Leave Application", name)
		self.assertEqual((doc.status, doc.docstatus, doc.modified_by), ("Approved", 1, APPROVER))
		self.run_jobs()
		update = self.last_update(channel)
		self.assertEqual(update.args["ts"], ts)
		self.assertIn("Approved by *Bea Slacktest*", section_text(update.args))
		self.assertFalse(any(b.get("block_id") == "leave_actions_block" for b in update.args["blocks"]))
		told = [section_text(c.args) for c in self.posts_to(REQUESTER_SLACK)]
		self.assertTrue(any("*approved* by *Bea Slacktest*" in t for t in told), told)

	def test_apply_and_reject_with_a_reason(self):
		day = working_day(21)
		name, channel, ts = self.apply_from_slack(day, "Conference")
		self.assertAck(self.click(name, "leave_reject", channel, ts))
		opened = self.slack.last_call("views.open").args["view"]
		self.assertEqual(opened["callback_id"], "leave_reject_reason")
		self.assertEqual(frappe.db.get_value("Leave Application", name, "status"), "Open")
		view = view_payload(
			callback_id=opened["callback_id"],
			private_metadata=opened["private_metadata"],
			state_values={"reject_reason": {"reject_reason_input": state_plain_text("Team offsite")}},
		)
		self.assertAck(
			self.interact(
				view_submission(view, user={"id": APPROVER_SLACK, "username": "bea", "name": "bea"})
			)
		)
		doc = frappe.get_doc("Leave Application", name)
		self.assertEqual((doc.status, doc.docstatus), ("Rejected", 1))
		self.run_jobs()
		self.assertIn("❌ Rejected by *Bea Slacktest*", section_text(self.last_update(channel).args))
		told = [section_text(c.args) for c in self.posts_to(REQUESTER_SLACK)]
		self.assertTrue(any("*rejected* by *Bea Slacktest*" in t and "Team offsite" in t for t in told), told)

	def test_a_second_click_changes_nothing(self):
		name, channel, ts = self.apply_from_slack(working_day(28), "Moving house")
		self.assertAck(self.click(name, "leave_approve", channel, ts))
		self.assertAck(self.click(name, "leave_reject", channel, ts))
		doc = frappe.get_doc("Leave Application", name)
		self.assertEqual((doc.status, doc.docstatus), ("Approved", 1))
		self.assertEqual(
			[c.args["view"]["callback_id"] for c in self.slack.calls_to("views.open")],
			["apply_leave_application"],
		)
