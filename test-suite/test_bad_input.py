"""Hostile and malformed input against every Slack-facing route, through Frappe's dispatcher.

Signed cases reach the handlers; each must end in a 2xx or 4xx with a clear message (for a 4xx,
an Error Log row), never a 500, never a traceback or a secret in the body or the logs, never a
half-created Leave Application. Unsigned / wrongly signed variants of the same bodies must never
reach a handler. Cases are generated from a fixed seed (test-suite/harness/bad_input.py); their ids
say what was done to which field.
"""

from __future__ import annotations

import json
import random
import time
from typing import Any
from urllib.parse import urlencode

import frappe
import pytest

from frappe_slack_connector.tests.support.dispatch import build_request, dispatch
from frappe_slack_connector.tests.support.raw_bodies import RAW_BODIES, interaction_body
from frappe_slack_connector.tests.support.slack_requests import (
	COMMAND_PATH,
	INTERACTION_PATH,
	SlackRequest,
	block_actions_message,
	block_actions_view,
	button_action,
	checkboxes_action,
	sign,
	state_checkboxes,
	state_datepicker,
	state_plain_text,
	state_static_select,
	view_closed,
	view_payload,
	view_submission,
)
from harness.app_fixtures import json_body
from harness.bad_input import (
	EMPLOYEE,
	LEAVE,
	SEED,
	VIEW_HASH,
	VIEW_ID,
	Case,
	mutations,
)
from test_leave_workflow import BOSS, BOSS_EMAIL, CASUAL, JANE, JANE_EMAIL, LWP, MALLORY, World

MODAL_BLOCKS = ["start_date", "end_date", "leave_type", "half_day_checkbox", "half_day_date", "reason"]
JANE_USER = {"id": JANE, "username": "jane", "name": "jane", "team_id": "T0TEST0001"}
BOSS_USER = {"id": BOSS, "username": "bea", "name": "bea", "team_id": "T0TEST0001"}
OTHER_ROUTES = ("frappe_slack_connector.api.oauth.callback",)


# ---------------------------------------------------------------------- templates


def modal_view(values: dict | None = None, callback_id: str = "apply_leave_application") -> dict[str, Any]:
	view = view_payload(
		callback_id=callback_id,
		blocks=[{"type": "input", "block_id": b} for b in MODAL_BLOCKS],
		state_values=values or {},
		private_metadata=json.dumps({"employee": EMPLOYEE}),
		view_id=VIEW_ID,
	)
	view["hash"] = VIEW_HASH
	return view


def form_values(
	start="2026-12-02",
	end="2026-12-03",
	leave_type=CASUAL,
	reason="Family trip",
	half_day=False,
	half_day_date=None,
) -> dict:
	values = {
		"start_date": {"start_date_picker": state_datepicker(start)},
		"end_date": {"end_date_picker": state_datepicker(end)},
		"leave_type": {"leave_type_select": state_static_select(leave_type)},
		"half_day_checkbox": {"half_day_checkbox": state_checkboxes(["half_day"] if half_day else [])},
		"reason": {"reason_input": state_plain_text(reason)},
	}
	if half_day_date is not None:
		values["half_day_date"] = {"half_day_date_picker": state_datepicker(half_day_date)}
	return values


def approve_payload(value: Any = LEAVE, action_id: str = "leave_approve", user=None) -> dict:
	payload = block_actions_message(
		button_action(action_id, "x", block_id="leave_actions_block"),
		channel_id="D0BOSS0001",
		user=user or BOSS_USER,
		trigger_id="1.2.trigger",
		message_ts="1700000000.000100",
	)
	payload["actions"][0]["value"] = value
	payload["actions"][0]["action_ts"] = "1700000000.000200"
	payload["response_url"] = "https://hooks.slack.com/actions/T0TEST0001/1/1"
	return payload


def toggle_payload(values: dict | None = None, checked: bool = True) -> dict:
	action = checkboxes_action(
		"half_day_checkbox", ["half_day"] if checked else [], block_id="half_day_checkbox"
	)
	action["action_ts"] = "1700000000.000300"
	return block_actions_view(action, view=modal_view(values), user=JANE_USER, trigger_id="1.3.trigger")


def submit_payload(values: dict | None = None, **kw) -> dict:
	view = modal_view(values if values is not None else form_values(**kw))
	return view_submission(view, user=JANE_USER, trigger_id="1.4.trigger")


def closed_payload() -> dict:
	view = modal_view(form_values())
	view["notify_on_close"] = True
	return view_closed(view, user=JANE_USER)


BASES = {
	"approve": approve_payload(),
	"toggle": toggle_payload(form_values()),
	"submit": submit_payload(),
	"closed": closed_payload(),
}


# ---------------------------------------------------------------------- hand-written cases


def _cases() -> list[Case]:
	cases: list[Case] = []

	def add(cid: str, base: str, payload: Any = None, raw: str | None = None, **notes):
		cases.append(Case(cid, base, payload, raw, notes))

	# Not JSON / not an object.
	for name, raw in {
		"empty": "",
		"space": "   ",
		"brace": "{",
		"truncated": '{"type":"block_actions","actions":[',
		"single-quotes": "{'type': 'block_actions'}",
		"trailing-comma": '{"type":"view_closed",}',
		"nan": '{"type":NaN}',
		"array": "[]",
		"array-of-payload": json.dumps([BASES["approve"]]),
		"string": '"block_actions"',
		"number": "42",
		"null": "null",
		"true": "true",
		"nul-bytes": "\x00\x00",
		"bom-object": "\ufeff{}",
		"empty-object": "{}",
		"deep-array": "[" * 10000 + "]" * 10000,
		"deep-object": '{"a":' * 5000 + "1" + "}" * 5000,
		"deep-in-view": json.dumps({"type": "view_submission", "view": "@"}).replace(
			'"@"', '{"a":' * 200 + "1" + "}" * 200
		),
		"lone-surrogate": '{"type":"block_actions","x":"\\ud800"}',
		"dup-keys": '{"type":"view_closed","type":"block_actions"}',
		"huge-number": '{"type":"view_closed","n":1' + "0" * 5000 + "}",
	}.items():
		add(f"json:{name}", "closed", raw=raw)

	# Wrong shape at the top level and missing pieces.
	for name, payload in {
		"type-unknown": {**BASES["closed"], "type": "shortcut"},
		"type-message-action": {**BASES["approve"], "type": "message_action"},
		"type-case": {**BASES["approve"], "type": "Block_Actions"},
		"actions-empty": {**BASES["approve"], "actions": []},
		"actions-of-null": {**BASES["approve"], "actions": [None]},
		"actions-of-str": {**BASES["approve"], "actions": ["leave_approve"]},
		"view-missing-submit": {k: v for k, v in BASES["submit"].items() if k != "view"},
		"view-state-missing": {
			**BASES["submit"],
			"view": {k: v for k, v in BASES["submit"]["view"].items() if k != "state"},
		},
		"view-values-missing": {**BASES["submit"], "view": {**BASES["submit"]["view"], "state": {}}},
		"view-values-empty": {
			**BASES["submit"],
			"view": {**BASES["submit"]["view"], "state": {"values": {}}},
		},
		"user-missing": {k: v for k, v in BASES["approve"].items() if k != "user"},
		"user-empty-id": {**BASES["approve"], "user": {"id": ""}},
		"nested-garbage": {
			"type": "block_actions",
			"actions": [{"action_id": {"$gt": ""}}],
			"user": [[[{}]]],
		},
	}.items():
		add(f"shape:{name}", name.split("-")[0] if name.startswith(("view", "user")) else "approve", payload)

	# Unknown ids.
	for action_id in [
		"launch_rocket",
		"",
		"LEAVE_APPROVE",
		"leave_approve ",
		"x" * 300,
		"ignore\x00",
		"\u202eevorppa_evael",
	]:
		add(f"action-id:{action_id[:20]!r}", "approve", approve_payload(action_id=action_id))
	for callback_id in ["other_modal", "", "APPLY_LEAVE_APPLICATION", "y" * 300]:
		payload = submit_payload()
		payload["view"]["callback_id"] = callback_id
		add(f"callback-id:{callback_id[:20]!r}", "submit", payload)
	payload = toggle_payload(form_values())
	payload["actions"][0]["block_id"] = "somewhere_else"
	add("toggle:wrong-block-id", "toggle", payload)

	# Leave names on the approve button.
	for name, value in {
		"nonexistent": "HR-LAP-2026-99999",
		"blank": "   ",
		"huge": "HR-LAP-" + "9" * 10000,
		"nul": "HR-LAP\x00-2026-00001",
		"sql": "' OR '1'='1",
		"like": "%",
		"path": "../../etc/passwd",
		"emoji": "HR-LAP-🎉",
		"rtl": "\u202eHR-LAP-1",
		"list": ["HR-LAP-PLACEHOLDER"],
		"dict": {"name": LEAVE},
		"number": 1,
	}.items():
		add(f"leave-name:{name}", "approve", approve_payload(value=value))
	add(
		"leave-name:someone-elses-approver",
		"approve",
		approve_payload(user={"id": MALLORY, "name": "m"}),
		expect="not_allowed",
	)
	add(
		"leave-name:stranger",
		"approve",
		approve_payload(user={"id": "U0NOBODY01", "name": "n"}),
		expect="not_allowed",
	)
	add(
		"leave-name:requester-self-approves", "approve", approve_payload(user=JANE_USER), expect="not_allowed"
	)

	# Dates that are not dates, reversed and absurd ranges.
	for name, start, end in [
		("feb-30", "2026-02-30", "2026-03-01"),
		("tomorrow", "tomorrow", "2026-12-03"),
		("blank-start", "", "2026-12-03"),
		("blank-end", "2026-12-02", ""),
		("9999-99-99", "9999-99-99", "9999-99-99"),
		("datetime", "2026-12-02T00:00:00", "2026-12-03"),
		("no-padding", "2026-12-2", "2026-12-3"),
		("spaces", " 2026-12-02", "2026-12-03 "),
		("year-0", "0000-01-01", "0000-01-02"),
		("year-10000", "+10000-01-01", "+10000-01-02"),
		("far-future", "9999-12-30", "9999-12-31"),
		("far-past", "1900-01-01", "1900-01-02"),
		("reversed", "2026-12-04", "2026-12-02"),
		("reversed-years", "2027-12-02", "2026-12-02"),
		("ten-years", "2026-12-02", "2036-12-02"),
		("nul", "2026-12-02\x00", "2026-12-03"),
		("emoji", "2026-12-0🎉", "2026-12-03"),
	]:
		add(f"dates:{name}", "submit", submit_payload(start=start, end=end))
	for name, half_day_date in [("outside", "2026-12-09"), ("not-a-date", "someday"), ("blank", "")]:
		add(f"half-day-date:{name}", "submit", submit_payload(half_day=True, half_day_date=half_day_date))
	values = form_values(half_day=True, half_day_date="2026-12-02")
	values["half_day_period"] = {"half_day_period_select": state_static_select("third_half")}
	add("half-period:unknown", "submit", submit_payload(values))

	# Reasons and leave types.
	for name, reason in {
		"10k": "r" * 10000,
		"1001": "r" * 1001,
		"1000-emoji": "🎉" * 1000,
		"whitespace": " \t\n ",
		"control": "trip\x01\x02\x1b[31m\x7f",
		"nul": "trip\x00with NUL",
		"only-nul": "\x00",
		"emoji-rtl": "עברית \u202e 🏖️ trip",
		"mrkdwn": "<!channel> <@U0BOSS0001> <https://evil.example|click>",
		"html": "<script>alert(1)</script><img src=x onerror=alert(1)>",
		"newlines": "line\r\nline\rline\u2028line",
		"zalgo": "t̷̨̛r̸̢̛i̵̧̛p̷̨̛" * 20,
	}.items():
		add(f"reason:{name}", "submit", submit_payload(reason=reason))
	for name, leave_type in {
		"nonexistent": "Sabbatical Leave",
		"blank": "",
		"huge": "L" * 10000,
		"nul": "Casual\x00Leave",
		"case": "casual leave",
		"other-employees": "Privilege Leave",
		"lwp": LWP,
	}.items():
		add(f"leave-type:{name}", "submit", submit_payload(leave_type=leave_type))

	# Toggle with odd private_metadata (the modal's own echo).
	for name, metadata in {
		"not-json": "{employee",
		"list": "[]",
		"number-employee": '{"employee": 5}',
		"list-employee": '{"employee": ["x"]}',
		"unknown-employee": '{"employee": "HR-EMP-99999"}',
		"huge": json.dumps({"employee": "E" * 10000}),
	}.items():
		payload = toggle_payload(form_values())
		payload["view"]["private_metadata"] = metadata
		add(f"toggle-metadata:{name}", "toggle", payload)
	for name, values in {
		"dates-garbage": form_values(start="soon", end="later"),
		"reversed": form_values(start="2026-12-09", end="2026-12-02"),
		"huge-reason": form_values(reason="r" * 10000),
	}.items():
		add(f"toggle-values:{name}", "toggle", toggle_payload(values))
	return cases


CASES = _cases() + mutations(BASES)


# ---------------------------------------------------------------------- the world and invariants


class Site(World):
	"""World (test-suite/test_leave_workflow.py) plus what a case template needs: links, a leave
	awaiting Bea's decision, an opened modal."""

	def prepare(self, base: str) -> dict[str, str]:
		app = self.app
		self.link(JANE_EMAIL, JANE)
		self.link(BOSS_EMAIL, BOSS)
		app.site.make_user("mallory@example.com", roles=["Employee", "Leave Approver"])
		self.link("mallory@example.com", MALLORY)
		frappe.db.commit()
		subs = {EMPLOYEE: self.employee, VIEW_ID: "V0NOTOPEN01", VIEW_HASH: "0.0"}
		if base == "approve":
			subs[LEAVE] = self.leave()
			# The approver's DM the button sits in, so a decision can update it.
			app.slack.add_message("D0BOSS0001", "1700000000.000100", text="Leave request")
		if base == "toggle":
			self.slash()
			opened = app.slack.last_call("views.open").response["view"]
			subs[VIEW_ID], subs[VIEW_HASH] = opened["id"], opened["hash"]
		app.slack.reset_calls()
		return subs

	def snapshot(self) -> dict[str, Any]:
		return {
			"leaves": sorted(
				(r.name, r.status, r.docstatus)
				for r in frappe.get_all("Leave Application", fields=["name", "status", "docstatus"])
			),
			"metas": sorted(frappe.get_all("Slack User Meta", pluck="name")),
		}


@pytest.fixture
def site_world(app):
	return Site(app)


def signed(path: str, body: bytes, secret: str, content_type="application/x-www-form-urlencoded", **headers):
	ts = str(int(time.time()))
	return SlackRequest(
		"POST",
		path,
		body,
		{
			"Content-Type": content_type,
			"X-Slack-Request-Timestamp": ts,
			"X-Slack-Signature": sign(body, secret=secret, timestamp=ts),
			**headers,
		},
	)


def secrets_of(app) -> list[str]:
	return [app.secret, app.slack.bot_token]


def assert_clean(
	app, response, *, before: dict | None = None, world: Site | None = None
) -> dict | str | None:
	"""The invariants every signed case must keep. Returns the parsed body (or "" for an ack)."""
	status = response.status_code
	text = response.get_data(as_text=True)
	assert status < 500, f"{status}: {text[:500]}"
	assert 200 <= status < 300 or 400 <= status < 500, status
	for needle in ("Traceback", 'File "', *secrets_of(app)):
		assert needle not in text, f"{needle!r} in the response body"
	logs = app.site.error_logs()
	for log in logs:
		blob = f"{log['method']}\n{log['error']}"
		for needle in secrets_of(app):
			assert needle not in blob, f"secret in Error Log {log['method']!r}"
		# A traceback in a log means an unexpected exception reached the handler's catch-all:
		# the input was not understood, only survived.
		assert "Traceback" not in blob, f"unexpected exception: {log['method']}\n{log['error'][-1500:]}"
	body: Any = ""
	if text:
		assert response.mimetype == "application/json", text[:200]
		body = json.loads(text)
	if status >= 400:
		assert isinstance(body, dict) and body.get("error"), text[:200]
		assert logs, "a 4xx without an Error Log"
		assert all(log["method"].startswith("Slack ") for log in logs), [log["method"] for log in logs]
	if isinstance(body, dict) and body.get("response_action") == "errors":
		assert status == 200
		assert body["errors"] and set(body["errors"]) <= set(MODAL_BLOCKS), body["errors"]
		assert all(isinstance(m, str) and m.strip() for m in body["errors"].values())
	if world is not None and before is not None:
		after = world.snapshot()
		new = set(after["leaves"]) - set(before["leaves"])
		created = {n for n, _, _ in after["leaves"]} - {n for n, _, _ in before["leaves"]}
		if created:
			# Only a plain ack of a submission may create one, and only a whole one.
			assert body == "" and status == 200, (status, body)
			assert len(created) == 1
			doc = frappe.get_doc("Leave Application", created.pop())
			assert doc.employee == world.employee and doc.leave_type and doc.from_date and doc.to_date
			assert doc.leave_approver == BOSS_EMAIL and doc.status == "Open" and doc.docstatus == 0
			assert doc.description and doc.description.strip()
		for _name, status_, docstatus in new:
			assert (status_, docstatus) in {("Open", 0), ("Approved", 1), ("Rejected", 1)}
	return body


# ---------------------------------------------------------------------- signed interaction cases


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_signed_interaction(app, site_world, case: Case):
	subs = site_world.prepare(case.base)
	text = case.payload_text()
	for placeholder, value in subs.items():
		text = text.replace(placeholder, value)
	before = site_world.snapshot()
	response = app.send(signed(INTERACTION_PATH, interaction_body(text), app.secret))
	body = assert_clean(app, response, before=before, world=site_world)
	if case.notes.get("expect") == "not_allowed":
		assert body == ""
		assert site_world.snapshot()["leaves"] == before["leaves"]
		[eph] = app.slack.calls_to("chat.postEphemeral")
		assert "not allowed" in json.dumps(eph.args)


def test_case_generation_is_deterministic_and_large():
	again = [c.id for c in _cases() + mutations(BASES)]
	assert again == [c.id for c in CASES]
	assert len(set(again)) == len(again), "case ids must be unique"
	assert len(CASES) >= 200


# ---------------------------------------------------------------------- unsigned variants

_rng = random.Random(SEED + 1)
UNSIGNED_CASES = _rng.sample(CASES, 60)
FORGERIES = {
	"unsigned": "missing_header",
	"wrong-secret": "bad_signature",
	"stale": "stale_timestamp",
	"future": "stale_timestamp",
	"tampered": "bad_signature",
	"signature-of-other-body": "bad_signature",
	"no-timestamp": "missing_header",
	"garbage-signature": "malformed_signature",
}


def forged(app, body: bytes, path: str, how: str) -> SlackRequest:
	request = signed(path, body, app.secret)
	ts = request.headers["X-Slack-Request-Timestamp"]
	if how == "unsigned":
		del request.headers["X-Slack-Signature"]
	elif how == "wrong-secret":
		request.headers["X-Slack-Signature"] = sign(body, secret="not-" + app.secret, timestamp=ts)
	elif how in {"stale", "future"}:
		# A future timestamp gets a margin: the clock moving on during the test would bring +301 back
		# inside the 300 s window (seen once as a flake); a stale one only gets staler.
		skew = -301 if how == "stale" else 330
		ts = str(int(ts) + skew)
		request.headers["X-Slack-Request-Timestamp"] = ts
		request.headers["X-Slack-Signature"] = sign(body, secret=app.secret, timestamp=ts)
	elif how == "tampered":
		request.body = body + b"&x=1"
	elif how == "signature-of-other-body":
		request.headers["X-Slack-Signature"] = sign(b"payload=%7B%7D", secret=app.secret, timestamp=ts)
	elif how == "no-timestamp":
		del request.headers["X-Slack-Request-Timestamp"]
	elif how == "garbage-signature":
		request.headers["X-Slack-Signature"] = "v0=" + "zz" * 32
	return request


def assert_rejected_before_handler(app, world: Site, response, before: dict, reason: str):
	assert response.status_code == 401, response.get_data(as_text=True)
	assert json_body(response)["error"] == reason
	text = response.get_data(as_text=True)
	assert "Traceback" not in text and all(s not in text for s in secrets_of(app))
	assert app.slack.calls == []
	assert world.snapshot() == before
	logs = app.site.error_logs()
	assert [log["method"] for log in logs] == [f"Slack request rejected: {reason}"]
	assert all(s not in logs[0]["error"] for s in secrets_of(app))


@pytest.mark.parametrize(
	"case,how",
	[(c, list(FORGERIES)[i % len(FORGERIES)]) for i, c in enumerate(UNSIGNED_CASES)],
	ids=[f"{list(FORGERIES)[i % len(FORGERIES)]}|{c.id}" for i, c in enumerate(UNSIGNED_CASES)],
)
def test_forged_interaction_never_reaches_a_handler(app, site_world, case: Case, how: str):
	subs = site_world.prepare(case.base)
	text = case.payload_text()
	for placeholder, value in subs.items():
		text = text.replace(placeholder, value)
	before = site_world.snapshot()
	response = app.send(forged(app, interaction_body(text), INTERACTION_PATH, how))
	assert_rejected_before_handler(app, site_world, response, before, FORGERIES[how])


# ---------------------------------------------------------------------- slash command cases

SLASH_FIELDS = [
	("token", "deprecated-verification-token"),
	("team_id", "T0TEST0001"),
	("team_domain", "test-workspace"),
	("channel_id", "C0CHAN0001"),
	("channel_name", "general"),
	("user_id", JANE),
	("user_name", "jane"),
	("command", "/apply-leave"),
	("text", ""),
	("response_url", "https://hooks.slack.com/commands/T0TEST0001/1/1"),
	("trigger_id", "TRIGGER"),
	("api_app_id", "A0APP00001"),
]


def _slash_cases() -> list[tuple[str, list[tuple[str, str]]]]:
	cases: list[tuple[str, list[tuple[str, str]]]] = []
	for key, _ in SLASH_FIELDS:
		cases.append((f"missing:{key}", [(k, v) for k, v in SLASH_FIELDS if k != key]))
		cases.append((f"empty:{key}", [(k, "" if k == key else v) for k, v in SLASH_FIELDS]))
		cases.append((f"huge:{key}", [(k, "h" * 10000 if k == key else v) for k, v in SLASH_FIELDS]))
		cases.append((f"nul:{key}", [(k, v + "\x00" if k == key else v) for k, v in SLASH_FIELDS]))
	for name, value in {
		"text-emoji-rtl": "🏖️ עברית \u202e",
		"text-control": "\x01\x1b[2J\x7f",
		"text-mrkdwn": "<!channel> <@U0BOSS0001>",
		"command-other": "/launch-rocket",
		"user-id-sql": "' OR 1=1 --",
		"user-id-other": MALLORY,
	}.items():
		key = name.split("-")[0].replace("user", "user_id")
		key = {"text": "text", "command": "command", "user_id": "user_id"}[key]
		cases.append((f"value:{name}", [(k, value if k == key else v) for k, v in SLASH_FIELDS]))
	cases.append(("only-user-and-trigger", [("user_id", JANE), ("trigger_id", "TRIGGER")]))
	cases.append(("nothing", []))
	cases.append(("extra:fields", [*SLASH_FIELDS, ("is_enterprise_install", "false"), ("x", "y" * 1000)]))
	cases.append(("extra:payload", [*SLASH_FIELDS, ("payload", json.dumps(BASES["closed"]))]))
	cases.append(("extra:100-fields", [*SLASH_FIELDS, *((f"f{i}", "v") for i in range(100))]))
	cases.append(("extra:underscore", [*SLASH_FIELDS, ("_", "1")]))
	cases.append(("dup:user_id", [*SLASH_FIELDS, ("user_id", MALLORY)]))
	cases.append(("dup:trigger_id", [*SLASH_FIELDS, ("trigger_id", "OTHER")]))
	return cases


SLASH_CASES = _slash_cases()


@pytest.mark.parametrize("fields", [f for _, f in SLASH_CASES], ids=[n for n, _ in SLASH_CASES])
def test_signed_slash_command(app, site_world, fields):
	site_world.prepare("slash")
	fields = [(k, f"1700000000.{time.monotonic_ns()}.abc" if v == "TRIGGER" else v) for k, v in fields]
	before = site_world.snapshot()
	response = app.send(signed(COMMAND_PATH, urlencode(fields).encode(), app.secret))
	assert_clean(app, response, before=before, world=site_world)
	assert site_world.snapshot()["leaves"] == before["leaves"]


@pytest.mark.parametrize("how", list(FORGERIES))
def test_forged_slash_command_never_reaches_a_handler(app, site_world, how):
	site_world.prepare("slash")
	before = site_world.snapshot()
	fields = [(k, "1.2.abc" if v == "TRIGGER" else v) for k, v in SLASH_FIELDS]
	response = app.send(forged(app, urlencode(fields).encode(), COMMAND_PATH, how))
	assert_rejected_before_handler(app, site_world, response, before, FORGERIES[how])


# ---------------------------------------------------------------------- raw bodies, both routes

ROUTE_PATHS = {"interaction": INTERACTION_PATH, "slash": COMMAND_PATH}


@pytest.mark.parametrize("route", list(ROUTE_PATHS))
@pytest.mark.parametrize("name", list(RAW_BODIES))
def test_signed_raw_body(app, site_world, route, name):
	site_world.prepare(route)
	before = site_world.snapshot()
	response = app.send(signed(ROUTE_PATHS[route], RAW_BODIES[name], app.secret))
	assert_clean(app, response, before=before, world=site_world)
	assert site_world.snapshot()["leaves"] == before["leaves"]


@pytest.mark.parametrize("route", list(ROUTE_PATHS))
@pytest.mark.parametrize("name", ["non-utf8", "two-payloads", "5mib-payload", "binary"])
def test_unsigned_raw_body(app, site_world, route, name):
	site_world.prepare(route)
	before = site_world.snapshot()
	request = signed(ROUTE_PATHS[route], RAW_BODIES[name], app.secret)
	del request.headers["X-Slack-Signature"]
	assert_rejected_before_handler(app, site_world, app.send(request), before, "missing_header")


# ---------------------------------------------------------------------- before our code: Frappe


CONTENT_TYPES = [
	"application/json",
	"text/plain",
	"multipart/form-data; boundary=xyz",
	"application/octet-stream",
	"application/x-www-form-urlencoded; charset=latin-1",
	"",
]


@pytest.mark.parametrize("route", list(ROUTE_PATHS))
@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=[c or "none" for c in CONTENT_TYPES])
def test_wrong_content_type_with_a_slack_body(app, site_world, route, content_type):
	"""Slack always sends a form; the guard parses the raw bytes whatever the header claims."""
	site_world.prepare("approve" if route == "interaction" else "slash")
	if route == "interaction":
		body = interaction_body(json.dumps(BASES["closed"]))
	else:
		body = urlencode([(k, "1.2.abc" if v == "TRIGGER" else v) for k, v in SLASH_FIELDS]).encode()
	before = site_world.snapshot()
	response = app.send(signed(ROUTE_PATHS[route], body, app.secret, content_type=content_type))
	if content_type == "application/json":
		assert_frappes_own_500(app, site_world, response, before, "JSONDecodeError")
	else:
		assert_clean(app, response, before=before, world=site_world)


@pytest.mark.parametrize("route", list(ROUTE_PATHS))
@pytest.mark.parametrize(
	"name,body",
	[
		("object", b'{"payload": "{}"}'),
		("slack-payload-as-json", json.dumps({"payload": json.dumps(BASES["closed"])}).encode()),
		("array", b"[1, 2]"),
		("deep", b'{"payload": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
	],
)
def test_json_body_is_parsed_by_frappe_and_refused_by_us(app, site_world, route, name, body):
	"""frappe/app.py make_form_dict (v15) json.loads an application/json body into form_dict; the
	guard still reads only the raw body as a form, so none of it is taken as Slack data."""
	site_world.prepare(route)
	before = site_world.snapshot()
	response = app.send(signed(ROUTE_PATHS[route], body, app.secret, content_type="application/json"))
	if name == "deep":
		assert_frappes_own_500(app, site_world, response, before, "RecursionError")
		return
	body_ = assert_clean(app, response, before=before, world=site_world)
	assert response.status_code == 400, body_


def assert_frappes_own_500(app, world, response, before, exc_type):
	"""Known Frappe v15 behaviour before any app code runs: make_form_dict (frappe/app.py)
	json.loads every application/json body, and a JSONDecodeError / RecursionError there is an
	unhandled 500. Slack never sends JSON bodies; anyone can do this to any Frappe route. We check
	it stays Frappe's: no traceback for Guest, our route not called, nothing written."""
	assert response.status_code == 500
	assert json_body(response) == {"exc_type": exc_type}
	text = response.get_data(as_text=True)
	assert "Traceback" not in text and all(s not in text for s in secrets_of(app))
	assert app.slack.calls == [] and world.snapshot() == before and app.error_titles() == []


def test_invalid_json_body_is_frappes_own_500(app, site_world):
	"""Known Frappe v15 behaviour, before any app code: make_form_dict json.loads an
	application/json body, and a JSONDecodeError there is an unhandled 500 (frappe/app.py). Our
	route is never called; Frappe answers Guest without a traceback. Documented, not ours to fix."""
	site_world.prepare("slash")
	before = site_world.snapshot()
	response = app.send(signed(INTERACTION_PATH, b"{not json", app.secret, content_type="application/json"))
	assert_frappes_own_500(app, site_world, response, before, "JSONDecodeError")


@pytest.mark.parametrize("route", list(ROUTE_PATHS))
def test_deeply_nested_payload_is_not_touched_by_frappes_sanitiser(app, site_world, route):
	"""A Guest request to a non-xss_safe method has every form_dict string json.loads-ed by
	sanitize_html (frappe/__init__.py is_whitelisted, frappe/utils/html_utils.py is_json): a deep
	`payload` raises RecursionError there, a 500 before the app. Our routes are xss_safe."""
	deep = "[" * 100000 + "]" * 100000
	site_world.prepare(route)
	before = site_world.snapshot()
	response = app.send(signed(ROUTE_PATHS[route], interaction_body(deep), app.secret))
	assert_clean(app, response, before=before, world=site_world)
	assert response.status_code == 400
	from frappe.utils.html_utils import sanitize_html  # noqa: PLC0415 — the double, after suite_plugin

	with pytest.raises(RecursionError):
		sanitize_html(deep)  # what a non-xss_safe route would have hit


@pytest.mark.parametrize("route", list(ROUTE_PATHS))
def test_query_string_cannot_supply_slack_data(app, site_world, route):
	"""make_form_dict merges the query string into form_dict; the guard reads only the signed body."""
	subs = site_world.prepare("approve")
	before = site_world.snapshot()
	evil = approve_payload(value=subs[LEAVE])
	evil_payload = json.dumps(evil).replace(EMPLOYEE, subs[EMPLOYEE])
	request = signed(ROUTE_PATHS[route], b"", app.secret)
	request.path += "?" + urlencode({"payload": evil_payload, "user_id": BOSS, "trigger_id": "1.2.3"})
	response = app.send(request)
	assert_clean(app, response, before=before, world=site_world)
	assert response.status_code == 400
	assert site_world.snapshot() == before


@pytest.mark.parametrize("route", list(ROUTE_PATHS))
@pytest.mark.parametrize(
	"cmd", ["frappe.handler.ping", *OTHER_ROUTES, "frappe_slack_connector.api.slash_leave.slash_leave"]
)
def test_query_string_cmd(app, site_world, route, cmd):
	"""frappe/app.py (v15) serves `form_dict.cmd` before the /api/ router: `?cmd=` on our path
	runs that method instead (Frappe's legacy RPC). Whatever runs, nothing 500s, an unsigned body
	changes nothing, and our guard's status survives Frappe's JSON wrapper."""
	site_world.prepare("approve")
	before = site_world.snapshot()
	request = SlackRequest(
		"POST",
		ROUTE_PATHS[route] + "?" + urlencode({"cmd": cmd}),
		interaction_body(json.dumps(BASES["closed"])),
		{"Content-Type": "application/x-www-form-urlencoded"},
	)
	response = app.send(request)
	assert response.status_code < 500
	assert "Traceback" not in response.get_data(as_text=True)
	assert site_world.snapshot() == before and app.slack.calls == []
	if cmd.startswith("frappe_slack_connector.api.sla"):
		assert response.status_code == 401 and json_body(response)["error"] == "missing_header"
		assert app.error_titles() == ["Slack request rejected: missing_header"]


def test_oauth_callback_with_garbage_is_not_a_500(app, site_world):
	from frappe_slack_connector.tests.support.dispatch import get  # noqa: PLC0415

	for query in [
		"",
		"state=x",
		"code=x",
		"code=x&state=" + "s" * 10000,
		"code=%00&state=%00",
		"error=access_denied&state=x",
		"state=%FF%FE",
		"state=a&state=b&code=c&code=d",
	]:
		response = get("/api/method/frappe_slack_connector.api.oauth.callback", query_string=query)
		text = response.get_data(as_text=True)
		assert response.status_code < 500, (query, text[:300])
		assert "Traceback" not in text and app.secret not in text, query
		assert app.slack.calls_to("oauth.v2.access") == []
	assert frappe.get_all("Slack User Meta") == []


def test_a_valid_submission_still_works_through_the_same_harness(app, site_world):
	"""Guard against a suite that passes because everything is refused."""
	subs = site_world.prepare("submit")
	text = json.dumps(submit_payload()).replace(EMPLOYEE, subs[EMPLOYEE])
	before = site_world.snapshot()
	response = app.send(signed(INTERACTION_PATH, interaction_body(text), app.secret))
	assert response.status_code == 200 and response.get_data() == b""
	assert len(site_world.snapshot()["leaves"]) == len(before["leaves"]) + 1


def test_a_valid_approval_still_works_through_the_same_harness(app, site_world):
	subs = site_world.prepare("approve")
	text = json.dumps(approve_payload(value=subs[LEAVE]))
	response = app.send(signed(INTERACTION_PATH, interaction_body(text), app.secret))
	assert response.status_code == 200 and response.get_data() == b""
	assert frappe.db.get_value("Leave Application", subs[LEAVE], "status") == "Approved"


_ = dispatch, build_request  # re-exported for ad-hoc debugging of a case


# ---------------------------------------------------------------------- regressions, named


def _submit(app, world: Site, **kw):
	subs = world.prepare("submit")
	text = json.dumps(submit_payload(**kw)).replace(EMPLOYEE, subs[EMPLOYEE])
	return app.send(signed(INTERACTION_PATH, interaction_body(text), app.secret))


@pytest.mark.parametrize("start", ["0000-01-01", "+10000-01-01", "2026-12-2"])
def test_dates_slack_never_sends_are_a_400_not_frappes_message_on_the_wrong_field(app, site_world, start):
	"""Was: chrono's %Y-%m-%d took these; Frappe then answered "<end date> is not a valid date
	string" under the start-date input (or, for 2026-12-2, silently accepted it)."""
	response = _submit(app, site_world, start=start, end="2026-12-03")
	assert response.status_code == 400 and json_body(response)["error"] == "invalid_field"
	assert app.error_titles() == ["Slack interaction rejected: invalid_field"]
	assert frappe.get_all("Leave Application") == []


def test_a_reason_of_control_characters_is_blank(app, site_world):
	"""Was: "\x00" passed the required-reason check and was stored as the description."""
	body = json_body(_submit(app, site_world, reason="\x00\x1b\x7f"))
	assert body["response_action"] == "errors" and set(body["errors"]) == {"reason"}
	assert frappe.get_all("Leave Application") == []


def test_control_characters_never_reach_the_leave_application(app, site_world):
	"""NUL cannot be stored by PostgreSQL (Frappe v15 supports it); escape sequences mean nothing."""
	response = _submit(app, site_world, reason="trip\x00\x1b[31m home\r\n")
	assert response.status_code == 200 and response.get_data() == b""
	[name] = frappe.get_all("Leave Application", pluck="name")
	assert frappe.db.get_value("Leave Application", name, "description") == "trip[31m home"


def test_half_day_toggle_ignores_the_echoed_employee(app, site_world):
	"""Was: the toggle built the modal for `private_metadata.employee` — a list there became a
	filter operator, an unknown 10,000-character name overflowed the metadata limit (both a
	traceback in the Error Log). Now the clicking user's own employee is used."""
	subs = site_world.prepare("toggle")
	payload = toggle_payload(form_values())
	payload["view"]["private_metadata"] = json.dumps({"employee": "HR-EMP-99999"})
	text = json.dumps(payload).replace(VIEW_ID, subs[VIEW_ID]).replace(VIEW_HASH, subs[VIEW_HASH])
	response = app.send(signed(INTERACTION_PATH, interaction_body(text), app.secret))
	assert response.status_code == 200 and response.get_data() == b""
	[update] = app.slack.calls_to("views.update")
	assert json.loads(update.args["view"]["private_metadata"]) == {"employee": site_world.employee}
	assert app.error_titles() == []
