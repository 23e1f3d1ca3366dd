"""Block Kit validation for the Slack mock: reject what Slack would reject.

slack_sdk's Block Kit models are the first line (`Block.parse`, `validate_json`, `to_dict`, `View`),
but on their own they are lenient in ways Slack is not (checked against slack_sdk 3.48):

- `Block.parse` returns None for an unknown block type and the element parsers drop unknown
  elements, so the model silently loses them;
- a text object of an unknown `type` (or a bare string) becomes `mrkdwn`, and unknown keys vanish;
- `validate_json()` is shallow; `to_dict()` validates nested objects;
- the 50-blocks-per-message limit, non-empty text, plain_text-only fields, unique block_ids,
  checkbox/radio option counts and "a modal with input blocks needs `submit`" are not checked.

So each block is parsed, validated, serialised with `to_dict()` and the result is compared with the
payload that was sent: anything the model dropped or rewrote is reported, then our own rules run.

Problems carry a JSON pointer and a message in Slack's wording where we know it
(`"<message> [json-pointer:/blocks/0/text]"`). `Problem.rejects` is False for product rules that
Slack itself accepts (a message with blocks but no top-level `text`).
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_ID_LENGTH = 255
MAX_VIEW_BUTTON_TEXT = 24  # modal title / submit / close
MAX_CHOICE_OPTIONS = 10  # checkboxes, radio_buttons
# chat.postMessage ("Truncating content"; changelog 2018-04-truncating-really-long-messages): Slack
# cuts `text` past 40,000 characters. It posts the rest, so this is reported, not refused.
MAX_MESSAGE_TEXT = 40_000
VIEW_KEYS = frozenset(
	{
		"type",
		"title",
		"blocks",
		"close",
		"submit",
		"private_metadata",
		"callback_id",
		"clear_on_close",
		"notify_on_close",
		"external_id",
		"submit_disabled",
	}
)
TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})
# Element types whose `text` must be plain_text (Slack rejects mrkdwn there).
PLAIN_TEXT_ELEMENT_TEXT = frozenset({"button"})
SELECT_TYPES = frozenset({"static_select", "multi_static_select", "overflow"})

_sdk_logger_names = ("slack_sdk.models.blocks.blocks", "slack_sdk.models.blocks.block_elements")


@dataclass(frozen=True)
class Problem:
	pointer: str
	message: str
	rejects: bool = True  # False: our product rule, Slack would accept the payload

	def slack_format(self) -> str:
		return f"{self.message} [json-pointer:{self.pointer}]"

	def __str__(self) -> str:
		return self.slack_format()


class _QuietSdk:
	"""Silence slack_sdk's 'Unknown block detected' warnings: we report those ourselves."""

	def __enter__(self):
		self._saved = []
		for name in _sdk_logger_names:
			lg = logging.getLogger(name)
			self._saved.append((lg, lg.disabled))
			lg.disabled = True
		return self

	def __exit__(self, *exc):
		for lg, disabled in self._saved:
			lg.disabled = disabled


def validate_message(blocks: Any, *, text: Any = None, base: str = "/blocks") -> list[Problem]:
	"""Validate the `blocks` of chat.postMessage / chat.update / chat.postEphemeral."""
	if not isinstance(blocks, list):
		return [Problem(base, "must be an array of block objects")]
	problems: list[Problem] = []
	if len(blocks) > MAX_MESSAGE_BLOCKS:
		problems.append(Problem(base, f"no more than {MAX_MESSAGE_BLOCKS} items allowed"))
	problems.extend(_validate_blocks(blocks, base))
	if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
		problems.append(
			Problem("/text", f"longer than {MAX_MESSAGE_TEXT} characters: Slack truncates it", rejects=False)
		)
	if blocks and not (isinstance(text, str) and text.strip()):
		problems.append(
			Problem(
				"/text",
				"a message with blocks must carry a non-empty top-level `text` (notification fallback)",
				rejects=False,
			)
		)
	return problems


def validate_view(view: Any, *, base: str = "/view") -> list[Problem]:
	"""Validate a view sent to views.open / views.update / views.push / views.publish."""
	if not isinstance(view, dict):
		return [Problem(base, "must be a view object")]
	problems: list[Problem] = []
	for key in view:
		if key not in VIEW_KEYS:
			problems.append(Problem(f"{base}/{key}", f"invalid additional property: {key}"))
	vtype = view.get("type")
	if vtype not in ("modal", "home"):
		problems.append(Problem(f"{base}/type", "must be one of: modal, home"))
	blocks = view.get("blocks")
	if not isinstance(blocks, list):
		problems.append(Problem(f"{base}/blocks", "missing required field: blocks"))
		return problems
	if len(blocks) > MAX_VIEW_BLOCKS:
		problems.append(Problem(f"{base}/blocks", f"no more than {MAX_VIEW_BLOCKS} items allowed"))
	if vtype == "modal":
		if "title" not in view:
			problems.append(Problem(base, "missing required field: title"))
		has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
		if has_input and "submit" not in view:
			problems.append(Problem(base, "must define `submit` to use an `input` block in modals"))
	head_problems: list[Problem] = []
	for key in ("title", "submit", "close"):
		if key in view:
			head_problems.extend(_check_text_object(view[key], f"{base}/{key}", plain_only=True))
			text = view[key].get("text") if isinstance(view[key], dict) else None
			if isinstance(text, str) and len(text) > MAX_VIEW_BUTTON_TEXT:
				head_problems.append(
					Problem(f"{base}/{key}/text", f"must be less than {MAX_VIEW_BUTTON_TEXT + 1} characters")
				)
	problems.extend(head_problems)
	# slack_sdk's View: title/submit/close ≤ 24, callback_id ≤ 255, private_metadata ≤ 3000, 1..100 blocks.
	head = {k: v for k, v in view.items() if k in VIEW_KEYS and k != "blocks"}
	try:
		with _QuietSdk():
			if not head_problems:
				View(**head, blocks=[{"type": "divider"}]).validate_json()
	except (SlackObjectFormationError, TypeError, ValueError, AttributeError) as e:
		problems.append(Problem(base, _sdk_message(e)))
	problems.extend(_validate_blocks(blocks, f"{base}/blocks"))
	return problems


def _validate_blocks(blocks: list, base: str) -> list[Problem]:
	problems: list[Problem] = []
	seen_block_ids: dict[str, int] = {}
	for i, block in enumerate(blocks):
		ptr = f"{base}/{i}"
		problems.extend(_validate_block(block, ptr))
		if isinstance(block, dict) and isinstance(block.get("block_id"), str):
			bid = block["block_id"]
			if bid in seen_block_ids:
				problems.append(
					Problem(
						f"{ptr}/block_id", f"duplicate block_id `{bid}` (also at index {seen_block_ids[bid]})"
					)
				)
			else:
				seen_block_ids[bid] = i
	return problems


def _validate_block(block: Any, ptr: str) -> list[Problem]:
	if not isinstance(block, dict):
		return [Problem(ptr, "must be an object")]
	btype = block.get("type")
	if not isinstance(btype, str):
		return [Problem(f"{ptr}/type", "missing required field: type")]
	try:
		with _QuietSdk():
			parsed = Block.parse(copy.deepcopy(block))
			if parsed is None:
				return [Problem(f"{ptr}/type", f"unsupported type: {btype}")]
			parsed.validate_json()
			rendered = parsed.to_dict()
	except (SlackObjectFormationError, TypeError, ValueError, KeyError, AttributeError) as e:
		return [Problem(ptr, _sdk_message(e))]
	problems = _diff(block, rendered, ptr)
	problems.extend(_own_block_rules(block, ptr))
	return problems


def _sdk_message(e: Exception) -> str:
	text = str(e)
	if isinstance(e, TypeError) and "required" in text:
		return f"missing required field ({text})"
	return text


def _diff(sent: Any, model: Any, ptr: str) -> list[Problem]:
	"""What slack_sdk's model dropped or rewrote: Slack would not have accepted it either."""
	if isinstance(sent, dict) and isinstance(model, dict):
		out: list[Problem] = []
		for key, value in sent.items():
			if key not in model:
				if isinstance(value, dict) and isinstance(value.get("type"), str):
					out.append(Problem(f"{ptr}/{key}", f"unsupported type: {value['type']}"))
				else:
					out.append(Problem(f"{ptr}/{key}", f"unsupported or misplaced field: {key}"))
			else:
				out.extend(_diff(value, model[key], f"{ptr}/{key}"))
		for key in model:
			if key not in sent:
				out.append(Problem(f"{ptr}/{key}", "value was not given in the expected shape"))
		return out
	if isinstance(sent, list) and isinstance(model, list):
		if len(sent) != len(model):
			return [Problem(ptr, "some items were not recognised")]
		out = []
		for i, (a, b) in enumerate(zip(sent, model, strict=True)):
			if b is None:
				t = a.get("type") if isinstance(a, dict) else None
				out.append(Problem(f"{ptr}/{i}", f"unsupported type: {t}"))
			else:
				out.extend(_diff(a, b, f"{ptr}/{i}"))
		return out
	if isinstance(sent, dict) and not isinstance(model, dict):
		return [Problem(ptr, "expected a different type")]
	if sent != model:
		return [Problem(ptr, "value was rewritten by the Block Kit model (wrong type or shape)")]
	return []


def _check_text_object(obj: Any, ptr: str, *, plain_only: bool = False) -> list[Problem]:
	if not isinstance(obj, dict):
		return [Problem(ptr, "must be a text object {type, text}")]
	out: list[Problem] = []
	ttype = obj.get("type")
	if ttype not in TEXT_TYPES:
		out.append(Problem(f"{ptr}/type", "must be one of: plain_text, mrkdwn"))
	elif plain_only and ttype != "plain_text":
		out.append(Problem(f"{ptr}/type", "must be plain_text"))
	text = obj.get("text")
	if not isinstance(text, str):
		out.append(Problem(f"{ptr}/text", "missing required field: text"))
	elif not text:
		out.append(Problem(f"{ptr}/text", "must be more than 0 characters"))
	return out


def _own_block_rules(block: dict, ptr: str) -> list[Problem]:
	out: list[Problem] = []
	btype = block["type"]
	if btype == "header":
		out.extend(_check_text_object(block.get("text"), f"{ptr}/text", plain_only=True))
	elif btype == "section":
		if "text" in block:
			out.extend(_check_text_object(block["text"], f"{ptr}/text"))
		for j, field in enumerate(block.get("fields") or []):
			out.extend(_check_text_object(field, f"{ptr}/fields/{j}"))
		if isinstance(block.get("accessory"), dict):
			out.extend(_element_rules(block["accessory"], f"{ptr}/accessory"))
	elif btype == "context":
		for j, el in enumerate(block.get("elements") or []):
			if isinstance(el, dict) and el.get("type") in TEXT_TYPES:
				out.extend(_check_text_object(el, f"{ptr}/elements/{j}"))
	elif btype == "input":
		out.extend(_check_text_object(block.get("label"), f"{ptr}/label", plain_only=True))
		if "hint" in block:
			out.extend(_check_text_object(block["hint"], f"{ptr}/hint", plain_only=True))
		if isinstance(block.get("element"), dict):
			out.extend(_element_rules(block["element"], f"{ptr}/element"))
	elif btype == "actions":
		seen: set[str] = set()
		for j, el in enumerate(block.get("elements") or []):
			if not isinstance(el, dict):
				continue
			out.extend(_element_rules(el, f"{ptr}/elements/{j}"))
			aid = el.get("action_id")
			if isinstance(aid, str):
				if aid in seen:
					out.append(
						Problem(
							f"{ptr}/elements/{j}/action_id", f"duplicate action_id `{aid}` within the block"
						)
					)
				seen.add(aid)
	return out


def _element_rules(el: dict, ptr: str) -> list[Problem]:
	out: list[Problem] = []
	etype = el.get("type")
	if etype in PLAIN_TEXT_ELEMENT_TEXT:
		out.extend(_check_text_object(el.get("text"), f"{ptr}/text", plain_only=True))
	if "placeholder" in el:
		out.extend(_check_text_object(el["placeholder"], f"{ptr}/placeholder", plain_only=True))
	options = el.get("options")
	if isinstance(options, list):
		if etype in ("checkboxes", "radio_buttons") and len(options) > MAX_CHOICE_OPTIONS:
			out.append(Problem(f"{ptr}/options", f"no more than {MAX_CHOICE_OPTIONS} items allowed"))
		for k, opt in enumerate(options):
			if isinstance(opt, dict):
				out.extend(
					_check_text_object(
						opt.get("text"), f"{ptr}/options/{k}/text", plain_only=etype in SELECT_TYPES
					)
				)
	return out
