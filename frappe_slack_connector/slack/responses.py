"""HTTP answers to Slack. Slack needs exact JSON bodies, so routes return werkzeug Responses,
which Frappe passes through unchanged (frappe/handler.py)."""

from __future__ import annotations

import json

from werkzeug.wrappers import Response


def json_response(body: dict | None, status: int = 200) -> Response:
	"""A JSON response; `None` gives an empty 200 body, which Slack takes as a plain ack."""
	if body is None:
		return Response(b"", status=status)
	return Response(json.dumps(body, separators=(",", ":")), status=status, mimetype="application/json")


def ack() -> Response:
	"""Empty 200: acknowledges an interaction and, for a view_submission, closes the modal."""
	return json_response(None)
