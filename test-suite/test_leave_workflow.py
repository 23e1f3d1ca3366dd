"""The leave workflow end to end: /apply-leave, the modal (half-day toggle, submission), the
approver's DM, Approve / Reject — through Frappe's dispatcher with signed requests and the Slack
mock (which validates every blocks/view it receives)."""

from __future__ import annotations

import json
import threading
from urllib.parse import urlencode

import frappe
import pytest
from hrms.hr.doctype.leave_application.leave_application import LeaveApplication

from frappe_slack_connector import core
from frappe_slack_connector.erp import deliveries
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.flows import dispatch
from frappe_slack_connector.tests.support.slack_requests import (
	block_actions_message,
	block_actions_view,
	button_action,
	checkboxes_action,
	interaction_request,
	raw_request,
	slash_command_request,
	state_checkboxes,
	state_datepicker,
	state_plain_text,
	state_static_select,
	view_closed,
	view_payload,
	view_submission,
)
from harness.app_fixtures import json_body

JANE = "U0JANE0001"
BOSS = "U0BOSS0001"
MALLORY = "U0MALL0001"
JANE_EMAIL = "jane@example.com"
BOSS_EMAIL = "boss@example.com"
TODAY = "2026-12-01"  # a Tuesday
CASUAL = "Casual Leave"
LWP = "Leave Without Pay"


class World:
	"""A company with a holiday list, Jane (employee, 10 days Casual Leave) and Bea Boss (her
	leave approver), both in Slack."""

	def __init__(self, app):
		self.app = app
		site = app.site
		site.freeze_time(f"{TODAY} 10:00:00")
		site.make_holiday_list("HL 2026", "2026-01-01", "2026-12-31", holidays=["2026-12-25"])
		site.make_company("Test Co", default_holiday_list="HL 2026")
		site.make_user(BOSS_EMAIL, roles=["Employee"], full_name="Bea Boss")
		self.employee = site.make_employee(
			JANE_EMAIL, first_name="Jane", last_name="Doe", leave_approver=BOSS_EMAIL
		).name
		site.make_allocation(self.employee, CASUAL, "2026-01-01", "2026-12-31", new_leaves_allocated=10)
		site.make_leave_type(LWP, is_lwp=1)
		frappe.db.commit()
		app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane")
		app.slack.add_user(id=BOSS, email=BOSS_EMAIL, real_name="Bea Boss", name="bea")
		app.slack.add_user(id=MALLORY, email="mallory@example.com", real_name="Mallory")

	# ------------------------------------------------------------------ requests

	def slash(self, user_id=JANE, **kw):
		return self.app.send(slash_command_request(secret=self.app.secret, user_id=user_id, **kw))

	def interact(self, payload):
		return self.app.send(interaction_request(payload, secret=self.app.secret))

	def link(self, user, slack_id):
		frappe.get_doc({"doctype": "Slack User Meta", "user": user, "slack_user_id": slack_id}).insert(
			ignore_permissions=True
		)
		frappe.db.commit()

	def submit_form(
		self,
		start=TODAY,
		end=TODAY,
		leave_type=CASUAL,
		reason="Family trip",
		half_day=False,
		half_day_date=None,
		user=JANE,
	):
		values = {
			"start_date": {"start_date_picker": state_datepicker(start)},
			"end_date": {"end_date_picker": state_datepicker(end)},
			"leave_type": {"leave_type_select": state_static_select(leave_type)},
			"half_day_checkbox": {"half_day_checkbox": state_checkboxes(["half_day"] if half_day else [])},
			"reason": {"reason_input": state_plain_text(reason)},
		}
		if half_day_date:
			values["half_day_date"] = {"half_day_date_picker": state_datepicker(half_day_date)}
		view = view_payload(
			callback_id="apply_leave_application",
			state_values=values,
			private_metadata=json.dumps({"employee": self.employee}),
		)
		return self.interact(view_submission(view, user={"id": user, "username": "jane", "name": "jane"}))

	def leave(self, **fields):
		"""A Leave Application filed from the desk by Jane (after_insert queues the approver DM)."""
		values = {
			"doctype": "Leave Application",
			"employee": self.employee,
			"leave_type": CASUAL,
			"from_date": TODAY,
			"to_date": TODAY,
			"description": "Dentist",
			"leave_approver": BOSS_EMAIL,
			"posting_date": TODAY,
			**fields,
		}
		frappe.set_user(JANE_EMAIL)
		try:
			doc = frappe.get_doc(values).insert()
		finally:
			frappe.set_user("Guest")
		frappe.db.commit()
		return doc.name

	def click(self, name, action="leave_approve", user=BOSS, channel="D0BOSS0001", ts=None):
		payload = block_actions_message(
			button_action(action, name, block_id="leave_actions_block"),
			channel_id=channel,
			message_ts=ts or "1700000000.000100",
			user={"id": user, "username": "x", "name": "x", "team_id": "T0TEST0001"},
		)
		return self.interact(payload)

	def approver_dm(self, name):
		"""Deliver the approver DM (run the after-commit job) and return its chat.postMessage call."""
		self.app.site.run_jobs()
		posts = [c for c in self.app.slack.calls_to("chat.postMessage") if c.args["channel"] == BOSS]
		assert len(posts) == 1
		return posts[0]

	def reject(self, name, reason=None, user=BOSS, channel="D0BOSS0001", ts=None):
		"""Reject as Slack does it now: the click opens the reason modal, then it is submitted."""
		ack_ok(self.click(name, action="leave_reject", user=user, channel=channel, ts=ts))
		opened = self.app.slack.last_call("views.open").response["view"]
		view = view_payload(
			callback_id=opened["callback_id"],
			private_metadata=opened["private_metadata"],
			state_values={"reject_reason": {"reject_reason_input": state_plain_text(reason)}},
		)
		return self.interact(view_submission(view, user={"id": user, "username": "x", "name": "x"}))

	def update_in(self, channel):
		"""The last chat.update of a message in `channel` (e.g. the approver's DM)."""
		updates = [c for c in self.app.slack.calls_to("chat.update") if c.args["channel"] == channel]
		assert updates, f"no chat.update in {channel}"
		return updates[-1]

	def dms_to(self, slack_id):
		"""The chat.postMessage calls to a Slack user's DM, in order."""
		return [c for c in self.app.slack.calls_to("chat.postMessage") if c.args["channel"] == slack_id]

	def doc(self, name):
		return frappe.get_doc("Leave Application", name)

	def applications(self):
		return frappe.get_all("Leave Application", fields=["name", "status", "docstatus", "owner"])


@pytest.fixture
def world(app):
	return World(app)


def ack_ok(response):
	assert response.status_code == 200, response.get_data(as_text=True)
	assert response.get_data() == b""


def section_text(message) -> str:
	return "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")


# ---------------------------------------------------------------------- /apply-leave


def test_slash_opens_the_modal_and_links_the_slack_user_by_email(world, app):
	response = world.slash()
	ack_ok(response)
	[call] = app.slack.calls_to("views.open")
	view = call.args["view"]
	assert call.args["trigger_id"]
	assert view["callback_id"] == "apply_leave_application"
	assert json.loads(view["private_metadata"]) == {"employee": world.employee}
	select = next(b for b in view["blocks"] if b.get("block_id") == "leave_type")["element"]
	assert [o["value"] for o in select["options"]] == [CASUAL, LWP]
	# users.info found the e-mail; the link is remembered, so the next command needs no lookup.
	assert [c.args["user"] for c in app.slack.calls_to("users.info")] == [JANE]
	assert frappe.db.get_value("Slack User Meta", {"slack_user_id": JANE}, "user") == JANE_EMAIL
	ack_ok(world.slash())
	assert len(app.slack.calls_to("users.info")) == 1
	assert len(app.slack.calls_to("views.open")) == 2
	assert app.error_titles() == []


def test_slash_from_unknown_slack_user_explains_what_to_do(world, app):
	response = world.slash(user_id="U0NOBODY01")
	assert response.status_code == 200
	body = json_body(response)
	assert "response_type" not in body  # ephemeral
	assert "Ask HR to connect your Slack account" in section_text(body)
	assert app.slack.calls_to("views.open") == []
	assert frappe.get_all("Slack User Meta") == []


def test_slash_from_slack_user_without_matching_user(world, app):
	body = json_body(world.slash(user_id=MALLORY))
	assert "not linked" in section_text(body)
	assert app.slack.calls_to("views.open") == []


def test_slash_without_employee(world, app):
	app.site.make_user("solo@example.com", roles=["Employee"])
	frappe.db.commit()
	app.slack.add_user(id="U0SOLO0001", email="solo@example.com")
	body = json_body(world.slash(user_id="U0SOLO0001"))
	assert "no active Employee" in section_text(body)
	assert app.slack.calls_to("views.open") == []


def test_slash_without_leave_types(world, app):
	frappe.db.delete("Leave Type", {"name": LWP})
	frappe.db.delete("Leave Allocation", {"employee": world.employee})
	frappe.db.commit()
	body = json_body(world.slash())
	assert "no leave type to apply for" in section_text(body)
	assert app.slack.calls_to("views.open") == []


def test_slash_with_expired_trigger_logs_and_tells_the_user(world, app):
	app.slack.expire_trigger("1.2.expired")
	response = world.slash(trigger_id="1.2.expired")
	assert response.status_code == 200
	assert "expired_trigger_id" in section_text(json_body(response))
	assert app.error_titles() == ["Leave form not opened: expired_trigger_id"]


# ---------------------------------------------------------------------- half-day toggle


def _opened_modal(world, app, values):
	"""The modal /apply-leave opened, as Slack echoes it back with the user's inputs."""
	world.link(JANE_EMAIL, JANE)
	ack_ok(world.slash())
	view = app.slack.last_call("views.open").response["view"]
	view["state"] = {"values": values}
	return view


def toggle(view, on=True):
	action = checkboxes_action("half_day_checkbox", ["half_day"] if on else [], block_id="half_day_checkbox")
	return block_actions_view(action, view=view, user={"id": JANE, "username": "jane", "name": "jane"})


def test_half_day_toggle_updates_the_view_and_keeps_inputs(world, app):
	view = _opened_modal(
		world,
		app,
		{
			"start_date": {"start_date_picker": state_datepicker("2026-12-02")},
			"end_date": {"end_date_picker": state_datepicker("2026-12-04")},
			"leave_type": {"leave_type_select": state_static_select(LWP)},
			"reason": {"reason_input": state_plain_text("Moving house")},
		},
	)
	ack_ok(world.interact(toggle(view)))
	[call] = app.slack.calls_to("views.update")
	assert call.args["view_id"] == view["id"] and call.args["hash"] == view["hash"]
	blocks = {b.get("block_id"): b for b in call.args["view"]["blocks"]}
	assert "half_day_date" in blocks  # several days: which one is the half day
	assert "half_day_period" not in blocks  # the site has no half-period field
	assert blocks["start_date"]["element"]["initial_date"] == "2026-12-02"
	assert blocks["end_date"]["element"]["initial_date"] == "2026-12-04"
	assert blocks["leave_type"]["element"]["initial_option"]["value"] == LWP
	assert blocks["reason"]["element"]["initial_value"] == "Moving house"
	assert call.args["view"]["private_metadata"] == view["private_metadata"]
	# Unchecking removes the half-day inputs again.
	view = call.response["view"]
	ack_ok(world.interact(toggle(view, on=False)))
	blocks = {b.get("block_id") for b in app.slack.last_call("views.update").args["view"]["blocks"]}
	assert "half_day_date" not in blocks
	assert app.error_titles() == []


def test_half_day_toggle_asks_the_period_when_the_site_has_the_field(world, app):
	app.site.add_custom_field(
		"Leave Application", "custom_first_halfsecond_half", "Select", "\nFirst Half\nSecond Half"
	)
	view = _opened_modal(world, app, {})
	ack_ok(world.interact(toggle(view)))
	blocks = {b.get("block_id") for b in app.slack.last_call("views.update").args["view"]["blocks"]}
	assert "half_day_period" in blocks


# ---------------------------------------------------------------------- submission


def test_submission_creates_the_leave_application_and_confirms(world, app):
	world.link(JANE_EMAIL, JANE)
	ack_ok(world.submit_form(start="2026-12-02", end="2026-12-03", reason="Family <!channel> trip"))
	[row] = world.applications()
	doc = world.doc(row.name)
	assert (doc.status, doc.docstatus, doc.owner) == ("Open", 0, JANE_EMAIL)
	assert doc.employee == world.employee and doc.leave_type == CASUAL
	assert str(doc.from_date) == "2026-12-02" and str(doc.to_date) == "2026-12-03"
	assert doc.leave_approver == BOSS_EMAIL and str(doc.posting_date) == TODAY
	assert doc.description == "Family <!channel> trip" and doc.total_leave_days == 2
	assert app.slack.calls_to("chat.postMessage") == []  # nothing before the worker runs
	app.site.run_jobs()
	posts = {c.args["channel"]: c.args for c in app.slack.calls_to("chat.postMessage")}
	assert set(posts) == {JANE, BOSS}
	assert "Bea Boss" in section_text(posts[JANE])
	assert "<!channel>" not in json.dumps(posts[JANE]) and "&lt;!channel&gt;" in section_text(posts[JANE])
	assert app.error_titles() == []


def test_half_day_submission_stores_the_period(world, app):
	app.site.add_custom_field(
		"Leave Application", "custom_first_halfsecond_half", "Select", "\nFirst Half\nSecond Half"
	)
	world.link(JANE_EMAIL, JANE)
	values_extra = {"half_day_period": {"half_day_period_select": state_static_select("second_half")}}
	view = view_payload(
		callback_id="apply_leave_application",
		state_values={
			"start_date": {"start_date_picker": state_datepicker("2026-12-02")},
			"end_date": {"end_date_picker": state_datepicker("2026-12-03")},
			"leave_type": {"leave_type_select": state_static_select(CASUAL)},
			"half_day_checkbox": {"half_day_checkbox": state_checkboxes(["half_day"])},
			"half_day_date": {"half_day_date_picker": state_datepicker("2026-12-03")},
			"reason": {"reason_input": state_plain_text("Appointment")},
			**values_extra,
		},
	)
	ack_ok(world.interact(view_submission(view, user={"id": JANE, "username": "jane", "name": "jane"})))
	[row] = world.applications()
	doc = world.doc(row.name)
	assert doc.half_day == 1 and str(doc.half_day_date) == "2026-12-03"
	assert doc.custom_first_halfsecond_half == "Second Half" and doc.total_leave_days == 1.5


def test_submission_with_end_before_start_is_an_inline_error(world, app):
	world.link(JANE_EMAIL, JANE)
	response = world.submit_form(start="2026-12-04", end="2026-12-02")
	assert response.status_code == 200
	body = json_body(response)
	assert body["response_action"] == "errors" and set(body["errors"]) == {"end_date"}
	assert world.applications() == []


def test_overlapping_submission_shows_frappe_error_on_the_dates(world, app):
	world.link(JANE_EMAIL, JANE)
	first = world.leave(from_date="2026-12-02", to_date="2026-12-03")
	app.site.run_jobs()
	response = world.submit_form(start="2026-12-03", end="2026-12-04")
	body = json_body(response)
	assert body["response_action"] == "errors"
	message = body["errors"]["start_date"]
	assert "has already applied" in message and first in message
	assert "<a" not in message and "&" not in message
	assert [r.name for r in world.applications()] == [first]
	assert app.error_titles() == []


def test_insufficient_balance_shows_on_the_leave_type(world, app):
	world.link(JANE_EMAIL, JANE)
	response = world.submit_form(start="2026-12-02", end="2026-12-22")
	body = json_body(response)
	assert set(body["errors"]) == {"leave_type"}
	assert body["errors"]["leave_type"] == f"Insufficient leave balance for Leave Type {CASUAL}"
	assert world.applications() == []
	app.site.run_jobs()
	assert app.slack.calls_to("chat.postMessage") == []  # the rolled-back insert queued nothing


def test_a_german_employee_reads_hrms_refusals_in_hrms_german(world, app):
	"""hrms's own translations (an app's translations/de.csv, as hrms ships one), as Frappe gives
	them: the leave is inserted while frappe.local.lang is the employee's language; the <strong>
	is stripped."""
	world.link(JANE_EMAIL, JANE)
	app.site.set_user_language(JANE_EMAIL, "de")
	body = json_body(world.submit_form(start="2026-12-02", end="2026-12-22"))
	assert body["errors"] == {"leave_type": f"Nicht genügend Guthaben für die Abwesenheitsart {CASUAL}"}
	first = world.leave(from_date="2026-12-02", to_date="2026-12-03")
	app.site.run_jobs()
	message = json_body(world.submit_form(start="2026-12-03", end="2026-12-04"))["errors"]["start_date"]
	assert message.startswith(f"Für Mitarbeiter {world.employee} liegt zwischen ") and first in message
	assert "bereits" in message and "<" not in message
	assert frappe.local.lang == "en"  # the request's language is back after acting as Jane


def test_an_english_employee_on_a_german_site_reads_english_when_her_user_says_so(world, app):
	world.link(JANE_EMAIL, JANE)
	app.site.set_system_language("de")
	app.site.set_user_language(JANE_EMAIL, "en")
	body = json_body(world.submit_form(start="2026-12-02", end="2026-12-22"))
	assert body["errors"] == {"leave_type": f"Insufficient leave balance for Leave Type {CASUAL}"}
	app.site.set_user_language(JANE_EMAIL, None)  # no choice of her own: the site's language
	body = json_body(world.submit_form(start="2026-12-02", end="2026-12-22"))
	assert body["errors"] == {"leave_type": f"Nicht genügend Guthaben für die Abwesenheitsart {CASUAL}"}


# hrms's refusals in German, from the hrms double's translations/de.csv (our own wording; real hrms
# ships its own file in the same place), read by Frappe's `_` where hrms raises.
GERMAN = {
	"Application period cannot be outside leave allocation period": (
		"Der Antragszeitraum muss innerhalb des Zuteilungszeitraums liegen"
	),
	"Leave of type {0} cannot be longer than {1}.": "Eine Abwesenheit der Art {0} darf höchstens {1} dauern.",
	"{0} applicable after {1} working days": "{0} ist erst nach {1} Arbeitstagen möglich",
	"To date cannot be before from date": "Das Bis-Datum darf nicht vor dem Von-Datum liegen",
	"Half Day Date should be between From Date and To Date": (
		"Das Datum des halben Tages muss zwischen Von-Datum und Bis-Datum liegen"
	),
	"Backdated Leave Application is restricted. Please set the {} in {}": (
		"Rückwirkende Abwesenheitsanträge sind nicht erlaubt. Legen Sie {} in {} fest"
	),
}


@pytest.fixture(params=["en", "de"])
def site_language(request, world):
	"""hrms's refusals for an English employee, and for one whose User language is German."""
	if request.param == "de":
		world.app.site.set_user_language(JANE_EMAIL, "de")
	return request.param


def expected(message: str, language: str) -> str:
	return GERMAN[message] if language == "de" else message


def test_refusal_outside_the_allocation_shows_on_the_start_date(world, app, site_language):
	world.link(JANE_EMAIL, JANE)
	body = json_body(world.submit_form(start="2027-01-04", end="2027-01-05"))
	assert body["errors"] == {
		"start_date": expected("Application period cannot be outside leave allocation period", site_language)
	}
	assert world.applications() == []


def test_refusal_over_the_consecutive_days_limit_shows_on_the_end_date(world, app, site_language):
	frappe.db.set_value("Leave Type", CASUAL, "max_continuous_days_allowed", 2)
	frappe.db.commit()
	world.link(JANE_EMAIL, JANE)
	body = json_body(world.submit_form(start="2026-12-02", end="2026-12-04"))
	assert set(body["errors"]) == {"end_date"}
	message = expected("Leave of type {0} cannot be longer than {1}.", site_language).format(CASUAL, 2)
	assert body["errors"]["end_date"] == message  # the link around the type is stripped
	assert world.applications() == []


def test_refusal_of_a_type_not_yet_applicable_shows_on_the_leave_type(world, app, site_language):
	frappe.db.set_value("Leave Type", CASUAL, "applicable_after", 90)
	frappe.db.set_value("Employee", world.employee, "date_of_joining", "2026-11-02")
	frappe.db.commit()
	world.link(JANE_EMAIL, JANE)
	body = json_body(world.submit_form(start="2026-12-02", end="2026-12-02"))
	message = expected("{0} applicable after {1} working days", site_language).format(CASUAL, 90)
	assert body["errors"] == {"leave_type": message}


@pytest.mark.parametrize(
	("dates", "field", "message"),
	[
		# Refusals the modal's own checks (rust/core routing) catch first; hrms's are mapped too.
		(
			{"from_date": "2026-12-04", "to_date": "2026-12-02"},
			"to_date",
			"To date cannot be before from date",
		),
		(
			{
				"from_date": "2026-12-02",
				"to_date": "2026-12-03",
				"half_day": True,
				"half_day_date": "2026-12-09",
			},
			"half_day_date",
			"Half Day Date should be between From Date and To Date",
		),
	],
)
def test_date_refusals_of_validate_dates_name_their_field(world, app, site_language, dates, field, message):
	with pytest.raises(erp_leave.LeaveRefused) as refused:
		erp_leave.create_leave_application(
			user=JANE_EMAIL, employee=world.employee, leave_type=CASUAL, reason="Trip", **dates
		)
	assert refused.value.field == field
	assert refused.value.message == expected(message, site_language)


def test_backdated_restriction_names_the_start_date(world, app, site_language):
	frappe.db.set_single_value("HR Settings", "restrict_backdated_leave_application", 1)
	frappe.db.commit()
	with pytest.raises(erp_leave.LeaveRefused) as refused:
		erp_leave.create_leave_application(
			user=JANE_EMAIL,
			employee=world.employee,
			leave_type=CASUAL,
			from_date="2026-11-30",
			to_date="2026-11-30",
			reason="Trip",
		)
	assert refused.value.field == "from_date"
	assert refused.value.message.startswith(
		expected("Backdated Leave Application is restricted. Please set the {} in {}", site_language).split(
			"{}"
		)[0]
	)


def test_submission_from_unlinked_slack_user(world, app):
	body = json_body(world.submit_form(user="U0NOBODY01"))
	assert "not linked" in body["errors"]["reason"]
	assert world.applications() == []


def test_unexpected_error_in_submission_is_logged_and_shown_inline(world, app, monkeypatch):
	world.link(JANE_EMAIL, JANE)

	def boom(employee):
		raise RuntimeError("approver service down")

	monkeypatch.setattr(erp_leave, "leave_approver_of", boom)
	response = world.submit_form()
	assert response.status_code == 200
	assert "Something went wrong" in json_body(response)["errors"]["reason"]
	assert app.error_titles() == ["Slack leave_submission failed"]
	assert "approver service down" in app.site.error_logs()[0]["error"]
	assert world.applications() == []


# ---------------------------------------------------------------------- approver notification


def test_desk_leave_application_notifies_the_approver(world, app):
	name = world.leave()
	post = world.approver_dm(name)
	actions = next(b for b in post.args["blocks"] if b.get("block_id") == "leave_actions_block")
	assert [(e["action_id"], e["value"], e.get("style")) for e in actions["elements"]] == [
		("leave_approve", name, "primary"),
		("leave_reject", name, "danger"),
	]
	assert post.args["text"]
	assert f"/app/leave-application/{name}" in section_text(post.args)
	# The approver (and the requester, for her confirmation) found by e-mail, the links remembered.
	assert sorted(c.args["email"] for c in app.slack.calls_to("users.lookupByEmail")) == [
		BOSS_EMAIL,
		JANE_EMAIL,
	]
	assert frappe.db.get_value("Slack User Meta", {"user": BOSS_EMAIL}, "slack_user_id") == BOSS
	# Filed in the desk, confirmed in Slack like a leave filed from Slack.
	[confirmation] = world.dms_to(JANE)
	assert "sent to *Bea Boss* for approval" in section_text(confirmation.args)
	assert app.error_titles() == []


def test_no_leave_approver_is_logged(world, app):
	name = world.leave(leave_approver=None)
	app.site.run_jobs()
	assert world.dms_to(BOSS) == []
	[confirmation] = world.dms_to(JANE)  # filed, with nobody named to approve it
	assert "Your leave request was submitted." in section_text(confirmation.args)
	[log] = app.site.error_logs()
	assert log["method"] == "Leave approval request not sent: no leave approver"
	assert log["reference_name"] == name


def test_approver_without_slack_account_is_logged(world, app):
	app.site.make_user("offline@example.com", roles=["Leave Approver"])
	frappe.db.commit()
	name = world.leave(leave_approver="offline@example.com")
	app.site.run_jobs()
	assert [c.args["channel"] for c in app.slack.calls_to("chat.postMessage")] == [JANE]
	assert app.error_titles() == ["Leave approval request not sent: approver has no Slack account"]
	assert app.site.error_logs()[0]["reference_name"] == name


# ---------------------------------------------------------------------- approve / reject


def _delivered(world, app):
	name = world.leave()
	post = world.approver_dm(name)
	return name, post.response["channel"], post.response["ts"]


def test_approve(world, app):
	name, channel, ts = _delivered(world, app)
	ack_ok(world.click(name, channel=channel, ts=ts))
	doc = world.doc(name)
	assert (doc.status, doc.docstatus, doc.modified_by) == ("Approved", 1, BOSS_EMAIL)
	comments = frappe.get_all(
		"Comment", filters={"reference_name": name}, fields=["content", "comment_email"]
	)
	assert [(c.content, c.comment_email) for c in comments] == [
		("Approved via Slack by Bea Boss", BOSS_EMAIL)
	]
	# The click's request holds the row lock until it commits: it calls Slack for nothing.
	assert app.slack.calls_to("chat.update") == []
	app.site.run_jobs()
	update = world.update_in(channel)
	assert update.args["ts"] == ts
	assert "Approved by *Bea Boss*" in section_text(update.args)
	assert not any(b.get("block_id") == "leave_actions_block" for b in update.args["blocks"])
	app.site.run_jobs()
	confirmation, dm = world.dms_to(JANE)
	assert "submitted" in section_text(confirmation.args)
	assert "Your leave request was *approved* by *Bea Boss*." in section_text(dm.args)
	assert app.error_titles() == []


def test_reject(world, app):
	name, channel, ts = _delivered(world, app)
	ack_ok(world.click(name, action="leave_reject", channel=channel, ts=ts))
	# Reject asks for a reason first; nothing is decided yet.
	[opened] = app.slack.calls_to("views.open")
	assert opened.args["view"]["callback_id"] == "leave_reject_reason"
	assert world.doc(name).status == "Open"
	ack_ok(world.reject(name, reason=None, channel=channel, ts=ts))  # no reason is fine
	doc = world.doc(name)
	assert (doc.status, doc.docstatus) == ("Rejected", 1)
	app.site.run_jobs()
	assert section_text(world.update_in(channel).args).endswith("❌ Rejected by *Bea Boss*")
	_confirmation, dm = world.dms_to(JANE)
	assert "Your leave request was *rejected* by *Bea Boss*." in section_text(dm.args)
	assert "Reason given" not in section_text(dm.args)


def test_hr_manager_may_decide(world, app):
	app.site.make_user("hr@example.com", roles=["HR Manager"], full_name="Hal HR")
	frappe.db.commit()
	app.slack.add_user(id="U0HRMG0001", email="hr@example.com")
	name, channel, ts = _delivered(world, app)
	ack_ok(world.click(name, user="U0HRMG0001", channel=channel, ts=ts))
	assert world.doc(name).status == "Approved"


def test_someone_else_may_not_decide(world, app):
	app.site.make_user("mallory@example.com", roles=["Employee", "Leave Approver"])
	frappe.db.commit()
	name, channel, ts = _delivered(world, app)
	ack_ok(world.click(name, user=MALLORY, channel=channel, ts=ts))
	doc = world.doc(name)
	assert (doc.status, doc.docstatus) == ("Open", 0)
	[eph] = app.slack.calls_to("chat.postEphemeral")
	assert eph.args["user"] == MALLORY and eph.args["channel"] == channel
	assert "not allowed" in section_text(eph.args)
	assert app.slack.calls_to("chat.update") == []


def test_double_click_is_idempotent(world, app):
	name, channel, ts = _delivered(world, app)
	ack_ok(world.click(name, channel=channel, ts=ts))
	modified = world.doc(name).modified
	ack_ok(world.click(name, action="leave_reject", channel=channel, ts=ts))
	doc = world.doc(name)
	assert (doc.status, doc.docstatus, doc.modified) == ("Approved", 1, modified)
	app.site.run_jobs()
	[eph] = app.slack.calls_to("chat.postEphemeral")
	assert "already *Approved* by *Bea Boss*" in section_text(eph.args)
	assert len([c for c in app.slack.calls_to("chat.update") if c.args["channel"] == channel]) == 1
	assert len(frappe.get_all("Comment", filters={"reference_name": name})) == 1


def test_approve_then_the_same_approve_again_decides_once(world, app):
	"""Serial, no threads: the first Approve is handled to the end (its jobs run), then the same
	click arrives again (Slack's retry, or a second click on a message not yet rewritten)."""
	name, channel, ts = _delivered(world, app)
	ack_ok(world.click(name, channel=channel, ts=ts))
	app.site.run_jobs()
	decided = world.doc(name)
	assert (decided.status, decided.docstatus) == ("Approved", 1)
	assert app.slack.calls_to("chat.postEphemeral") == []
	ack_ok(world.click(name, channel=channel, ts=ts))
	app.site.run_jobs()
	doc = world.doc(name)
	assert (doc.status, doc.docstatus, doc.modified) == ("Approved", 1, decided.modified)
	[eph] = app.slack.calls_to("chat.postEphemeral")
	assert eph.args["user"] == BOSS
	assert "already *Approved* by *Bea Boss*" in section_text(eph.args)
	# Exactly one requester outcome owed, and sent: her confirmation, then one update.
	owed = frappe.get_all(
		deliveries.DOCTYPE, filters={"reference_name": name, "what": "Leave update"}, pluck="status"
	)
	assert owed == [deliveries.DELIVERED]
	_confirmation, outcome = world.dms_to(JANE)
	assert "Your leave request was *approved* by *Bea Boss*." in section_text(outcome.args)
	assert len([c for c in app.slack.calls_to("chat.update") if c.args["channel"] == channel]) == 1
	assert len(frappe.get_all("Comment", filters={"reference_name": name})) == 1
	assert app.error_titles() == []


def _two_approvals_at_once(world, app, monkeypatch):
	"""Two Approve clicks served at the same moment by two workers (two DB connections): both
	read the application as Open before either decides. Returns (name, responses)."""
	name, channel, ts = _delivered(world, app)
	payload = json.dumps(
		block_actions_message(
			button_action("leave_approve", name, block_id="leave_actions_block"),
			channel_id=channel,
			message_ts=ts,
			user={"id": BOSS, "username": "x", "name": "x", "team_id": "T0TEST0001"},
		)
	)
	both_read = threading.Barrier(2, timeout=10)
	read_once = threading.local()
	original_details = erp_leave.leave_details

	def leave_details(leave_application):
		details = original_details(leave_application)
		if not getattr(read_once, "done", False):
			read_once.done = True
			both_read.wait()  # neither click decides before both have seen it Open
		return details

	monkeypatch.setattr(erp_leave, "leave_details", leave_details)

	def click():
		# What frappe/app.py does around the handler: a POST commits, an error rolls back.
		try:
			response = dispatch.handle_interaction(core.route_interaction(payload))
			frappe.db.commit()
			return response
		except BaseException:
			frappe.db.rollback()
			raise

	# The double's frappe.session is shared by the threads: both click as Bea Boss.
	frappe.set_user(BOSS_EMAIL)
	responses = []
	threads = [threading.Thread(target=lambda: responses.append(click())) for _ in range(2)]
	for t in threads:
		t.start()
	for t in threads:
		t.join(timeout=30)
	frappe.db.rollback()  # read what a later request sees
	monkeypatch.setattr(erp_leave, "leave_details", original_details)  # the barrier is the clicks'
	app.site.run_jobs()  # what the clicks enqueued after their commits
	return name, responses


def test_concurrent_double_click_decides_once(world, app, monkeypatch):
	"""The row lock of `current_status` makes the second click wait for the first one's commit
	and then see the application decided."""
	name, responses = _two_approvals_at_once(world, app, monkeypatch)
	assert [r.status_code for r in responses] == [200, 200]
	doc = world.doc(name)
	assert (doc.status, doc.docstatus, doc.modified_by) == ("Approved", 1, BOSS_EMAIL)
	assert len([c for c in app.slack.calls_to("chat.update") if c.args["channel"] == "D0BOSS0001"]) == 1
	[eph] = app.slack.calls_to("chat.postEphemeral")
	assert "already *Approved*" in section_text(eph.args)
	assert len(frappe.get_all("Comment", filters={"reference_name": name})) == 1
	assert app.error_titles() == []


def test_concurrent_double_click_names_the_real_decider(world, app, monkeypatch):
	_two_approvals_at_once(world, app, monkeypatch)
	[eph] = app.slack.calls_to("chat.postEphemeral")
	assert "already *Approved* by *Bea Boss*" in section_text(eph.args)


def test_failed_submit_keeps_the_application_open(world, app):
	name, channel, ts = _delivered(world, app)
	# Balance gone meanwhile: HR cut the allocation to half a day.
	alloc = frappe.get_all("Leave Allocation", pluck="name")[0]
	frappe.db.set_value("Leave Allocation", alloc, "total_leaves_allocated", 0.5)
	frappe.db.commit()
	ack_ok(world.click(name, channel=channel, ts=ts))
	doc = world.doc(name)
	assert (doc.status, doc.docstatus) == ("Open", 0)
	[eph] = app.slack.calls_to("chat.postEphemeral")
	assert "Insufficient leave balance" in section_text(eph.args)
	assert "<strong>" not in section_text(eph.args)
	assert app.slack.calls_to("chat.update") == []
	assert app.error_titles() == ["Leave approve from Slack failed"]
	assert frappe.get_all("Comment", filters={"reference_name": name}) == []


def test_on_submit_failure_keeps_the_application_open(world, app, monkeypatch):
	def refuse(self):
		frappe.throw("Salary already processed for this period")

	monkeypatch.setattr(LeaveApplication, "on_submit", refuse, raising=False)
	name, channel, ts = _delivered(world, app)
	ack_ok(world.click(name, channel=channel, ts=ts))
	assert (world.doc(name).status, world.doc(name).docstatus) == ("Open", 0)
	assert "Salary already processed" in section_text(app.slack.last_call("chat.postEphemeral").args)


def test_decision_on_deleted_application(world, app):
	ack_ok(world.click("HR-LAP-2026-99999"))
	assert "no longer exists" in section_text(app.slack.last_call("chat.postEphemeral").args)


# ---------------------------------------------------------------------- routing errors


def test_unknown_action_is_a_400_with_an_error_log(world, app):
	response = world.interact(block_actions_message(button_action("launch_rocket", "x")))
	assert response.status_code == 400
	assert json_body(response)["error"] == "unknown_action"
	assert app.error_titles() == ["Slack interaction rejected: unknown_action"]
	assert "Traceback" not in response.get_data(as_text=True)


def test_malformed_payload_json_is_a_400(world, app):
	body = urlencode({"payload": "{not json"}).encode()
	response = app.send(raw_request(body, secret=app.secret))
	assert response.status_code == 400 and json_body(response)["error"] == "malformed_json"
	assert app.error_titles() == ["Slack interaction rejected: malformed_json"]
	response = app.send(raw_request(b"foo=bar", secret=app.secret))
	assert response.status_code == 400 and json_body(response)["error"] == "missing_payload"


def test_view_closed_and_ignored_actions_are_acked(world, app):
	view = view_payload(callback_id="apply_leave_application", notify_on_close=True)
	ack_ok(world.interact(view_closed(view)))
	ack_ok(world.interact(block_actions_message(button_action("ignore_link", "x"))))
	assert app.slack.calls == [] and app.error_titles() == []


# ---------------------------------------------------------------------- Slack or Frappe failing


def test_failing_confirmation_dm_is_an_error_log_not_a_failure(world, app):
	world.link(JANE_EMAIL, JANE)
	ack_ok(world.submit_form())
	app.slack.fail_next("chat.postMessage", "channel_not_found", times=2)
	app.site.run_jobs()
	assert len(world.applications()) == 1
	assert sorted(app.error_titles()) == [
		"Leave approval request not sent: channel_not_found",
		"Leave confirmation not sent: channel_not_found",
	]
	assert {log["reference_doctype"] for log in app.site.error_logs()} == {"Leave Application"}


def test_unexpected_error_in_a_decision_answers_200_and_tells_the_approver(world, app, monkeypatch):
	name, channel, ts = _delivered(world, app)

	def boom(*args, **kwargs):
		raise RuntimeError("database went away")

	monkeypatch.setattr(erp_leave, "decide_leave", boom)
	ack_ok(world.click(name, channel=channel, ts=ts))
	assert world.doc(name).status == "Open"
	assert "Something went wrong" in section_text(app.slack.last_call("chat.postEphemeral").args)
	assert app.error_titles() == ["Slack leave_decision failed"]
	assert "database went away" in app.site.error_logs()[0]["error"]


def test_unexpected_error_in_the_slash_command_is_an_ephemeral_notice(world, app, monkeypatch):
	def boom(*args, **kwargs):
		raise RuntimeError("hrms exploded")

	monkeypatch.setattr(erp_leave, "leave_types_for", boom)
	response = world.slash()
	assert response.status_code == 200
	assert "Something went wrong" in section_text(json_body(response))
	assert "Traceback" not in response.get_data(as_text=True)
	assert app.error_titles() == ["Slack /apply-leave failed"]


def test_failed_view_update_is_logged(world, app):
	view = _opened_modal(world, app, {})
	app.slack.fail_next("views.update", "not_found")
	ack_ok(world.interact(toggle(view)))
	assert app.error_titles() == ["Leave form not updated: not_found"]


def test_chat_update_failure_still_decides(world, app):
	name, channel, ts = _delivered(world, app)
	app.slack.fail_next("chat.update", "message_not_found")
	ack_ok(world.click(name, channel=channel, ts=ts))
	assert world.doc(name).status == "Approved"
	app.site.run_jobs()
	assert app.error_titles() == ["Leave approval message not updated: message_not_found"]


def test_slash_rate_limited_is_answered_at_once_without_sleeping(world, app, monkeypatch):
	import time  # noqa: PLC0415

	monkeypatch.setattr(time, "sleep", lambda s: pytest.fail(f"the request path slept {s} s"))
	app.slack.rate_limit_next("views.open", retry_after=30)
	response = world.slash()
	assert response.status_code == 200
	assert "could not be opened (ratelimited)" in section_text(json_body(response))
	assert len(app.slack.calls_to("views.open")) == 1
	assert app.error_titles() == ["Leave form not opened: ratelimited"]
