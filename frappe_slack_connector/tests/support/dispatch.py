"""Dispatch a request through the Frappe test double like a Frappe v15 web worker.

``dispatch(environ_or_request, user="Guest")`` runs frappe.app.application (init_request ->
/api/method/<path> -> handler.execute_cmd -> sync_database / handle_exception) and returns the
werkzeug Response. After-commit callbacks (incl. enqueue_after_commit jobs) run on commit.
"""

import json as _json
from urllib.parse import urlencode

from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response


def dispatch(environ_or_request, user="Guest"):
	import frappe.app  # noqa: PLC0415 - frappe may be the double, put on sys.path by test-suite/suite_plugin.py

	request = environ_or_request if isinstance(environ_or_request, Request) else Request(environ_or_request)
	response = frappe.app.application(request, user=user)
	if not isinstance(response, Response):
		response = Response.force_type(response)
	return response


def build_request(path, method="POST", data=None, json=None, headers=None, query_string=None):
	"""Build a werkzeug Request; ``data`` may be bytes/str (raw body) or a dict (url-encoded form)."""
	headers = dict(headers or {})
	kwargs = {}
	if json is not None:
		kwargs["data"] = _json.dumps(json)
		headers.setdefault("Content-Type", "application/json")
	elif isinstance(data, dict):
		kwargs["data"] = urlencode(data)
		headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
	elif data is not None:
		kwargs["data"] = data
	builder = EnvironBuilder(
		path=path,
		method=method,
		headers=headers,
		query_string=query_string,
		base_url="http://test.localhost",
		**kwargs,
	)
	try:
		return Request(builder.get_environ())
	finally:
		builder.close()


class Client:
	"""Tiny test client: ``Client(user=...).post(path, data=..., headers=...)``."""

	def __init__(self, user="Guest"):
		self.user = user

	def request(self, method, path, data=None, json=None, headers=None, query_string=None, user=None):
		req = build_request(
			path, method=method, data=data, json=json, headers=headers, query_string=query_string
		)
		return dispatch(req, user=user or self.user)

	def get(self, path, **kw):
		return self.request("GET", path, **kw)

	def post(self, path, **kw):
		return self.request("POST", path, **kw)


def post(path, data=None, headers=None, user="Guest", json=None):
	return Client(user).post(path, data=data, headers=headers, json=json)


def get(path, query_string=None, headers=None, user="Guest"):
	return Client(user).get(path, query_string=query_string, headers=headers)
