"""The `/timesheet` slash command."""

import frappe

from frappe_slack_connector.slack import handlers
from frappe_slack_connector.slack.guard import SlackRequest, slack_endpoint


# xss_safe: the body is signed and parsed by us; Frappe's Guest sanitiser must not touch it.
@frappe.whitelist(allow_guest=True, methods=["POST"], xss_safe=True)
@slack_endpoint("slash_timesheet.slash_timesheet")
def slash_timesheet(request: SlackRequest):
	return handlers.handle_timesheet_command(request.form)
