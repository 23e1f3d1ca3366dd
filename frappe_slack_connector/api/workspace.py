"""Slack Settings buttons: "Sync Slack users" and "Test connection"."""

from __future__ import annotations

import frappe

from frappe_slack_connector import erp
from frappe_slack_connector.slack.client import SlackCallError, call_site
from frappe_slack_connector.tasks import slack_users


@frappe.whitelist(methods=["POST"])
def sync_slack_users() -> dict:
	"""Queue the Slack user sync on the long queue; the result arrives as a desk message."""
	frappe.only_for(erp.SYSTEM_MANAGER)
	erp.enqueue_long(
		"frappe_slack_connector.tasks.slack_users.sync_users",
		job_id=slack_users.JOB_ID,
		notify_user=erp.session_user(),
	)
	return {"queued": True}


@frappe.whitelist(methods=["POST"])
def test_connection() -> dict:
	"""`auth.test` with the stored bot token: the workspace and the bot's name, or Slack's error."""
	frappe.only_for(erp.SYSTEM_MANAGER)
	try:
		data = call_site("auth.test")
	except SlackCallError as err:
		erp.fail(
			title=f"Slack connection test failed: {err.error}",
			log_message=str(err),
			user_message=frappe._("Slack answered: {0}. {1}").format(err.error, err.hint).strip(),
		)
	return {
		"ok": True,
		"team": data.get("team"),
		"team_id": data.get("team_id"),
		"url": data.get("url"),
		"bot": data.get("user"),
		"bot_user_id": data.get("user_id"),
	}
