"""Digest rules, on a real site and on the double: a weekly rule for an Employee Group previews
next week's absences of its people without sending anything, and the debugging send posts it once
through the outbox (its period claimed on the rule)."""

from __future__ import annotations

import datetime

import frappe
from frappe.utils import getdate, nowdate

from frappe_slack_connector.tests.utils import REQUESTER, SlackAppTestCase

API = "frappe_slack_connector.api.digests"
DIGEST_CHANNEL = "C0DIGESTST"
GROUP = "Slack Connector Test Guild"
RULE = "Slack Connector Test Digest"


class TestDigests(SlackAppTestCase):
	def setUp(self) -> None:
		super().setUp()
		# Cleanups run last first: the rule, then the group, then the commit that keeps it so.
		self.addCleanup(frappe.db.commit)
		group = frappe.get_doc(
			{
				"doctype": "Employee Group",
				"employee_group_name": GROUP,
				"employee_list": [{"employee": self.world.employee}],
			}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.delete_doc, "Employee Group", group.name, ignore_permissions=True, force=True)
		rule = frappe.get_doc(
			{
				"doctype": "Slack Digest",
				"digest_name": RULE,
				"channel": DIGEST_CHANNEL,
				"scope": "Employee Group",
				"employee_group": GROUP,
				"horizon": "Next Week",
				"weekday": "Monday",
				"send_time": "08:00:00",
				"mention": 0,
			}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.delete_doc, "Slack Digest", rule.name, ignore_permissions=True, force=True)
		self.rule = rule.name
		today = getdate(nowdate())
		next_tuesday = today + datetime.timedelta(days=7 - today.weekday() + 1)
		self.world.leave(str(next_tuesday), description="Conference")
		frappe.db.commit()

	def test_preview_then_send_posts_next_week_once(self):
		shown = frappe.call(f"{API}.preview", rule=self.rule)
		self.assertEqual(shown["channel"], DIGEST_CHANNEL)
		self.assertIn("Jane Slacktest", shown["markdown"])
		self.assertEqual(self.posts_to(DIGEST_CHANNEL), [])

		ts = frappe.call(f"{API}.send_digest", rule=self.rule)
		[post] = self.posts_to(DIGEST_CHANNEL)
		self.assertEqual(ts, post.response["ts"])
		self.assertIn("Jane Slacktest", str(post.args["blocks"]))
		self.assertNotIn(REQUESTER, str(post.args["blocks"]))
		stored = frappe.db.get_value("Slack Digest", self.rule, ["last_period", "last_post_ts"], as_dict=True)
		self.assertEqual(stored.last_post_ts, ts)
		self.assertGreaterEqual(str(stored.last_period), nowdate())
