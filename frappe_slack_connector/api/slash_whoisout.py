"""The `/whoisout` slash command (registry handler key `who_is_out`, `core.SLASH_COMMANDS`)."""

import frappe

from frappe_slack_connector.flows import dispatch
from frappe_slack_connector.slack.guard import SlackRequest, slack_endpoint


# xss_safe: the body is signed and parsed by us; Frappe's Guest sanitiser must not touch it.
@frappe.whitelist(allow_guest=True, methods=["POST"], xss_safe=True)
@slack_endpoint("slash_whoisout.slash_whoisout")
def slash_whoisout(request: SlackRequest):
	return dispatch.handle_slash_command("who_is_out", request.form)
