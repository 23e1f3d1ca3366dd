"""The timesheet reminder: the scheduler entry point and the debugging path."""

from __future__ import annotations

import json

import frappe

from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import timesheet as erp_timesheet
from frappe_slack_connector.tasks import timesheet


@frappe.whitelist(methods=["POST"])
def reminder_tick() -> dict:
	"""Send today's missed-hours reminders if due (enabled, working day, time reached, not yet
	sent). Runs from the `all` scheduler event (as Administrator) on every tick."""
	frappe.only_for("System Manager")
	return timesheet.run_scheduled()


@frappe.whitelist(methods=["POST"])
def send_reminders(dry_run: bool | str | int = False) -> dict:
	"""Send today's reminders now, whatever the gate says (the day is claimed all the same).

	`bench --site S execute frappe_slack_connector.api.timesheet.send_reminders` is the debugging
	path. With `dry_run=True` nothing is sent or claimed: who would get what (and who not, and
	why) is printed and returned.
	"""
	frappe.only_for("System Manager")
	today = erp_clock.now().date()
	if frappe.utils.sbool(dry_run):
		planned = timesheet.plan(today, erp_timesheet.reminder_settings())
		for item in planned["to_send"]:
			print(f"{item['employee']} ({item['slack_user_id']}, {item['lang']}): {item['message']['text']}")
		for item in planned["skipped"]:
			print(f"{item['employee']}: no reminder ({item['reason']})")
		print(json.dumps(planned["to_send"], indent=1, default=str))
		return planned
	with erp_timesheet.reminder_claim():
		settings = erp_timesheet.reminder_settings(for_update=True)
		erp_timesheet.claim_day(today)
	return timesheet.send_reminders(today, settings)
