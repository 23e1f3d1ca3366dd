"""The "Test channel" button of Slack Settings."""

from __future__ import annotations

import frappe

from frappe_slack_connector import core
from frappe_slack_connector.api.workspace import slack_error_hint
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.client import SlackCallError


@frappe.whitelist(methods=["POST"])
def test_channel(channel_id: str | None = None) -> dict:
	"""Post a test message to `channel_id` (default: the Attendance Channel ID)."""
	frappe.only_for("System Manager")
	channel = (channel_id or erp_settings.summary_settings().channel or "").strip().lstrip("#")
	if not channel:
		frappe.throw(frappe._("Enter a Channel ID to test."), title=frappe._("Slack channel test"))
	try:
		# Posted to a channel: in the site's language, like the summary it stands in for.
		message = core.build_test_message(
			erp_settings.site_url(), words=words.test_message(erp_users.language_of(None))
		)
		posted = slack_site.call_site(
			"chat.postMessage", path=slack_site.REQUEST, body=message, channel=channel
		)
	except SlackCallError as err:
		erp_log.fail(
			title=f"Slack channel test failed: {err.error}",
			log_message=f"{err} (channel {channel})",
			user_message=frappe._("Slack refused the test message: {0}. {1}")
			.format(err.error, slack_error_hint(err.error))
			.strip(),
		)
	return {"ok": True, "channel": channel, "ts": posted["ts"]}
