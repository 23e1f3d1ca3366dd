"""The catalogue (flows/words.py) is the one source of the words the Rust builders use.

- The Rust tests read `rust/core/tests/fixtures/words_{en,de}.json`; they must be exactly what the
  catalogue gives for "en" and, with translations/de.csv, for "de" (no drift between the two).
- Every words dict the builders take is complete and refused when it is not (`InputError`,
  reason `bad_words`), so a translation that drops a placeholder never shows half-filled.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from frappe_slack_connector import core
from frappe_slack_connector.flows import words

FIXTURES = Path(__file__).resolve().parents[1] / "rust" / "core" / "tests" / "fixtures"
DETAILS = {
	"leave_application": "HR-LAP-2026-00001",
	"requester_name": "Jane Doe",
	"leave_type": "Casual Leave",
	"from_date": "2026-12-04",
	"to_date": "2026-12-04",
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_rust_fixtures_are_the_catalogue(lang):
	fixture = json.loads((FIXTURES / f"words_{lang}.json").read_text(encoding="utf-8"))
	assert fixture == words.catalogue(lang), (
		f"rust/core/tests/fixtures/words_{lang}.json differs from words.catalogue({lang!r}): write it anew "
		"(json.dumps(words.catalogue(lang), indent=2, ensure_ascii=False)) and accept the golden files"
	)


def test_every_german_word_is_translated():
	english, german = words.catalogue("en"), words.catalogue("de")

	def leaves(value, path=()):
		if isinstance(value, dict):
			for key, item in value.items():
				yield from leaves(item, (*path, key))
		elif isinstance(value, list):
			for i, item in enumerate(value):
				yield from leaves(item, (*path, i))
		else:
			yield path, value

	same = [path for (path, en), (_, de) in zip(leaves(english), leaves(german), strict=True) if en == de]
	assert same == [], f"words German spells like English (add them to translations/de.csv): {same}"


def test_each_surface_builds_in_both_languages():
	for lang in ("en", "de"):
		assert json.loads(core.build_leave_notice({"kind": "no_employee"}, words=words.notices(lang)))["text"]
		assert json.loads(core.build_test_message("", words=words.test_message(lang)))["text"]
		answer = core.build_view_errors({"reason": {"code": "reason_missing"}}, words=words.view_errors(lang))
		assert json.loads(answer)["errors"]
		assert json.loads(core.build_approver_message(DETAILS, words=words.leave_messages(lang)))["text"]
		assert core.build_attendance_summary([], today="2026-12-04", words=words.summary(lang))


def bad_words(call, surface, mutate):
	broken = copy.deepcopy(surface)
	mutate(broken)
	with pytest.raises(core.InputError) as info:
		call(broken)
	assert info.value.reason == "bad_words" and info.value.field == "words"
	return str(info.value)


def test_a_missing_or_unknown_key_is_refused_not_defaulted():
	def notice(w):
		return core.build_leave_notice({"kind": "no_employee"}, words=w)

	message = bad_words(notice, words.notices("de"), lambda w: w.pop("no_employee"))
	assert "missing field `no_employee`" in message
	message = bad_words(notice, words.notices("de"), lambda w: w.update(extra="?"))
	assert "unknown field `extra`" in message
	message = bad_words(notice, words.notices("de"), lambda w: w["statuses"].pop("open"))
	assert "missing field `open`" in message


def test_a_translation_that_drops_or_invents_a_placeholder_is_refused():
	def confirmation(w):
		return core.build_requester_confirmation(DETAILS, "Bea", words=w)

	message = bad_words(
		confirmation, words.leave_messages("de"), lambda w: w.update(submitted_to="Eingereicht.")
	)
	assert "the placeholder {0} is missing" in message
	message = bad_words(confirmation, words.leave_messages("de"), lambda w: w.update(requested="{0} und {1}"))
	assert "unknown placeholder {1}" in message
	message = bad_words(
		confirmation, words.leave_messages("de"), lambda w: w["dates"].update(pattern="{day}. {month}")
	)
	assert "the placeholder {year} is missing" in message
	message = bad_words(confirmation, words.leave_messages("de"), lambda w: w["dates"]["months"].pop())
	assert "length 12" in message


def test_words_are_escaped_like_user_text():
	notices = words.notices("en")
	notices["no_employee"] = "Ask <!channel> & HR"
	message = json.loads(core.build_leave_notice({"kind": "no_employee"}, words=notices))
	assert message["text"] == "🔗 Ask &lt;!channel&gt; &amp; HR"


def test_route_errors_are_codes_and_become_words_in_the_readers_language():
	errors = {"half_day_date": {"code": "half_day_outside", "start": "2026-12-04", "end": "2026-12-07"}}
	assert json.loads(core.build_view_errors(errors, words=words.view_errors("en")))["errors"] == {
		"half_day_date": "Pick a day between Dec 04, 2026 (Fri) and Dec 07, 2026 (Mon)."
	}
	assert json.loads(core.build_view_errors(errors, words=words.view_errors("de")))["errors"] == {
		"half_day_date": "Wählen Sie einen Tag zwischen Fr., 04. Dez. 2026 und Mo., 07. Dez. 2026."
	}
	for bad in ({"code": "nope"}, {"code": "reason_missing", "extra": 1}, 3):
		with pytest.raises(core.InputError) as info:
			core.build_view_errors({"reason": bad}, words=words.view_errors("en"))
		assert info.value.reason == "bad_input"


def test_changed_words_are_used_at_once():
	# The core keeps each surface's converted words by their exact content: a changed word,
	# even in a nested dict or list, is a new catalogue.
	notices = words.notices("en")
	before = json.loads(core.build_leave_notice({"kind": "no_employee"}, words=notices))["text"]
	changed = copy.deepcopy(notices)
	changed["no_employee"] = "Ask HR for an Employee record"
	after = json.loads(core.build_leave_notice({"kind": "no_employee"}, words=changed))["text"]
	assert after == "🔗 Ask HR for an Employee record" != before
	messages = words.leave_messages("en")
	march = json.loads(core.build_approver_message(DETAILS, words=messages))
	renamed = copy.deepcopy(messages)
	renamed["dates"]["months"] = [f"M{i}" for i in range(1, 13)]
	again = json.loads(core.build_approver_message(DETAILS, words=renamed))
	assert again != march
	assert json.loads(core.build_approver_message(DETAILS, words=messages)) == march
