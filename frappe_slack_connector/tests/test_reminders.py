"""The approvers' daily reminder on a real site and on the double: the scheduler job claims one
reminder per approver and day in the database (a unique key, so a second tick finds it taken),
posts it, and Approve in the reminder decides the application and rewrites the reminder."""

from __future__ import annotations

import unittest

import frappe
from frappe.utils import getdate, nowdate

from frappe_slack_connector.erp import holidays as erp_holidays
from frappe_slack_connector.tasks import daily as daily_tasks
from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_message,
	button_action,
	interaction_request,
)
from frappe_slack_connector.tests.test_leave_flow import section_text
from frappe_slack_connector.tests.utils import (
	APPROVER,
	APPROVER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	save_settings,
	working_day,
)

HEADER = "Leave requests waiting for you"


def tick() -> dict:
	"""One scheduler tick, as the scheduler runs it (Administrator)."""
	frappe.set_user("Administrator")
	return daily_tasks.approver_reminders()


class TestApproverReminder(SlackAppTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		# Due at once: from midnight on, for requests of any age (restored by the base class).
		save_settings(remind_approvers=1, reminder_after_hours=0, attendance_time="00:00:00")

	def setUp(self) -> None:
		super().setUp()
		if not erp_holidays.is_working_day(getdate(nowdate())):
			raise unittest.SkipTest("today is a holiday of the site's default company: no reminders")
		self.addCleanup(self.drop_claims)

	def drop_claims(self) -> None:
		frappe.db.rollback()
		frappe.db.delete("Slack Approver Reminder", {"approver": APPROVER})
		frappe.db.commit()

	def reminders_to(self, channel: str) -> list:
		return [
			c
			for c in self.posts_to(channel)
			if c.args["blocks"][0]["type"] == "header" and c.args["blocks"][0]["text"]["text"] == HEADER
		]

	def test_two_ticks_remind_once_and_approve_in_the_reminder_decides(self):
		name = self.world.leave(working_day(56))
		self.run_jobs()  # the approval DM, which links the approver to Slack
		first, second = tick(), tick()
		frappe.db.commit()
		self.run_jobs()  # the outbox delivers what the ticks owed
		self.assertEqual(first["approvers"].get(APPROVER), "sent", first)
		self.assertEqual(second["approvers"].get(APPROVER), "already_sent", second)
		[reminder] = self.reminders_to(APPROVER_SLACK)
		self.assertIn(f"|{name}>", section_text(reminder.args))
		[claim] = frappe.get_all(
			"Slack Approver Reminder", filters={"approver": APPROVER}, fields=["status", "ts"]
		)
		self.assertEqual((claim.status, claim.ts), ("Sent", reminder.response["ts"]))

		[block_id] = [
			b["block_id"]
			for b in reminder.args["blocks"]
			if b["type"] == "actions" and any(e.get("value") == name for e in b["elements"])
		]
		click = block_actions_message(
			button_action("leave_approve", name, block_id=block_id),
			channel_id=reminder.response["channel"],
			message_ts=reminder.response["ts"],
			user={"id": APPROVER_SLACK, "username": "bea", "name": "bea", "team_id": self.slack.team_id},
		)
		self.assertAck(self.send(interaction_request(click, secret=SIGNING_SECRET)))
		doc = frappe.get_doc("Leave Application", name)
		self.assertEqual((doc.status, doc.docstatus), ("Approved", 1))
		self.run_jobs()
		rewrites = [
			c
			for c in self.slack.calls_to("chat.update")
			if (c.args["channel"], c.args["ts"]) == (reminder.response["channel"], reminder.response["ts"])
		]
		self.assertTrue(rewrites, "the reminder was not rewritten")
		self.assertIn("Approved by *Bea Slacktest*", section_text(rewrites[-1].args))
