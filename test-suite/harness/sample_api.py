"""Whitelisted sample endpoints used by test-suite/test_frappe_double.py."""

import frappe
from werkzeug.wrappers import Response


@frappe.whitelist(allow_guest=True)
def echo(**kwargs):
	return dict(frappe.form_dict)


@frappe.whitelist(allow_guest=True, xss_safe=True)
def echo_safe(**kwargs):
	return dict(frappe.form_dict)


@frappe.whitelist()
def private():
	return "secret"


@frappe.whitelist(allow_guest=True, methods=["POST"])
def post_only():
	return {"raw": frappe.request.get_data(as_text=True), "form": dict(frappe.request.form)}


@frappe.whitelist(allow_guest=True)
def raw_response():
	return Response('{"ok":true}', status=200, mimetype="application/json")


@frappe.whitelist(allow_guest=True)
def set_status():
	frappe.response["http_status_code"] = 201
	return "created"


@frappe.whitelist(allow_guest=True)
def redirect_me():
	frappe.response["type"] = "redirect"
	frappe.response["location"] = "https://example.com/done"


@frappe.whitelist(allow_guest=True)
def typed(count: int, flag: bool = False):
	return {"count": count, "flag": flag}


@frappe.whitelist(allow_guest=True)
def raises(kind):
	exc = {
		"validation": frappe.ValidationError,
		"permission": frappe.PermissionError,
		"auth": frappe.AuthenticationError,
		"missing": frappe.DoesNotExistError,
		"duplicate": frappe.DuplicateEntryError,
	}[kind]
	frappe.throw(f"<b>{kind}</b> failed", exc)


def _make_todo(text):
	frappe.set_user("Administrator")
	return frappe.get_doc({"doctype": "ToDo", "description": text}).insert().name


@frappe.whitelist(allow_guest=True)
def create_todo(text, fail=None):
	name = _make_todo(text)
	frappe.enqueue("harness.sample_api.job_note", enqueue_after_commit=True, text=text)
	if fail:
		frappe.throw("failing after write")
	return name


def job_note(text):
	frappe.get_doc({"doctype": "ToDo", "description": "job:" + text}).insert(ignore_permissions=True)


def failing_job():
	frappe.get_doc({"doctype": "ToDo", "description": "never"}).insert(ignore_permissions=True)
	raise RuntimeError("boom")
