"""# frappe/utils/html_utils.py (v15): sanitize_html imitation.

v15: non-str -> unchanged; ``is_json(value)`` (json.loads succeeds) -> unchanged; no HTML tag found
(BeautifulSoup ``find()``) -> unchanged; else bleach.clean with an allow-list: disallowed tags are
escaped, allowed ones kept. The double keeps the same three early returns and escapes any tag not in a
short allow-list. ``json.loads`` runs first, so a deeply nested value raises RecursionError (-> 500).
"""

import html
import json
import re

ALLOWED_TAGS = {
	"a", "b", "i", "u", "em", "strong", "p", "br", "div", "span", "ul", "ol", "li", "table", "thead",
	"tbody", "tr", "td", "th", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "img", "hr",
}  # fmt: skip

_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>")


def is_json(text):
	# frappe/utils/html_utils.py (v15): is_json -> json.loads; ValueError -> False (others propagate)
	try:
		json.loads(text)
	except ValueError:
		return False
	return True


def sanitize_html(value, linkify=False):
	if not isinstance(value, str):
		return value
	if is_json(value):
		return value
	if not _TAG.search(value):
		return value

	def repl(m):
		if m.group(1).lower() in ALLOWED_TAGS and not re.search(r"\bon\w+\s*=", m.group(0), re.I):
			return m.group(0)
		return html.escape(m.group(0), quote=False)

	return _TAG.sub(repl, value)
