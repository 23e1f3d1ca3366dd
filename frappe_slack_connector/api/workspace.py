"""Slack Settings buttons: "Sync Slack users" and "Test connection"."""

from __future__ import annotations

import frappe

from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
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
	"""`auth.test` with the stored bot token: the workspace and the bot's name (kept in Connected
	Workspace), or Slack's error."""
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
	result = {
		"ok": True,
		"team": data.get("team"),
		"team_id": data.get("team_id"),
		"url": data.get("url"),
		"bot": data.get("user"),
		"bot_user_id": data.get("user_id"),
	}
	if erp_settings.socket_mode():
		# HTTP mode answers as before; Socket Mode also proves the App-Level Token.
		_test_app_token()
		result["socket_mode"] = True
	# Last: the write holds the Single's row lock until the request commits, never during a Slack call.
	erp_settings.record_workspace(
		team_id=data.get("team_id") or "",
		team_name=data.get("team") or "",
		bot_user_id=data.get("user_id") or "",
	)
	return result


def app_token_hint(error: str) -> str:
	"""What an admin can do when Slack refuses the App-Level Token, in their language."""
	return {
		"not_configured": frappe._("Set the App-Level Token: Socket Mode needs it."),
		"invalid_auth": frappe._(
			"Create an App-Level Token with the connections:write scope (Basic Information → "
			"App-Level Tokens) and paste it."
		),
		"not_allowed_token_type": frappe._(
			"That is not an App-Level Token: paste the xapp-… token, not the bot token."
		),
		"missing_scope": frappe._("Give the App-Level Token the connections:write scope."),
	}.get(error, slack_error_hint(error))


def _test_app_token() -> None:
	"""Socket Mode: the App-Level Token opens a connection (`apps.connections.open`; the one-use
	URL it returns is never used or logged)."""
	try:
		slack_site.open_socket_url(path=slack_site.REQUEST)
	except SlackCallError as err:
		erp_log.fail(
			title=f"Slack Socket Mode test failed: {err.error}",
			log_message=str(err),
			user_message=frappe._("Slack refused the App-Level Token: {0}. {1}")
			.format(err.error, app_token_hint(err.error))
			.strip(),
		)
