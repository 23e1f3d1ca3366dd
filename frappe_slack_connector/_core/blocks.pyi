"""The one form of every Slack body a builder returns, and Block Kit rendered back as Markdown
(rust/python/src/convert.rs, render.rs).

Every `build_*` that makes a Slack body returns it as the JSON text sent to Slack (`str`),
serialised once in Rust from the typed Block Kit value, keys in the order the types declare them
(a block's `type` first). Python never decodes it: the outbox stores it as it is, the relay and the
request path send it with the caller's fields set beside it (`request_body`), and an HTTP answer
carries it unchanged. A plain `str` rather than a wrapper class: it is what the database column,
werkzeug's Response and `request_body` take, with no conversion at any of them. Tests that look
inside one parse it (`json.loads`).
"""

from typing import TypeAlias

SlackMessage: TypeAlias = str
"""A message body as JSON text: `{"text": fallback, "blocks": [...]}` (chat.postMessage,
chat.update, chat.postEphemeral, an HTTP answer to a slash command)."""

SlackView: TypeAlias = str
"""A view as JSON text: a modal (views.open / views.update, `under="view"`) or the Home tab
(views.publish)."""

SlackAnswer: TypeAlias = str
"""A view_submission answer as JSON text: `{"response_action": "errors", "errors": {...}}`."""

def render_markdown(blocks: list[dict[str, object]] | SlackMessage) -> str:
	"""Render Block Kit blocks (a list, as sent to Slack) or the blocks of a message's JSON text
	(a builder's output) as Markdown, for dry runs and logs.

	The blocks are parsed into slack-morphism's typed model first; a malformed block or an
	unknown block type raises `InputError` (`invalid_block` / `unknown_block`, with `index`),
	a non-list `not_a_list`, a text that is not a JSON object with `blocks` `not_a_message`.
	"""
