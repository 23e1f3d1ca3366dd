"""# frappe/api/__init__.py + frappe/api/v1.py (v15): URL map for /api/method/<path:method>.

Only the RPC routes are imitated (v1 `/api/method/...`, `/api/v1/method/...`, and v2's
`/api/v2/method/...` treated like v1). Unmatched /api/ paths -> DoesNotExistError (404).
"""

from werkzeug.exceptions import NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Response

import frappe
from frappe.utils.response import build_response


def handle_rpc_call(method):
	# frappe/api/v1.py (v15): form_dict.cmd = method (text before "/"), then frappe.handler.handle()
	import frappe.handler

	method = method.split("/")[0]
	frappe.form_dict.cmd = method
	return frappe.handler.handle()


API_URL_MAP = Map(
	[
		Rule("/api/method/<path:method>", endpoint=handle_rpc_call),
		Rule("/api/v1/method/<path:method>", endpoint=handle_rpc_call),
		Rule("/api/v2/method/<path:method>", endpoint=handle_rpc_call),
	],
	strict_slashes=False,
	merge_slashes=False,
)


def handle(request):
	# frappe/api/__init__.py (v15): NotFound -> DoesNotExistError; Response pass-through;
	# non-None data -> response["data"]; then build_response("json")
	try:
		endpoint, arguments = API_URL_MAP.bind_to_environ(request.environ).match()
	except NotFound:
		raise frappe.DoesNotExistError from None
	data = endpoint(**arguments)
	if isinstance(data, Response):
		return data
	if data is not None:
		frappe.response["data"] = data
	return build_response("json")
