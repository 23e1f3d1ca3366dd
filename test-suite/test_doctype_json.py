"""Every DocType JSON in the app must load in Frappe v15 as written.

Fieldtype lists follow frappe/model/__init__.py (v15: data_fieldtypes, no_value_fields); the key
sets follow the fields of the DocType, DocField and DocPerm doctypes in frappe/core/doctype (v15).
"""

from __future__ import annotations

import ast
import datetime
import json
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "frappe_slack_connector"

# frappe/model/__init__.py (v15)
DATA_FIELDTYPES = {
	"Currency", "Int", "Long Int", "Float", "Percent", "Check", "Small Text", "Long Text", "Code",
	"Text Editor", "Markdown Editor", "HTML Editor", "Date", "Datetime", "Time", "Text", "Data",
	"Link", "Dynamic Link", "Password", "Select", "Rating", "Read Only", "Attach", "Attach Image",
	"Signature", "Color", "Barcode", "Geolocation", "Duration", "Icon", "Phone", "Autocomplete", "JSON",
}  # fmt: skip
NO_VALUE_FIELDTYPES = {
	"Section Break", "Column Break", "Tab Break", "HTML", "Table", "Table MultiSelect", "Button",
	"Image", "Fold", "Heading",
}  # fmt: skip
FIELDTYPES = DATA_FIELDTYPES | NO_VALUE_FIELDTYPES

# frappe/core/doctype/doctype/doctype.json (v15) fields, plus the document's standard keys.
DOCTYPE_KEYS = {
	"actions", "allow_auto_repeat", "allow_copy", "allow_events_in_timeline", "allow_guest_to_view",
	"allow_import", "allow_rename", "autoname", "beta", "creation", "custom", "default_print_format",
	"default_view", "description", "docstatus", "doctype", "document_type", "editable_grid",
	"email_append_to", "engine", "field_order", "fields", "force_re_route_to_default_view",
	"has_web_view", "hide_toolbar", "icon", "idx", "image_field", "in_create",
	"index_web_pages_for_search", "is_calendar_and_gantt", "is_published_field", "is_submittable",
	"is_tree", "is_virtual", "issingle", "istable", "links", "make_attachments_public",
	"max_attachments", "modified", "modified_by", "module", "name", "naming_rule",
	"nsm_parent_field", "owner", "permissions", "queue_in_background", "quick_entry", "read_only",
	"restrict_to_domain", "route", "row_format", "search_fields", "sender_field",
	"sender_name_field", "show_name_in_global_search", "show_preview_popup",
	"show_title_field_in_link", "sort_field", "sort_order", "states", "subject_field", "timeline_field",
	"title_field", "track_changes", "track_seen", "track_views", "translated_doctype", "website_search_field",
}  # fmt: skip
# frappe/core/doctype/docfield/docfield.json (v15)
DOCFIELD_KEYS = {
	"allow_bulk_edit", "allow_in_quick_entry", "allow_on_submit", "bold", "collapsible",
	"collapsible_depends_on", "columns", "default", "depends_on", "description", "documentation_url",
	"fetch_from", "fetch_if_empty", "fieldname", "fieldtype", "hidden", "hide_border", "hide_days",
	"hide_seconds", "ignore_user_permissions", "ignore_xss_filter", "in_filter", "in_global_search",
	"in_list_view", "in_preview", "in_standard_filter", "is_virtual", "label", "length",
	"link_filters", "make_attachment_public", "mandatory_depends_on", "max_height", "no_copy",
	"non_negative", "oldfieldname", "oldfieldtype", "options", "permlevel", "placeholder",
	"precision", "print_hide", "print_hide_if_no_value", "print_width", "read_only",
	"read_only_depends_on", "remember_last_selected_value", "report_hide", "reqd", "search_index",
	"set_only_once", "show_dashboard", "show_on_timeline", "sort_options", "translatable", "unique", "width",
}  # fmt: skip
# frappe/core/doctype/docperm/docperm.json (v15)
DOCPERM_KEYS = {
	"amend", "cancel", "create", "delete", "email", "export", "if_owner", "import", "permlevel",
	"print", "read", "report", "role", "select", "share", "submit", "write",
}  # fmt: skip
# frappe/core/doctype/doctype/doctype.json (v15): naming_rule options
NAMING_RULES = {
	"", "Set by user", "Autoincrement", "By fieldname", 'By "Naming Series" field', "Expression",
	"Expression (old style)", "Random", "By script",
}  # fmt: skip
CHECK_KEYS = {
	"allow_on_submit", "bold", "hidden", "in_list_view", "in_standard_filter", "no_copy", "read_only",
	"reqd", "search_index", "unique", "print_hide", "report_hide", "set_only_once", "translatable",
}  # fmt: skip
# frappe/model/naming.py / doctype.py (v15) validate fieldnames against this shape.
FIELDNAME = re.compile(r"^[a-z][a-z0-9_]*$")
STANDARD_ROLES = {"System Manager", "HR Manager", "HR User", "Employee", "Leave Approver", "All", "Guest"}

DOCTYPE_FILES = sorted(APP.glob("*/doctype/*/*.json"))


def _modules() -> set[str]:
	return {line.strip() for line in (APP / "modules.txt").read_text().splitlines() if line.strip()}


def _scrub(name: str) -> str:
	# frappe.scrub: lower case, spaces and dashes to underscores.
	return name.replace(" ", "_").replace("-", "_").lower()


def test_the_app_ships_its_doctypes():
	names = {json.loads(p.read_text())["name"] for p in DOCTYPE_FILES}
	assert {"Slack Settings", "Slack User Meta"} <= names


@pytest.mark.parametrize("path", DOCTYPE_FILES, ids=lambda p: p.stem)
def test_doctype_json_loads_in_frappe_v15(path: Path):
	doc = json.loads(path.read_text())
	assert doc["doctype"] == "DocType"
	assert set(doc) <= DOCTYPE_KEYS, f"unknown DocType keys: {set(doc) - DOCTYPE_KEYS}"
	assert doc["module"] in _modules()
	# frappe/modules/import_file.py finds a DocType by its scrubbed name: folder and file must agree.
	assert path.parent.name == path.stem == _scrub(doc["name"])
	assert doc.get("engine", "InnoDB") in {"InnoDB", "MyISAM"}
	assert doc.get("naming_rule", "") in NAMING_RULES
	datetime.datetime.fromisoformat(doc["modified"])

	fields = doc["fields"]
	names = [f["fieldname"] for f in fields]
	assert len(names) == len(set(names)), "duplicate fieldnames"
	assert doc["field_order"] == names
	for field in fields:
		assert set(field) <= DOCFIELD_KEYS, f"{field['fieldname']}: unknown keys {set(field) - DOCFIELD_KEYS}"
		assert FIELDNAME.match(field["fieldname"]), field["fieldname"]
		assert field["fieldtype"] in FIELDTYPES, field["fieldtype"]
		for key in CHECK_KEYS & set(field):
			assert field[key] in (0, 1), f"{field['fieldname']}.{key} must be 0 or 1"
		if field["fieldtype"] in DATA_FIELDTYPES:
			assert field.get("label"), f"{field['fieldname']} needs a label"
		if field["fieldtype"] in {"Link", "Table", "Table MultiSelect", "Dynamic Link"}:
			assert field.get("options"), f"{field['fieldname']} needs options"
		if field["fieldtype"] == "Check" and "default" in field:
			assert field["default"] in ("0", "1")
		if field["fieldtype"] == "Time" and "default" in field:
			datetime.time.fromisoformat(field["default"])
		if field.get("unique"):
			assert field["fieldtype"] in DATA_FIELDTYPES and not doc.get("issingle")

	if doc.get("issingle"):
		assert not doc.get("autoname") and not doc.get("istable")
	elif doc.get("autoname", "").startswith("field:"):
		target = doc["autoname"].removeprefix("field:")
		field = next(f for f in fields if f["fieldname"] == target)
		assert field.get("reqd") and field.get("unique"), "naming field must be mandatory and unique"

	# frappe/model/meta.py (v15): a child table (istable) has no permissions of its own; its rows
	# are read and written with the parent's.
	assert doc["permissions"] or doc.get("istable"), "no one could open it"
	for perm in doc["permissions"]:
		assert set(perm) <= DOCPERM_KEYS
		assert perm["role"] in STANDARD_ROLES
		assert perm.get("read") == 1


@pytest.mark.parametrize("path", DOCTYPE_FILES, ids=lambda p: p.stem)
def test_each_doctype_has_its_controller(path: Path):
	doc = json.loads(path.read_text())
	controller = path.with_suffix(".py")
	assert (path.parent / "__init__.py").exists()
	tree = ast.parse(controller.read_text())
	classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
	# frappe/model/base_document.py import_controller: class name = doctype name without spaces.
	assert doc["name"].replace(" ", "") in classes


def test_slack_settings_fields():
	doc = json.loads((APP / "frappe_slack_connector/doctype/slack_settings/slack_settings.json").read_text())
	fields = {f["fieldname"]: f for f in doc["fields"]}
	for secret in ("bot_user_oauth_token", "app_level_token", "signing_secret", "client_secret"):
		assert fields[secret]["fieldtype"] == "Password"
	assert fields["send_attendance_updates"]["default"] == "1"
	assert fields["attendance_time"]["default"] == "08:00:00"
	assert fields["leave_notification_subject"]["default"] == "Employees on Leave"
	for hidden in ("last_attendance_date", "last_attendance_msg_ts"):
		assert fields[hidden]["hidden"] == 1 and fields[hidden]["read_only"] == 1
	assert [p["role"] for p in doc["permissions"]] == ["System Manager"]


def test_slack_user_meta_fields():
	doc = json.loads(
		(APP / "frappe_slack_connector/doctype/slack_user_meta/slack_user_meta.json").read_text()
	)
	fields = {f["fieldname"]: f for f in doc["fields"]}
	assert doc["autoname"] == "field:user"
	assert fields["user"]["fieldtype"] == "Link" and fields["user"]["options"] == "User"
	assert fields["user"]["unique"] == 1 and fields["slack_user_id"]["unique"] == 1
	perms = {p["role"]: p for p in doc["permissions"]}
	assert perms["System Manager"]["write"] == 1 and perms["System Manager"]["delete"] == 1
	assert perms["HR Manager"].get("write", 0) == 0
