"""# frappe/utils/response.py (v15): build_response / as_json / report_error / redirect / ..."""

import datetime
import decimal
import json
import sys
import uuid

import werkzeug.utils
from werkzeug.wrappers import Response

import frappe


def json_handler(obj):
	# frappe/utils/response.py (v15): json_handler for dates, Decimal, Document, set, uuid ...
	from frappe.model.document import Document

	if isinstance(obj, datetime.date | datetime.datetime | datetime.time):
		return str(obj)
	if isinstance(obj, datetime.timedelta):
		return str(obj)
	if isinstance(obj, decimal.Decimal):
		return float(obj)
	if isinstance(obj, Document):
		return obj.as_dict(no_nulls=True)
	if isinstance(obj, set | tuple):
		return list(obj)
	if isinstance(obj, uuid.UUID):
		return str(obj)
	if isinstance(obj, bytes):
		return obj.decode()
	raise TypeError(f"""Object of type {type(obj)} with value of {obj!r} is not JSON serializable""")


def is_traceback_allowed():
	# frappe/utils/response.py (v15): db and System Settings.allow_error_traceback and not
	# flags.disable_traceback and the user is a System User (never Guest)
	user = frappe.session.user
	if not user or user == "Guest":
		return False
	if frappe.conf.get("developer_mode"):
		return True
	return (
		bool(frappe.get_system_settings("allow_error_traceback")) and not frappe.local.flags.disable_traceback
	)


def report_error(status_code):
	# frappe/utils/response.py (v15): report_error (API v1): exc_type always; traceback only if allowed
	allow_traceback = is_traceback_allowed() and (status_code != 404 or frappe.conf.get("logging"))
	traceback = frappe.get_traceback()
	exc_type = sys.exc_info()[0]
	if allow_traceback and traceback:
		frappe.errprint(traceback)
		frappe.response.exception = traceback.splitlines()[-1]
	frappe.response["exc_type"] = exc_type.__name__ if exc_type else None
	response = build_response("json")
	response.status_code = status_code
	return response


def make_logs():
	# frappe/utils/response.py (v15): _make_logs_v1 -> exc, _server_messages, _error_message
	response = frappe.local.response
	if frappe.local.error_log and is_traceback_allowed():
		response["exc"] = json.dumps([frappe.utils.cstr(d["exc"]) for d in frappe.local.error_log])
	if frappe.local.message_log:
		response["_server_messages"] = json.dumps([json.dumps(d) for d in frappe.local.message_log])
	if frappe.local.flags.error_message:
		response["_error_message"] = frappe.local.flags.error_message


def build_response(response_type=None):
	if "docs" in frappe.local.response and not frappe.local.response.docs:
		del frappe.local.response["docs"]
	response_type_map = {
		"csv": as_txt,
		"txt": as_txt,
		"download": as_raw,
		"json": as_json,
		"pdf": as_raw,
		"page": as_page,
		"redirect": redirect,
		"binary": as_binary,
	}
	return response_type_map[frappe.response.get("type") or response_type]()


def as_json():
	make_logs()
	response = Response()
	if frappe.local.response.http_status_code:
		response.status_code = frappe.local.response["http_status_code"]
		del frappe.local.response["http_status_code"]
	response.mimetype = "application/json"
	response.data = json.dumps(frappe.local.response, default=json_handler, separators=(",", ":"))
	return response


def as_txt():
	response = Response()
	response.mimetype = "text"
	response.headers["Content-Disposition"] = f'attachment; filename="{frappe.response["doctype"]}.txt"'
	response.data = frappe.response["result"]
	return response


def as_raw():
	response = Response()
	response.mimetype = frappe.response.get("content_type") or "application/unknown"
	disposition = frappe.response.get("display_content_as", "attachment")
	response.headers["Content-Disposition"] = f'{disposition}; filename="{frappe.response["filename"]}"'
	response.data = frappe.response["filecontent"]
	return response


def as_binary():
	response = Response()
	response.mimetype = "application/octet-stream"
	response.headers["Content-Disposition"] = f'filename="{frappe.response["filename"]}"'
	response.data = frappe.response["filecontent"]
	return response


def as_page():
	# frappe/utils/response.py (v15): serves a website route; the double renders a minimal page
	title = frappe.utils.escape_html(frappe.local.message_title or "")
	body = frappe.local.message or ""
	context = frappe.response.get("context") or {}
	if context.get("primary_action"):
		# frappe/www/message.html: the primary action is a link button under the message
		href = frappe.utils.escape_html(context["primary_action"])
		label = frappe.utils.escape_html(context.get("primary_label") or frappe._("Home"))
		body += f"<div><a href='{href}' class='btn btn-primary btn-sm'>{label}</a></div>"
	response = Response(
		f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>",
		mimetype="text/html",
	)
	response.status_code = frappe.response.get("http_status_code") or 200
	return response


def redirect():
	# frappe/utils/response.py (v15): werkzeug.utils.redirect(frappe.response.location) -> 302
	return werkzeug.utils.redirect(frappe.response.location)
