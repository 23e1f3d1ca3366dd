"""Everything Slack sends the app arrives here: interactivity (block_actions, view_submission,
view_closed; form-encoded) and the Events API (url_verification, event_callback; JSON)."""

import frappe

from frappe_slack_connector import core
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.flows import dispatch
from frappe_slack_connector.slack.guard import SlackRequest, slack_endpoint
from frappe_slack_connector.slack.responses import json_response


# xss_safe: the body is signed and parsed by us; Frappe's Guest sanitiser must not touch it.
@frappe.whitelist(allow_guest=True, methods=["POST"], xss_safe=True)
@slack_endpoint("slack_interactions.event", events=True)
def event(request: SlackRequest):
	if request.is_event:
		return _event(request)
	payload = request.form.get("payload")
	if payload is None:
		return _reject("missing_payload", "The interaction request has no payload field.")
	try:
		route = core.route_interaction(payload)
	except core.PayloadError as err:
		return _reject(err.reason, str(err))
	return dispatch.handle_interaction(route)


def _reject(reason: str, message: str):
	erp_log.log_error(f"Slack interaction rejected: {reason}", f"Route slack_interactions.event: {message}")
	return json_response({"ok": False, "error": reason}, status=400)


def _event(request: SlackRequest):
	try:
		route = core.route_event(request.body)
	except core.PayloadError as err:
		erp_log.log_error(f"Slack event rejected: {err.reason}", f"Route slack_interactions.event: {err}")
		return json_response({"ok": False, "error": err.reason}, status=400)
	return dispatch.handle_event(route, retry_num=request.retry_num)
