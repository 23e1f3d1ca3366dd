"""Link previews, on a real site and on the double: a desk link to a Leave Application posted in
Slack unfurls (through the outbox) into a card for a poster who may read it — with Approve /
Reject for its approver, decided as in the approval DM — and into nothing for anyone else
(Socket Mode and the outbox's retries: test-suite/test_link_previews.py)."""

from __future__ import annotations

import frappe

from frappe_slack_connector.erp import desk
from frappe_slack_connector.tests.support.slack_requests import (
	button_action,
	event_callback,
	event_request,
	interaction_request,
	link_shared,
	unfurl_click,
)
from frappe_slack_connector.tests.utils import (
	APPROVER,
	APPROVER_SLACK,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	working_day,
)

CHANNEL = "C0LINKTEST"
STRANGER_SLACK = "U0STRNGR01"  # in Slack, no Frappe user with their e-mail


def action_ids(blocks: list) -> list[str]:
	return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


class TestLinkPreviews(SlackAppTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.slack.add_user(id=STRANGER_SLACK, email="stranger@example.org", real_name="Stranger")

	def share(self, slack_id: str, url: str) -> dict:
		event = link_shared(slack_id, [url], channel=CHANNEL)
		self.assertAck(self.send(event_request(event_callback(event), secret=SIGNING_SECRET)))
		self.run_jobs()
		return event

	def test_the_requester_gets_the_card_and_the_approver_its_buttons(self):
		name = self.world.leave(working_day(85))
		self.run_jobs()  # the DMs link both to their Slack accounts
		url = desk.form_url("Leave Application", name)

		self.share(REQUESTER_SLACK, url)
		blocks = self.slack.unfurled()[url]
		self.assertIn(name, str(blocks))
		self.assertEqual(action_ids(blocks), [])

		self.slack.reset_calls()
		event = self.share(APPROVER_SLACK, url)
		[call] = self.slack.calls_to("chat.unfurl")
		blocks = call.args["unfurls"][url]["blocks"]
		self.assertEqual(action_ids(blocks), ["leave_approve", "leave_reject"])

		click = unfurl_click(
			button_action("leave_approve", name, block_id="leave_actions_block"),
			url=url,
			channel=CHANNEL,
			message_ts=event["message_ts"],
			user={"id": APPROVER_SLACK, "username": "bea", "name": "bea", "team_id": self.slack.team_id},
		)
		self.assertAck(self.send(interaction_request(click, secret=SIGNING_SECRET)))
		doc = frappe.get_doc("Leave Application", name)
		self.assertEqual((doc.status, doc.docstatus, doc.modified_by), ("Approved", 1, APPROVER))

	def test_a_stranger_and_other_links_get_no_unfurl(self):
		name = self.world.leave(working_day(95))
		self.run_jobs()
		url = desk.form_url("Leave Application", name)
		self.share(STRANGER_SLACK, url)
		self.share(REQUESTER_SLACK, url.replace("leave-application", "expense-claim"))
		self.share(REQUESTER_SLACK, desk.form_url("Leave Application", "HR-LAP-NO-SUCH-ONE"))
		self.assertEqual(self.slack.calls_to("chat.unfurl"), [])
