"""The Events API's events (`core.route_event`: `interaction/event.rs` `EVENT_RULES`, the bot
events the manifest subscribes to), listed in `flows/dispatch.py`. Each acks at once; the work
runs in a job (`flows/home/jobs.py`), each `event_id` once (`erp/home.first_delivery`)."""

from __future__ import annotations

from werkzeug.wrappers import Response

from frappe_slack_connector.erp import home as erp_home
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.flows.home import jobs as home_jobs
from frappe_slack_connector.slack.responses import ack, json_response


def url_verification(route) -> Response:
	"""Slack checks the request URL: echo the challenge (the guard has verified the request)."""
	return json_response({"challenge": route["challenge"]})


def app_home_opened(route) -> Response:
	"""Ack at once; the tab is built and published by a job. Each event_id is handled once: a
	retry (`X-Slack-Retry-Num`) or a duplicate of one already taken is acked without work."""
	if route["tab"] != "home":
		return ack()  # the Messages tab: the app's DMs, nothing to publish
	if not erp_home.first_delivery(route["event_id"]):
		return ack()
	erp_jobs.enqueue_after_commit(f"{home_jobs.JOBS}.publish_home", slack_user_id=route["user_id"])
	return ack()
