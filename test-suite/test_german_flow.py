"""A German user's Slack, end to end: through Frappe's dispatcher, the signed requests and the
Slack mock (which validates every blocks/view), with `translations/de.csv` read by the double's
`_` as Frappe v15 reads it.

Who reads what (`erp_users.language_of`: User → Language, else System Settings → Language):
the modal, its inline errors and the notices are the Slack user's Frappe user's; the approver's
DM and its decided version the leave approver's; the confirmation and decision DMs the
requester's; the channel's summary, late-leave note and test message the site's.
"""

from __future__ import annotations

import json

import frappe
import pytest

import test_attendance
import test_leave_workflow
from frappe_slack_connector.api import attendance_summary
from frappe_slack_connector.tests.support.dispatch import Client
from frappe_slack_connector.tests.support.slack_requests import state_datepicker
from harness.app_fixtures import ATTENDANCE_CHANNEL, json_body
from test_attendance import MONDAY, apply_leave
from test_leave_workflow import (
	BOSS,
	BOSS_EMAIL,
	CASUAL,
	JANE,
	JANE_EMAIL,
	MALLORY,
	ack_ok,
	section_text,
	toggle,
)

# The worlds of the English suites: Jane, her approver Bea Boss and the Slack mock; the office
# with its holiday list and three employees.
world = test_leave_workflow.world
office = test_attendance.office


def texts(value) -> str:
	"""Every string of a view or message, joined: what the reader can see."""
	return json.dumps(value, ensure_ascii=False)


def post_to(app, channel):
	[call] = [c for c in app.slack.calls_to("chat.postMessage") if c.args["channel"] == channel]
	return call.args


@pytest.fixture
def jane_de(world, app):
	"""Jane reads German (her User language); Bea Boss and the site stay English."""
	world.link(JANE_EMAIL, JANE)
	app.site.set_user_language(JANE_EMAIL, "de")
	return world


# --------------------------------------------------------------------------- the modal


def test_a_german_employee_gets_a_german_modal(jane_de, app):
	ack_ok(jane_de.slash())
	view = app.slack.last_call("views.open").args["view"]
	assert view["title"]["text"] == "Urlaub beantragen"
	assert view["submit"]["text"] == "Absenden" and view["close"]["text"] == "Abbrechen"
	labels = [b["label"]["text"] for b in view["blocks"]]
	assert labels == ["Startdatum", "Enddatum", "Urlaubsart", "Halber Tag", "Grund"]
	by_id = {b["block_id"]: b for b in view["blocks"]}
	assert by_id["leave_type"]["element"]["placeholder"]["text"] == "Urlaubsart auswählen"
	assert by_id["reason"]["element"]["placeholder"]["text"] == "Warum nehmen Sie Urlaub?"
	assert by_id["half_day_checkbox"]["element"]["options"][0]["text"]["text"] == (
		"Einer dieser Tage ist ein halber Tag"
	)
	# Data stays data: the values submitted back are the Leave Type names and stable codes.
	assert [o["value"] for o in by_id["leave_type"]["element"]["options"]] == [CASUAL, "Leave Without Pay"]
	assert app.error_titles() == []


def test_the_half_day_variant_is_german_too(jane_de, app):
	app.site.add_custom_field(
		"Leave Application", "custom_first_halfsecond_half", "Select", "\nFirst Half\nSecond Half"
	)
	ack_ok(jane_de.slash())
	view = app.slack.last_call("views.open").response["view"]
	view["state"] = {
		"values": {
			"start_date": {"start_date_picker": state_datepicker("2026-12-02")},
			"end_date": {"end_date_picker": state_datepicker("2026-12-04")},
		}
	}
	ack_ok(jane_de.interact(toggle(view)))
	blocks = {b["block_id"]: b for b in app.slack.last_call("views.update").args["view"]["blocks"]}
	assert blocks["half_day_date"]["label"]["text"] == "Datum des halben Tages"
	period = blocks["half_day_period"]
	assert period["label"]["text"] == "Welche Hälfte"
	assert [(o["text"]["text"], o["value"]) for o in period["element"]["options"]] == [
		("Erste Hälfte", "first_half"),
		("Zweite Hälfte", "second_half"),
	]


def test_an_english_employee_still_gets_the_english_modal(world, app):
	world.link(JANE_EMAIL, JANE)
	ack_ok(world.slash())
	assert app.slack.last_call("views.open").args["view"]["title"]["text"] == "Apply for Leave"


def test_a_german_site_gives_a_german_modal_to_users_without_a_language(world, app):
	world.link(JANE_EMAIL, JANE)
	app.site.set_system_language("de")
	ack_ok(world.slash())
	assert app.slack.last_call("views.open").args["view"]["title"]["text"] == "Urlaub beantragen"


# --------------------------------------------------------------------------- inline errors


def test_german_inline_errors(jane_de, app):
	body = json_body(jane_de.submit_form(start="2026-12-04", end="2026-12-02", reason="  "))
	assert body == {
		"response_action": "errors",
		"errors": {
			"end_date": "Das Enddatum darf nicht vor dem Startdatum liegen.",
			"reason": "Nennen Sie Ihrem Genehmiger den Grund für Ihren Urlaub.",
		},
	}
	body = json_body(jane_de.submit_form(reason="x" * 1001))
	assert body["errors"] == {"reason": "Der Grund darf höchstens 1000 Zeichen lang sein (er hat 1001)."}
	assert jane_de.applications() == []


def test_german_inline_error_quotes_german_dates(jane_de, app):
	body = json_body(
		jane_de.submit_form(start="2026-12-02", end="2026-12-04", half_day=True, half_day_date="2026-12-09")
	)
	assert body["errors"] == {
		"half_day_date": "Wählen Sie einen Tag zwischen Mi., 02. Dez. 2026 und Fr., 04. Dez. 2026."
	}


def test_the_same_errors_are_english_for_an_english_employee(world, app):
	world.link(JANE_EMAIL, JANE)
	body = json_body(world.submit_form(start="2026-12-04", end="2026-12-02"))
	assert body["errors"] == {"end_date": "The end date cannot be before the start date."}


def test_no_employee_inline_error_is_german(jane_de, app):
	frappe.db.set_value("Employee", jane_de.employee, "status", "Left")
	frappe.db.commit()
	body = json_body(jane_de.submit_form())
	assert body["errors"] == {
		"reason": "Ihr Slack-Konto ist mit keinem aktiven Mitarbeiter verknüpft. "
		"Bitten Sie die Personalabteilung, es zu verbinden."
	}


# --------------------------------------------------------------------------- notices


def test_german_notices_from_the_slash_command(world, app):
	# No Frappe user for this Slack user: the site's language.
	app.site.set_system_language("de")
	body = json_body(world.slash(user_id=MALLORY))
	assert section_text(body).startswith("🔗 Ihr Slack-Konto ist mit keinem Benutzer im HR-System verknüpft.")
	# A German user without an active Employee.
	app.site.set_system_language("en")
	app.site.make_user("solo@example.com", roles=["Employee"])
	app.site.set_user_language("solo@example.com", "de")
	app.slack.add_user(id="U0SOLO0001", email="solo@example.com")
	body = json_body(world.slash(user_id="U0SOLO0001"))
	assert section_text(body).startswith("🔗 Ihr Benutzer hat keinen aktiven Mitarbeiterdatensatz.")


def test_german_ephemeral_notices_on_the_approval_buttons(world, app):
	name = world.leave()
	world.approver_dm(name)
	app.site.set_user_language(BOSS_EMAIL, "de")
	# Someone who may not decide, reading German.
	app.site.make_user("mallory@example.com", roles=["Employee"])
	app.site.set_user_language("mallory@example.com", "de")
	ack_ok(world.click(name, user=MALLORY))
	notice = app.slack.last_call("chat.postEphemeral").args
	assert notice["user"] == MALLORY
	assert section_text(notice) == (
		f"⛔ Sie dürfen *{name}* weder genehmigen noch ablehnen. "
		"Das können nur der zuständige Genehmiger oder ein HR-Manager."
	)
	# The approver decides, then clicks again: the stored status, in her words.
	ack_ok(world.click(name))
	ack_ok(world.click(name))
	app.site.run_jobs()
	notice = app.slack.last_call("chat.postEphemeral").args
	assert notice["user"] == BOSS
	assert (
		section_text(notice)
		== f"ℹ️ *{name}* ist bereits *Genehmigt* (von *Bea Boss*). Es wurde nichts geändert."  # noqa: RUF001
	)
	assert world.doc(name).status == "Approved"  # the data is not translated


# --------------------------------------------------------------------------- approver and requester


def test_a_german_approver_gets_a_german_dm_and_decided_message(world, app):
	app.site.set_user_language(BOSS_EMAIL, "de")
	name = world.leave(from_date="2026-12-02", to_date="2026-12-04")
	dm = world.approver_dm(name).args
	text = section_text(dm)
	assert dm["blocks"][0]["text"]["text"] == "Urlaubsantrag"
	assert "hat Urlaub beantragt." in text
	assert "*Von:* Mi., 02. Dez. 2026\n*Bis:* Fr., 04. Dez. 2026" in text
	assert "*Eingereicht am:* Di., 01. Dez. 2026" in text
	assert "*Urlaubsart:* Casual Leave" in text  # the Leave Type's name is data
	buttons = next(b for b in dm["blocks"] if b["type"] == "actions")["elements"]
	assert [(b["text"]["text"], b["value"]) for b in buttons] == [("Genehmigen", name), ("Ablehnen", name)]
	assert dm["text"].startswith("Urlaubsantrag\n")

	ack_ok(world.click(name))
	app.site.run_jobs()
	update = world.update_in("D0BOSS0001").args
	assert section_text(update).endswith("✅ Genehmigt von *Bea Boss*")
	assert "*Von:* Mi., 02. Dez. 2026" in section_text(update)
	assert not any(b["type"] == "actions" for b in update["blocks"])
	assert app.error_titles() == []


def test_a_german_requester_gets_german_dms_from_an_english_approver(jane_de, app):
	ack_ok(jane_de.submit_form(start="2026-12-02", end="2026-12-03"))
	app.site.run_jobs()
	confirmation = post_to(app, JANE)
	assert confirmation["blocks"][0]["text"]["text"] == "Urlaubsantrag eingereicht"
	assert "Ihr Urlaubsantrag wurde eingereicht und *Bea Boss* zur Genehmigung vorgelegt." in section_text(
		confirmation
	)
	assert "*Von:* Mi., 02. Dez. 2026" in section_text(confirmation)
	# Bea reads English: her DM is English, whatever Jane reads.
	approver = post_to(app, BOSS)
	assert approver["blocks"][0]["text"]["text"] == "Leave Request"
	assert "*From:* Dec 02, 2026 (Wed)" in section_text(approver)

	[row] = jane_de.applications()
	ack_ok(jane_de.reject(row.name))
	app.site.run_jobs()
	assert section_text(jane_de.update_in("D0BOSS0001").args).endswith("❌ Rejected by *Bea Boss*")
	app.site.run_jobs()
	decision = [c.args for c in app.slack.calls_to("chat.postMessage") if c.args["channel"] == JANE][-1]
	assert decision["blocks"][0]["text"]["text"] == "Urlaub abgelehnt"
	assert "❌ Ihr Urlaubsantrag wurde von *Bea Boss* *abgelehnt*." in section_text(decision)
	assert app.error_titles() == []


def test_an_approval_reads_approved_in_german(jane_de, app):
	ack_ok(jane_de.submit_form(start="2026-12-02", end="2026-12-02"))
	app.site.run_jobs()
	[row] = jane_de.applications()
	ack_ok(jane_de.click(row.name))
	app.site.run_jobs()
	decision = [c.args for c in app.slack.calls_to("chat.postMessage") if c.args["channel"] == JANE][-1]
	assert decision["blocks"][0]["text"]["text"] == "Urlaub genehmigt"
	assert "✅ Ihr Urlaubsantrag wurde von *Bea Boss* *genehmigt*." in section_text(decision)


# --------------------------------------------------------------------------- the channel


def test_a_german_site_gets_a_german_summary_and_late_leave_note(office, site):
	office.site.set_system_language("de")
	# A user's own language does not change what the channel reads.
	office.site.set_user_language("ana@example.com", "en")
	apply_leave(office.people["ana"], MONDAY, "2026-12-02")
	apply_leave(office.people["cy"], MONDAY, MONDAY, half_day=1, half_day_date=MONDAY)
	frappe.set_user("Administrator")
	result = attendance_summary.attendance_channel()
	office.site.run_jobs()  # what the tick owed, delivered as a worker would
	assert result["sent"] is True
	call = office.slack.last_call("chat.postMessage", channel=ATTENDANCE_CHANNEL)
	assert call.args["blocks"][0]["text"]["text"] == ":palm_tree: 2 Mitarbeiter im Urlaub"
	text = section_text(call.args)
	assert "*Ganzer Tag*\n1. <@U0ANA0001> _bis Mi., 02. Dez. 2026_" in text
	assert "*Halber Tag*\n1. Cy Test" in text
	assert call.args["text"].startswith(":palm_tree: 2 Mitarbeiter im Urlaub")

	apply_leave(office.people["bo"], MONDAY, "2026-12-01", half_day=1, half_day_date=MONDAY)
	site.run_jobs()
	note = next(c for c in office.slack.calls_to("chat.postMessage") if c.args.get("thread_ts"))
	assert (
		section_text(note.args)
		== "<@U0BO00001> ist heute ebenfalls im Urlaub (Halber Tag) _bis Di., 01. Dez. 2026_"
	)


def test_a_german_site_on_a_quiet_day(office):
	office.site.set_system_language("de")
	frappe.set_user("Administrator")
	attendance_summary.attendance_channel()
	office.site.run_jobs()  # what the tick owed, delivered as a worker would
	header = office.slack.last_call("chat.postMessage", channel=ATTENDANCE_CHANNEL).args["blocks"][0]["text"][
		"text"
	]
	assert header == ":sunny: Keine Mitarbeiter im Urlaub"


def test_a_german_site_gets_a_german_test_message(office):
	office.site.set_system_language("de")
	response = Client("Administrator").post(
		"/api/method/frappe_slack_connector.api.test_slack_channel.test_channel",
		data={"channel_id": "C0TEST0001"},
	)
	assert response.status_code == 200
	text = office.slack.last_call("chat.postMessage").args["text"]
	assert "*Frappe Slack Connector* kann von *" in text and "aus in diesem Kanal posten." in text
	assert "Schaltfläche „Kanal testen“" in text


def test_a_title_an_admin_typed_stays_as_typed_on_a_german_site(office):
	office.site.set_system_language("de")
	office.configure(leave_notification_subject="Heute nicht da")
	apply_leave(office.people["ana"], MONDAY, MONDAY)
	frappe.set_user("Administrator")
	attendance_summary.attendance_channel()
	office.site.run_jobs()  # what the tick owed, delivered as a worker would
	header = office.slack.last_call("chat.postMessage", channel=ATTENDANCE_CHANNEL).args["blocks"][0]["text"][
		"text"
	]
	assert header == ":palm_tree: 1 Heute nicht da"
