"""The timesheet reminder: the scheduler entry point and the debugging path."""

from __future__ import annotations

import json

import frappe

from frappe_slack_connector import core
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.flows import daily
from frappe_slack_connector.flows.timesheet import reminders
from frappe_slack_connector.tasks import daily as daily_tasks


@frappe.whitelist(methods=["POST"])
def reminder_tick() -> dict:
	"""Send today's missed-hours reminders if due (enabled, working day, time reached, not yet
	sent). Runs from the `all` scheduler event (as Administrator) on every tick."""
	frappe.only_for("System Manager")
	return daily_tasks.timesheet_reminders()


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
		planned = reminders.plan(today, erp_settings.timesheet_reminder_settings())
		for item in planned["to_send"]:
			print(f"{item['employee']} ({item['slack_user_id']}, {item['lang']}):")
			print(core.render_markdown(item["message"]))
		for item in planned["skipped"]:
			print(f"{item['employee']}: no reminder ({item['reason']})")
		print(json.dumps(planned["to_send"], indent=1, default=str))
		return planned
	return daily.send_now(reminders.DAILY, today)
