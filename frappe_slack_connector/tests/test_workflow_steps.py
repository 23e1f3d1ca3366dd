"""Workflow Builder steps on a real site and on the double: a `function_executed` event through
the real dispatcher, the step run in a job, its completion owed and sent by the relay with the
execution's token — `request_leave` filing an Open application as the person (the approver's DM
follows) or failing with the reason, `who_is_out` giving /whoisout's list as text, a repeated
event run once, and a completion that waits out a Slack outage."""

from __future__ import annotations

import frappe

from frappe_slack_connector import core
from frappe_slack_connector.erp import steps as erp_steps
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.tests.support.slack_requests import (
	event_callback,
	event_request,
	function_executed,
)
from frappe_slack_connector.tests.utils import (
	APPROVER_SLACK,
	LEAVE_TYPE,
	REQUESTER,
	REQUESTER_SLACK,
	SIGNING_SECRET,
	SlackAppTestCase,
	working_day,
)

STRANGER_SLACK = "U0STRNGR01"
# Each test's day is a week from the others' (`working_day` moves a weekend day to Monday).


class TestWorkflowSteps(SlackAppTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.manifest = core.build_app_manifest("https://erp.example.com")
		cls.slack.add_user(
			id=STRANGER_SLACK, email="nobody-here@example.com", real_name="Sam Stranger", name="sam"
		)

	def run_step(self, callback_id: str, inputs: dict, *, event_id: str | None = None, times: int = 1):
		"""A workflow runs the step: its event (sent `times`, as Slack's retries), the jobs; the
		execution id."""
		execution_id, token = self.slack.start_step(callback_id, self.manifest)
		event = event_callback(
			function_executed(callback_id, inputs, execution_id=execution_id, token=token), event_id=event_id
		)
		for attempt in range(times):
			retry = attempt or None
			self.assertAck(self.send(event_request(event, secret=SIGNING_SECRET, retry_num=retry)))
		self.run_jobs()
		return execution_id, token

	def leave_inputs(self, day: str, slack_id: str = REQUESTER_SLACK) -> dict:
		return {
			"user": slack_id,
			"from_date": day,
			"to_date": day,
			"leave_type": LEAVE_TYPE,
			"reason": "Onboarding day",
		}

	def leaves_on(self, day: str) -> list[dict]:
		return frappe.get_all(
			"Leave Application",
			filters={"employee": self.world.employee, "from_date": day, "docstatus": 0},
			fields=["name", "status", "description", "owner"],
		)

	def test_request_leave_files_an_open_application_and_completes_with_it(self):
		day = working_day(42)
		execution_id, token = self.run_step("request_leave", self.leave_inputs(day))
		[leave] = self.leaves_on(day)
		self.assertEqual(leave.status, "Open")
		self.assertEqual(leave.description, "Onboarding day")
		# Filed as the person the step is for, not as the Administrator or Guest.
		self.assertEqual(leave.owner, frappe.db.get_value("Employee", self.world.employee, "user_id"))
		self.assertEqual(
			self.slack.step_completion(execution_id),
			{"outputs": {"application": leave.name, "status": "Open"}},
		)
		[completion] = self.slack.calls_to("functions.completeSuccess")
		self.assertEqual(completion.authorization, f"Bearer {token}")
		# The execution's token is kept no longer than needed, and never written down.
		self.assertIsNone(erp_steps.token_of(execution_id))
		self.assertEqual(frappe.get_all("Error Log", filters={"error": ("like", f"%{token}%")}), [])
		self.assertEqual(
			frappe.get_all("Slack Delivery", filters={"request_fields": ("like", f"%{token}%")}), []
		)
		# The normal approval flow: the approver's DM.
		# Only this leave's: a DM another test owed may still go out now (the per-channel limiter).
		about = [
			c
			for c in self.posts_to(APPROVER_SLACK)
			if frappe.db.get_value(
				"Slack Delivery", c.args["metadata"]["event_payload"]["delivery"], "reference_name"
			)
			== leave.name
		]
		self.assertEqual(len(about), 1)

	def test_a_person_not_linked_fails_the_step_with_the_reason(self):
		execution_id, _token = self.run_step(
			"request_leave", self.leave_inputs(working_day(49), STRANGER_SLACK)
		)
		self.assertEqual(
			self.slack.step_completion(execution_id),
			{"error": "This Slack user is not linked to a user in the HR system."},
		)
		self.assertEqual(self.slack.calls_to("functions.completeSuccess"), [])

	def test_an_overlapping_leave_fails_the_step_with_frappes_reason(self):
		day = working_day(56)
		existing = self.world.leave(day)
		execution_id, _token = self.run_step("request_leave", self.leave_inputs(day))
		completion = self.slack.step_completion(execution_id)
		self.assertIn("error", completion)
		self.assertTrue(completion["error"].startswith("The leave application was not filed: "), completion)
		self.assertIn(existing, completion["error"])  # hrms names the application it overlaps
		self.assertEqual([row.name for row in self.leaves_on(day)], [existing])

	def test_inputs_the_core_refuses_fail_the_step(self):
		inputs = {**self.leave_inputs(working_day(63)), "to_date": working_day(2)}
		execution_id, _token = self.run_step("request_leave", inputs)
		self.assertEqual(
			self.slack.step_completion(execution_id), {"error": "The last day is before the first day."}
		)

	def test_who_is_out_completes_with_the_list_as_text(self):
		day = working_day(70)
		self.world.leave(day)
		execution_id, _token = self.run_step("who_is_out", {"date": day})
		text = self.slack.step_completion(execution_id)["outputs"]["text"]
		self.assertIn("Who is out on", text)
		self.assertIn(REQUESTER_SLACK, text)
		self.assertIn(LEAVE_TYPE, text)
		unknown, _token = self.run_step("who_is_out", {"date": day, "department": "No Such Department"})
		self.assertEqual(
			self.slack.step_completion(unknown), {"error": "There is no department “No Such Department”."}
		)

	def test_the_same_event_twice_files_one_application_and_completes_once(self):
		day = working_day(77)
		execution_id, _token = self.run_step(
			"request_leave", self.leave_inputs(day), event_id="Ev0STEPTWICE", times=2
		)
		self.assertEqual(len(self.leaves_on(day)), 1)
		self.assertEqual(len(self.slack.calls_to("functions.completeSuccess")), 1)
		self.assertIn("outputs", self.slack.step_completion(execution_id))

	def test_a_step_completes_after_slack_comes_back(self):
		day = working_day(84)
		# She has used the app before (her Slack account is linked): nothing to ask Slack first.
		erp_users.link_slack_user(REQUESTER, REQUESTER_SLACK, "jane")
		frappe.db.commit()
		with self.slack.outage():
			execution_id, _token = self.run_step("request_leave", self.leave_inputs(day))
		self.assertIsNone(self.slack.step_completion(execution_id))
		[row] = frappe.get_all(
			"Slack Delivery",
			filters={"method": "functions.completeSuccess", "status": "Pending"},
			fields=["name", "last_error"],
		)
		self.assertIn("connection_error", row.last_error)
		# Slack is back and the retry is due.
		frappe.db.set_value("Slack Delivery", row.name, "next_attempt_at", frappe.utils.now_datetime())
		frappe.db.commit()
		self.run_jobs()
		[leave] = self.leaves_on(day)
		self.assertEqual(
			self.slack.step_completion(execution_id),
			{"outputs": {"application": leave.name, "status": "Open"}},
		)

	def test_a_completion_whose_answer_was_lost_is_not_sent_twice_nor_failed(self):
		day = working_day(98)
		erp_users.link_slack_user(REQUESTER, REQUESTER_SLACK, "jane")
		frappe.db.commit()
		# Slack completes the step, then answers 500: the relay cannot know it was done.
		self.slack.fail_after_doing_next("functions.completeSuccess")
		execution_id, _token = self.run_step("request_leave", self.leave_inputs(day))
		[leave] = self.leaves_on(day)
		self.assertEqual(
			self.slack.step_completion(execution_id),
			{"outputs": {"application": leave.name, "status": "Open"}},
		)
		[row] = frappe.get_all(
			"Slack Delivery",
			filters={"method": "functions.completeSuccess", "status": "Pending"},
			fields=["name", "outcome_unknown"],
		)
		self.assertEqual(row.outcome_unknown, 1)
		# The retry is due (and so is anything else still waiting, e.g. the approver's DM).
		for pending in frappe.get_all("Slack Delivery", filters={"status": "Pending"}, pluck="name"):
			frappe.db.set_value("Slack Delivery", pending, "next_attempt_at", frappe.utils.now_datetime())
		frappe.db.commit()
		self.run_jobs()
		# The repeat is refused because the step is over: that earlier attempt did it.
		done = frappe.get_doc("Slack Delivery", row.name)
		self.assertEqual(done.status, "Delivered")
		self.assertEqual(done.last_error, "done by an earlier attempt whose outcome was unknown")
		self.assertEqual(len(self.slack.calls_to("functions.completeSuccess")), 2)
		self.assertFalse(
			frappe.get_all("Error Log", filters={"method": ["like", "%step completion%"]}, limit=1)
		)

	def test_a_person_slack_could_not_be_asked_about_is_not_called_unknown(self):
		day = working_day(91)
		with self.slack.outage():
			execution_id, _token = self.run_step("request_leave", self.leave_inputs(day, STRANGER_SLACK))
		[row] = frappe.get_all(
			"Slack Delivery", filters={"method": "functions.completeError", "status": "Pending"}, pluck="name"
		)
		frappe.db.set_value("Slack Delivery", row, "next_attempt_at", frappe.utils.now_datetime())
		frappe.db.commit()
		self.run_jobs()
		self.assertEqual(
			self.slack.step_completion(execution_id),
			{"error": "Slack could not be asked who this person is just now. Please run the workflow again."},
		)
