"""All Slack interactivity (block_actions, view_submission, view_closed) arrives here."""

import frappe

from frappe_slack_connector.slack.guard import SlackRequest, slack_endpoint
from frappe_slack_connector.slack.responses import json_response


# xss_safe: the body is signed and parsed by us; Frappe's Guest sanitiser must not touch it.
@frappe.whitelist(allow_guest=True, methods=["POST"], xss_safe=True)
@slack_endpoint("slack_interactions.event")
def event(request: SlackRequest):
	return json_response(
		{"ok": False, "error": "not_implemented", "message": "not implemented yet"}, status=501
	)
