"""Fixtures for testing the app end to end: a configured site talking to the Slack mock, and a
way to send Slack-built requests through the Frappe dispatcher."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from werkzeug.wrappers import Response

from frappe_slack_connector.tests.support.dispatch import build_request, dispatch
from frappe_slack_connector.tests.support.lock_watch import LockWatch
from frappe_slack_connector.tests.support.slack_requests import SlackRequest

SIGNING_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
ATTENDANCE_CHANNEL = "C0ATTEND01"


@dataclass
class App:
	"""The site as an admin configured it, plus helpers to talk to it as Slack would."""

	site: Any
	slack: Any
	secret: str = SIGNING_SECRET

	def send(self, request: SlackRequest) -> Response:
		"""Deliver a request built by frappe_slack_connector.tests.support.slack_requests through Frappe's dispatcher."""
		return dispatch(build_request(request.path, data=request.body, headers=request.headers))

	def configure(self, **values: Any) -> None:
		import frappe  # noqa: PLC0415 - the double is on sys.path only after suite_plugin ran

		settings = frappe.get_single("Slack Settings")
		settings.update(values)
		previous = frappe.session.user
		frappe.set_user("Administrator")
		try:
			settings.save()
		finally:
			frappe.set_user(previous)
		frappe.db.commit()

	def error_titles(self) -> list[str]:
		return [row["method"] for row in self.site.error_logs()]


def json_body(response: Response) -> Any:
	return json.loads(response.get_data(as_text=True))


@pytest.fixture
def app(site, slack_mock) -> Iterator[App]:
	"""The configured site. Every Slack call it makes is checked: none may be made while the
	calling transaction holds a row lock other workers could be waiting on (a locking read, an
	update or a delete not yet committed); the test fails at teardown if one was."""
	site.set_conf(slack_api_url=slack_mock.url)
	harness = App(site=site, slack=slack_mock)
	harness.configure(
		signing_secret=SIGNING_SECRET,
		bot_user_oauth_token=slack_mock.bot_token,
		attendance_channel_id=ATTENDANCE_CHANNEL,
	)
	watch = LockWatch().start()
	try:
		yield harness
	finally:
		under_lock = watch.stop()
	if under_lock:
		pytest.fail("Slack called under a row lock:\n" + "\n".join(under_lock), pytrace=False)
