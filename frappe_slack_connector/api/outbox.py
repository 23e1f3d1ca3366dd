"""The outbox from the desk and the bench: drain by hand, retry a Failed or Unknown delivery,
and the counts Slack Settings shows.

    bench --site <site> execute frappe_slack_connector.api.outbox.drain
"""

from __future__ import annotations

import frappe
from frappe import _

from frappe_slack_connector.erp import clock
from frappe_slack_connector.erp import deliveries as erp_deliveries
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.outbox import relay


@frappe.whitelist(methods=["POST"])
def drain(budget_seconds: float = 0) -> dict:
	"""Deliver every due Slack Delivery now, in this process (debugging; the workers do this on
	their own). Returns how many rows ended in each outcome."""
	frappe.only_for("System Manager")
	return relay.drain(budget_seconds=float(budget_seconds or 0))


@frappe.whitelist(methods=["POST"])
def retry_now(name: str) -> dict:
	"""The desk's "Retry now" on a Failed or Unknown delivery: Pending again, sent by the next
	drain (enqueued when this request commits)."""
	frappe.only_for("System Manager")
	if not erp_deliveries.retry_now(name):
		frappe.throw(_("Only a failed or unknown delivery can be retried."), title=_("Retry now"))
	erp_jobs.enqueue_once_after_commit(relay.DRAIN_METHOD, job_id=relay.DRAIN_JOB_ID)
	return {"name": name, "status": erp_deliveries.PENDING}


@frappe.whitelist(methods=["GET"])
def overview() -> dict:
	"""Slack Settings → Delivery: how many deliveries are in each state, and how long the oldest
	still waiting has waited (seconds; None when nothing waits)."""
	frappe.only_for(["System Manager", "HR Manager"])
	since = erp_deliveries.oldest_pending_since()
	age = (clock.now() - since).total_seconds() if since else None
	return {"counts": erp_deliveries.counts(), "oldest_pending_seconds": age}
