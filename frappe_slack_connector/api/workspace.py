"""Slack Settings buttons: "Sync Slack users" and "Test connection"."""

from __future__ import annotations

import frappe

from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.client import SlackCallError
from frappe_slack_connector.tasks import slack_users


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
		data = slack_site.call_site("auth.test")
	except SlackCallError as err:
		erp_log.fail(
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
