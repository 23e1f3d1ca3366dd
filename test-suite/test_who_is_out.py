"""Who is out (issue 26, part B), end to end on the double with the Slack mock:

- the approver's card (owed when the Leave Application is inserted, delivered by the outbox)
  lists the applicant's department and the approver's other reports out on overlapping days —
  names only where the approver may not read the leave (a User Permission keeps them from it),
  type, dates and state where they may; never the applicant, never a rejected leave; no section
  when nobody else is out; at most ten names and "and N more";
- `/whoisout` through the signed HTTP route: today, tomorrow, week (working days only), a date,
  a bad argument (the usage hint, HTTP 200), a caller not linked to a user, hidden leave types.
  (Socket Mode serves the same handler: test_socket_mode.py.)
"""

from __future__ import annotations

import json

import frappe
import pytest
from frappe.utils import background_jobs

from frappe_slack_connector.tests.support.slack_requests import (
	interaction_request,
	slash_command_request,
	state_checkboxes,
	state_datepicker,
	state_plain_text,
	state_static_select,
	view_payload,
	view_submission,
)
from harness.app_fixtures import json_body

TODAY = "2026-12-08"  # a Tuesday; Friday the 11th is a holiday, the weekend weekly offs
BOSS, BOSS_EMAIL = "U0BOSS0001", "boss@example.com"
JANE, JANE_EMAIL = "U0JANE0001", "jane@example.com"
COLIN = "U0COLIN001"
OLGA_EMAIL = "olga@example.com"
CASUAL, SICK = "Casual Leave", "Sick Leave"
WHOISOUT_PATH = "/api/method/frappe_slack_connector.api.slash_whoisout.slash_whoisout"


class Team:
	"""Jane (Engineering, approver Bea Boss) and, around her: Colin (Engineering, approver Olga),
	Rita (Design, approver Bea), Dora (Design, no approver of her own: Bea is Design's first leave
	approver), Sam (Design, approver Olga: nobody of Jane's or Bea's). Bea may read the leaves of
	Jane, Rita and Dora only (User Permissions on Employee), not Colin's."""

	def __init__(self, app):
		self.app = app
		site = app.site
		site.freeze_time(f"{TODAY} 10:00:00")
		site.make_holiday_list(
			"HL 2026",
			"2026-01-01",
			"2026-12-31",
			holidays=["2026-12-11", "2026-12-25"],
			weekly_off=["2026-12-12", "2026-12-13"],
		)
		site.make_company("Test Co", default_holiday_list="HL 2026")
		frappe.db.set_single_value("Global Defaults", "default_company", "Test Co")
		site.make_user(BOSS_EMAIL, roles=["Employee", "Leave Approver"], full_name="Bea Boss")
		site.make_user(OLGA_EMAIL, roles=["Employee", "Leave Approver"], full_name="Olga Other")
		engineering = site.make_department("Engineering").name
		design = site.make_department("Design", approvers=[BOSS_EMAIL]).name
		self.people = {}
		for key, first, department, approver in [
			("jane", "Jane", engineering, BOSS_EMAIL),
			("colin", "Colin", engineering, OLGA_EMAIL),
			("rita", "Rita", design, BOSS_EMAIL),
			("dora", "Dora", design, None),
			("sam", "Sam", design, OLGA_EMAIL),
		]:
			employee = site.make_employee(
				f"{key}@example.com",
				first_name=first,
				last_name="Test",
				department=department,
				leave_approver=approver,
			).name
			for leave_type in (CASUAL, SICK):
				site.make_allocation(employee, leave_type, "2026-01-01", "2026-12-31", 20)
			self.people[key] = employee
		for key in ("jane", "rita", "dora"):
			site._insert(
				{
					"doctype": "User Permission",
					"user": BOSS_EMAIL,
					"allow": "Employee",
					"for_value": self.people[key],
				}
			)
		for user, slack_id in ((JANE_EMAIL, JANE), ("colin@example.com", COLIN)):
			site._insert({"doctype": "Slack User Meta", "user": user, "slack_user_id": slack_id})
		frappe.db.commit()
		app.slack.add_user(id=BOSS, email=BOSS_EMAIL, real_name="Bea Boss", name="bea")
		app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Test", name="jane")
		app.slack.add_user(id="U0OLGA0001", email=OLGA_EMAIL, real_name="Olga Other", name="olga")
		app.slack.add_user(id=COLIN, email="colin@example.com", real_name="Colin Test", name="colin")

	def leave(self, key, from_date, to_date=None, leave_type=CASUAL, **fields):
		"""A Leave Application filed from the desk (its own approver's card is owed too)."""
		previous = frappe.session.user
		frappe.set_user("Administrator")
		try:
			doc = frappe.get_doc(
				{
					"doctype": "Leave Application",
					"employee": self.people[key],
					"leave_type": leave_type,
					"from_date": from_date,
					"to_date": to_date or from_date,
					"posting_date": TODAY,
					"description": "Away",
					**fields,
				}
			).insert()
			frappe.db.commit()
			return doc.name
		finally:
			frappe.set_user(previous)

	def others_around_jane(self):
		"""Colin approved Dec 8 to 9, Rita's open half day on Dec 9, Dora approved Dec 10; Sam (not
		of the team) approved Dec 8; Rita's rejected Dec 10."""
		self.leave("colin", "2026-12-08", "2026-12-09", status="Approved")
		self.leave("rita", "2026-12-09", leave_type=SICK, half_day=1, half_day_date="2026-12-09")
		self.leave("dora", "2026-12-10", status="Approved", leave_approver=BOSS_EMAIL)
		self.leave("sam", "2026-12-08", status="Approved")
		self.leave("rita", "2026-12-10", status="Rejected")

	def jane_applies(self, start="2026-12-08", end="2026-12-10"):
		"""Jane submits the leave modal in Slack; the outbox delivers what it owes."""
		values = {
			"start_date": {"start_date_picker": state_datepicker(start)},
			"end_date": {"end_date_picker": state_datepicker(end)},
			"leave_type": {"leave_type_select": state_static_select(CASUAL)},
			"half_day_checkbox": {"half_day_checkbox": state_checkboxes([])},
			"reason": {"reason_input": state_plain_text("Family trip")},
		}
		view = view_payload(
			callback_id="apply_leave_application",
			state_values=values,
			private_metadata=json.dumps({"employee": self.people["jane"]}),
		)
		payload = view_submission(view, user={"id": JANE, "username": "jane", "name": "jane"})
		response = self.app.send(interaction_request(payload, secret=self.app.secret))
		assert response.status_code == 200 and not response.get_data(), response.get_data(as_text=True)
		background_jobs.run_jobs()
		[name] = frappe.get_all(
			"Leave Application",
			filters={"employee": self.people["jane"], "from_date": start},
			pluck="name",
		)
		return name

	def card_for(self, leave_application) -> str:
		"""The text of the sections of the approval request Bea got about `leave_application`."""
		cards = [
			call
			for call in self.app.slack.calls_to("chat.postMessage")
			if call.args["channel"] == BOSS and leave_application in json.dumps(call.args["blocks"])
		]
		assert len(cards) == 1, [c.args.get("text") for c in cards]
		blocks = cards[0].args["blocks"]
		if isinstance(blocks, str):
			blocks = json.loads(blocks)
		return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")

	def whoisout(self, text="", user_id=BOSS):
		request = slash_command_request(
			"/whoisout", text, secret=self.app.secret, user_id=user_id, path=WHOISOUT_PATH
		)
		response = self.app.send(request)
		assert response.status_code == 200, response.get_data(as_text=True)
		message = json_body(response)
		return "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] in ("section", "header"))


@pytest.fixture
def team(app):
	return Team(app)


def failures(app) -> list[str]:
	"""Error Logs of a handler or a job that failed (the desk leaves of people without Slack or
	an approver log why nothing was sent to them: not this test's business)."""
	return [title for title in app.error_titles() if "failed" in title or "not built" in title]


def others_section(card: str) -> str:
	heading = "*Also out on these days*"
	assert heading in card, card
	return card[card.index(heading) :]


# ---------------------------------------------------------------------- the approver's card


def test_the_card_lists_the_department_and_the_approvers_other_reports(team, app):
	team.others_around_jane()
	card = team.jane_applies()
	others = others_section(team.card_for(card))
	lines = others.splitlines()[1:]
	assert lines[0] == f"• <@{COLIN}>", "Colin's leave is not Bea's to read: his name only"
	assert lines[1].startswith("• *Dora Test* — Casual Leave, Dec 10, 2026 (Thu) (approved)"), lines
	assert lines[2] == (
		"• *Rita Test* — Sick Leave, Dec 09, 2026 (Wed), half day on Dec 09, 2026 (Wed) (awaiting approval)"
	), lines
	assert len(lines) == 3, "not Sam (not of the team), not Jane herself, no rejected leave"
	assert "Jane" not in others and "Sam" not in others
	assert failures(app) == []


def test_a_leave_the_approver_may_read_shows_its_type_dates_and_state(team, app):
	"""Privacy the other way: once Bea may read Colin's leave, his line says what it is."""
	team.app.site._insert(
		{
			"doctype": "User Permission",
			"user": BOSS_EMAIL,
			"allow": "Employee",
			"for_value": team.people["colin"],
		}
	)
	frappe.db.commit()
	team.others_around_jane()
	others = others_section(team.card_for(team.jane_applies()))
	span = "Dec 08, 2026 (Tue) – Dec 09, 2026 (Wed)"  # noqa: RUF001 - the en dash between two days
	assert f"• <@{COLIN}> — Casual Leave, {span} (approved)" in others


def test_no_section_when_nobody_else_is_out(team, app):
	team.leave("colin", "2026-12-01", status="Approved")  # before Jane's leave
	card = team.card_for(team.jane_applies("2026-12-15", "2026-12-16"))
	assert "Also out" not in card
	assert "Leave Request" not in card  # the header is not a section: the card is the plain one
	assert "Dec 15, 2026" in card


def test_the_card_names_ten_and_says_how_many_more(team, app):
	for i in range(12):
		employee = app.site.make_employee(
			f"report{i:02}@example.com",
			first_name=f"Report{i:02}",
			last_name="Test",
			leave_approver=BOSS_EMAIL,
		).name
		app.site.make_allocation(employee, CASUAL, "2026-01-01", "2026-12-31", 20)
		team.people[f"report{i:02}"] = employee
		team.leave(f"report{i:02}", "2026-12-09", status="Approved")
	others = others_section(team.card_for(team.jane_applies()))
	names = [line for line in others.splitlines() if line.startswith("•")]
	assert len(names) == 10, names
	assert others.endswith("_and 2 more_"), others


# ---------------------------------------------------------------------- /whoisout


def test_whoisout_today_and_tomorrow(team, app):
	team.others_around_jane()
	team.jane_applies()
	today = team.whoisout()
	assert today.startswith("Who is out on Dec 08, 2026 (Tue)")
	assert f"• <@{COLIN}> — Casual Leave" in today
	assert f"• <@{JANE}> — Casual Leave, awaiting approval" in today
	assert "• *Sam Test* — Casual Leave" in today
	assert "Rita" not in today and "Dora" not in today
	tomorrow = team.whoisout("tomorrow")
	assert tomorrow.startswith("Who is out on Dec 09, 2026 (Wed)")
	assert "• *Rita Test* — Sick Leave (Half Day), awaiting approval" in tomorrow
	assert "Sam" not in tomorrow
	assert failures(app) == []


def test_whoisout_week_groups_by_working_day(team, app):
	team.others_around_jane()
	week = team.whoisout("week")
	assert week.startswith("Who is out from Dec 08, 2026 (Tue) to Dec 13, 2026 (Sun)")
	days = [line for line in week.splitlines() if line.startswith("*Dec")]
	assert days == ["*Dec 08, 2026 (Tue)*", "*Dec 09, 2026 (Wed)*", "*Dec 10, 2026 (Thu)*"], (
		"the Friday holiday and the weekend are skipped"
	)
	thursday = week[week.index("*Dec 10, 2026 (Thu)*") :]
	assert "• *Dora Test* — Casual Leave" in thursday and "Rita" not in thursday, "no rejected leave"


def test_whoisout_a_date_and_a_day_nobody_is_out(team, app):
	team.others_around_jane()
	assert "• *Dora Test* — Casual Leave" in team.whoisout("2026-12-10")
	assert team.whoisout("2026-12-17").endswith("Nobody is out.")
	assert team.whoisout("2026-12-25").endswith("There is no working day in that period.")


def test_whoisout_answers_a_bad_argument_with_the_usage_hint(team, app):
	answer = team.whoisout("next <!channel>")
	assert "“next &lt;!channel&gt;”" in answer
	assert "/whoisout tomorrow" in answer
	assert failures(app) == []


def test_whoisout_asks_an_unlinked_caller_to_connect_their_account(team, app):
	app.slack.add_user(id="U0STRANGER", email="stranger@example.com", real_name="Stranger")
	team.others_around_jane()
	answer = team.whoisout(user_id="U0STRANGER")
	assert "Your Slack account is not linked" in answer
	assert "Colin" not in answer


def test_whoisout_hides_leave_types_when_settings_say_so(team, app):
	team.others_around_jane()
	app.configure(hide_leave_types=1)
	tomorrow = team.whoisout("tomorrow")
	assert f"• <@{COLIN}> — Out" in tomorrow
	assert "• *Rita Test* — Out (Half Day), awaiting approval" in tomorrow
	assert CASUAL not in tomorrow and SICK not in tomorrow
	card = team.card_for(team.jane_applies())
	assert "Sick Leave" in card, "the approver's card follows permissions, not the shared-view setting"
