"""Controller lookup.

# frappe/model/base_document.py (v15): get_controller(doctype) imports
# <app>.<module>.doctype.<scrub(doctype)>.<scrub(doctype)> and takes the class named like the
# DocType without spaces/hyphens; if the module is missing, plain Document is used.
"""

import importlib

import frappe

# module name (DocType.module) -> python package holding that module's doctype folders
MODULE_PACKAGES = {
	"HR": "hrms.hr",
	"Setup": "erpnext.setup",
	"Projects": "erpnext.projects",
	"Core": "frappe.core",
	"Desk": "frappe.desk",
	"Workflow": "frappe.workflow",
	"Frappe Slack Connector": "frappe_slack_connector.frappe_slack_connector",
}


def register_controller(doctype, cls):
	"""Double-only: force a controller class for a DocType (tests)."""
	frappe.controllers[doctype] = cls


def get_controller(doctype):
	from frappe.model.document import Document

	if doctype in frappe.controllers:
		return frappe.controllers[doctype]
	meta = frappe.get_meta(doctype)
	package = MODULE_PACKAGES.get(meta.get("module"))
	cls = Document
	if package:
		modname = f"{package}.doctype.{frappe.scrub(doctype)}.{frappe.scrub(doctype)}"
		try:
			mod = importlib.import_module(modname)
		except ModuleNotFoundError as e:
			if not (e.name and modname.startswith(e.name)):
				raise
			mod = None
		if mod is not None:
			classname = doctype.replace(" ", "").replace("-", "")
			found = getattr(mod, classname, None)
			if found is not None:
				cls = found
	frappe.controllers[doctype] = cls
	return cls
