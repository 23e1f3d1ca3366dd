"""The daily attendance summary: the scheduler entry point and the debugging path."""

from __future__ import annotations

import json

import frappe

from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import deliveries as erp_deliveries
from frappe_slack_connector.flows import daily
from frappe_slack_connector.flows.attendance import summary
from frappe_slack_connector.outbox import relay
from frappe_slack_connector.tasks import daily as daily_tasks


@frappe.whitelist(methods=["POST"])
def attendance_channel() -> dict:
	"""Send today's summary if due (enabled, working day, time reached, not yet sent).

	Runs from the `all` scheduler event (as Administrator) on every tick; also callable by a
	System Manager. Returns what happened: `{"sent": bool, "reason": …}`, and when it was owed the
	delivery of its first message (`"delivery"`: the outbox posts it) and how many messages.
	"""
	frappe.only_for("System Manager")
	return daily_tasks.attendance_summary()


@frappe.whitelist(methods=["POST"])
def send_notification(dry_run: bool | str | int = False):
	"""Send today's summary now, whatever the gate says, and return its ts: it is owed like the
	scheduler's, then the outbox is drained here, so the caller sees Slack's answer.

	`bench --site S execute frappe_slack_connector.api.attendance_summary.send_notification`
	is the debugging path. With `dry_run=True` nothing is posted: the Markdown rendering and
	the JSON of every message are printed and returned.
	"""
	frappe.only_for("System Manager")
	today = erp_clock.now().date()
	if frappe.utils.sbool(dry_run):
		preview = summary.dry_run(today, summary.DAILY.read_settings())
		print(preview["markdown"])
		print(json.dumps(preview["messages"], indent=1))
		return preview
	result = daily.send_now(summary.DAILY, today)
	if not result["sent"]:
		frappe.throw(
			frappe._("The attendance summary was not sent ({0}); see Error Log.").format(
				result.get("error") or result["reason"]
			)
		)
	relay.drain()
	delivery = erp_deliveries.get(result["delivery"])
	if delivery.status == erp_deliveries.DELIVERED:
		return delivery.result_ts
	if delivery.status == erp_deliveries.PENDING:
		frappe.throw(
			frappe._(
				"The attendance summary is not sent yet ({0}); the outbox keeps trying (Slack Delivery {1})."
			).format(delivery.last_error, delivery.name)
		)
	frappe.throw(
		frappe._("The attendance summary was not sent ({0}); see Error Log.").format(delivery.last_error)
	)
