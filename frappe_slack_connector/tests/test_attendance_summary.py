"""Today's attendance summary, on a real site and on the double: the scheduler entry posts once to
the Attendance Channel, naming who is out, and a second tick posts nothing."""

from __future__ import annotations

import frappe
from frappe.utils import getdate, nowdate

from frappe_slack_connector.erp import holidays as erp_holidays
from frappe_slack_connector.tests.utils import (
	CHANNEL,
	REQUESTER,
	REQUESTER_SLACK,
	SlackAppTestCase,
	needs_double,
	restore_settings,
	save_settings,
)

SCHEDULED = "frappe_slack_connector.api.attendance_summary.attendance_channel"


class TestAttendanceSummary(SlackAppTestCase):
	def test_the_summary_goes_out_once_and_names_who_is_out(self):
		if not erp_holidays.is_working_day(getdate(nowdate())):
			self.skipTest("today is not a working day on this site: no summary is due")
		frappe.get_doc(
			{"doctype": "Slack User Meta", "user": REQUESTER, "slack_user_id": REQUESTER_SLACK}
		).insert(ignore_permissions=True)
		self.world.leave(nowdate(), description="Doctor")
		previous = save_settings(
			send_attendance_updates=1,
			attendance_time="00:00:00",
			last_attendance_date=None,
			last_attendance_msg_ts=None,
		)
		self.addCleanup(restore_settings, previous)

		first = frappe.call(SCHEDULED)
		self.assertTrue(first["sent"], first)
		self.run_jobs()  # the outbox delivers what the tick owed
		[post] = self.posts_to(CHANNEL)
		delivered = frappe.db.get_value("Slack Delivery", first["delivery"], ["status", "result_ts"])
		self.assertEqual(delivered, ("Delivered", post.response["ts"]))
		self.assertEqual(
			frappe.db.get_single_value("Slack Settings", "last_attendance_msg_ts"), post.response["ts"]
		)
		self.assertIn(f"<@{REQUESTER_SLACK}>", str(post.args["blocks"]))
		self.assertEqual(frappe.call(SCHEDULED), {"sent": False, "reason": "already_sent"})
		self.run_jobs()
		self.assertEqual(len(self.posts_to(CHANNEL)), 1)

	@needs_double("the clock: the gate is checked at a frozen moment before the attendance time")
	def test_nothing_goes_out_before_the_attendance_time(self):
		from frappe.utils import freeze_time  # noqa: PLC0415 - the double's clock control

		previous = save_settings(
			send_attendance_updates=1, attendance_time="09:30:00", last_attendance_date=None
		)
		self.addCleanup(restore_settings, previous)
		self.addCleanup(freeze_time, None)
		freeze_time("2026-12-01 09:29:59")  # a Tuesday
		self.assertEqual(frappe.call(SCHEDULED), {"sent": False, "reason": "before_time"})
		self.assertEqual(self.posts_to(CHANNEL), [])
