"""`function_executed`: a workflow ran one of the app's steps (`core.route_event` read its
inputs). Acked at once; the step runs in a job (`flows/steps/jobs.py`), each `event_id` once
(`erp/home.first_delivery`). The execution's token is kept apart (`erp/steps`) for the outbox to
complete the step with: never in the job's arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.wrappers import Response

from frappe_slack_connector.erp import home as erp_home
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import steps as erp_steps
from frappe_slack_connector.flows.steps import jobs as steps_jobs
from frappe_slack_connector.slack.responses import ack

if TYPE_CHECKING:
	from frappe_slack_connector._core import FunctionExecutedRoute


def function_executed(route: FunctionExecutedRoute) -> Response:
	"""Ack; a retry or duplicate of an event already taken is acked without work."""
	if not erp_home.first_delivery(route["event_id"]):
		return ack()
	erp_steps.keep_token(route["execution_id"], route["token"])
	erp_jobs.enqueue_after_commit(
		f"{steps_jobs.JOBS}.run_step",
		step=route["step"],
		execution_id=route["execution_id"],
		inputs=route["inputs"],
		invalid=route["invalid"],
	)
	return ack()
