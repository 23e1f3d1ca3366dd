"""Socket Mode on a real site and on the double: the app's client (what `bench --site <site>
slack-socket-mode` runs) against the loopback Socket Mode server, one fresh site context per
envelope (frappe.init + connect + destroy), the same handlers as the HTTP routes.

The client runs in this (the main) thread, as under bench, while Slack's side plays in another
thread; the client's last envelope destroys the context it ran in, so the test opens its own again
afterwards, as a later process would."""

from __future__ import annotations

import json
from typing import Any

import frappe

from frappe_slack_connector.flows import dispatch
from frappe_slack_connector.slack.socket_mode import SocketModeClient
from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_message,
	button_action,
	global_shortcut,
	message_shortcut,
	slash_command_request,
)
from frappe_slack_connector.tests.support.socket_mock import SocketModeMock, run_client_while
from frappe_slack_connector.tests.test_leave_actions import buttons
from frappe_slack_connector.tests.utils import (
	APPROVER,
	APPROVER_SLACK,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	save_settings,
	working_day,
)


class TestSocketMode(SlackAppTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.socket = SocketModeMock().start()
		cls.addClassCleanup(cls.socket.stop)
		cls.slack.socket_urls = cls.socket.new_url
		# Restored with the rest of Slack Settings by the base class's cleanup.
		save_settings(connection="Socket Mode", app_level_token=cls.slack.app_token)

	def tearDown(self) -> None:
		report = self.socket.problems_report()
		self.socket.reset()
		super().tearDown()
		self.assertIsNone(report, report)

	def serve(self, scenario) -> tuple[int, Any]:
		"""Run the client until `scenario` (Slack's side, in another thread) ends; then a site
		context of the test's own again. Returns (the client's exit code, the scenario's result)."""
		site, sites_path = frappe.local.site, frappe.local.sites_path
		frappe.db.commit()  # a process boundary: the client's contexts see what the test made
		try:
			return run_client_while(
				SocketModeClient(site, sites_path, handlers=dispatch), scenario, self.socket
			)
		finally:
			if getattr(frappe.local, "site", None) != site or getattr(frappe.local, "db", None) is None:
				frappe.init(site, sites_path=sites_path, force=True)
				frappe.connect()
			frappe.local.flags.in_test = True

	def test_slash_command_and_approve_click_over_socket_mode(self):
		name = self.world.leave(working_day(49))
		self.run_jobs()
		[request] = self.posts_to(APPROVER_SLACK)
		click = block_actions_message(
			button_action("leave_approve", name, block_id="leave_actions_block"),
			channel_id=request.response["channel"],
			message_ts=request.response["ts"],
			user={"id": APPROVER_SLACK, "username": "bea", "name": "bea", "team_id": self.slack.team_id},
		)
		slash = slash_command_request(secret=SIGNING_SECRET, user_id=REQUESTER_SLACK, user_name="jane")

		def slack(socket):
			socket.wait_for_connection()
			opened = socket.wait_ack(socket.send_slash_command(slash.form()))
			approved = socket.wait_ack(socket.send_interactive(click))
			return opened, approved

		code, (opened, approved) = self.serve(slack)
		self.assertEqual(code, 0)
		self.assertIsNone(opened.payload)  # a plain ack, as the HTTP route's empty 200
		[modal] = self.slack.calls_to("views.open")
		self.assertEqual(modal.args["view"]["callback_id"], "apply_leave_application")
		self.assertEqual(
			json.loads(modal.args["view"]["private_metadata"]), {"employee": self.world.employee}
		)
		self.assertIsNone(approved.payload)
		doc = frappe.get_doc("Leave Application", name)
		self.assertEqual((doc.status, doc.docstatus, doc.modified_by), ("Approved", 1, APPROVER))
		self.run_jobs()
		[rewritten] = [
			c
			for c in self.slack.calls_to("chat.update")
			if (c.args["channel"], c.args["ts"]) == (request.response["channel"], request.response["ts"])
		][-1:]
		self.assertEqual(buttons(rewritten.args), [])

	def test_the_shortcuts_over_socket_mode(self):
		"""Both shortcuts open the leave modal over the socket (the message's text as the reason)."""
		jane = {"id": REQUESTER_SLACK, "username": "jane", "name": "jane"}
		payloads = [
			global_shortcut("apply_leave", user=jane),
			message_shortcut("request_leave_from_message", message_text="Dentist *Friday*", user=jane),
		]

		filed = frappe.get_all("Leave Application", filters={"employee": self.world.employee}, pluck="name")

		def slack(socket):
			socket.wait_for_connection()
			return [socket.wait_ack(socket.send_interactive(p)) for p in payloads]

		code, acks = self.serve(slack)
		self.assertEqual(code, 0)
		self.assertEqual([a.payload for a in acks], [None, None])
		first, second = self.slack.calls_to("views.open")
		self.assertEqual(first.args["view"]["callback_id"], "apply_leave_application")
		[reason] = [b["element"] for b in second.args["view"]["blocks"] if b.get("block_id") == "reason"]
		self.assertEqual(reason["initial_value"], "Dentist *Friday*")
		self.assertEqual(
			frappe.get_all("Leave Application", filters={"employee": self.world.employee}, pluck="name"),
			filed,
		)
