"""/timesheet end to end: the slash command, the Log Time modal (project change → views.update),
the submission into the employee's draft Timesheet (new, then the existing one), ERPNext's
refusals inline, the notices for what is missing, and the confirmation DM — through Frappe's
dispatcher with signed requests and the Slack mock (which validates every view it receives)."""

from __future__ import annotations

import json

import frappe
import pytest

from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_message,
	block_actions_view,
	button_action,
	interaction_request,
	slash_command_request,
	state_datepicker,
	state_plain_text,
	state_static_select,
	static_select_action,
	view_submission,
)
from harness.app_fixtures import json_body

TIMESHEET_PATH = "/api/method/frappe_slack_connector.api.slash_timesheet.slash_timesheet"
JANE = "U0JANE0001"
JANE_EMAIL = "jane@example.com"
TODAY = "2026-12-02"  # a Wednesday
JANE_USER = {"id": JANE, "username": "jane", "name": "jane"}


def _insert(values: dict):
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		return frappe.get_doc(values).insert()
	finally:
		frappe.set_user(previous)


class World:
	"""Jane (employee, in Slack) is a member of project Apollo (two open tasks, one closed) and has
	a task assigned in project Borealis; project Closed is Completed. Two activity types."""

	def __init__(self, app):
		self.app = app
		site = app.site
		site.freeze_time(f"{TODAY} 17:00:00")
		site.make_holiday_list("HL 2026", "2026-01-01", "2026-12-31", holidays=["2026-12-25"])
		site.make_company("Test Co", default_holiday_list="HL 2026")
		self.employee = site.make_employee(JANE_EMAIL, first_name="Jane", last_name="Doe").name
		self.apollo = self.project("Apollo", members=[JANE_EMAIL])
		self.borealis = self.project("Borealis")
		self.closed = self.project("Closed", members=[JANE_EMAIL], status="Completed")
		self.design = self.task("Design", self.apollo)
		self.build = self.task("Build", self.apollo)
		self.done = self.task("Old work", self.apollo, status="Completed")
		self.survey = self.task("Survey", self.borealis)
		_insert(
			{
				"doctype": "ToDo",
				"allocated_to": JANE_EMAIL,
				"reference_type": "Task",
				"reference_name": self.survey,
				"description": "Survey",
				"status": "Open",
			}
		)
		for name in ("Development", "Planning"):
			_insert({"doctype": "Activity Type", "activity_type": name})
		frappe.db.commit()
		app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane")

	def project(self, name, members=(), status="Open"):
		doc = _insert(
			{
				"doctype": "Project",
				"project_name": name,
				"company": "Test Co",
				"status": status,
				# Already invited: erpnext mails new members, and a test site cannot send mail.
				"users": [{"user": m, "welcome_email_sent": 1} for m in members],
			}
		)
		return doc.name

	def task(self, subject, project, status="Open"):
		return _insert({"doctype": "Task", "subject": subject, "project": project, "status": status}).name

	# ------------------------------------------------------------------ requests

	def slash(self, text="", user_id=JANE, **kw):
		request = slash_command_request(
			"/timesheet", text, secret=self.app.secret, user_id=user_id, path=TIMESHEET_PATH, **kw
		)
		return self.app.send(request)

	def interact(self, payload):
		return self.app.send(interaction_request(payload, secret=self.app.secret))

	def opened(self, text=""):
		"""The modal /timesheet opened, as Slack echoes it back (state empty)."""
		ack_ok(self.slash(text))
		view = self.app.slack.last_call("views.open").response["view"]
		view["state"] = {"values": {}}
		return view

	def submit(
		self,
		view=None,
		*,
		date=TODAY,
		project=None,
		task=None,
		activity="Development",
		hours="2",
		description="Wrote the plan",
	):
		view = view or self.opened()
		values = {
			"ts_date": {"ts_date_picker": state_datepicker(date)},
			"ts_project": {"ts_project_select": state_static_select(project or self.apollo)},
			"ts_activity_type": {"ts_activity_type_select": state_static_select(activity)},
			"ts_hours": {"ts_hours_input": {"type": "number_input", "value": hours}},
			"ts_description": {"ts_description_input": state_plain_text(description)},
		}
		if task:
			values["ts_task"] = {"ts_task_select": state_static_select(task)}
		view = {**view, "state": {"values": values}}
		return self.interact(view_submission(view, user=JANE_USER))

	def sheets(self):
		return frappe.get_all(
			"Timesheet",
			filters={"employee": self.employee},
			fields=["name", "owner", "docstatus", "status", "total_hours", "start_date", "end_date"],
			order_by="creation asc",
		)

	def logs(self, sheet):
		return frappe.get_all(
			"Timesheet Detail",
			filters={"parent": sheet, "parenttype": "Timesheet"},
			fields=["from_time", "to_time", "hours", "project", "task", "activity_type", "description"],
			order_by="idx asc",
		)


@pytest.fixture
def world(app):
	return World(app)


def ack_ok(response):
	assert response.status_code == 200, response.get_data(as_text=True)
	assert response.get_data() == b""


def blocks_of(view) -> dict:
	return {b.get("block_id"): b for b in view["blocks"]}


def options_of(element) -> list[str]:
	if "option_groups" in element:
		return [o["value"] for g in element["option_groups"] for o in g["options"]]
	return [o["value"] for o in element["options"]]


def text_of(message) -> str:
	return json.dumps(message, ensure_ascii=False)


def errors_of(response) -> dict:
	assert response.status_code == 200, response.get_data(as_text=True)
	body = json_body(response)
	assert body["response_action"] == "errors", body
	return body["errors"]


# ---------------------------------------------------------------------- /timesheet


def test_slash_opens_the_log_time_modal_with_my_projects(world, app):
	view = world.opened()
	call = app.slack.last_call("views.open")
	assert call.args["trigger_id"]
	sent = call.args["view"]
	assert sent["callback_id"] == "log_timesheet"
	blocks = blocks_of(sent)
	assert blocks["ts_date"]["element"]["initial_date"] == TODAY
	# Member of Apollo, a task in Borealis; Closed is Completed, so not offered.
	assert options_of(blocks["ts_project"]["element"]) == [world.apollo, world.borealis]
	assert blocks["ts_project"]["dispatch_action"] is True
	assert "ts_task" not in blocks  # no project chosen yet: the tasks follow the project
	assert options_of(blocks["ts_activity_type"]["element"]) == ["Development", "Planning"]
	assert view["callback_id"] == "log_timesheet"
	assert app.error_titles() == []


def test_slash_with_a_date_opens_the_modal_for_that_day(world, app):
	ack_ok(world.slash(" 2026-11-30 "))
	blocks = blocks_of(app.slack.last_call("views.open").args["view"])
	assert blocks["ts_date"]["element"]["initial_date"] == "2026-11-30"


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "2026-12-03"])
def test_slash_with_a_bad_or_future_date_answers_ephemeral(world, app, text):
	response = world.slash(text)
	assert response.status_code == 200
	body = json_body(response)
	assert "response_type" not in body  # ephemeral
	assert "YYYY-MM-DD" in text_of(body)
	assert app.slack.calls_to("views.open") == []


def test_slack_user_not_linked_is_told_to_ask_hr(world, app):
	app.slack.add_user(id="U0MALL0001", email="mallory@example.com", real_name="Mallory")
	body = json_body(world.slash(user_id="U0MALL0001"))
	assert "Ask HR to connect your Slack account" in text_of(body)
	assert app.slack.calls_to("views.open") == []


def test_user_without_employee_is_told_what_to_ask_for(world, app):
	app.site.make_user("solo@example.com", roles=["Employee"])
	frappe.db.commit()
	app.slack.add_user(id="U0SOLO0001", email="solo@example.com")
	body = json_body(world.slash(user_id="U0SOLO0001"))
	assert "no active Employee record" in text_of(body)
	assert app.slack.calls_to("views.open") == []


def test_employee_without_projects_is_told_to_ask_the_project_manager(world, app):
	app.site.make_employee("bob@example.com", first_name="Bob", last_name="Lee")
	frappe.db.commit()
	app.slack.add_user(id="U0BOB00001", email="bob@example.com")
	body = json_body(world.slash(user_id="U0BOB00001"))
	assert "Ask your project manager to add you" in text_of(body)
	assert app.slack.calls_to("views.open") == []


def test_no_activity_types_is_told_to_ask_the_administrator(world, app):
	frappe.db.set_value("Activity Type", "Development", "disabled", 1)
	frappe.db.set_value("Activity Type", "Planning", "disabled", 1)
	frappe.db.commit()
	body = json_body(world.slash())
	assert "no activity types" in text_of(body)
	assert app.slack.calls_to("views.open") == []


def test_expired_trigger_logs_and_tells_the_user(world, app):
	app.slack.expire_trigger("1.2.expired")
	body = json_body(world.slash(trigger_id="1.2.expired"))
	assert "expired_trigger_id" in text_of(body)
	assert app.error_titles() == ["Timesheet form not opened: expired_trigger_id"]


def test_german_user_gets_a_german_modal(world, app):
	frappe.db.set_value("User", JANE_EMAIL, "language", "de")
	frappe.db.commit()
	world.opened()
	sent = app.slack.last_call("views.open").args["view"]
	assert sent["title"]["text"] == "Zeit erfassen"
	assert blocks_of(sent)["ts_activity_type"]["label"]["text"] == "Tätigkeitsart"
	body = json_body(world.slash("gestern"))
	assert "gestern" in text_of(body) and "is not a date" not in text_of(body)
	ack_ok(world.submit())
	app.site.run_jobs()
	confirmation = text_of(app.slack.last_call("chat.postMessage").args)
	assert "Zeit erfasst" in confirmation and "(*Entwurf*)" in confirmation


# ---------------------------------------------------------------------- project change


def test_choosing_a_project_updates_the_modal_with_its_open_tasks(world, app):
	view = world.opened("2026-12-01")
	view["state"] = {
		"values": {
			"ts_date": {"ts_date_picker": state_datepicker("2026-12-01")},
			"ts_hours": {"ts_hours_input": {"type": "number_input", "value": "1.5"}},
			"ts_description": {"ts_description_input": state_plain_text("Kick-off")},
		}
	}
	action = static_select_action("ts_project_select", world.apollo, block_id="ts_project")
	ack_ok(world.interact(block_actions_view(action, view=view, user=JANE_USER)))
	call = app.slack.last_call("views.update")
	assert call.args["view_id"] == view["id"] and call.args["hash"] == view["hash"]
	blocks = blocks_of(call.args["view"])
	assert options_of(blocks["ts_task"]["element"]) == [world.build, world.design]  # by subject
	assert blocks["ts_project"]["element"]["initial_option"]["value"] == world.apollo
	assert blocks["ts_date"]["element"]["initial_date"] == "2026-12-01"
	assert blocks["ts_hours"]["element"]["initial_value"] == "1.5"
	assert blocks["ts_description"]["element"]["initial_value"] == "Kick-off"
	# Another project: its own tasks only.
	view = call.response["view"]
	action = static_select_action("ts_project_select", world.borealis, block_id="ts_project")
	ack_ok(world.interact(block_actions_view(action, view=view, user=JANE_USER)))
	blocks = blocks_of(app.slack.last_call("views.update").args["view"])
	assert options_of(blocks["ts_task"]["element"]) == [world.survey]
	assert app.error_titles() == []


# ---------------------------------------------------------------------- submission


def test_submission_adds_a_time_log_to_a_new_draft_then_to_the_same_draft(world, app):
	ack_ok(world.submit(task=world.design, hours="2", description="Wrote the plan"))
	[sheet] = world.sheets()
	assert (sheet.owner, sheet.docstatus, sheet.status) == (JANE_EMAIL, 0, "Draft")
	assert str(sheet.start_date) == str(sheet.end_date) == TODAY
	[log] = world.logs(sheet.name)
	assert str(log.from_time) == f"{TODAY} 09:00:00" and str(log.to_time) == f"{TODAY} 11:00:00"
	assert (log.hours, log.project, log.task, log.activity_type) == (
		2,
		world.apollo,
		world.design,
		"Development",
	)
	assert log.description == "Wrote the plan"
	app.site.run_jobs()
	[dm] = app.slack.calls_to("chat.postMessage")
	assert dm.args["channel"] == JANE
	assert "2 h" in text_of(dm.args) and "Apollo" in text_of(dm.args)

	# The second log of the day goes into the same draft, right after the first.
	ack_ok(world.submit(project=world.borealis, task=world.survey, hours="1,5", activity="Planning"))
	[sheet] = world.sheets()
	assert sheet.total_hours == 3.5
	logs = world.logs(sheet.name)
	assert [str(r.from_time) for r in logs] == [f"{TODAY} 09:00:00", f"{TODAY} 11:00:00"]
	assert str(logs[1].to_time) == f"{TODAY} 12:30:00"
	app.site.run_jobs()
	dm = app.slack.calls_to("chat.postMessage")[-1]
	assert "3.5 h" in text_of(dm.args)  # the day's total
	assert app.error_titles() == []


def test_a_day_without_a_draft_gets_its_own_timesheet(world, app):
	ack_ok(world.submit(date="2026-11-30"))
	ack_ok(world.submit(date=TODAY))
	sheets = world.sheets()
	assert [str(s.start_date) for s in sheets] == ["2026-11-30", TODAY]


def test_overlap_with_another_timesheet_is_shown_on_the_hours(world, app):
	# Logged in the desk, in another Timesheet (submitted by a Projects User): 09:00-17:00.
	frappe.set_user("Administrator")
	try:
		desk = frappe.get_doc(
			{
				"doctype": "Timesheet",
				"employee": world.employee,
				"company": "Test Co",
				"time_logs": [
					{
						"activity_type": "Development",
						"from_time": f"{TODAY} 09:00:00",
						"hours": 8,
						"project": world.apollo,
					}
				],
			}
		).insert()
		desk.submit()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	# The app starts after the day's last log: no overlap with the submitted sheet...
	ack_ok(world.submit(hours="1"))
	assert len(world.sheets()) == 2
	# ...but once the desk's log is stretched over the draft's (a Timesheet edited meanwhile),
	# ERPNext re-checks every row of the draft on save and refuses: shown on the hours.
	frappe.db.set_value("Timesheet Detail", {"parent": desk.name}, "to_time", f"{TODAY} 23:00:00")
	frappe.db.commit()
	errors = errors_of(world.submit(hours="1"))
	assert list(errors) == ["ts_hours"]
	assert "overlapping" in errors["ts_hours"]
	assert len(world.logs(world.sheets()[1].name)) == 1  # nothing added
	assert app.slack.calls_to("chat.postMessage") == []


def test_a_log_running_into_the_day_from_the_night_before_is_not_overlapped(world, app):
	frappe.set_user("Administrator")
	try:
		frappe.get_doc(
			{
				"doctype": "Timesheet",
				"employee": world.employee,
				"company": "Test Co",
				"time_logs": [
					{
						"activity_type": "Development",
						"from_time": "2026-12-01 22:00:00",
						"hours": 12,
						"project": world.apollo,
					}
				],
			}
		).insert()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	ack_ok(world.submit(hours="1"))
	# The night shift's draft covers the day, so the log joins it, after the shift (not at 09:00).
	[sheet] = world.sheets()
	assert [str(r.from_time) for r in world.logs(sheet.name)] == ["2026-12-01 22:00:00", f"{TODAY} 10:00:00"]
	app.site.run_jobs()
	assert "1 h" in text_of(app.slack.last_call("chat.postMessage").args)


def test_a_closed_project_is_refused_on_the_project(world, app):
	view = world.opened()
	frappe.db.set_value("Project", world.apollo, "status", "Completed")
	frappe.db.commit()
	errors = errors_of(world.submit(view))
	assert list(errors) == ["ts_project"]
	assert "not open or not yours" in errors["ts_project"]
	assert world.sheets() == []


def test_a_task_of_another_project_is_refused_on_the_task(world, app):
	errors = errors_of(world.submit(task=world.survey))
	assert list(errors) == ["ts_task"]
	assert world.sheets() == []


def test_a_closed_task_is_refused_on_the_task(world, app):
	errors = errors_of(world.submit(task=world.done))
	assert list(errors) == ["ts_task"]


def test_a_disabled_activity_type_is_refused_on_the_activity(world, app):
	view = world.opened()
	frappe.db.set_value("Activity Type", "Planning", "disabled", 1)
	frappe.db.commit()
	errors = errors_of(world.submit(view, activity="Planning"))
	assert list(errors) == ["ts_activity_type"]


def test_a_project_not_mine_is_refused(world, app):
	other = world.project("Secret")
	frappe.db.commit()
	errors = errors_of(world.submit(project=other))
	assert list(errors) == ["ts_project"]


@pytest.mark.parametrize(
	("field", "value", "block", "words"),
	[
		("hours", "0.1", "ts_hours", "between"),
		("hours", "25", "ts_hours", "between"),
		("hours", "1.555", "ts_hours", "two decimals"),
		("description", "   ", "ts_description", "Describe"),
		("date", "2026-12-03", "ts_date", "up to today"),
	],
)
def test_form_errors_are_inline(world, app, field, value, block, words):
	errors = errors_of(world.submit(**{field: value}))
	assert block in errors and words in errors[block]
	assert world.sheets() == []


def test_submission_after_the_employee_left_is_refused_inline(world, app):
	view = world.opened()
	frappe.db.set_value("Employee", world.employee, "status", "Left")
	frappe.db.commit()
	errors = errors_of(world.submit(view))
	assert list(errors) == ["ts_description"]
	assert world.sheets() == []


# ---------------------------------------------------------------------- the reminder's button


def test_log_time_button_opens_the_modal_for_the_reminders_day(world, app):
	payload = block_actions_message(
		button_action("ts_log_time", "2026-11-30", block_id="ts_reminder_actions"),
		channel_id="D0JANE0001",
		user={**JANE_USER, "team_id": "T0TEST0001"},
	)
	ack_ok(world.interact(payload))
	blocks = blocks_of(app.slack.last_call("views.open").args["view"])
	assert blocks["ts_date"]["element"]["initial_date"] == "2026-11-30"
