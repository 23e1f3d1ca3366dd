"""HTTP answers to Slack. Slack needs exact JSON bodies, so routes return werkzeug Responses,
which Frappe passes through unchanged (frappe/handler.py)."""

from __future__ import annotations

import json

from werkzeug.wrappers import Response


def json_response(body: dict | str | bytes | None, status: int = 200) -> Response:
	"""A JSON response: a builder's JSON text (a view_submission answer, a message) as it is, or a
	small dict of the app's own (`{"ok": False, "error": …}`); `None` gives an empty 200 body,
	which Slack takes as a plain ack."""
	if body is None:
		return Response(b"", status=status)
	if not isinstance(body, str | bytes):
		body = json.dumps(body, separators=(",", ":"))
	return Response(body, status=status, mimetype="application/json")


def ack() -> Response:
	"""Empty 200: acknowledges an interaction and, for a view_submission, closes the modal."""
	return json_response(None)
