"""What every message builder returns, and Block Kit rendered back as Markdown
(rust/python/src/render.rs).
"""

from typing import TypedDict

class SlackMessage(TypedDict):
	text: str  # notification / screen-reader fallback rendered from the blocks
	blocks: list[dict]

def render_markdown(blocks: list[dict[str, object]]) -> str:
	"""Render Block Kit blocks (as sent to Slack) as Markdown, for dry runs and logs.

	The blocks are parsed into slack-morphism's typed model first; a malformed block or an
	unknown block type raises `InputError` (`invalid_block` / `unknown_block`, with `index`),
	a non-list `not_a_list`.
	"""
