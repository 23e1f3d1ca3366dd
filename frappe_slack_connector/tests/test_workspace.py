"""Setting up the workspace from Slack Settings, on a real site and on the double: Test connection
answers with the workspace and the bot, Sync Slack users links people by e-mail."""

from __future__ import annotations

import frappe

from frappe_slack_connector.tests.utils import (
	APPROVER,
	APPROVER_SLACK,
	REQUESTER,
	REQUESTER_SLACK,
	SlackAppTestCase,
)


class TestWorkspace(SlackAppTestCase):
	def test_test_connection_names_the_workspace_and_the_bot(self):
		answer = frappe.call("frappe_slack_connector.api.workspace.test_connection")
		self.assertEqual(
			(answer["ok"], answer["team"], answer["team_id"]),
			(True, self.slack.team_name, self.slack.team_id),
		)
		self.assertEqual(answer["bot_user_id"], self.slack.bot_user_id)
		self.assertEqual(len(self.slack.calls_to("auth.test")), 1)

	def test_sync_links_people_by_email(self):
		self.assertEqual(
			frappe.call("frappe_slack_connector.api.workspace.sync_slack_users"), {"queued": True}
		)
		frappe.db.commit()
		self.assertGreaterEqual(self.run_jobs(), 1)
		linked = dict(
			frappe.get_all(
				"Slack User Meta",
				filters={"user": ("in", [REQUESTER, APPROVER])},
				fields=["user", "slack_user_id"],
				as_list=True,
			)
		)
		self.assertEqual(linked, {REQUESTER: REQUESTER_SLACK, APPROVER: APPROVER_SLACK})
		self.assertTrue(self.slack.calls_to("users.list"))
