"""The one request guard every Slack-facing route runs first.

Slack sends no cookies, so these routes run as Guest; the only thing that makes a request
trustworthy is its signature, checked in Rust over the raw body bytes. Rejections answer with a
short JSON error and an Error Log titled with the reason code — never the secret, the body or a
traceback. Unsigned rejections are counted in the cache and logged at most once per reason per
minute (`erp_log.log_error_counted`), so a flood of forged requests writes nothing per request.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import frappe
from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.slack.responses import json_response

TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
SIGNATURE_HEADER = "X-Slack-Signature"
# The same headers as WSGI environ keys (PEP 3333: HTTP_ + upper case, `-` → `_`), which is where
# werkzeug's `request.headers.get` finds them; read directly, the two lookups cost a fifth as much.
TIMESTAMP_ENVIRON = "HTTP_X_SLACK_REQUEST_TIMESTAMP"
SIGNATURE_ENVIRON = "HTTP_X_SLACK_SIGNATURE"
# Slack's payloads are a few KiB; a form with thousands of fields is not Slack.
MAX_FORM_FIELDS = 100
FORM_MIMETYPE = "application/x-www-form-urlencoded"
# The Events API posts JSON (signed the same way) to the same entry point as interactivity.
JSON_MIMETYPE = "application/json"
RETRY_NUM_HEADER = "X-Slack-Retry-Num"


class SlackRequest(NamedTuple):
	"""A verified Slack request: the raw body and its form fields (each present once); for an
	Events API request (`is_event`) no form, and Slack's retry number when it re-sends one.

	Immutable, and a NamedTuple rather than a frozen dataclass: built on every request, where a
	frozen dataclass's `__init__` cost a third of the guard's own Python."""

	body: bytes
	form: dict[str, str]
	is_event: bool = False
	retry_num: str | None = None


class MalformedForm(ValueError):
	"""A signed body that is not the form-encoded shape Slack sends."""


def slack_endpoint(route_name: str, *, events: bool = False):
	"""Decorate a route handler `fn(request: SlackRequest) -> Response`; `events=True` also lets
	signed `application/json` (Events API) bodies through.

	The decorated function takes no form arguments (Frappe's `form_dict` is never read: for Guest
	callers it has been through `sanitize_html`) and always returns a werkzeug Response.
	"""

	def decorate(handler):
		@functools.wraps(handler)
		def endpoint() -> Response:
			rejection, request = verify_current_request(route_name, events=events)
			response = rejection if rejection is not None else handler(request)
			_mirror_error(response)
			return response

		# Frappe's `get_newargs` follows __wrapped__ to find parameters; the endpoint takes none.
		del endpoint.__wrapped__
		return endpoint

	return decorate


def _mirror_error(response: Response) -> None:
	"""Copy a 4xx/5xx answer into `frappe.response` as well.

	frappe/app.py (v15) serves a `cmd` field (query string or form) before the /api/ router and
	answers `build_response("json")` there, dropping the Response a method returns; without this a
	rejected request reached that way would read as 200.
	"""
	if response.status_code < 400:
		return
	frappe.local.response["http_status_code"] = response.status_code
	body = response.get_json(silent=True)
	if isinstance(body, dict):
		frappe.local.response.update(body)


def verify_current_request(
	route_name: str, *, events: bool = False
) -> tuple[Response | None, SlackRequest | None]:
	"""Verify `frappe.request`; return (rejection response, None) or (None, verified request)."""
	return check_request(frappe.request, erp_settings.signing_secret() or "", route_name, events=events)


def check_request(
	request, signing_secret: str, route_name: str, *, events: bool = False
) -> tuple[Response | None, SlackRequest | None]:
	"""The guard's whole check of one werkzeug request as Frappe hands it over (headers, replay
	window, signature, form); `benchmarks/verify.py` times exactly this."""
	# frappe/app.py make_form_dict reads the body first, so get_data() is the raw body (REFERENCE B2).
	body = request.get_data(cache=True)
	environ = request.environ
	try:
		core.verify_request(
			signing_secret, environ.get(TIMESTAMP_ENVIRON), environ.get(SIGNATURE_ENVIRON), body
		)
	except core.SignatureError as err:
		# Anyone can send these: a rejection costs a cache increment, and at most one Error Log per
		# reason per minute, carrying the count (no database write per forged request).
		erp_log.log_error_counted(
			f"slack_rejected:{err.reason}",
			title=f"Slack request rejected: {err.reason}",
			message=f"Route {route_name}: {err} (reason {err.reason}, {len(body)} byte body, "
			f"from {request.remote_addr or 'unknown address'}).",
		)
		return json_response({"ok": False, "error": err.reason}, status=401), None
	try:
		if events and request.mimetype == JSON_MIMETYPE:
			_check_utf8(body)
			return None, SlackRequest(body, {}, True, request.headers.get(RETRY_NUM_HEADER))
		form = read_form(request, body)
	except MalformedForm as err:
		erp_log.log_error(
			title="Slack request rejected: malformed_form",
			message=f"Route {route_name}: {err}",
		)
		return json_response({"ok": False, "error": "malformed_form", "message": str(err)}, status=400), None
	return None, SlackRequest(body, form)


def read_form(request, body: bytes) -> dict[str, str]:
	"""The form fields of a verified body, each present once, refusing non-UTF-8.

	Frappe has already parsed the body into `request.form` (werkzeug) for `make_form_dict`; using
	that parse, not a second one, keeps every layer reading the same fields and costs nothing
	(a second Python parse of a 10 KiB payload was most of a route's own time).
	"""
	if request.mimetype != FORM_MIMETYPE:
		# Slack always sends a form; anything else was not parsed into request.form.
		raise MalformedForm(f"content type is {request.mimetype or 'missing'}, expected {FORM_MIMETYPE}")
	_check_utf8(body)
	return form_fields(request)


def form_fields(request) -> dict[str, str]:
	"""The fields of the form werkzeug parsed, each present once, at most MAX_FORM_FIELDS."""
	form: dict[str, str] = {}
	for key, values in request.form.lists():
		if len(values) > 1:
			# Two `payload` fields could make different layers read different payloads.
			raise MalformedForm(f"field {key!r} appears more than once")
		form[key] = values[0]
	# Each key is present once (above), so the keys are the fields.
	if len(form) > MAX_FORM_FIELDS:
		raise MalformedForm(f"request body has more than {MAX_FORM_FIELDS} fields")
	return form


def _check_utf8(body: bytes) -> None:
	# A form body is percent-encoded ASCII: isascii() answers it without decoding a copy.
	if body.isascii():
		return
	try:
		body.decode("utf-8")
	except UnicodeDecodeError as err:
		raise MalformedForm("request body is not UTF-8") from err
