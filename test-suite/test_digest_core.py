"""The digest exports of the Rust core (issue 27) through the Python API: contracts, errors, limits.

The rules themselves are tested in Rust (rust/core/src/absence/digest/tests.rs, rust/core/tests/digest.rs,
golden files for every horizon in English and German); here: what Python passes and gets back.
"""

from __future__ import annotations

import datetime
import json

import pytest

from frappe_slack_connector import core
from frappe_slack_connector.flows import words
from frappe_slack_connector.tests.support.blockkit import validate_message

DIGEST = words.digest("en")
TODAY = "2026-12-08"  # a Tuesday
WEEKENDS = ["2026-12-12", "2026-12-13", "2026-12-19", "2026-12-20", "2026-12-26", "2026-12-27"]


def row(employee: str, name: str, start: str, end: str, **over: object) -> dict[str, object]:
	base: dict[str, object] = {
		"employee": employee,
		"employee_name": name,
		"slack_user_id": None,
		"from_date": start,
		"to_date": end,
		"half_day": 0,
		"half_day_date": None,
		"half_period": None,
		"leave_type": "Casual Leave",
		"status": "Approved",
	}
	base.update(over)
	return base


ROWS = [
	row("E1", "Jane", "2026-12-08", "2026-12-10", slack_user_id="U01JANE"),
	row("E2", "Omar", "2026-12-09", "2026-12-09", half_day=1, half_period="First Half", status="Open"),
	row("E3", "Ann", "2026-12-08", "2026-12-08", leave_type="Sick Leave"),
	row("E9", "Outside", "2026-12-08", "2026-12-11"),
]


def build(rows=ROWS, **kwargs) -> list[dict]:
	"""`core.build_digest`, each message's JSON text read back and checked as Block Kit."""
	kwargs.setdefault("words", DIGEST)
	messages = [json.loads(m) for m in core.build_digest(rows, **kwargs)]
	for m in messages:
		validate_message(m)
	return messages


def text_of(messages: list[dict]) -> str:
	return "\n".join(m["text"] for m in messages)


# --- digest_days ---------------------------------------------------------------------------------


def test_digest_days_per_horizon():
	assert core.digest_days("today", TODAY, WEEKENDS) == [TODAY]
	assert core.digest_days("today", "2026-12-12", WEEKENDS) == []
	assert core.digest_days("tomorrow", "2026-12-11", WEEKENDS) == ["2026-12-14"]
	assert core.digest_days("tomorrow", "2026-12-23", [*WEEKENDS, "2026-12-24", "2026-12-25"]) == [
		"2026-12-28"
	]
	assert core.digest_days("this_week", "2026-12-10", WEEKENDS) == ["2026-12-10", "2026-12-11"]
	assert core.digest_days("next_week", TODAY, WEEKENDS) == [f"2026-12-{d}" for d in range(14, 19)]


@pytest.mark.parametrize(
	("args", "reason", "field"),
	[
		(("weekly", TODAY, []), "bad_horizon", "horizon"),
		(("today", "08.12.2026", []), "bad_date", "today"),
		(("today", TODAY, ["2026-12-32"]), "bad_date", "days_off"),
	],
)
def test_digest_days_refuses_bad_input(args, reason, field):
	with pytest.raises(core.InputError) as info:
		core.digest_days(*args)
	assert (info.value.reason, info.value.field, info.value.index) == (reason, field, None)


# --- build_digest --------------------------------------------------------------------------------


def test_today_is_the_attendance_summary_of_the_scope():
	scope = ["E1", "E2", "E3"]
	for mention in (True, False):
		digest = core.build_digest(
			ROWS, horizon="today", today=TODAY, days=[TODAY], employees=scope, mention=mention, words=DIGEST
		)
		in_scope = [r for r in ROWS if r["employee"] in scope]
		summary = core.build_attendance_summary(
			in_scope, today=TODAY, mention=mention, words=words.summary("en")
		)
		assert digest == summary


def test_a_week_digest_lists_days_and_runs_of_the_scope():
	days = core.digest_days("this_week", TODAY, WEEKENDS)
	messages = build(horizon="this_week", today=TODAY, days=days, employees=["E1", "E2", "E3"])
	text = text_of(messages)
	assert text.startswith(":calendar: Who is out this week, Dec 08, 2026 (Tue) to Dec 13, 2026 (Sun)")
	assert "*Dec 08, 2026 (Tue)*\nAnn (Full Day, Sick Leave)" in text
	assert "Omar (First Half, Casual Leave, awaiting approval)" in text
	assert "• <@U01JANE>: Dec 08, 2026 (Tue) to Dec 10, 2026 (Thu) (Casual Leave)" in text
	assert "Outside" not in text


def test_privacy_options():
	days = core.digest_days("this_week", TODAY, WEEKENDS)
	text = text_of(
		build(
			horizon="this_week",
			today=TODAY,
			days=days,
			mention=False,
			hide_types=True,
			include_open=False,
		)
	)
	assert "<@" not in text and "Jane" in text
	assert "Casual Leave" not in text and "Sick Leave" not in text
	assert "Omar" not in text


def test_digest_rows_are_read_once_and_shared():
	shared = core.DigestRows(ROWS)
	assert len(shared) == len(ROWS)
	days = core.digest_days("next_week", TODAY, WEEKENDS)
	for horizon, d in (("today", [TODAY]), ("this_week", ["2026-12-08", "2026-12-09"]), ("next_week", days)):
		assert core.build_digest(
			shared, horizon=horizon, today=TODAY, days=d, words=DIGEST
		) == core.build_digest(ROWS, horizon=horizon, today=TODAY, days=d, words=DIGEST)


def test_dates_may_be_datetime_dates():
	rows = [dict(r, from_date=datetime.date.fromisoformat(r["from_date"])) for r in ROWS]
	days = ["2026-12-08", "2026-12-09"]
	assert core.build_digest(
		rows, horizon="this_week", today=TODAY, days=days, words=DIGEST
	) == core.build_digest(ROWS, horizon="this_week", today=TODAY, days=days, words=DIGEST)


def test_holidays_and_celebrations_are_announced_after_the_list():
	people = [
		{
			"employee": "E1",
			"employee_name": "Jane",
			"slack_user_id": "U01JANE",
			"date_of_birth": datetime.date(1990, 12, 9),
			"date_of_joining": "2016-12-08",
		}
	]
	celebrations = core.celebrations_due(people, from_day=TODAY, to_day="2026-12-09")
	holidays = core.holidays_to_announce(
		"tomorrow",
		"2026-12-23",
		[{"date": "2026-12-24", "description": "<p>Christmas Eve</p>", "weekly_off": 0}],
	)
	messages = build(horizon="today", today=TODAY, days=[TODAY], holidays=holidays, celebrations=celebrations)
	text = text_of(messages)
	assert text.index("Employees on Leave") < text.index("Public holidays ahead")
	assert "• Dec 24, 2026 (Thu): Christmas Eve" in text
	assert "• <@U01JANE> (Dec 09, 2026 (Wed))" in text
	assert "• <@U01JANE>: 10 years" in text
	assert "1990" not in json.dumps(messages)
	plain = [{"date": "2026-12-25", "description": "Tom <b> & Jerry day"}]
	plain_text = text_of(build(horizon="today", today=TODAY, days=[TODAY], holidays=plain))
	assert "• Dec 25, 2026 (Fri): Tom &lt;b&gt; &amp; Jerry day" in plain_text, (
		"announced text is not HTML again"
	)


def test_a_large_team_keeps_the_limits_and_links_the_report():
	rows = [row(f"E{i:05}", f"Person {i:05} {'x' * 40}", "2026-12-14", "2026-12-14") for i in range(20_000)]
	days = core.digest_days("next_week", TODAY, WEEKENDS)
	url = "https://erp.example.com/app/query-report/Employee%20Leave%20Balance"
	messages = build(rows, horizon="next_week", today=TODAY, days=days, report_url=url)
	assert len(messages) == 3
	assert all(len(m["blocks"]) <= 50 for m in messages)
	assert f"<{url}|Open the full report>" in messages[-1]["blocks"][-1]["text"]["text"]


@pytest.mark.parametrize(
	("kwargs", "reason", "field", "index"),
	[
		({"horizon": "monthly"}, "bad_horizon", "horizon", None),
		({"today": "tomorrow"}, "bad_date", "today", None),
		({"days": ["2026-12-08", "x"]}, "bad_date", "days", None),
		({"report_url": "javascript:alert(1)"}, "bad_url", "report_url", None),
		({"holidays": [{"date": "24.12.2026"}]}, "bad_row", "date", 0),
		({"celebrations": [{"employee": "E1", "kind": "wedding", "date": TODAY}]}, "bad_row", "kind", 0),
		(
			{"celebrations": [{"employee": "E1", "kind": "anniversary", "date": TODAY, "years": 0}]},
			"bad_row",
			"years",
			0,
		),
	],
)
def test_build_digest_refuses_bad_input(kwargs, reason, field, index):
	args = {"horizon": "this_week", "today": TODAY, "days": [TODAY], "words": DIGEST, **kwargs}
	with pytest.raises(core.InputError) as info:
		core.build_digest(ROWS, **args)
	assert (info.value.reason, info.value.field, info.value.index) == (reason, field, index)


def test_the_scope_is_any_iterable_of_employee_ids():
	days = core.digest_days("this_week", TODAY, WEEKENDS)
	as_list = build(horizon="this_week", today=TODAY, days=days, employees=["E1", "E404"])
	assert build(horizon="this_week", today=TODAY, days=days, employees={"E1", "E404"}) == as_list
	assert "Ann" not in text_of(as_list) and "U01JANE" in text_of(as_list)
	assert "Nobody is out." in text_of(build(horizon="this_week", today=TODAY, days=days, employees=[]))
	with pytest.raises(TypeError):
		core.build_digest(ROWS, horizon="today", today=TODAY, days=[], employees=["E1", 2], words=DIGEST)


def test_bad_rows_and_words_are_refused():
	bad = [*ROWS, row("E5", "Eve", TODAY, TODAY, status="Rejected")]
	with pytest.raises(core.InputError) as info:
		core.DigestRows(bad)
	assert (info.value.reason, info.value.field, info.value.index) == ("bad_row", "status", 4)
	with pytest.raises(core.InputError) as info:
		core.build_digest(["not a row"], horizon="today", today=TODAY, days=[], words=DIGEST)
	assert (info.value.reason, info.value.index) == ("bad_row", 0)
	broken = dict(DIGEST)
	broken.pop("several_days")
	with pytest.raises(core.InputError) as info:
		core.build_digest(ROWS, horizon="today", today=TODAY, days=[], words=broken)
	assert info.value.reason == "bad_words"


def test_german_words_build():
	days = core.digest_days("next_week", TODAY, WEEKENDS)
	text = text_of(build(horizon="next_week", today=TODAY, days=days, words=words.digest("de")))
	assert text.startswith(":calendar: Wer ist nächste Woche abwesend")


# --- celebrations_due ----------------------------------------------------------------------------


def person(employee: str, born: object = None, joined: object = None, **over: object) -> dict[str, object]:
	return {
		"employee": employee,
		"employee_name": f"Name {employee}",
		"slack_user_id": None,
		"date_of_birth": born,
		"date_of_joining": joined,
		**over,
	}


def test_celebrations_due_shape_and_order():
	people = [
		person("E2", "1990-12-09", "2020-12-08", slack_user_id="U2"),
		person("E1", datetime.date(1985, 12, 8), None),
		person("E3", None, "2026-12-08"),
		person("E4", "", ""),
	]
	assert core.celebrations_due(people, from_day=TODAY, to_day="2026-12-09") == [
		{
			"employee": "E1",
			"employee_name": "Name E1",
			"slack_user_id": None,
			"kind": "birthday",
			"date": TODAY,
		},
		{
			"employee": "E2",
			"employee_name": "Name E2",
			"slack_user_id": "U2",
			"kind": "anniversary",
			"date": TODAY,
			"years": 6,
		},
		{
			"employee": "E2",
			"employee_name": "Name E2",
			"slack_user_id": "U2",
			"kind": "birthday",
			"date": "2026-12-09",
		},
	]


def test_29_february_in_a_non_leap_year():
	people = [person("E1", "2000-02-29", "2024-02-29")]
	due = core.celebrations_due(people, from_day="2027-02-28", to_day="2027-02-28")
	assert [(c["kind"], c["date"], c.get("years")) for c in due] == [
		("birthday", "2027-02-28", None),
		("anniversary", "2027-02-28", 3),
	]
	assert core.celebrations_due(people, from_day="2027-03-01", to_day="2027-03-01") == []


def test_catch_up_and_empty_ranges():
	people = [person("E1", "1990-12-05"), person("E2", "1990-12-06")]
	assert [c["date"] for c in core.celebrations_due(people, from_day="2026-12-05", to_day="2026-12-07")] == [
		"2026-12-05",
		"2026-12-06",
	]
	assert core.celebrations_due(people, from_day="2026-12-08", to_day="2026-12-07") == []


@pytest.mark.parametrize(
	("people", "kwargs", "reason", "field", "index"),
	[
		([person("E1", "1990-13-01")], {}, "bad_row", "date_of_birth", 0),
		([person("E1"), {"employee_name": "x"}], {}, "bad_row", "employee", 1),
		([person("E1", slack_user_id="<!channel>")], {}, "bad_row", "slack_user_id", 0),
		([], {"from_day": "2026-12"}, "bad_date", "from_day", None),
	],
)
def test_celebrations_due_refuses_bad_input(people, kwargs, reason, field, index):
	args = {"from_day": TODAY, "to_day": TODAY, **kwargs}
	with pytest.raises(core.InputError) as info:
		core.celebrations_due(people, **args)
	assert (info.value.reason, info.value.field, info.value.index) == (reason, field, index)


# --- holidays_to_announce ------------------------------------------------------------------------

HOLIDAYS = [
	{"date": "2026-12-19", "description": "Saturday", "weekly_off": 1},
	{"date": "2026-12-20", "description": "Sunday", "weekly_off": True},
	{"date": datetime.date(2026, 12, 24), "description": "<div>Christmas&nbsp;Eve</div>", "weekly_off": 0},
	{"date": "2026-12-25", "description": "Christmas Day"},
	{"date": "2026-12-26", "description": "Saturday", "weekly_off": 1},
	{"date": "2026-12-27", "description": "Sunday", "weekly_off": 1},
	{"date": "2026-12-28", "description": None, "weekly_off": 0},
]


def test_holidays_to_announce_per_horizon():
	assert core.holidays_to_announce("tomorrow", "2026-12-23", HOLIDAYS) == [
		{"date": "2026-12-24", "description": "Christmas Eve"},
		{"date": "2026-12-25", "description": "Christmas Day"},
		{"date": "2026-12-28", "description": ""},
	]
	assert core.holidays_to_announce("tomorrow", "2026-12-18", HOLIDAYS) == []
	assert [h["date"] for h in core.holidays_to_announce("next_week", "2026-12-18", HOLIDAYS)] == [
		"2026-12-24",
		"2026-12-25",
	]
	assert [h["date"] for h in core.holidays_to_announce("this_week", "2026-12-28", HOLIDAYS)] == [
		"2026-12-28"
	]


def test_holidays_to_announce_refuses_bad_input():
	with pytest.raises(core.InputError) as info:
		core.holidays_to_announce("yearly", TODAY, [])
	assert info.value.reason == "bad_horizon"
	with pytest.raises(core.InputError) as info:
		core.holidays_to_announce("tomorrow", TODAY, [{"date": TODAY, "weekly_off": "yes"}])
	assert (info.value.reason, info.value.field, info.value.index) == ("bad_row", "weekly_off", 0)
