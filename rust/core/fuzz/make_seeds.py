#!/usr/bin/env python3
"""Writes the committed seed corpora under seeds/<target>/ (run from anywhere; stdlib only).

Payload shapes come from the pytest harness (frappe_slack_connector/tests/support/slack_requests.py) and from
rust/core/tests/interaction.rs, so the fuzzers start from what Slack really sends.

    python3 rust/core/fuzz/make_seeds.py
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import shutil
import struct
import sys
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from frappe_slack_connector.tests.support import slack_requests as sr  # noqa: E402

SEEDS = HERE / "seeds"


def compact(v) -> bytes:
	return json.dumps(v, separators=(",", ":"), ensure_ascii=False).encode()


def full_state(**overrides):
	values = {
		"start_date": {"start_date_picker": sr.state_datepicker("2026-12-04")},
		"end_date": {"end_date_picker": sr.state_datepicker("2026-12-07")},
		"leave_type": {"leave_type_select": sr.state_static_select("Casual Leave")},
		"reason": {"reason_input": sr.state_plain_text("  Family trip  ")},
		"half_day_checkbox": {"half_day_checkbox": sr.state_checkboxes(["half_day"])},
		"half_day_date": {"half_day_date_picker": sr.state_datepicker("2026-12-05")},
		"half_day_period": {"half_day_period_select": sr.state_static_select("second_half", "Second Half")},
	}
	for k, v in overrides.items():
		if v is None:
			values.pop(k, None)
		else:
			values[k] = v
	return values


def leave_view(values, **kw):
	blocks = [{"type": "input", "block_id": k} for k in values]
	return sr.view_payload(
		callback_id=kw.pop("callback_id", "apply_leave_application"),
		blocks=blocks,
		state_values=values,
		private_metadata=kw.pop("private_metadata", '{"channel":"C0CHAN0001"}'),
		**kw,
	)


def route_seeds() -> dict[str, bytes]:
	s: dict[str, bytes] = {}
	approve = sr.block_actions_message(
		sr.button_action("leave_approve", "HR-LAP-2026-00042", block_id="leave_actions_block", text="Approve")
	)
	s["block_actions_approve"] = compact(approve)
	s["block_actions_reject"] = compact(
		sr.block_actions_message(
			sr.button_action("leave_reject", " HR-LAP-1 ", block_id="leave_actions_block", text="Reject")
		)
	)
	s["block_actions_withdraw"] = compact(
		sr.block_actions_message(
			sr.button_action(
				"leave_withdraw", "HR-LAP-2", block_id="requester_actions_block", text="Withdraw"
			)
		)
	)
	reject_meta = json.dumps(
		{"leave_application": "HR-LAP-1", "channel_id": "D0CHAN0001", "message_ts": "1700000000.000100"}
	)
	for name, metadata, reason in (
		("reject_reason_valid", reject_meta, "Team offsite <!channel>"),
		("reject_reason_empty", reject_meta, None),
		("reject_reason_too_long", reject_meta, "x" * 501),
		("reject_reason_bad_metadata", '{"leave_application":7}', "x"),
	):
		s[name] = compact(
			sr.view_submission(
				leave_view(
					{"reject_reason": {"reject_reason_input": sr.state_plain_text(reason)}},
					callback_id="leave_reject_reason",
					private_metadata=metadata,
				)
			)
		)
	no_channel = copy.deepcopy(approve)
	for k in ("channel", "response_url"):
		no_channel.pop(k)
	no_channel["container"].pop("message_ts")
	s["block_actions_container_fallback"] = compact(no_channel)
	s["block_actions_ignore"] = compact(
		sr.block_actions_message(sr.button_action("ignore_open_form", None, block_id="links"))
	)
	s["block_actions_unknown"] = compact(
		sr.block_actions_message(sr.button_action("approve_everything", "x", block_id="leave_actions_block"))
	)
	s["block_actions_mention_value"] = compact(
		sr.block_actions_message(
			sr.button_action("leave_approve", "<!channel> & <@U1|x>", block_id="leave_actions_block"),
			user={"id": "U0X", "name": "<!here> &amp; *bold*", "username": "x"},
		)
	)
	view = leave_view(full_state(half_day_date=None))
	s["half_day_toggle_checked"] = compact(
		sr.block_actions_view(
			sr.checkboxes_action("half_day_checkbox", ["half_day"], block_id="half_day_checkbox"), view=view
		)
	)
	s["half_day_toggle_unchecked"] = compact(
		sr.block_actions_view(
			sr.checkboxes_action("half_day_checkbox", [], block_id="half_day_checkbox"),
			view=leave_view(full_state()),
		)
	)
	empty = leave_view({})
	empty.pop("state")
	s["half_day_toggle_empty_state"] = compact(
		sr.block_actions_view(
			sr.checkboxes_action("half_day_checkbox", ["half_day"], block_id="half_day_checkbox"), view=empty
		)
	)
	s["view_submission_valid"] = compact(sr.view_submission(leave_view(full_state())))
	s["view_submission_single_day_half"] = compact(
		sr.view_submission(
			leave_view(
				full_state(
					end_date={"end_date_picker": sr.state_datepicker("2026-12-04")},
					half_day_date=None,
					half_day_period={"half_day_period_select": sr.state_static_select("first_half")},
				)
			)
		)
	)
	s["view_submission_no_half_day"] = compact(
		sr.view_submission(
			leave_view(
				full_state(
					half_day_checkbox={"half_day_checkbox": sr.state_checkboxes([])},
					half_day_date=None,
					half_day_period=None,
				)
			)
		)
	)
	s["view_submission_invalid"] = compact(
		sr.view_submission(
			leave_view(
				full_state(
					end_date={"end_date_picker": sr.state_datepicker("2026-12-01")},
					reason={"reason_input": sr.state_plain_text("   ")},
					leave_type={"leave_type_select": sr.state_static_select(None)},
				)
			)
		)
	)
	s["view_submission_half_day_outside"] = compact(
		sr.view_submission(
			leave_view(full_state(half_day_date={"half_day_date_picker": sr.state_datepicker("2027-01-01")}))
		)
	)
	s["view_submission_bad_date"] = compact(
		sr.view_submission(
			leave_view(full_state(start_date={"start_date_picker": sr.state_datepicker("2026-13-45")}))
		)
	)
	# Finding 1 (tests/fuzz_findings.rs): dates chrono's %Y-%m-%d took but Slack never sends.
	s["view_submission_lenient_date"] = compact(
		sr.view_submission(
			leave_view(
				full_state(half_day_date={"half_day_date_picker": sr.state_datepicker("+10000-01-01")})
			)
		)
	)
	s["view_submission_bad_period"] = compact(
		sr.view_submission(
			leave_view(
				full_state(half_day_period={"half_day_period_select": sr.state_static_select("third_half")})
			)
		)
	)
	s["view_submission_long_reason"] = compact(
		sr.view_submission(leave_view(full_state(reason={"reason_input": sr.state_plain_text("é&<" * 400)})))
	)
	s["view_submission_unknown_callback"] = compact(
		sr.view_submission(leave_view(full_state(), callback_id="some_other_modal"))
	)
	s["view_closed"] = compact(sr.view_closed(leave_view(full_state(), notify_on_close=True)))
	# Error paths and odd JSON
	s["not_object"] = b'[{"type":"block_actions"}]'
	s["missing_type"] = b"{}"
	s["unknown_type"] = compact({"type": "shortcut", "callback_id": "x"})
	s["wrong_types"] = compact(
		{"type": "block_actions", "user": "U123", "actions": [42], "view": {"state": {"values": [1, 2]}}}
	)
	s["escapes"] = (
		b'{"type":"block_actions","actions":[{"action_id":"leave_\\u0061pprove","value":"\\ud83c\\udf89 \\"x\\" \\\\ \\n"}],"user":{"id":"U1"}}'
	)
	s["deep_63"] = b'{"type":"view_closed","view":' + b"[" * 61 + b"]" * 61 + b"}"
	s["deep_65"] = b'{"a":' + b"[" * 64 + b"]" * 64 + b"}"
	s["bracket_in_string"] = compact({"type": "view_closed", "view": {"callback_id": '[[[[{{{{\\"' * 20}})
	# What a slash command body looks like (route is never called on it, but nothing must break).
	s["slash_body"] = sr.slash_command_request(
		secret="s", trigger_id="1.2.3", response_url="https://hooks.slack.com/x"
	).body
	s["interaction_form_body"] = sr.interaction_request(approve, secret="s").body
	# Added last, with their own id counter, so the seeds above and after stay as committed.
	counter, sr._counter = sr._counter, itertools.count(900_000)
	s["block_actions_home_apply_leave"] = compact(
		sr.block_actions_home(
			sr.button_action("home_apply_leave", "apply", block_id="home_actions_block"),
			view={"id": "V0HOME0001", "type": "home", "blocks": []},
		)
	)
	s["block_actions_home_approve"] = compact(
		sr.block_actions_home(
			sr.button_action("leave_approve", "HR-LAP-2026-00042", block_id="home_waiting_0"),
			view={"id": "V0HOME0001", "type": "home", "blocks": []},
		)
	)
	# Events API bodies (the same target routes them through route_event too).
	s["event_url_verification"] = compact(sr.url_verification())
	s["event_app_home_opened"] = compact(sr.event_callback(sr.app_home_opened("U0JANE0001"), event_id="Ev0SEED0001"))
	s["event_app_home_opened_messages"] = compact(
		sr.event_callback(sr.app_home_opened("U0JANE0001", tab="messages"), event_id="Ev0SEED0002")
	)
	s["event_unknown"] = compact(sr.event_callback({"type": "message", "user": "U0JANE0001"}, event_id="Ev0SEED0003"))
	s["event_no_event_id"] = compact({"type": "event_callback", "event": {"type": "app_home_opened"}})
	sr._counter = counter
	for name in ("event_app_home_opened", "event_app_home_opened_messages", "event_unknown"):
		body = json.loads(s[name])
		body["event_time"] = 1764806400
		body["event"].pop("event_ts", None)
		s[name] = compact(body)
	return s


def timesheet_seeds() -> dict[str, bytes]:
	"""The timesheet routes (issue 16): project change, submissions, the reminder's button. Made
	after the other corpora, so the harness's running ids in those stay as they were."""
	s: dict[str, bytes] = {}
	ts_meta = '{"today":"2026-12-02"}'

	def ts_values(**overrides):
		values = {
			"ts_date": {"ts_date_picker": sr.state_datepicker("2026-12-01")},
			"ts_project": {"ts_project_select": sr.state_static_select("PROJ-0001", "Apollo")},
			"ts_task": {"ts_task_select": sr.state_static_select("TASK-2026-00001", "Design")},
			"ts_activity_type": {"ts_activity_type_select": sr.state_static_select("Development")},
			"ts_hours": {"ts_hours_input": {"type": "number_input", "value": "1.5"}},
			"ts_description": {"ts_description_input": sr.state_plain_text("  Wrote the plan  ")},
		}
		for k, v in overrides.items():
			if v is None:
				values.pop(k, None)
			else:
				values[k] = v
		return values

	def ts_view(values, metadata=ts_meta):
		return leave_view(values, callback_id="log_timesheet", private_metadata=metadata)

	s["timesheet_project_change"] = compact(
		sr.block_actions_view(
			sr.static_select_action("ts_project_select", "PROJ-0002", block_id="ts_project"),
			view=ts_view(ts_values()),
		)
	)
	s["timesheet_project_change_cleared"] = compact(
		sr.block_actions_view(
			{"type": "static_select", "action_id": "ts_project_select", "block_id": "ts_project"},
			view=ts_view(ts_values(ts_task=None)),
		)
	)
	s["timesheet_submission_valid"] = compact(sr.view_submission(ts_view(ts_values())))
	s["timesheet_submission_comma_hours"] = compact(
		sr.view_submission(
			ts_view(
				ts_values(
					ts_task=None, ts_hours={"ts_hours_input": {"type": "number_input", "value": "7,75"}}
				)
			)
		)
	)
	s["timesheet_submission_invalid"] = compact(
		sr.view_submission(
			ts_view(
				ts_values(
					ts_date={"ts_date_picker": sr.state_datepicker("2026-12-03")},
					ts_hours={"ts_hours_input": {"type": "number_input", "value": "24.01"}},
					ts_description={"ts_description_input": sr.state_plain_text("x" * 1001)},
					ts_activity_type=None,
				)
			)
		)
	)
	s["timesheet_submission_bad_metadata"] = compact(
		sr.view_submission(ts_view(ts_values(), metadata='{"today":"2026-12-02","x":1}'))
	)
	s["timesheet_log_time"] = compact(
		sr.block_actions_message(
			sr.button_action("ts_log_time", "2026-12-01", block_id="ts_reminder_actions")
		)
	)
	s["timesheet_log_time_bad_date"] = compact(
		sr.block_actions_message(
			sr.button_action("ts_log_time", "+10000-01-01", block_id="ts_reminder_actions")
		)
	)
	return s


SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
SLACK_TS = "1531420618"
SLACK_BODY = (
	b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
	b"&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
	b"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
	b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
SLACK_SIG = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def vinput(flags: int, skew: int, secret: str, ts: str, sig: str, body: bytes) -> bytes:
	"""The verify_request target's input layout (fuzz/src/lib.rs: VerifyInput)."""
	return bytes([flags]) + struct.pack("<h", skew) + f"{secret}\n{ts}\n{sig}\n".encode() + body


def sign(secret: str, ts: str, body: bytes) -> str:
	return "v0=" + hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()


def verify_seeds() -> dict[str, bytes]:
	s: dict[str, bytes] = {}
	s["slack_documented_example"] = vinput(0, 0, SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY)
	s["window_edge_plus_300"] = vinput(0, 300, SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY)
	s["window_edge_minus_300"] = vinput(0, -300, SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY)
	s["stale_plus_301"] = vinput(0, 301, SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY)
	s["future_minus_301"] = vinput(0, -301, SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY)
	s["missing_timestamp"] = vinput(1, 0, SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY)
	s["missing_signature"] = vinput(2, 0, SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY)
	s["blank_secret"] = vinput(4, 0, " \t", SLACK_TS, SLACK_SIG, SLACK_BODY)
	s["tampered_body"] = vinput(
		0, 0, SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY.replace(b"foobar", b"foobaz")
	)
	s["uppercase_hex"] = vinput(0, 0, SLACK_SECRET, SLACK_TS, "v0=" + SLACK_SIG[3:].upper(), SLACK_BODY)
	s["v1_prefix"] = vinput(0, 0, SLACK_SECRET, SLACK_TS, "v1=" + SLACK_SIG[3:], SLACK_BODY)
	s["signed_ts_plus_sign"] = vinput(4, 0, SLACK_SECRET, "+" + SLACK_TS, "", SLACK_BODY)
	s["huge_ts"] = vinput(4, 0, SLACK_SECRET, "9" * 18, "", b"")
	s["ts_19_digits"] = vinput(4, 0, SLACK_SECRET, "9" * 19, "", b"")
	s["empty_body_resigned"] = vinput(4, -17, "s", "0", "", b"")
	s["non_utf8_body"] = vinput(4, 5, "secret with spaces ", "1700000000", "", b"\xff\xfe\x00\x80\n\n")
	secret = "test-signing-secret"
	ts = "1700000000"
	approve = sr.block_actions_message(
		sr.button_action("leave_approve", "HR-LAP-2026-00042", block_id="leave_actions_block")
	)
	for name, body in {
		"interaction_approve": sr.interaction_request(approve, secret=secret).body,
		"interaction_view_submission": sr.interaction_request(
			sr.view_submission(leave_view(full_state())), secret=secret
		).body,
		"slash_apply_leave": sr.slash_command_request(
			secret=secret, trigger_id="1.2.3", response_url="https://hooks.slack.com/commands/T/1/x"
		).body,
		"slash_with_text": sr.slash_command_request(
			"/apply-leave",
			"half day tomorrow <@U123> & more",
			secret=secret,
			trigger_id="4.5.6",
			response_url="https://hooks.slack.com/commands/T/1/y",
		).body,
		"form_two_payloads": urlencode([("payload", "{}"), ("payload", compact(approve).decode())]).encode(),
	}.items():
		s[name] = vinput(0, 1, secret, ts, sign(secret, ts, body), body)
		s[name + "_resign_stale"] = vinput(4, 400, secret, ts, "", body)
	return s


def dump(target: str, seeds: dict[str, bytes]) -> None:
	d = SEEDS / target
	shutil.rmtree(d, ignore_errors=True)
	d.mkdir(parents=True)
	for name, data in seeds.items():
		(d / name).write_bytes(data)
	print(f"{target}: {len(seeds)} seeds")


if __name__ == "__main__":
	routes = route_seeds()
	verify = verify_seeds()
	dump("route_interaction", {**routes, **timesheet_seeds()})
	dump("verify_request", verify)
