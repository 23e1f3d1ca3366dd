"""Both Slack-facing routes through Frappe's request handling, on a real site and on the double:
the guard refuses what Slack did not sign before any handler runs, and the bad-input suite's raw
bodies (frappe_slack_connector/tests/support/raw_bodies.py) never make a 5xx, a traceback or a record."""

from __future__ import annotations

import json
import time

import frappe

from frappe_slack_connector.tests.support.raw_bodies import RAW_BODIES
from frappe_slack_connector.tests.support.slack_requests import (
	COMMAND_PATH,
	INTERACTION_PATH,
	SlackRequest,
	block_actions_message,
	button_action,
	interaction_request,
	raw_request,
	slash_command_request,
)
from frappe_slack_connector.tests.utils import REQUESTER_SLACK, SIGNING_SECRET, SlackAppTestCase

ROUTES = {"interaction": INTERACTION_PATH, "slash": COMMAND_PATH}


def build(route: str, **kw) -> SlackRequest:
	secret = kw.pop("secret", SIGNING_SECRET)
	if route == "interaction":
		payload = block_actions_message(button_action("leave_approve", "HR-LAP-2026-99999"))
		return interaction_request(payload, secret=secret, **kw)
	return slash_command_request(secret=secret, user_id=REQUESTER_SLACK, **kw)


class TestSlackRoutes(SlackAppTestCase):
	def leaves(self) -> int:
		return frappe.db.count("Leave Application", {"employee": self.world.employee})

	def assertRejected(self, response, reason: str) -> None:
		text = response.get_data(as_text=True)
		self.assertEqual(response.status_code, 401, text)
		self.assertEqual(json.loads(text)["error"], reason)
		self.assertNotIn("Traceback", text)
		self.assertNotIn(SIGNING_SECRET, text)
		self.assertEqual(self.slack.calls, [], "a refused request reached Slack")

	def test_unsigned_forged_and_stale_requests_are_refused(self):
		cases = {
			"missing_header": {"sign": False},
			"bad_signature": {"secret": "not-the-signing-secret"},
			"stale_timestamp": {"timestamp": int(time.time()) - 301},
		}
		for route in ROUTES:
			for reason, kw in cases.items():
				with self.subTest(route=route, reason=reason):
					self.slack.reset_calls()
					self.assertRejected(self.send(build(route, **kw)), reason)

	def test_a_signed_slash_command_opens_the_modal(self):
		self.assertAck(self.send(build("slash")))
		[opened] = self.slack.calls_to("views.open")
		self.assertEqual(opened.args["view"]["callback_id"], "apply_leave_application")

	def test_signed_raw_bodies_are_answered_cleanly(self):
		before = self.leaves()
		for route, path in ROUTES.items():
			for name, body in RAW_BODIES.items():
				with self.subTest(route=route, body=name):
					response = self.send(raw_request(body, secret=SIGNING_SECRET, path=path))
					text = response.get_data(as_text=True)
					self.assertLess(response.status_code, 500, text[:300])
					self.assertNotIn("Traceback", text)
					if response.status_code >= 400:
						self.assertTrue(json.loads(text)["error"], text[:300])
		self.assertEqual(self.leaves(), before)

	def test_unsigned_raw_bodies_are_refused_before_the_handler(self):
		for route, path in ROUTES.items():
			for name in ("non-utf8", "two-payloads", "5mib-payload", "binary"):
				with self.subTest(route=route, body=name):
					request = raw_request(RAW_BODIES[name], secret=SIGNING_SECRET, path=path, sign=False)
					self.assertRejected(self.send(request), "missing_header")
