"""# frappe/app.py (v15): application() request cycle for the double.

init_request (fresh local per request, make_form_dict, session user) -> frappe.api.handle ->
sync_database (commit for POST/PUT/DELETE/PATCH or flags.commit, else rollback) ->
handle_exception on errors (JSON for /api/ unless Accept starts with "text"); unsafe-method
requests that failed are rolled back; a GET that failed is discarded by closing the connection.
"""

import json

from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

import frappe
from frappe.utils import escape_html

UNSAFE_HTTP_METHODS = ("POST", "PUT", "DELETE", "PATCH")


def make_form_dict(request):
	# frappe/app.py (v15): JSON body (request.is_json) -> parsed; else args merged with form; "_" removed
	request_data = request.get_data(as_text=True)
	if request_data and request.is_json:
		args = json.loads(request_data)
	else:
		args = {}
		args.update(request.args or {})
		args.update(request.form or {})
	if isinstance(args, dict):
		frappe.local.form_dict = frappe._dict(args)
		frappe.local.form_dict.pop("_", None)
	elif isinstance(args, list):
		frappe.local.form_dict["data"] = args
	else:
		frappe.throw(frappe._("Invalid request arguments"))


def init_request(request, user="Guest"):
	# frappe/app.py (v15): frappe.init(force=True) resets local per request; connect; make_form_dict;
	# LoginManager sets the session user (the double takes it from the caller)
	local = frappe.local
	local.request = request
	local.is_ajax = frappe.get_request_header("X-Requested-With") == "XMLHttpRequest"
	local.error_log = []
	local.message_log = []
	local.debug_log = []
	# frappe/__init__.py init() (v15): fresh flags, in_test False — a request is served as in
	# production even inside a test run.
	local.flags = frappe._dict(
		currently_saving=[],
		redirect_location="",
		in_test=False,
		mute_messages=False,
		ignore_links=False,
		read_only=False,
	)
	local.response = frappe._dict({"docs": []})
	local.form_dict = frappe._dict()
	local.session = frappe._dict(user="Guest", sid="Guest", data=frappe._dict())
	local.message = None
	local.message_title = None
	# frappe/__init__.py init() (force=True per request): local.lang = conf.lang or "en"
	local.lang = local.conf.lang or "en"
	frappe.set_user(user)
	make_form_dict(request)
	# frappe/auth.py HTTPRequest (v15): LoginManager -> frappe/sessions.py Session.resume gives a
	# logged-in user local.lang = get_user_lang(user); then set_lang(): local.lang = get_language()
	# (Guest: cookie / Accept-Language among enabled Languages, else the default "lang" or "en")
	from frappe.translate import get_language, get_user_lang

	if user != "Guest":
		local.lang = get_user_lang(user)
	local.lang = get_language()


def sync_database(rollback):
	# frappe/app.py (v15): sync_database
	if frappe.local.flags.commit or frappe.local.request.method in UNSAFE_HTTP_METHODS:
		frappe.db.commit()
		rollback = False
	else:
		frappe.db.rollback()
		rollback = False
	return rollback


def handle_exception(e):
	# frappe/app.py (v15): handle_exception
	from frappe.utils.response import is_traceback_allowed, report_error

	http_status_code = getattr(e, "http_status_code", 500)
	accept_header = frappe.get_request_header("Accept") or ""
	respond_as_json = (
		frappe.get_request_header("Accept") and (frappe.local.is_ajax or "application/json" in accept_header)
	) or (frappe.local.request.path.startswith("/api/") and not accept_header.startswith("text"))
	if not frappe.session.user:
		frappe.session.user = "Guest"
	if respond_as_json:
		return report_error(http_status_code)
	traceback = "<pre>" + escape_html(frappe.get_traceback()) + "</pre>"
	if frappe.local.flags.disable_traceback or not is_traceback_allowed():
		traceback = ""
	# frappe/__init__.py (v15): respond_as_web_page("Server Error", ...) rendered as a message page
	frappe.local.message_title = "Server Error"
	frappe.local.message = traceback
	response = Response(
		f"<!doctype html><html><head><title>Server Error</title></head><body>{traceback}</body></html>",
		mimetype="text/html",
	)
	response.status_code = http_status_code
	return response


def application(request, user="Guest"):
	import frappe.api
	import frappe.handler

	response = None
	rollback = True
	try:
		init_request(request, user=user)
		if request.method == "OPTIONS":
			response = Response()
		elif frappe.local.form_dict.cmd:
			# frappe/app.py (v15): legacy RPC — `cmd` (query string or form) is served before the /api/
			# router, whatever the path; a Response the method returns is dropped for build_response.
			from frappe.utils.response import build_response

			frappe.handler.handle()
			response = build_response("json")
		elif request.path.startswith("/api/"):
			response = frappe.api.handle(request)
		else:
			raise frappe.DoesNotExistError
	except HTTPException as e:
		return e.get_response(request.environ)
	except Exception as e:
		response = handle_exception(e)
	else:
		rollback = sync_database(rollback)
	finally:
		if rollback and request.method in UNSAFE_HTTP_METHODS and frappe.db:
			frappe.db.rollback()
		elif rollback and frappe.db.transaction_writes:
			# GET that failed: the connection is closed with the transaction open -> discarded
			frappe.db._discard()
		frappe.local.request = None
	return response


Request  # noqa: B018
