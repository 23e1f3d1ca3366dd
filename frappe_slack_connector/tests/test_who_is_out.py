"""/whoisout on a real site and on the double: the signed slash command answers at once with who
is out on the day asked about (the requester's own Open leave among them, "awaiting approval"),
a leave type hidden when Slack Settings says so, and the usage hint for an argument it does not
understand — each an HTTP 200 Slack shows only to the person who asked."""

from __future__ import annotations

import json

from frappe_slack_connector.tests.support.slack_requests import slash_command_request
from frappe_slack_connector.tests.utils import (
	LEAVE_TYPE,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	restore_settings,
	save_settings,
	working_day,
)

PATH = "/api/method/frappe_slack_connector.api.slash_whoisout.slash_whoisout"


class TestWhoIsOut(SlackAppTestCase):
	def whoisout(self, text: str) -> str:
		request = slash_command_request(
			"/whoisout", text, secret=SIGNING_SECRET, user_id=REQUESTER_SLACK, user_name="jane", path=PATH
		)
		response = self.send(request)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
		message = json.loads(response.get_data(as_text=True))
		self.assertTrue(message["text"])
		return "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] in ("header", "section"))

	def test_a_day_lists_who_is_out_and_hides_types_when_asked(self):
		day = working_day(3)
		self.world.leave(day, description="Dentist")
		self.run_jobs()
		answer = self.whoisout(day)
		self.assertIn(f"<@{REQUESTER_SLACK}> — {LEAVE_TYPE}, awaiting approval", answer)
		previous = save_settings(hide_leave_types=1)
		self.addCleanup(restore_settings, previous)
		hidden = self.whoisout(day)
		self.assertIn(f"<@{REQUESTER_SLACK}> — Out, awaiting approval", hidden)
		self.assertNotIn(LEAVE_TYPE, hidden)

	def test_an_argument_it_does_not_understand_gets_the_usage_hint(self):
		answer = self.whoisout("someday")
		self.assertIn("“someday”", answer)
		self.assertIn("/whoisout week", answer)
