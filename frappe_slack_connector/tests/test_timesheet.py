"""/timesheet on a real site and on the double: the slash command opens the Log Time modal with
the projects the employee is a member of, and each submission adds a time log to her draft
Timesheet of that day as herself — ERPNext's own Timesheet controller and permissions decide —
then the confirmation DM gives the day's total."""

from __future__ import annotations

import json

import frappe
from frappe.utils import nowdate

from frappe_slack_connector.tests.support.slack_requests import (
	interaction_request,
	slash_command_request,
	state_datepicker,
	state_plain_text,
	state_static_select,
	view_submission,
)
from frappe_slack_connector.tests.utils import (
	COMPANY,
	REQUESTER,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
)

PATH = "/api/method/frappe_slack_connector.api.slash_timesheet.slash_timesheet"
ACTIVITY = "Slack Test Development"


class TestTimesheet(SlackAppTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		# Runs before the World's removal (cleanups are LIFO): the time logs go before the project.
		cls.addClassCleanup(cls._drop_timesheets)
		made = cls.world.created
		if not frappe.db.exists("Activity Type", ACTIVITY):
			made.append(
				("Activity Type", cls._insert({"doctype": "Activity Type", "activity_type": ACTIVITY}))
			)
		cls.project = cls._insert(
			{
				"doctype": "Project",
				"project_name": "Slack Test Apollo",
				"company": COMPANY,
				"status": "Open",
				# erpnext project.py (v15) validate: send_welcome_email mails each member not yet
				# invited; a test site has no outgoing Email Account.
				"users": [{"user": REQUESTER, "welcome_email_sent": 1}],
			}
		)
		made.append(("Project", cls.project))
		cls.task = cls._insert({"doctype": "Task", "subject": "Slack Test Design", "project": cls.project})
		made.append(("Task", cls.task))
		frappe.db.commit()

	@staticmethod
	def _insert(values: dict) -> str:
		return frappe.get_doc(values).insert(ignore_permissions=True).name

	@classmethod
	def _drop_timesheets(cls) -> None:
		frappe.db.rollback()
		for name in frappe.get_all("Timesheet", filters={"employee": cls.world.employee}, pluck="name"):
			frappe.delete_doc("Timesheet", name, ignore_permissions=True, force=True)
		frappe.db.commit()

	def opened(self) -> dict:
		request = slash_command_request(
			"/timesheet", "", secret=SIGNING_SECRET, user_id=REQUESTER_SLACK, user_name="jane", path=PATH
		)
		self.assertAck(self.send(request))
		return self.slack.last_call("views.open").response["view"]

	def submit(self, view: dict, hours: str, description: str):
		values = {
			"ts_date": {"ts_date_picker": state_datepicker(nowdate())},
			"ts_project": {"ts_project_select": state_static_select(self.project)},
			"ts_task": {"ts_task_select": state_static_select(self.task)},
			"ts_activity_type": {"ts_activity_type_select": state_static_select(ACTIVITY)},
			"ts_hours": {"ts_hours_input": {"type": "number_input", "value": hours}},
			"ts_description": {"ts_description_input": state_plain_text(description)},
		}
		payload = view_submission(
			{**view, "state": {"values": values}},
			user={"id": REQUESTER_SLACK, "username": "jane", "name": "jane"},
		)
		return self.send(interaction_request(payload, secret=SIGNING_SECRET))

	def test_two_submissions_fill_one_draft_as_the_employee(self):
		view = self.opened()
		self.assertEqual(view["callback_id"], "log_timesheet")
		project_block = next(b for b in view["blocks"] if b.get("block_id") == "ts_project")
		self.assertIn(self.project, json.dumps(project_block))

		self.assertAck(self.submit(view, "2", "Wrote the plan"))
		self.assertAck(self.submit(self.opened(), "1.5", "Reviewed the plan"))
		[sheet] = frappe.get_all(
			"Timesheet",
			filters={"employee": self.world.employee},
			fields=["name", "owner", "docstatus", "total_hours"],
		)
		self.assertEqual((sheet.owner, sheet.docstatus, sheet.total_hours), (REQUESTER, 0, 3.5))
		logs = frappe.get_all(
			"Timesheet Detail",
			filters={"parent": sheet.name, "parenttype": "Timesheet"},
			fields=["from_time", "to_time", "hours", "project", "task", "activity_type"],
			order_by="idx asc",
		)
		self.assertEqual(
			[(r.hours, r.project, r.task) for r in logs],
			[(2, self.project, self.task), (1.5, self.project, self.task)],
		)
		self.assertEqual(logs[0].to_time, logs[1].from_time)  # the second starts where the first ended
		self.run_jobs()
		told = [json.dumps(c.args, ensure_ascii=False) for c in self.posts_to(REQUESTER_SLACK)]
		self.assertTrue(any("3.5 h" in t for t in told), told)
