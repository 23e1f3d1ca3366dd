"""# frappe/handler.py (v15): handle / execute_cmd / is_valid_http_method."""

from werkzeug.wrappers import Response

import frappe
from frappe import _


def handle():
	# frappe/handler.py (v15): non-None return -> response["message"]; a werkzeug Response passes through
	cmd = frappe.local.form_dict.cmd
	data = None
	if cmd != "login":
		data = execute_cmd(cmd)
	if data is not None:
		if isinstance(data, Response):
			return data
		frappe.response["message"] = data
	return None


def execute_cmd(cmd, from_async=False):
	# frappe/handler.py (v15): override_whitelisted_methods hook, get_attr failure ->
	# throw("Failed to get method for command ...") (ValidationError, 417), is_whitelisted,
	# is_valid_http_method, frappe.call(method, **form_dict)
	for hook in reversed(frappe.get_hooks("override_whitelisted_methods", {}).get(cmd, [])):
		cmd = hook
		break
	try:
		method = get_attr(cmd)
	except Exception as e:
		frappe.throw(_("Failed to get method for command {0} with {1}").format(cmd, e))
	if from_async:
		method = method.queue
	is_whitelisted(method)
	is_valid_http_method(method)
	return frappe.call(method, **frappe.form_dict)


def is_whitelisted(method):
	frappe.is_whitelisted(method)


def is_valid_http_method(method):
	# frappe/handler.py (v15): request method not in the decorator's methods -> "Not permitted" 403
	if frappe.local.flags.in_safe_exec:
		return
	http_method = frappe.local.request.method
	if http_method not in frappe.allowed_http_methods_for_whitelisted_func[method]:
		frappe.throw_permission_error()


def get_attr(cmd):
	# frappe/handler.py (v15): dotted path -> frappe.get_attr; bare name -> this module's globals
	if "." in cmd:
		return frappe.get_attr(cmd)
	return globals()[cmd]


@frappe.whitelist(allow_guest=True)
def ping():
	return "pong"
