"""The "Test channel" button of Slack Settings."""

from __future__ import annotations

import frappe

from frappe_slack_connector import core, erp
from frappe_slack_connector.slack.client import SlackCallError, call_site

# What an admin should do about the errors Slack gives for a channel post.
HINTS = {
	"channel_not_found": "Check the Channel ID (channel details → About → Channel ID).",
	"not_in_channel": "Invite the app to the channel first (/invite @<app name>).",
	"is_archived": "The channel is archived.",
	"invalid_auth": "The Bot User OAuth Token is wrong or was revoked.",
	"not_authed": "Set the Bot User OAuth Token in Slack Settings.",
	"not_configured": "Set the Bot User OAuth Token in Slack Settings.",
	"account_inactive": "The token belongs to a deactivated app or user.",
	"missing_scope": "Add the chat:write scope to the Slack app and reinstall it.",
}


@frappe.whitelist(methods=["POST"])
def test_channel(channel_id: str | None = None) -> dict:
	"""Post a test message to `channel_id` (default: the Attendance Channel ID)."""
	frappe.only_for("System Manager")
	channel = (channel_id or erp.attendance_settings().channel or "").strip().lstrip("#")
	if not channel:
		frappe.throw(frappe._("Enter a Channel ID to test."), title="Slack channel test")
	try:
		posted = call_site("chat.postMessage", channel=channel, **core.build_test_message(erp.site_url()))
	except SlackCallError as err:
		hint = HINTS.get(err.error, "")
		erp.fail(
			title=f"Slack channel test failed: {err.error}",
			log_message=f"{err} (channel {channel})",
			user_message=frappe._("Slack refused the test message: {0}. {1}").format(err.error, hint).strip(),
		)
	return {"ok": True, "channel": channel, "ts": posted["ts"]}
