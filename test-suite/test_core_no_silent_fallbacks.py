"""The native module raises where it once answered with something empty (issue 9).

`build_view_errors` used to turn an empty mapping into `{"errors": {}}` (and a serialisation
failure into `None`, which the handler sent as an empty 200): both close or blank the modal as if
the leave had been filed. The handler answers any exception with an inline generic error instead
(`flows/dispatch.py` `_failure`), so raising is the safe failure.
"""

from __future__ import annotations

import json

import pytest

from frappe_slack_connector import core
from frappe_slack_connector.flows import words

ERRORS = words.view_errors("en")


def test_no_errors_at_all_is_an_input_error_not_an_empty_answer():
	with pytest.raises(core.InputError) as info:
		core.build_view_errors({}, words=ERRORS)
	assert info.value.reason == "unbuildable"
	assert info.value.field is None and info.value.index is None


@pytest.mark.parametrize("block_id", ["", " ", "\t\n"])
def test_a_blank_block_id_is_an_input_error(block_id):
	with pytest.raises(core.InputError) as info:
		core.build_view_errors({"reason": "Fine", block_id: "Shown under no input"}, words=ERRORS)
	assert info.value.reason == "unbuildable"
	assert "block id" in str(info.value)


def test_real_errors_still_build():
	answer = core.build_view_errors({"reason": "Tell your approver why."}, words=ERRORS)
	assert json.loads(answer) == {
		"response_action": "errors",
		"errors": {"reason": "Tell your approver why."},
	}


def test_a_user_id_that_is_not_a_slack_id_is_refused_by_routing():
	payload = (
		'{"type": "block_actions", "user": {"id": "U1>|<!channel>"},'
		' "actions": [{"action_id": "leave_approve", "block_id": "b", "value": "HR-LAP-1"}]}'
	)
	with pytest.raises(core.PayloadError) as info:
		core.route_interaction(payload)
	assert info.value.reason == "invalid_field"


def test_signing_is_not_exported():
	assert not hasattr(core, "sign_request")
