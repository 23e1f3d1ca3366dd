""" "While you are away" on a real site and on the double: Jane allows it from the Home tab through
Slack's user OAuth (her browser comes back without a desk session), her approved leave of today
shows as her Slack status — written with her own token by the outbox — and Stop showing clears it
and gives the token back."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import frappe
from frappe.utils import nowdate

from frappe_slack_connector import core
from frappe_slack_connector.erp import away as erp_away
from frappe_slack_connector.erp import clock
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_home,
	button_action,
	interaction_request,
)
from frappe_slack_connector.tests.utils import (
	APPROVER,
	REQUESTER,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	get_page,
	restore_settings,
	save_settings,
	working_day,
)

CALLBACK = "/api/method/frappe_slack_connector.api.oauth.callback"
HOME = {"id": "V0HOME0001", "type": "home", "hash": "h1", "callback_id": "", "private_metadata": ""}


class TestWhileYouAreAway(SlackAppTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		previous = save_settings(client_id=cls.slack.client_id, client_secret=cls.slack.client_secret)
		cls.addClassCleanup(restore_settings, previous)
		# Her Slack day is the site's: the leave of today is today for her too.
		cls.slack.add_user(
			id=REQUESTER_SLACK,
			email=REQUESTER,
			real_name="Jane Slacktest",
			name="jane",
			tz=frappe.utils.get_system_timezone(),
		)

	def setUp(self) -> None:
		super().setUp()
		# Slack's clock (status expirations) at the site's now: on a real site the same moment.
		self.slack.freeze_clock(at=clock.epoch_seconds(clock.now()))

	def click(self, action: str, value: str):
		payload = block_actions_home(
			button_action(action, value, block_id="away_actions_block"),
			view=HOME,
			user={"id": REQUESTER_SLACK, "username": "jane", "name": "jane", "team_id": self.slack.team_id},
		)
		return self.send(interaction_request(payload, secret=SIGNING_SECRET))

	def allow(self) -> str:
		"""Show my leave in Slack, then Slack's consent screen: her browser back at the callback."""
		erp_users.link_slack_user(REQUESTER, REQUESTER_SLACK, "jane")
		frappe.db.commit()
		self.assertAck(self.click("away_show", "show"))
		url = self.slack.last_call("views.open").args["view"]["blocks"][1]["elements"][0]["url"]
		query = parse_qs(urlsplit(url).query)
		self.assertEqual(query["user_scope"], [",".join(core.USER_SCOPES)])
		self.slack.add_oauth_code(
			"c-away", user_id=REQUESTER_SLACK, user_scopes=core.USER_SCOPES, bot_scopes=()
		)
		response = get_page(CALLBACK, {"code": "c-away", "state": query["state"][0]})
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
		self.assertIn("Your leave will show in Slack", response.get_data(as_text=True))
		self.run_jobs()
		[token] = self.slack.live_user_tokens(REQUESTER_SLACK)
		return token

	def approved_today(self) -> str:
		name = self.world.leave(nowdate())
		erp_leave.decide_leave(name, "Approved", APPROVER)
		frappe.db.commit()
		return name

	def test_her_leave_of_today_shows_until_she_stops_showing_it(self):
		if working_day(0) != nowdate():
			self.skipTest("today is not a working day: no leave can be taken today")
		token = self.allow()
		self.assertTrue(erp_away.state(REQUESTER).consent)
		self.approved_today()
		self.run_jobs()
		status = self.slack.status_of(REQUESTER_SLACK)
		self.assertTrue(status["status_text"].startswith("On leave until"), status)
		self.assertEqual(status["status_emoji"], ":palm_tree:")
		self.assertGreater(status["status_expiration"], 0)

		self.assertAck(self.click("away_stop", "stop"))
		self.run_jobs()
		self.assertEqual(self.slack.status_of(REQUESTER_SLACK)["status_text"], "")
		self.assertNotIn(token, self.slack.live_user_tokens(REQUESTER_SLACK))
		frappe.db.rollback()
		self.assertIsNone(erp_away.user_token(REQUESTER))

	def test_a_status_she_set_herself_stays(self):
		if working_day(0) != nowdate():
			self.skipTest("today is not a working day: no leave can be taken today")
		self.allow()
		self.slack.person_sets_status(REQUESTER_SLACK, "Travelling", ":airplane:")
		self.approved_today()
		self.run_jobs()
		self.assertEqual(self.slack.status_of(REQUESTER_SLACK)["status_text"], "Travelling")
		self.assertEqual(len(self.slack.calls_to("users.profile.get")), 1)  # read, then left alone
		self.assertEqual(self.slack.calls_to("users.profile.set"), [])
		self.assertAck(self.click("away_stop", "stop"))
		self.run_jobs()
		self.assertEqual(self.slack.status_of(REQUESTER_SLACK)["status_text"], "Travelling")

	def tearDown(self) -> None:
		super().tearDown()
		# Each test starts without her consent, her leave or her Slack status.
		for name in frappe.get_all(
			"Leave Application", filters={"employee": self.world.employee}, pluck="name"
		):
			doc = frappe.get_doc("Leave Application", name)
			if doc.docstatus == 1:
				doc.cancel()
			frappe.delete_doc("Leave Application", name, ignore_permissions=True, force=True)
		if erp_away.state(REQUESTER) is not None:
			erp_away.erase_token(REQUESTER)
		frappe.db.commit()
		self.run_jobs()
		self.slack.person_sets_status(REQUESTER_SLACK, "", "")
