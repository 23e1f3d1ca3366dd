"""The `/timesheet` slash command (registry handler key `log_time`, `core.SLASH_COMMANDS`)."""

import frappe

from frappe_slack_connector.flows import dispatch
from frappe_slack_connector.slack.guard import SlackRequest, slack_endpoint


# xss_safe: the body is signed and parsed by us; Frappe's Guest sanitiser must not touch it.
@frappe.whitelist(allow_guest=True, methods=["POST"], xss_safe=True)
@slack_endpoint("slash_timesheet.slash_timesheet")
def slash_timesheet(request: SlackRequest):
	return dispatch.handle_slash_command("log_time", request.form)
