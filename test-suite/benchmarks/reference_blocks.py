"""Block Kit in plain Python, for the benchmarks' references only (the app builds Slack JSON in Rust).

The pieces every plain-Python reference builder shares, written the straightforward way a Python
app would: mrkdwn escaping and cutting, dates in the words' pattern, links, mentions, headers,
sections, buttons and a message whose fallback text is its blocks' text. Each follows the core
(rust/core/src/mrkdwn.rs, dates.rs, blocks/leave/mod.rs, blocks/mod.rs) for well-formed input:
the benchmarks check the references' bytes equal the core's before timing anything. Keys are
written in the order Slack's documentation gives them (`type` first), which is the order of the
core's JSON text (its typed blocks' fields).
"""

from __future__ import annotations

import datetime
import re

SECTION_TEXT = 3000
HEADER_TEXT = 150
BUTTON_TEXT = 75
NAME_CHARS = 200
FALLBACK_TEXT = 3000
ELLIPSIS = "…"
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ARG = re.compile(r"\{(\d)\}")


def esc(text: str) -> str:
	return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
	return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def esc_cut(text: str, limit: int) -> str:
	"""Escaped and cut to `limit` characters, never inside an entity."""
	escaped = esc(text)
	if len(escaped) <= limit:
		return escaped
	out, used = [], 0
	for c in text:
		piece = _ENTITIES.get(c, c)
		if used + len(piece) > limit - 1:
			break
		out.append(piece)
		used += len(piece)
	return "".join(out) + ELLIPSIS


def md(template: str, *args: str) -> str:
	"""A word of the catalogue as mrkdwn: its own text escaped, `{n}` replaced by `args[n]`."""
	return _ARG.sub(lambda m: args[int(m.group(1))], esc(template))


def plain(template: str, *args: str) -> str:
	return _ARG.sub(lambda m: args[int(m.group(1))], template)


def date_text(iso: str, dates: dict) -> str:
	d = datetime.date.fromisoformat(iso)
	return (
		dates["pattern"]
		.replace("{month}", dates["months"][d.month - 1])
		.replace("{day}", f"{d.day:02d}")
		.replace("{year}", f"{d.year:04d}")
		.replace("{weekday}", dates["weekdays"][d.weekday()])
	)


def days_text(n: float) -> str:
	return f"{n:.0f}" if float(n).is_integer() else repr(float(n))


def link(url: str | None, label: str) -> str:
	label = esc_cut(label, NAME_CHARS)
	return f"<{esc(url)}|{label}>" if url else f"*{label}*"


def person(slack_id: str | None, name: str) -> str:
	return f"<@{slack_id}>" if slack_id else f"*{esc_cut(name, NAME_CHARS)}*"


def text_object(text: str) -> dict:
	return {"type": "plain_text", "text": text}


def header(text: str) -> dict:
	return {"type": "header", "text": text_object(truncate(text, HEADER_TEXT))}


def section(text: str) -> dict:
	return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, SECTION_TEXT)}}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict:
	b = {
		"type": "button",
		"action_id": action_id,
		"text": text_object(truncate(label, BUTTON_TEXT)),
		"value": value,
	}
	if style:
		b["style"] = style
	return b


def actions(block_id: str, elements: list[dict]) -> dict:
	return {"type": "actions", "block_id": block_id, "elements": elements}


def message(blocks: list[dict]) -> dict:
	"""`{"text", "blocks"}`: the fallback text is each header's and section's text, trimmed, the
	non-empty ones joined by newlines, cut to Slack's 3000."""
	texts = [b["text"]["text"].strip() for b in blocks if b["type"] in ("header", "section")]
	return {"text": truncate("\n".join(t for t in texts if t), FALLBACK_TEXT), "blocks": blocks}
