"""Slack Settings buttons: "Sync Slack users" and "Test connection"."""

from __future__ import annotations

import frappe

from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.client import SlackCallError
from frappe_slack_connector.tasks import slack_users


def slack_error_hint(error: str) -> str:
	"""What an admin can do about a Slack error code, in their language ("" when we have no advice).
	The English is `slack/client.py` ERROR_HINTS (that module knows no Frappe); a test keeps the two
	the same."""
	return {
		"channel_not_found": frappe._("Check the Channel ID (channel details → About → Channel ID)."),
		"not_in_channel": frappe._("Invite the app to the channel first (/invite @<app name>)."),
		"is_archived": frappe._("The channel is archived."),
		"invalid_auth": frappe._("The Bot User OAuth Token is wrong or was revoked: install the app again."),
		"not_authed": frappe._("Set the Bot User OAuth Token (or use Add to Slack)."),
		"not_configured": frappe._("Set the Bot User OAuth Token (or use Add to Slack)."),
		"account_inactive": frappe._("The token belongs to a deactivated app or user."),
		"token_revoked": frappe._("The token was revoked: install the app again."),
		"missing_scope": frappe._("Add the missing scope to the Slack app and reinstall it."),
		"connection_error": frappe._("This server cannot reach Slack (network, proxy or slack_api_url)."),
	}.get(error, "")


@frappe.whitelist(methods=["POST"])
def sync_slack_users() -> dict:
	"""Queue the Slack user sync on the long queue; the result arrives as a desk message."""
	frappe.only_for(erp_users.SYSTEM_MANAGER)
	erp_jobs.enqueue_long(
		"frappe_slack_connector.tasks.slack_users.sync_users",
		job_id=slack_users.JOB_ID,
		notify_user=erp_users.session_user(),
	)
	return {"queued": True}


@frappe.whitelist(methods=["POST"])
def test_connection() -> dict:
	"""`auth.test` with the stored bot token: the workspace and the bot's name, or Slack's error."""
	frappe.only_for(erp_users.SYSTEM_MANAGER)
	try:
		data = slack_site.call_site("auth.test", path=slack_site.REQUEST)
	except SlackCallError as err:
		erp_log.fail(
			title=f"Slack connection test failed: {err.error}",
			log_message=str(err),
			user_message=frappe._("Slack answered: {0}. {1}")
			.format(err.error, slack_error_hint(err.error))
			.strip(),
		)
	return {
		"ok": True,
		"team": data.get("team"),
		"team_id": data.get("team_id"),
		"url": data.get("url"),
		"bot": data.get("user"),
		"bot_user_id": data.get("user_id"),
	}
