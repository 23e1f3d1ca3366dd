"""The Block Kit validator rejects what Slack rejects, and accepts what our builders send."""

import json

import pytest

from frappe_slack_connector.tests.support.blockkit import validate_message, validate_view


def section(text, **kw):
	return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **kw}


def modal(blocks, **kw):
	view = {"type": "modal", "title": {"type": "plain_text", "text": "Apply for leave"}, "blocks": blocks}
	view.update(kw)
	return view


SUBMIT = {"submit": {"type": "plain_text", "text": "Submit"}}

GOOD_MESSAGE = [
	{
		"type": "header",
		"block_id": "h",
		"text": {"type": "plain_text", "text": "Leave request", "emoji": True},
	},
	section(
		"*Jane Doe* applied for leave",
		block_id="summary",
		fields=[
			{"type": "mrkdwn", "text": "*From*\n2024-01-01"},
			{"type": "mrkdwn", "text": "*To*\n2024-01-02"},
		],
	),
	{"type": "divider"},
	{"type": "context", "elements": [{"type": "mrkdwn", "text": "HR-LAP-2024-00001"}]},
	{
		"type": "actions",
		"block_id": "decide",
		"elements": [
			{
				"type": "button",
				"action_id": "approve",
				"text": {"type": "plain_text", "text": "Approve"},
				"style": "primary",
				"value": "HR-LAP-2024-00001",
			},
			{
				"type": "button",
				"action_id": "reject",
				"text": {"type": "plain_text", "text": "Reject"},
				"style": "danger",
				"value": "HR-LAP-2024-00001",
				"confirm": {
					"title": {"type": "plain_text", "text": "Reject?"},
					"text": {"type": "mrkdwn", "text": "This cannot be undone."},
					"confirm": {"type": "plain_text", "text": "Reject"},
					"deny": {"type": "plain_text", "text": "Back"},
				},
			},
		],
	},
	{
		"type": "rich_text",
		"elements": [
			{
				"type": "rich_text_section",
				"elements": [{"type": "text", "text": "Approver: "}, {"type": "user", "user_id": "U1"}],
			}
		],
	},
]

GOOD_VIEW = modal(
	[
		{
			"type": "input",
			"block_id": "leave_type",
			"label": {"type": "plain_text", "text": "Leave type"},
			"element": {
				"type": "static_select",
				"action_id": "leave_type",
				"placeholder": {"type": "plain_text", "text": "Choose"},
				"options": [
					{"text": {"type": "plain_text", "text": "Casual Leave"}, "value": "Casual Leave"}
				],
			},
		},
		{
			"type": "input",
			"block_id": "from_date",
			"label": {"type": "plain_text", "text": "From"},
			"element": {"type": "datepicker", "action_id": "from_date", "initial_date": "2024-01-01"},
		},
		{
			"type": "input",
			"block_id": "half_day",
			"optional": True,
			"dispatch_action": True,
			"label": {"type": "plain_text", "text": "Half day"},
			"element": {
				"type": "checkboxes",
				"action_id": "half_day",
				"options": [{"text": {"type": "mrkdwn", "text": "*Half day*"}, "value": "1"}],
			},
		},
		{
			"type": "input",
			"block_id": "reason",
			"optional": True,
			"label": {"type": "plain_text", "text": "Reason"},
			"element": {"type": "plain_text_input", "action_id": "reason", "multiline": True},
		},
		section("Balance: *5 days*", block_id="balance"),
	],
	callback_id="leave_request",
	private_metadata=json.dumps({"channel": "C1"}),
	notify_on_close=True,
	**SUBMIT,
)


def test_good_message_and_view_pass():
	assert validate_message(GOOD_MESSAGE, text="Jane Doe applied for leave") == []
	assert validate_view(GOOD_VIEW) == []


def test_exactly_at_the_limits_passes():
	assert validate_message([section("x" * 3000)] * 1 + [{"type": "divider"}] * 49, text="t") == []
	header = {"type": "header", "text": {"type": "plain_text", "text": "x" * 150}}
	assert validate_message([header], text="t") == []
	assert (
		validate_view(modal([{"type": "divider"}] * 100, title={"type": "plain_text", "text": "x" * 24}))
		== []
	)


BAD_MESSAGES = {
	"unknown block type": ([{"type": "no_such_block"}], "/blocks/0/type", "unsupported type: no_such_block"),
	"section without text": ([{"type": "section"}], "/blocks/0", "text or fields"),
	"text object without text": ([{"type": "section", "text": {"type": "mrkdwn"}}], "/blocks/0", "required"),
	"51 blocks": ([{"type": "divider"}] * 51, "/blocks", "no more than 50"),
	"3001-char section": ([section("x" * 3001)], "/blocks/0", "3000"),
	"151-char header": (
		[{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}],
		"/blocks/0",
		"150",
	),
	"mrkdwn header": (
		[{"type": "header", "text": {"type": "mrkdwn", "text": "*x*"}}],
		"/blocks/0/text/type",
		"plain_text",
	),
	"duplicate block_id": (
		[section("a", block_id="b"), section("c", block_id="b")],
		"/blocks/1/block_id",
		"duplicate",
	),
	"block_id over 255": ([{"type": "divider", "block_id": "b" * 256}], "/blocks/0", "255"),
	"empty section text": ([section("")], "/blocks/0/text/text", "more than 0"),
	"unknown text type": (
		[{"type": "section", "text": {"type": "html", "text": "x"}}],
		"/blocks/0/text/type",
		"",
	),
	"misspelt field": ([section("a", acessory={"type": "image"})], "/blocks/0/acessory", ""),
	"unknown element": (
		[{"type": "actions", "elements": [{"type": "slider", "action_id": "s"}]}],
		"/blocks/0/elements/0",
		"unsupported type: slider",
	),
	"duplicate action_id in block": (
		[
			{
				"type": "actions",
				"elements": [
					{"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "1"}},
					{"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "2"}},
				],
			}
		],
		"/blocks/0/elements/1/action_id",
		"duplicate",
	),
	"button text over 75": (
		[
			{
				"type": "actions",
				"elements": [
					{"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "x" * 76}}
				],
			}
		],
		"/blocks/0",
		"75",
	),
	"11 checkboxes": (
		[
			{
				"type": "actions",
				"elements": [
					{
						"type": "checkboxes",
						"action_id": "c",
						"options": [
							{"text": {"type": "plain_text", "text": str(i)}, "value": str(i)}
							for i in range(11)
						],
					}
				],
			}
		],
		"/blocks/0/elements/0/options",
		"no more than 10",
	),
	"blocks not a list": ({"type": "divider"}, "/blocks", "array"),
}


@pytest.mark.parametrize("name", list(BAD_MESSAGES))
def test_bad_message_is_rejected(name):
	blocks, pointer, fragment = BAD_MESSAGES[name]
	problems = validate_message(blocks, text="fallback")
	rejecting = [p for p in problems if p.rejects]
	assert rejecting, f"{name}: not rejected"
	assert any(p.pointer == pointer and fragment in p.message for p in rejecting), [str(p) for p in problems]


def test_missing_top_level_text_is_a_product_rule_not_a_slack_rejection():
	for text in (None, "", "   "):
		problems = validate_message([section("a")], text=text)
		assert [(p.pointer, p.rejects) for p in problems] == [("/text", False)]
	assert validate_message([], text=None) == []


def test_a_text_over_40000_characters_is_reported_as_truncated_not_refused():
	# chat.postMessage: Slack truncates `text` past 40,000 characters (and posts the rest).
	assert validate_message([section("a")], text="t" * 40_000) == []
	problems = validate_message([section("a")], text="t" * 40_001)
	assert [(p.pointer, p.rejects) for p in problems] == [("/text", False)]
	assert "40000" in problems[0].message


BAD_VIEWS = {
	"title over 24": (
		modal([{"type": "divider"}], title={"type": "plain_text", "text": "x" * 25}),
		"/view/title/text",
		"25",
	),
	"submit over 24": (
		modal([{"type": "divider"}], submit={"type": "plain_text", "text": "x" * 25}),
		"/view/submit/text",
		"",
	),
	"invalid nested element": (
		modal(
			[
				{
					"type": "input",
					"label": {"type": "plain_text", "text": "L"},
					"element": {"type": "date_range"},
				}
			],
			**SUBMIT,
		),
		"/view/blocks/0/element",
		"unsupported type: date_range",
	),
	"nested section too long": (modal([section("x" * 3001)]), "/view/blocks/0", "3000"),
	"unknown block in view": (modal([{"type": "no_such_block"}]), "/view/blocks/0/type", "unsupported"),
	"101 blocks": (modal([{"type": "divider"}] * 101), "/view/blocks", "no more than 100"),
	"input without submit": (
		modal(
			[
				{
					"type": "input",
					"label": {"type": "plain_text", "text": "L"},
					"element": {"type": "plain_text_input", "action_id": "a"},
				}
			]
		),
		"/view",
		"submit",
	),
	"modal without title": ({"type": "modal", "blocks": [{"type": "divider"}]}, "/view", "title"),
	"unknown view key": (modal([{"type": "divider"}], titel="x"), "/view/titel", "additional property"),
	"bad view type": (modal([{"type": "divider"}], type="popup"), "/view/type", ""),
	"private_metadata over 3000": (
		modal([{"type": "divider"}], private_metadata="x" * 3001),
		"/view",
		"3000",
	),
	"duplicate block_id in view": (
		modal([section("a", block_id="x"), section("b", block_id="x")]),
		"/view/blocks/1/block_id",
		"duplicate",
	),
	"static_select with 101 options": (
		modal(
			[
				{
					"type": "input",
					"label": {"type": "plain_text", "text": "L"},
					"element": {
						"type": "static_select",
						"action_id": "s",
						"options": [
							{"text": {"type": "plain_text", "text": str(i)}, "value": str(i)}
							for i in range(101)
						],
					},
				}
			],
			**SUBMIT,
		),
		"/view/blocks/0",
		"100",
	),
}


@pytest.mark.parametrize("name", list(BAD_VIEWS))
def test_bad_view_is_rejected(name):
	view, pointer, fragment = BAD_VIEWS[name]
	problems = validate_view(view)
	assert any(p.pointer == pointer and fragment in p.message and p.rejects for p in problems), [
		str(p) for p in problems
	]


def test_problem_uses_slacks_error_wording():
	(problem,) = validate_message([{"type": "no_such_block"}], text="t")
	assert problem.slack_format() == "unsupported type: no_such_block [json-pointer:/blocks/0/type]"
