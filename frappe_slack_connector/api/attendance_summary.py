"""The daily attendance summary: the scheduler entry point and the debugging path."""

from __future__ import annotations

import json

import frappe

from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.tasks import attendance


@frappe.whitelist(methods=["POST"])
def attendance_channel() -> dict:
	"""Send today's summary if due (enabled, working day, time reached, not yet sent).

	Runs from the `all` scheduler event (as Administrator) on every tick; also callable by a
	System Manager. Returns what happened: `{"sent": bool, "reason"|"ts": …}`.
	"""
	frappe.only_for("System Manager")
	return attendance.run_scheduled()


@frappe.whitelist(methods=["POST"])
def send_notification(dry_run: bool | str | int = False):
	"""Send today's summary now, whatever the gate says, and return its ts.

	`bench --site S execute frappe_slack_connector.api.attendance_summary.send_notification`
	is the debugging path. With `dry_run=True` nothing is posted: the Markdown rendering and
	the JSON of every message are printed and returned.
	"""
	frappe.only_for("System Manager")
	today = erp_clock.now().date()
	if frappe.utils.sbool(dry_run):
		preview = attendance.dry_run(today, erp_attendance.attendance_settings())
		print(preview["markdown"])
		print(json.dumps(preview["messages"], indent=1))
		return preview
	with erp_attendance.attendance_claim():
		settings = erp_attendance.attendance_settings(for_update=True)
		claimed = attendance.claim(today, settings)
	result = attendance.send_summary(today, settings) if claimed else {"sent": False, "reason": "no_channel"}
	if not result["sent"]:
		frappe.throw(
			frappe._("The attendance summary was not sent ({0}); see Error Log.").format(
				result.get("error") or result["reason"]
			)
		)
	return result["ts"]
