"""Slack Settings (per-DocType test, v15 convention: doctype/<name>/test_<name>.py)."""

import frappe

from frappe_slack_connector.erp.settings import summary_settings, timesheet_reminder_settings
from frappe_slack_connector.tests.utils import SiteTestCase


class TestSlackSettings(SiteTestCase):
	def test_pasted_ids_are_stored_bare(self):
		settings = frappe.get_single("Slack Settings")
		settings.attendance_channel_id = "  #C0PASTED01 "
		settings.client_id = " 1111.2222\n"
		settings.save(ignore_permissions=True)
		stored = frappe.db.get_singles_dict("Slack Settings")
		self.assertEqual((stored.attendance_channel_id, stored.client_id), ("C0PASTED01", "1111.2222"))
		# Not committed: the site test case rolls the class's transaction back.

	def test_never_saved_settings_show_the_default_times(self):
		# A fresh install: no tabSingles rows yet. Frappe's new_doc would put the current time in
		# both Time fields, and the first save would keep it.
		frappe.db.delete("Singles", {"doctype": "Slack Settings"})
		settings = frappe.get_single("Slack Settings")
		self.assertEqual(
			(str(settings.attendance_time), str(settings.timesheet_reminder_time)), ("08:00:00", "10:00:00")
		)
		settings.attendance_channel_id = "C0FRESH001"  # mandatory while attendance updates are on
		settings.save(ignore_permissions=True)
		self.assertEqual(
			(summary_settings().send_time, timesheet_reminder_settings().send_time), ("08:00:00", "10:00:00")
		)
		# Not committed: the site test case rolls the class's transaction back.
