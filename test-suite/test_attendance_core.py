"""The attendance exports of the Rust core through the Python API: shapes, errors, limits."""

from __future__ import annotations

import datetime
import json

import pytest

from frappe_slack_connector import core
from frappe_slack_connector.flows import words
from frappe_slack_connector.tests.support.blockkit import validate_message

SUMMARY = words.summary("en")
NOTE = words.late_leave_note("en")

TODAY = "2026-12-04"


def build_summary(*args, **kwargs) -> list[dict]:
	"""`core.build_attendance_summary`, each message's JSON text read back to look inside it."""
	return [json.loads(m) for m in core.build_attendance_summary(*args, **kwargs)]


def build_note(*args, **kwargs) -> dict | None:
	"""`core.build_late_leave_note`, its JSON text read back (None stays None)."""
	text = core.build_late_leave_note(*args, **kwargs)
	return None if text is None else json.loads(text)


def row(i: int, **over: object) -> dict[str, object]:
	base: dict[str, object] = {
		"employee": f"HR-EMP-{i:05}",
		"employee_name": f"Person {i:05}",
		"slack_user_id": f"U{i:08}" if i % 2 else None,
		"from_date": "2026-12-01",
		"to_date": f"2026-12-{4 + i % 20:02}",
		"half_day": 0,
		"half_day_date": None,
		"half_period": None,
	}
	base.update(over)
	return base


def test_builders_return_the_json_text_sent_to_slack():
	(text,) = core.build_attendance_summary([row(1)], today=TODAY, title="Out", words=SUMMARY)
	assert isinstance(text, str) and text.startswith('{"text":')
	assert isinstance(core.build_test_message("", words=words.test_message("en")), str)


def test_summary_shape_and_valid_block_kit():
	rows = [
		row(1),
		row(2, employee_name="<!channel> & co", slack_user_id=None),
		row(
			3,
			from_date=datetime.date(2026, 12, 4),
			to_date=datetime.date(2026, 12, 4),
			half_day=1,
			half_period="First Half",
		),
	]
	messages = build_summary(rows, today=TODAY, title="Employees on Leave", words=SUMMARY)
	assert len(messages) == 1
	(msg,) = messages
	assert set(msg) == {"text", "blocks"}
	assert msg["blocks"][0] == {
		"type": "header",
		"text": {"type": "plain_text", "text": ":palm_tree: 3 Employees on Leave", "emoji": True},
	}
	assert "<!channel>" not in msg["text"]
	assert "&lt;!channel&gt; &amp; co" in msg["text"]
	assert "*First Half*\n1. <@U00000003>" in msg["text"]
	assert validate_message(msg["blocks"], text=msg["text"]) == []


def test_empty_day():
	(msg,) = build_summary(
		[row(1, from_date="2026-12-05", to_date="2026-12-06")],
		today=TODAY,
		title="Employees on Leave",
		words=SUMMARY,
	)
	assert msg["text"] == ":sunny: No Employees on Leave"


def test_large_day_splits_within_limits_every_person_once():
	n = 3000
	rows = [
		row(i, employee_name=f"Person {i:05} " + "x" * 60, slack_user_id=None, from_date=TODAY)
		for i in range(n)
	]
	messages = build_summary(rows, today=TODAY, title="Employees on Leave", words=SUMMARY)
	assert len(messages) > 1
	seen = []
	for msg in messages:
		assert len(msg["blocks"]) <= 50
		assert validate_message(msg["blocks"], text=msg["text"]) == []
		for block in msg["blocks"]:
			if block["type"] == "section":
				assert len(block["text"]["text"]) <= 3000
				seen += [
					line.split(". ", 1)[1].split(" _until")[0]
					for line in block["text"]["text"].splitlines()
					if not line.startswith("*")
				]
	assert sorted(seen) == sorted(f"Person {i:05} " + "x" * 60 for i in range(n))


@pytest.mark.parametrize(
	("bad", "field"),
	[
		({"to_date": "2026-11-30"}, "to_date"),
		({"from_date": "04-12-2026"}, "from_date"),
		({"half_period": "Morning"}, "half_period"),
		({"half_day": "yes"}, "half_day"),
		({"slack_user_id": "U1> <!here"}, "slack_user_id"),
	],
)
def test_bad_row_is_input_error(bad, field):
	with pytest.raises(core.InputError) as exc:
		build_summary([row(1), row(2, **bad)], today=TODAY, words=SUMMARY)
	assert isinstance(exc.value, ValueError)
	assert (exc.value.reason, exc.value.field, exc.value.index) == ("bad_row", field, 1)


def test_bad_today():
	with pytest.raises(core.InputError) as exc:
		build_summary([], today="2026-12-4", words=SUMMARY)
	assert (exc.value.reason, exc.value.field, exc.value.index) == ("bad_date", "today", None)


@pytest.mark.parametrize(
	("kwargs", "expected"),
	[
		({}, (True, "ok")),
		({"enabled": False}, (False, "disabled")),
		({"is_holiday": True}, (False, "holiday")),
		({"last_sent": TODAY}, (False, "already_sent")),
		({"last_sent": ""}, (True, "ok")),
		({"now": "2026-12-04T08:59:59"}, (False, "before_time")),
		({"send_time": "9:30:00"}, (True, "ok")),
	],
)
def test_gate(kwargs, expected):
	args = {
		"now": "2026-12-04 09:30:00.5",
		"enabled": True,
		"send_time": "09:00",
		"is_holiday": False,
		"last_sent": "2026-12-03",
	}
	args.update(kwargs)
	assert core.should_send_attendance(**args) == expected


def test_gate_bad_input():
	with pytest.raises(core.InputError) as exc:
		core.should_send_attendance(
			now="2026-12-04T09:00:00+05:30", enabled=True, send_time="09:00", is_holiday=False
		)
	assert exc.value.reason == "bad_datetime"


def test_late_leave_note_and_test_message():
	note = build_note(
		row(1, from_date=TODAY, to_date=TODAY, half_day=1, half_period="Second Half"), today=TODAY, words=NOTE
	)
	assert note["text"] == "<@U00000001> is also on leave today (Second Half)"
	assert validate_message(note["blocks"], text=note["text"]) == []
	assert build_note(row(1, from_date="2026-12-05", to_date="2026-12-05"), today=TODAY, words=NOTE) is None
	msg = json.loads(core.build_test_message("hr.example.com", words=words.test_message("en")))
	assert "can post in this channel" in msg["text"]
	assert validate_message(msg["blocks"], text=msg["text"]) == []


def test_render_markdown_round_trip_and_rejects_unknown():
	(text,) = core.build_attendance_summary([row(1)], today=TODAY, title="Out", words=SUMMARY)
	msg = json.loads(text)
	md = core.render_markdown(msg["blocks"])
	assert core.render_markdown(text) == md  # a message's JSON text renders its blocks
	with pytest.raises(core.InputError) as exc:
		core.render_markdown('{"text": "no blocks"}')
	assert exc.value.reason == "not_a_message"
	assert "1 Out" in md and "*Full Day*" in md
	with pytest.raises(core.InputError) as exc:
		core.render_markdown([*msg["blocks"], {"type": "no_such_block"}])
	assert (exc.value.reason, exc.value.index) == ("unknown_block", 2)


@pytest.mark.parametrize(
	("bad", "field", "problem"),
	[
		({"half_day": [1]}, "half_day", "got a list"),
		({"half_day": 2}, "half_day", "got 2"),
		({"half_day": 1.5}, "half_day", "got 1.5"),
		({"employee": 7}, "employee", "expected a string, got a number"),
		({"employee_name": {"a": 1}}, "employee_name", "got an object"),
		({"to_date": ""}, "to_date", "must not be empty"),
		({"half_day_date": "2026-12-4"}, "half_day_date", "expected YYYY-MM-DD"),
	],
)
def test_bad_field_types_name_the_field(bad, field, problem):
	with pytest.raises(core.InputError) as exc:
		build_summary([row(1), row(2, **bad)], today=TODAY, words=SUMMARY)
	assert (exc.value.reason, exc.value.field, exc.value.index) == ("bad_row", field, 1)
	assert problem in str(exc.value)


def test_rows_are_read_in_place():
	"""Dates as datetime.date, Check fields as 0/1 or bool, blanks as "" or None, extra keys of
	any type ignored; a value the core cannot read in a field it needs is a TypeError."""
	rows = [
		row(
			1,
			from_date=datetime.date(2026, 12, 1),
			to_date=datetime.date(2026, 12, 4),
			half_day=True,
			half_day_date=datetime.date(2026, 12, 4),
			half_period="Second Half",
			creation=object(),
		),
		row(2, employee_name="", slack_user_id="", half_period="", half_day=False),
		{"employee": "E3", "from_date": TODAY, "to_date": TODAY},
	]
	(msg,) = build_summary(rows, today=TODAY, words=SUMMARY)
	assert "*Second Half*\n1. <@U00000001>" in msg["text"]
	assert "HR-EMP-00002" in msg["text"] and "E3" in msg["text"]
	with pytest.raises(TypeError):
		build_summary([row(1, half_day=2**70)], today=TODAY, words=SUMMARY)
	with pytest.raises(TypeError):
		build_summary([row(1, half_period=object())], today=TODAY, words=SUMMARY)
	with pytest.raises(core.InputError) as exc:
		build_summary([row(1), "not a dict"], today=TODAY, words=SUMMARY)
	assert (exc.value.field, exc.value.index) == ("<row>", 1)


def test_mention_off_names_everyone_and_mention_on_is_the_default():
	rows = [row(1), row(2), row(3, employee_name="<@U0SNEAKY> & co")]
	default = build_summary(rows, today=TODAY, title="Out", words=SUMMARY)
	assert build_summary(rows, today=TODAY, title="Out", words=SUMMARY, mention=True) == default
	assert "<@U00000001>" in str(default)
	off = build_summary(rows, today=TODAY, title="Out", words=SUMMARY, mention=False)
	assert "<@" not in str(off)
	assert "Person 00001" in str(off) and "&lt;@U0SNEAKY&gt; &amp; co" in str(off)
	for message in off:
		assert validate_message(message["blocks"], text=message["text"]) == []
	note = build_note(row(1, from_date=TODAY, to_date=TODAY), today=TODAY, words=NOTE, mention=False)
	assert note["text"] == "Person 00001 is also on leave today (Full Day)"
	assert build_note(row(1, from_date=TODAY, to_date=TODAY), today=TODAY, words=NOTE)["text"].startswith(
		"<@U00000001>"
	)
