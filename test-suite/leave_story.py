"""The leave story, told by the app itself on the built-in Frappe double and Slack mock (no bench,
no Slack workspace): run by `./scripts/demo`.

Jane types /apply-leave, fills in the modal and submits it; her approver Bea gets a DM and clicks
Approve; Jane is told; the next morning the attendance summary lists her. Every request is signed
as Slack signs it and goes through the app's fixed whitelisted routes (Frappe's dispatcher, on the
double), the background jobs run as a worker would run them, and each Slack surface the app sent to
the mock (which checks it against Block Kit as Slack would) is printed as text rendered by the Rust
core's `render_markdown` (slack-blocks-render)."""

from __future__ import annotations

import os
import re
import sys
import textwrap

SUITE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(SUITE)
sys.path[:0] = [os.path.join(SUITE, "doubles"), SUITE, ROOT]

import frappe  # noqa: E402 - the double, from test-suite/doubles
from frappe_test_site import reset_site  # noqa: E402

from frappe_slack_connector import core  # noqa: E402
from frappe_slack_connector.tests.support.dispatch import build_request, dispatch  # noqa: E402
from frappe_slack_connector.tests.support.slack_mock import SlackMock  # noqa: E402
from frappe_slack_connector.tests.support.slack_requests import (  # noqa: E402
	block_actions_message,
	button_action,
	interaction_request,
	slash_command_request,
	state_checkboxes,
	state_datepicker,
	state_plain_text,
	state_static_select,
	view_payload,
	view_submission,
)
from harness.app_fixtures import ATTENDANCE_CHANNEL, App  # noqa: E402

JANE, JANE_EMAIL = "U0JANE0001", "jane@example.com"
BEA, BEA_EMAIL = "U0BEA00001", "bea@example.com"
TODAY = "2026-11-30"  # a Monday
LEAVE_FROM, LEAVE_TO = "2026-12-01", "2026-12-02"
CASUAL = "Casual Leave"
NAMES = {JANE: "Jane Doe", BEA: "Bea Boss"}
SUMMARY_ROUTE = "/api/method/frappe_slack_connector.api.attendance_summary.send_notification"


def heading(text: str) -> None:
	print(f"\n{text}\n{'-' * len(text)}")


def as_text(block: dict) -> str:
	"""One block as text. render_markdown renders what people read (sections, context, headers…)
	and leaves out what they act on, so inputs read `label: (kind)` and buttons `[text]`."""
	if block["type"] == "input":
		return f"{block['label']['text']}: ({block['element']['type']})"
	if block["type"] == "actions":
		return "  ".join(f"[{e['text']['text']}]" for e in block["elements"] if e["type"] == "button")
	return core.render_markdown([block]).strip()


def as_slack_shows(text: str) -> str:
	"""Mentions and links as Slack displays them: `<@U…>` as @name, `<url|label>` as label."""
	text = re.sub(r"<@(\w+)>", lambda m: "@" + NAMES.get(m[1], m[1]), text)
	return re.sub(r"<[^|>]+\|([^>]+)>", r"\1", text)


def show(surface: str, blocks: list, submit: str | None = None) -> None:
	"""A Slack surface as readable text under its name, indented."""
	lines = [as_text(block) for block in blocks] + ([f"[{submit}]"] if submit else [])
	text = as_slack_shows("\n".join(line for line in lines if line))
	print(f"  [{surface}]")
	print(textwrap.indent(text, "  | ", lambda _line: True))


def ok(response) -> None:
	if response.status_code != 200 or response.get_data():
		raise SystemExit(f"demo: the app answered {response.status_code}: {response.get_data(as_text=True)}")


def build_world(app: App) -> str:
	"""A company, Jane (an employee with 10 days of Casual Leave) and Bea, her leave approver;
	both in Slack with the e-mail of their Frappe user (that is how the app links them)."""
	site = app.site
	site.freeze_time(f"{TODAY} 10:00:00")
	site.make_holiday_list("Holidays 2026", "2026-01-01", "2026-12-31", holidays=["2026-12-25"])
	site.make_company("Demo Co", default_holiday_list="Holidays 2026")
	frappe.db.set_single_value("Global Defaults", "default_company", "Demo Co")
	site.make_user(BEA_EMAIL, roles=["Employee", "Leave Approver"], full_name="Bea Boss")
	site.make_employee(BEA_EMAIL, first_name="Bea", last_name="Boss", company="Demo Co")
	jane = site.make_employee(
		JANE_EMAIL, first_name="Jane", last_name="Doe", company="Demo Co", leave_approver=BEA_EMAIL
	)
	site.make_allocation(jane.name, CASUAL, "2026-01-01", "2026-12-31", new_leaves_allocated=10)
	frappe.db.commit()
	app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane")
	app.slack.add_user(id=BEA, email=BEA_EMAIL, real_name="Bea Boss", name="bea")
	return jane.name


def dms_to(slack: SlackMock, user: str) -> list:
	return [c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == user]


def story(app: App) -> None:
	slack = app.slack
	build_world(app)

	heading(f"1. Jane types /apply-leave in Slack (today is Monday {TODAY})")
	ok(app.send(slash_command_request(secret=app.secret, user_id=JANE, command="/apply-leave")))
	opened = slack.last_call("views.open")
	modal = opened.args["view"]
	show(f"modal: {modal['title']['text']}", modal["blocks"], submit=modal["submit"]["text"])

	heading(f"2. Jane picks {LEAVE_FROM} to {LEAVE_TO}, Casual Leave, a reason, and submits")
	view = opened.response["view"]
	values = {
		"start_date": {"start_date_picker": state_datepicker(LEAVE_FROM)},
		"end_date": {"end_date_picker": state_datepicker(LEAVE_TO)},
		"leave_type": {"leave_type_select": state_static_select(CASUAL)},
		"half_day_checkbox": {"half_day_checkbox": state_checkboxes([])},
		"reason": {"reason_input": state_plain_text("Family trip")},
	}
	submitted = view_payload(
		callback_id=view["callback_id"], private_metadata=view["private_metadata"], state_values=values
	)
	ok(app.send(interaction_request(view_submission(submitted, user={"id": JANE}), secret=app.secret)))
	[leave] = frappe.get_all("Leave Application", fields=["name", "status", "total_leave_days"])
	print(f"  Frappe HR now has {leave.name}: {leave.total_leave_days:g} days, {leave.status}.")

	app.site.run_jobs()
	[confirmation] = dms_to(slack, JANE)
	show("DM to Jane", confirmation.args["blocks"])
	[request] = dms_to(slack, BEA)
	heading("3. Bea, the leave approver, gets a DM with Approve and Reject")
	show("DM to Bea", request.args["blocks"])

	heading("4. Bea clicks Approve")
	click = block_actions_message(
		button_action("leave_approve", leave.name, block_id="leave_actions_block"),
		channel_id=request.response["channel"],
		message_ts=request.response["ts"],
		user={"id": BEA},
	)
	ok(app.send(interaction_request(click, secret=app.secret)))
	app.site.run_jobs()
	app.site.run_jobs()  # the decision's job queues Jane's DM
	status = frappe.db.get_value("Leave Application", leave.name, "status")
	print(f"  {leave.name} is now {status} in Frappe HR.")
	updated = [c for c in slack.calls_to("chat.update") if c.args["ts"] == request.response["ts"]][-1]
	show("Bea's DM, updated in place", updated.args["blocks"])

	heading("5. Jane is told")
	show("DM to Jane", dms_to(slack, JANE)[-1].args["blocks"])

	heading(f"6. The next working morning ({LEAVE_FROM}, 09:00) the attendance channel gets its summary")
	app.site.freeze_time(f"{LEAVE_FROM} 09:00:00")
	response = dispatch(build_request(SUMMARY_ROUTE), user="Administrator")
	if response.status_code != 200:
		raise SystemExit(f"demo: the summary failed: {response.get_data(as_text=True)}")
	[summary] = [c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == ATTENDANCE_CHANNEL]
	show(f"#attendance ({ATTENDANCE_CHANNEL})", summary.args["blocks"])

	problems = slack.take_violations() + app.site.error_logs()
	if problems:
		raise SystemExit("demo: " + "\n".join(map(str, problems)))
	print(f"\nEvery Slack call ({len(slack.calls)}) passed the mock's Block Kit checks; no Error Log.")


def main() -> None:
	with SlackMock() as slack:
		site = reset_site()
		site.set_conf(slack_api_url=slack.url)
		app = App(site=site, slack=slack)
		app.configure(
			signing_secret=app.secret,
			bot_user_oauth_token=slack.bot_token,
			attendance_channel_id=ATTENDANCE_CHANNEL,
		)
		story(app)


if __name__ == "__main__":
	main()
