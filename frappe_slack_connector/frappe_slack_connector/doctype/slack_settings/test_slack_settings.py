"""Slack Settings (per-DocType test, v15 convention: doctype/<name>/test_<name>.py)."""

import frappe

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
