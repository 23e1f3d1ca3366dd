"""The other doors to the leave modal, through Frappe's dispatcher, signed requests and the Slack
mock (which validates every view): the global shortcut "Apply for leave", the message shortcut
"Request leave from this message" (over HTTP and through the Socket Mode frame reader), and
`/apply-leave <text>` read into the modal's initial values. None of them files anything.

And the one shortcut registry (`core.SHORTCUTS`, Rust `interaction::shortcuts::SHORTCUTS`):
the manifest declares its rows, the router routes their callback_ids and `flows/dispatch.py`
answers each row's handler key (as test_slash_commands.py for the slash commands)."""

from __future__ import annotations

import json

import frappe
import pytest

import test_leave_workflow
from frappe_slack_connector import core
from frappe_slack_connector.flows import dispatch
from frappe_slack_connector.flows.leave import handlers as leave_handlers
from frappe_slack_connector.slack import socket_mode
from frappe_slack_connector.tests.support.slack_requests import global_shortcut, message_shortcut
from test_leave_workflow import CASUAL, JANE, JANE_EMAIL, LWP, MALLORY, ack_ok

# Jane, her approver Bea Boss and the Slack mock (the English suite's world).
world = test_leave_workflow.world

SITE = "https://erp.example.com"
SICK = "Sick Leave"
REGISTRY = {row["callback_id"]: row for row in core.SHORTCUTS}


@pytest.fixture
def jane(world, app):
	"""Jane, linked, with Casual Leave and Sick Leave allocated (today is Tue 1 Dec 2026)."""
	world.link(JANE_EMAIL, JANE)
	app.site.make_allocation(world.employee, SICK, "2026-01-01", "2026-12-31", new_leaves_allocated=5)
	frappe.db.commit()
	return world


def opened_view(app) -> dict:
	return app.slack.last_call("views.open").args["view"]


def initial(view: dict) -> dict:
	"""The modal's initial values by block id, and its note (the context line above the form)."""
	values = {}
	for block in view["blocks"]:
		element = block.get("element") or {}
		key = block.get("block_id", block["type"])
		if block["type"] == "context":
			values["note"] = block["elements"][0]["text"]
		elif "initial_date" in element:
			values[key] = element["initial_date"]
		elif "initial_option" in element:
			values[key] = element["initial_option"]["value"]
		elif "initial_value" in element:
			values[key] = element["initial_value"]
		elif "initial_options" in element:
			values[key] = [o["value"] for o in element["initial_options"]]
	return values


def nothing_filed():
	assert frappe.get_all("Leave Application") == []


# --------------------------------------------------------------------------- the registry


def test_registry_manifest_routing_and_dispatch_agree():
	assert [row["callback_id"] for row in core.SHORTCUTS] == ["apply_leave", "request_leave_from_message"]
	assert {row["type"] for row in core.SHORTCUTS} == {"global", "message"}
	for socket_mode_on in (False, True):
		declared = core.build_app_manifest(SITE, socket_mode=socket_mode_on)["features"]["shortcuts"]
		assert declared == [
			{
				"name": row["name"],
				"type": row["type"],
				"callback_id": row["callback_id"],
				"description": row["description"],
			}
			for row in core.SHORTCUTS
		]
	for row in core.SHORTCUTS:
		payload = (global_shortcut if row["type"] == "global" else _message_shortcut)(row["callback_id"])
		route = core.route_interaction(json.dumps(payload))
		assert route["handler"] == row["handler"] and route["callback_id"] == row["callback_id"]
		assert dispatch.INTERACTIONS[row["handler"]].__name__ == row["handler"]


def _message_shortcut(callback_id):
	return message_shortcut(callback_id, message_text="x")


@pytest.mark.parametrize(
	"payload",
	[
		global_shortcut("not_ours"),
		global_shortcut("request_leave_from_message"),
		_message_shortcut("apply_leave"),
	],
	ids=["unknown", "message-id-as-global", "global-id-as-message"],
)
def test_an_unknown_shortcut_gets_the_refusal_of_any_unknown_route(world, app, payload):
	response = world.interact(payload)
	assert response.status_code == 400
	assert app.error_titles() == ["Slack interaction rejected: unknown_callback"]
	assert app.slack.calls_to("views.open") == []


# --------------------------------------------------------------------------- the shortcuts


def test_the_global_shortcut_opens_the_leave_modal(jane, app):
	ack_ok(jane.interact(global_shortcut("apply_leave", user={"id": JANE, "username": "jane"})))
	view = opened_view(app)
	assert view["callback_id"] == "apply_leave_application"
	assert json.loads(view["private_metadata"]) == {"employee": jane.employee}
	assert initial(view)["start_date"] == "2026-12-01"
	assert "reason" not in initial(view)
	nothing_filed()


def test_the_message_shortcut_prefills_the_reason_with_the_message(jane, app):
	text = "Off to the <https://example.com|dentist> & *back* tomorrow"
	payload = message_shortcut("request_leave_from_message", message_text=text, user={"id": JANE})
	ack_ok(jane.interact(payload))
	view = opened_view(app)
	assert view["callback_id"] == "apply_leave_application"
	assert initial(view)["reason"] == text  # mrkdwn left as the text it is
	nothing_filed()


def test_a_long_message_is_cut_to_the_reason_field(jane, app):
	ack_ok(
		jane.interact(
			message_shortcut("request_leave_from_message", message_text="ü" * 4000, user={"id": JANE})
		)
	)
	reason = initial(opened_view(app))["reason"]
	assert len(reason) == 1000 and reason.endswith("…")


@pytest.mark.parametrize(
	"payload", [global_shortcut("apply_leave"), _message_shortcut("request_leave_from_message")]
)
def test_a_person_not_linked_gets_the_usual_answer_in_the_apps_dm(world, app, payload):
	payload["user"] = {"id": MALLORY, "username": "mallory"}
	ack_ok(world.interact(payload))
	assert app.slack.calls_to("views.open") == []
	[dm] = world.dms_to(MALLORY)
	assert "Ask HR to connect your Slack account" in json.dumps(dm.args)
	nothing_filed()


def test_the_shortcuts_over_socket_mode_open_the_same_modal(jane, app):
	for payload in (
		global_shortcut("apply_leave", user={"id": JANE}),
		message_shortcut("request_leave_from_message", message_text="Kids are sick", user={"id": JANE}),
	):
		frame = core.parse_socket_frame(
			json.dumps({"envelope_id": "e1", "type": "interactive", "payload": payload})
		)
		assert frame["route"] == core.route_interaction(json.dumps(payload))
		response = socket_mode.dispatch(frame, dispatch)
		assert response.status_code == 200 and response.get_data() == b""
	first, second = app.slack.calls_to("views.open")
	assert (
		first.args["view"]["callback_id"] == second.args["view"]["callback_id"] == "apply_leave_application"
	)
	assert initial(second.args["view"])["reason"] == "Kids are sick"
	nothing_filed()


# --------------------------------------------------------------------------- /apply-leave <text>


def test_apply_leave_tomorrow(jane, app):
	ack_ok(jane.slash(text="tomorrow"))
	values = initial(opened_view(app))
	assert (values["start_date"], values["end_date"]) == ("2026-12-02", "2026-12-02")
	assert "note" not in values and "reason" not in values
	nothing_filed()


def test_apply_leave_a_range_and_a_type(jane, app):
	ack_ok(jane.slash(text="24-26 Dec sick"))
	values = initial(opened_view(app))
	assert (values["start_date"], values["end_date"], values["leave_type"]) == (
		"2026-12-24",
		"2026-12-26",
		SICK,
	)
	assert "note" not in values
	nothing_filed()


def test_apply_leave_next_friday_afternoon(jane, app):
	ack_ok(jane.slash(text="next friday afternoon dentist"))
	view = opened_view(app)
	values = initial(view)
	# Tuesday 1 Dec: "next friday" is the Friday of next week.
	assert (values["start_date"], values["end_date"]) == ("2026-12-11", "2026-12-11")
	assert values["half_day_checkbox"] == ["half_day"]
	assert values["reason"] == "dentist"
	nothing_filed()


def test_apply_leave_in_german(jane, app):
	app.site.set_user_language(JANE_EMAIL, "de")
	ack_ok(jane.slash(text="übermorgen vormittags Arzttermin"))
	view = opened_view(app)
	assert view["title"]["text"] == "Urlaub beantragen"
	values = initial(view)
	assert (values["start_date"], values["end_date"]) == ("2026-12-03", "2026-12-03")
	assert values["half_day_checkbox"] == ["half_day"] and values["reason"] == "Arzttermin"
	nothing_filed()

	ack_ok(jane.slash(text="vom 26. bis 24.12. krank"))
	note = initial(opened_view(app))["note"]
	assert note.startswith(":warning: *Bitte prüfen Sie das Formular")
	assert "„vom 26. bis 24.12.“ endet, bevor es beginnt." in note


def test_an_unclear_line_opens_the_modal_with_what_was_understood_and_a_note(jane, app):
	ack_ok(jane.slash(text="31.02. casual sick moving <!channel>"))
	values = initial(opened_view(app))
	note = values["note"]
	assert note.startswith(":warning: *Please check the form: not everything you typed was clear.*")
	assert "“31.02.” looks like a date, but could not be read as one." in note
	assert f"“casual sick” could mean {CASUAL}, {SICK}: choose the leave type." in note
	assert "leave_type" not in values
	assert values["start_date"] == "2026-12-01"  # the default: nothing was understood about dates
	assert values["reason"] == "moving <!channel>"
	nothing_filed()


def test_a_past_date_and_the_type_without_pay(jane, app):
	ack_ok(jane.slash(text="2026-11-30 without pay"))
	values = initial(opened_view(app))
	assert "“2026-11-30” is in the past." in values["note"]
	assert values["leave_type"] == LWP
	nothing_filed()


def test_a_line_from_a_person_not_linked_gets_the_usual_answer(world, app):
	response = world.slash(user_id=MALLORY, text="tomorrow")
	assert response.status_code == 200
	assert "Ask HR to connect your Slack account" in response.get_data(as_text=True)
	assert app.slack.calls_to("views.open") == []
	nothing_filed()


def test_today_is_the_persons_own_when_their_user_has_a_time_zone(jane, app):
	# 10:00 on Tue 1 Dec at the site (Asia/Kolkata) is 17:30 on Mon 30 Nov in Pago Pago.
	frappe.db.set_value("User", JANE_EMAIL, "time_zone", "Pacific/Pago_Pago")
	frappe.db.commit()
	ack_ok(jane.slash(text="tomorrow"))
	values = initial(opened_view(app))
	assert (values["start_date"], values["end_date"]) == ("2026-12-01", "2026-12-01")
	frappe.db.set_value("User", JANE_EMAIL, "time_zone", "Not/A_Zone")
	frappe.db.commit()
	ack_ok(jane.slash(text="tomorrow"))
	assert initial(opened_view(app))["start_date"] == "2026-12-02"  # an unknown zone: the site's day


def test_without_a_frappe_time_zone_today_is_where_slack_says_the_person_is(jane, app):
	# Slack's time zone, remembered on her link: 17:30 on Mon 30 Nov in Pago Pago.
	frappe.db.set_value("Slack User Meta", JANE_EMAIL, "slack_tz", "Pacific/Pago_Pago")
	frappe.db.commit()
	ack_ok(jane.slash(text="tomorrow"))
	assert initial(opened_view(app))["start_date"] == "2026-12-01"
	# Her Frappe time zone, when she has one, comes first.
	frappe.db.set_value("User", JANE_EMAIL, "time_zone", "Asia/Kolkata")
	frappe.db.commit()
	ack_ok(jane.slash(text="tomorrow"))
	assert initial(opened_view(app))["start_date"] == "2026-12-02"


def test_a_shortcut_that_fails_tells_the_person_to_try_again(jane, app, monkeypatch):
	def broken(*args, **kwargs):
		raise RuntimeError("the leave types could not be read")

	monkeypatch.setattr(leave_handlers, "leave_modal", broken)
	ack_ok(jane.interact(message_shortcut("request_leave_from_message", message_text="x", user={"id": JANE})))
	ack_ok(jane.interact(global_shortcut("apply_leave", user={"id": JANE})))
	assert app.slack.calls_to("views.open") == []
	in_channel, in_dm = app.slack.calls_to("chat.postEphemeral") + app.slack.calls_to("chat.postMessage")
	assert (in_channel.args["channel"], in_channel.args["user"]) == ("C0CHAN0001", JANE)
	assert in_dm.args["channel"] == JANE
	for told in (in_channel, in_dm):
		assert "try again" in json.dumps(told.args).lower()
	assert app.error_titles() == [
		"Slack shortcut_leave_from_message failed",
		"Slack shortcut_apply_leave failed",
	]
	nothing_filed()
