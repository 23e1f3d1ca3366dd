"""DocType metadata of the test double: data-driven definitions + JSON loader.

# frappe/model/meta.py (v15): Meta(doctype) exposes fields, permissions, issingle/istable/
# is_submittable/autoname, has_field/get_field/get_table_fields; Custom Fields are merged in.
"""

import copy
import glob
import json
import os

import double_version

import frappe
from frappe import _dict

# frappe/model/__init__.py (v15): default_fields / child_table_fields / no_value_fields
default_fields = (
	"doctype",
	"name",
	"owner",
	"creation",
	"modified",
	"modified_by",
	"docstatus",
	"idx",
)
child_table_fields = ("parent", "parentfield", "parenttype")
table_fields = ("Table", "Table MultiSelect")
no_value_fields = (
	"Section Break",
	"Column Break",
	"Tab Break",
	"HTML",
	"Table",
	"Table MultiSelect",
	"Button",
	"Image",
	"Fold",
	"Heading",
)
display_fieldtypes = (
	"Section Break",
	"Column Break",
	"Tab Break",
	"HTML",
	"Button",
	"Image",
	"Fold",
	"Heading",
)

_DEFINITIONS: dict[str, dict] = {}
_CUSTOM_FIELDS: dict[str, list[dict]] = {}
_JSON_DIRS: list[str] = []


class Meta(_dict):
	def __init__(self, definition: dict):
		super().__init__(copy.deepcopy(definition))
		self.fields = [_dict(f) for f in self.get("fields", [])]
		for cf in _CUSTOM_FIELDS.get(self.name, []):
			df = _dict(cf)
			insert_after = df.get("insert_after")
			idx = next((i for i, f in enumerate(self.fields) if f.fieldname == insert_after), None)
			if idx is None:
				self.fields.append(df)
			else:
				self.fields.insert(idx + 1, df)
		self.permissions = [_dict({"permlevel": 0, **p}) for p in self.get("permissions", [])]
		for f in self.fields:
			f.setdefault("permlevel", 0)
		self._fields = {f.fieldname: f for f in self.fields if f.get("fieldname")}

	def has_field(self, fieldname):
		# frappe/model/meta.py (v15): has_field -> fieldname in fields map
		return fieldname in self._fields

	def get_field(self, fieldname):
		# frappe/model/meta.py (v15): get_field -> DocField or None
		return self._fields.get(fieldname)

	def get_workflow(self):
		# frappe/model/meta.py (v15): get_workflow -> the active Workflow's name, if any
		from frappe.model.workflow import get_workflow_name

		return get_workflow_name(self.name)

	def get_fieldnames_with_value(self):
		return [f.fieldname for f in self.fields if f.fieldtype not in no_value_fields]

	def get_valid_columns(self):
		extra = child_table_fields if self.get("istable") else ()
		return [*default_fields[1:], *extra, *self.get_fieldnames_with_value()]

	def get_table_fields(self):
		return [f for f in self.fields if f.fieldtype in table_fields]

	def get_high_permlevel_fields(self):
		# frappe/model/meta.py (v15): fields with permlevel > 0
		return [f for f in self.fields if f.permlevel > 0]

	def get_label(self, fieldname):
		f = self.get_field(fieldname)
		return (f.label if f and f.label else None) or frappe.unscrub(fieldname)

	def get_title_field(self):
		return self.get("title_field") or "name"

	@property
	def is_submittable(self):
		return bool(self.get("is_submittable"))

	@property
	def issingle(self):
		return bool(self.get("issingle"))

	@property
	def istable(self):
		return bool(self.get("istable"))


def register_doctype(definition: dict):
	"""Double-only: add or replace a DocType definition (JSON-shaped dict)."""
	_DEFINITIONS[definition["name"]] = definition


def unregister_doctype(doctype: str):
	"""Double-only: forget a DocType definition (its record was deleted; see delete_doc)."""
	_DEFINITIONS.pop(doctype, None)


def register_doctype_json(path: str):
	with open(path) as f:
		d = json.load(f)
	if d.get("doctype") == "DocType":
		register_doctype(d)
	return d.get("name")


def add_json_dir(pattern_root: str):
	"""Double-only: load every ``<root>/doctype/*/*.json`` (DocType files) now and on reset."""
	if pattern_root not in _JSON_DIRS:
		_JSON_DIRS.append(pattern_root)
	for path in sorted(glob.glob(os.path.join(pattern_root, "doctype", "*", "*.json"))):
		register_doctype_json(path)


def add_custom_field(doctype, fieldname, fieldtype, options=None, **props):
	# frappe/custom/doctype/custom_field/custom_field.py (v15): Custom Field merged into Meta
	df = {"fieldname": fieldname, "fieldtype": fieldtype, "options": options, "is_custom_field": 1, **props}
	_CUSTOM_FIELDS.setdefault(doctype, [])
	_CUSTOM_FIELDS[doctype] = [f for f in _CUSTOM_FIELDS[doctype] if f["fieldname"] != fieldname]
	_CUSTOM_FIELDS[doctype].append(df)


def clear_custom_fields():
	_CUSTOM_FIELDS.clear()


def doctype_exists(doctype):
	return doctype in _DEFINITIONS


def dynamic_links_to(doctype):
	"""frappe/model/dynamic_links.py (v15) get_dynamic_link_map: every (parent, Dynamic Link
	field) that may point at `doctype`. v15 lists a field under every doctype its options column
	holds in the data; the double lists every Dynamic Link field (the caller filters the rows)."""
	out = []
	for name in sorted(_DEFINITIONS):
		meta = get_meta(name)
		out.extend((name, df) for df in meta.fields if df.fieldtype == "Dynamic Link" and not meta.issingle)
	return out


def get_meta(doctype):
	if doctype not in _DEFINITIONS:
		# frappe/model/meta.py (v15): load_doctype_from_file/get -> DoesNotExistError "DocType X not found"
		frappe.throw(frappe._("DocType {0} not found").format(doctype), frappe.DoesNotExistError)
	return Meta(_DEFINITIONS[doctype])


def all_roles():
	roles = {"Administrator", "System Manager", "All", "Guest"}
	for d in _DEFINITIONS.values():
		for p in d.get("permissions", []):
			roles.add(p["role"])
	return sorted(roles)


def get_perms(doctype, user=None, permlevel=0):
	"""Merged permission flags the user's roles grant at ``permlevel``."""
	meta = get_meta(doctype)
	roles = set(frappe.get_roles(user))
	out = _dict()
	for p in meta.permissions:
		if p.role in roles and p.permlevel == permlevel:
			for k, v in p.items():
				if k not in ("role", "permlevel") and v:
					out[k] = 1
	return out


def has_user_permission(doc, user=None):
	# frappe/permissions.py (v15) has_user_permission: a user with User Permissions sees a
	# document only when it is itself allowed (step 1) and every filled Link field of it points at
	# an allowed value of that doctype (step 2); rows apply to every doctype, or to
	# `applicable_for` only (get_allowed_docs_for_doctype). A user who may write User Permissions
	# is not restricted. Strict user permissions and ignore_user_permissions are not imitated.
	user = user or frappe.session.user
	rows = frappe.get_all(
		"User Permission",
		filters={"user": user},
		fields=["allow", "for_value", "apply_to_all_doctypes", "applicable_for"],
		limit_page_length=0,
	)
	if not rows or get_perms("User Permission", user).get("write"):
		return True
	doctype = doc.get("doctype")

	def allowed(allow):
		return {
			r.for_value
			for r in rows
			if r.allow == allow and (r.apply_to_all_doctypes or r.applicable_for == doctype)
		}

	restricted = {r.allow for r in rows}
	if doctype in restricted and doc.get("name") not in allowed(doctype):
		return False
	for field in get_meta(doctype).fields:
		if field.fieldtype != "Link" or field.options not in restricted or not doc.get(field.fieldname):
			continue
		if doc.get(field.fieldname) not in allowed(field.options):
			return False
	return True


def has_permission(doctype, ptype="read", user=None):
	# frappe/permissions.py (v15): Administrator has every permission; otherwise role permissions
	# at permlevel 0 (user permissions / if_owner / sharing not imitated)
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	meta = get_meta(doctype)
	if meta.istable:
		return True
	return bool(get_perms(doctype, user).get(ptype))


def get_field_currency(df, doc=None):
	"""frappe/model/meta.py (v15) get_field_currency: options "Company:company:default_currency"
	read through the document's link; plain options name the document's own currency field (a
	child row falls back to its parent's)."""
	options = df.get("options")
	if not options or not doc:
		return None
	if ":" in options:
		parts = options.split(":")
		if len(parts) == 3 and doc.get(parts[1]):
			return frappe.get_cached_value(parts[0], doc.get(parts[1]), parts[2])
		return None
	currency = doc.get(options)
	if not currency and doc.get("parenttype") and get_meta(doc.parenttype).has_field(options):
		currency = frappe.db.get_value(doc.parenttype, doc.parent, options)
	return currency


def get_field_precision(df, doc=None, currency=None):
	"""frappe/model/meta.py (v15) get_field_precision: the field's own precision, else for Currency
	System Settings currency_precision or the number format's, else float_precision or 3."""
	from frappe.utils import cint, get_number_format_info

	if df.get("precision"):
		return cint(df.get("precision"))
	if df.get("fieldtype") == "Currency":
		precision = cint(frappe.db.get_default("currency_precision"))
		if not precision:
			number_format = frappe.db.get_default("number_format") or "#,###.##"
			precision = get_number_format_info(number_format)[2]
		return precision
	return cint(frappe.db.get_default("float_precision")) or 3


# ---------------------------------------------------------------- built-in definitions


def _f(fieldname, fieldtype="Data", options=None, **kw):
	d = {"fieldname": fieldname, "fieldtype": fieldtype, "label": frappe.unscrub(fieldname)}
	if options is not None:
		d["options"] = options
	d.update(kw)
	return d


def _perm(role, **kw):
	base = {"role": role, "read": 1, "write": 1, "create": 1, "delete": 1, "report": 1}
	base.update(kw)
	return base


_SYS = [_perm("System Manager")]

BUILTIN = [
	# frappe/core/doctype/user/user.json (v15): name = email
	{
		"name": "User",
		"module": "Core",
		"autoname": "field:email",
		"fields": [
			_f("email", options="Email", reqd=1, unique=1),  # frappe v15 user.json
			_f("first_name", reqd=1),
			_f("last_name"),
			_f("full_name", read_only=1),
			_f("enabled", "Check", default="1"),
			_f("user_type", "Select", "System User\nWebsite User", default="System User"),
			_f("time_zone"),
			_f("language", "Link", "Language"),
			_f("new_password", "Password"),
			_f("roles", "Table", "Has Role"),
		],
		"permissions": _SYS,
	},
	{
		"name": "Has Role",
		"module": "Core",
		"istable": 1,
		"fields": [_f("role", "Link", "Role")],
	},
	{"name": "Role", "module": "Core", "autoname": "field:role_name", "fields": [_f("role_name", reqd=1)]},
	# frappe/core/doctype/language/language.json (subset)
	{
		"name": "Language",
		"module": "Core",
		"autoname": "field:language_code",
		"fields": [
			_f("enabled", "Check", default="1"),
			_f("language_code", reqd=1, unique=1),
			_f("language_name", reqd=1),
			_f("based_on", "Link", "Language"),
		],
		"permissions": [*_SYS, {"role": "All", "read": 1}],
	},
	# erpnext/setup/doctype/company/company.json
	{
		"name": "Company",
		"module": "Setup",
		"autoname": "field:company_name",
		"fields": [
			_f("company_name", reqd=1, unique=1),
			_f("abbr"),
			_f("default_currency", "Link", "Currency"),
			_f("country", "Link", "Country"),
			_f("default_holiday_list", "Link", "Holiday List"),
			# the company's default cost center (Expense Claim fetches it)
			_f("cost_center", "Link", "Cost Center"),
		],
		"permissions": [*_SYS, {"role": "All", "read": 1}],
	},
	# erpnext/setup/doctype/global_defaults/global_defaults.json (single; default_company)
	{
		"name": "Global Defaults",
		"module": "Setup",
		"issingle": 1,
		"fields": [
			_f("default_company", "Link", "Company"),
			_f("current_fiscal_year", "Data"),
			_f("default_currency", "Link", "Currency"),
			_f("hide_currency_symbol", "Select", "\nNo\nYes"),
		],
		"permissions": _SYS,
	},
	# frappe/geo/doctype/currency/currency.json (v15): name = currency code; what fmt_money reads
	{
		"name": "Currency",
		"module": "Geo",
		"autoname": "field:currency_name",
		"fields": [
			_f("currency_name", reqd=1, unique=1),
			_f("enabled", "Check", default="0"),
			_f("fraction"),
			_f("fraction_units", "Int"),
			_f("smallest_currency_fraction_value", "Currency"),
			_f("symbol"),
			_f("symbol_on_right", "Check", default="0"),
			_f(
				"number_format",
				"Select",
				"\n#,###.##\n#.###,##\n# ###.##\n# ###,##\n#'###.##\n#, ###.##\n#,##,###.##\n#,###.###\n#.###\n#,###",
			),
		],
		"permissions": [*_SYS, {"role": "All", "read": 1}],
	},
	# erpnext/setup/doctype/holiday_list/holiday_list.json
	{
		"name": "Holiday List",
		"module": "Setup",
		"autoname": "field:holiday_list_name",
		"fields": [
			_f("holiday_list_name", reqd=1, unique=1),
			_f("from_date", "Date", reqd=1),
			_f("to_date", "Date", reqd=1),
			_f("holidays", "Table", "Holiday"),
		],
		"permissions": [*_SYS, _perm("HR Manager"), {"role": "All", "read": 1}],
	},
	{
		"name": "Holiday",
		"module": "Setup",
		"istable": 1,
		"fields": [
			_f("holiday_date", "Date", reqd=1),
			_f("weekly_off", "Check", default="0"),
			_f("description", "Text Editor", reqd=1),
		],
	},
	# erpnext/setup/doctype/department/department.json (real name is "<department> - <abbr>"):
	# a tree (is_tree, nsm_parent_field parent_department; lft/rgt kept by
	# frappe/utils/nestedset.py, which the double imitates in TestSite.make_department)
	{
		"name": "Department",
		"module": "Setup",
		"autoname": "field:department_name",
		"is_tree": 1,
		"nsm_parent_field": "parent_department",
		"fields": [
			_f("department_name", reqd=1),
			_f("parent_department", "Link", "Department"),
			_f("company", "Link", "Company"),
			_f("is_group", "Check", default="0"),
			_f("lft", "Int", read_only=1),
			_f("rgt", "Int", read_only=1),
			_f("leave_approvers", "Table", "Department Approver"),
		],
		"permissions": [*_SYS, _perm("HR User"), {"role": "All", "read": 1}],
	},
	# erpnext/setup/doctype/branch/branch.json
	{
		"name": "Branch",
		"module": "Setup",
		"autoname": "field:branch",
		"fields": [_f("branch", reqd=1, unique=1)],
		"permissions": [*_SYS, _perm("HR User"), {"role": "All", "read": 1}],
	},
	# erpnext/setup/doctype/employee_group/employee_group.json and its child table
	# erpnext/setup/doctype/employee_group_table/employee_group_table.json
	{
		"name": "Employee Group",
		"module": "Setup",
		"autoname": "field:employee_group_name",
		"fields": [
			_f("employee_group_name", reqd=1, unique=1),
			_f("employee_list", "Table", "Employee Group Table"),
		],
		"permissions": [*_SYS, _perm("HR Manager"), _perm("HR User", create=0, delete=0)],
	},
	{
		"name": "Employee Group Table",
		"module": "Setup",
		"istable": 1,
		"fields": [
			_f("employee", "Link", "Employee"),
			_f("employee_name", fetch_from="employee.first_name"),
			_f("user_id", fetch_from="employee.user_id", read_only=1),
		],
	},
	# frappe/core/doctype/user_permission/user_permission.json (v15; autoname hash)
	{
		"name": "User Permission",
		"module": "Core",
		"autoname": "hash",
		"fields": [
			_f("user", "Link", "User", reqd=1),
			_f("allow", "Link", "DocType", reqd=1),
			_f("for_value", "Dynamic Link", "allow", reqd=1),
			_f("is_default", "Check"),
			_f("apply_to_all_doctypes", "Check", default="1"),
			_f("applicable_for", "Link", "DocType"),
		],
		"permissions": _SYS,
	},
	# hrms/hr/doctype/department_approver/department_approver.json
	{
		"name": "Department Approver",
		"module": "HR",
		"istable": 1,
		"fields": [_f("approver", "Link", "User", reqd=1)],
	},
	# erpnext/setup/doctype/employee/employee.json (naming series HR-EMP-)
	{
		"name": "Employee",
		"module": "Setup",
		"autoname": "naming_series:",
		"fields": [
			_f("naming_series", "Select", "HR-EMP-", reqd=1),
			_f("first_name", reqd=1),
			_f("last_name"),
			_f("employee_name", read_only=1),
			_f("user_id", "Link", "User"),
			_f("company", "Link", "Company", reqd=1),
			# erpnext v15 employee.json: company/personal/preferred e-mail are Data, options Email
			_f("company_email", options="Email"),
			_f("personal_email", options="Email"),
			_f("prefered_email", options="Email"),
			_f("status", "Select", "Active\nInactive\nSuspended\nLeft", default="Active", reqd=1),
			_f("department", "Link", "Department"),
			_f("branch", "Link", "Branch"),
			_f("leave_approver", "Link", "User"),
			_f("holiday_list", "Link", "Holiday List"),
			_f("date_of_birth", "Date"),
			_f("date_of_joining", "Date"),
		],
		"permissions": [
			_perm("HR User"),
			_perm("HR Manager"),
			{"role": "Employee", "read": 1},
		],
	},
	# hrms/hr/doctype/leave_type/leave_type.json
	{
		"name": "Leave Type",
		"module": "HR",
		"autoname": "field:leave_type_name",
		"fields": [
			_f("leave_type_name", reqd=1, unique=1),
			_f("max_leaves_allowed", "Float"),
			_f("max_continuous_days_allowed", "Int"),
			_f("is_lwp", "Check", default="0"),
			_f("is_optional_leave", "Check", default="0"),
			_f("allow_negative", "Check", default="0"),
			_f("include_holiday", "Check", default="0"),
			_f("is_compensatory", "Check", default="0"),
			_f("applicable_after", "Int"),
			# hrms leave_type.json (v15): carry forward and when carried-forward days expire
			_f("is_carry_forward", "Check", default="0"),
			_f("expire_carry_forwarded_leaves_after_days", "Int"),
		],
		"permissions": [_perm("HR User"), _perm("HR Manager"), {"role": "Employee", "read": 1}],
	},
	# hrms/hr/doctype/leave_allocation/leave_allocation.json (submittable, HR-LAL-.YYYY.-)
	{
		"name": "Leave Allocation",
		"module": "HR",
		"autoname": "naming_series:",
		"is_submittable": 1,
		"fields": [
			_f("naming_series", "Select", "HR-LAL-.YYYY.-", reqd=1),
			_f("employee", "Link", "Employee", reqd=1),
			_f("employee_name", fetch_from="employee.employee_name", read_only=1),
			_f("leave_type", "Link", "Leave Type", reqd=1),
			_f("from_date", "Date", reqd=1),
			_f("to_date", "Date", reqd=1),
			_f("new_leaves_allocated", "Float"),
			_f("carry_forward", "Check", default="0"),
			_f("unused_leaves", "Float"),
			_f("total_leaves_allocated", "Float", read_only=1),
			_f("company", "Link", "Company", fetch_from="employee.company"),
		],
		"permissions": [
			_perm("HR User", submit=1, cancel=1),
			_perm("HR Manager", submit=1, cancel=1),
			{"role": "Employee", "read": 1},
		],
	},
	# hrms/hr/doctype/leave_application/leave_application.json (version-15)
	{
		"name": "Leave Application",
		"module": "HR",
		"autoname": "naming_series:",
		"is_submittable": 1,
		"title_field": "employee_name",
		"fields": [
			_f("naming_series", "Select", "HR-LAP-.YYYY.-", reqd=1, no_copy=1),
			_f("employee", "Link", "Employee", reqd=1),
			_f("employee_name", fetch_from="employee.employee_name", read_only=1),
			_f("leave_type", "Link", "Leave Type", reqd=1),
			_f("department", "Link", "Department", fetch_from="employee.department", read_only=1),
			_f("leave_balance", "Float", read_only=1, no_copy=1),
			_f("from_date", "Date", reqd=1),
			_f("to_date", "Date", reqd=1),
			_f("half_day", "Check", default="0"),
			_f("half_day_date", "Date"),
			_f("total_leave_days", "Float", read_only=1, no_copy=1),
			_f("description", "Small Text", label="Reason"),
			_f("leave_approver", "Link", "User"),
			_f("leave_approver_name", read_only=1),
			_f(
				"status",
				"Select",
				"Open\nApproved\nRejected\nCancelled",
				default="Open",
				permlevel=1,
				reqd=1,
				no_copy=1,
			),
			_f("posting_date", "Date", default="Today", reqd=1, no_copy=1),
			_f("company", "Link", "Company", fetch_from="employee.company", read_only=1, reqd=1),
			_f("follow_via_email", "Check", default="1", allow_on_submit=1),
			_f("salary_slip", "Link", "Salary Slip"),
			_f("color", "Color", allow_on_submit=1),
			_f("amended_from", "Link", "Leave Application", read_only=1, no_copy=1),
		],
		"permissions": [
			{"role": "Employee", "read": 1, "write": 1, "create": 1, "report": 1, "share": 1},
			_perm("HR Manager", submit=1, cancel=1, amend=1),
			{"role": "All", "permlevel": 1, "read": 1},
			_perm("HR User", submit=1, cancel=1, amend=1),
			{
				"role": "Leave Approver",
				"read": 1,
				"write": 1,
				"delete": 1,
				"submit": 1,
				"cancel": 1,
				"amend": 1,
			},
			{"role": "Leave Approver", "permlevel": 1, "read": 1, "write": 1},
			{"role": "HR User", "permlevel": 1, "read": 1, "write": 1},
			{"role": "HR Manager", "permlevel": 1, "read": 1, "write": 1},
		],
	},
	# frappe/workflow/doctype/workflow/workflow.json (v15, the fields the engine reads)
	{
		"name": "Workflow",
		"module": "Workflow",
		"autoname": "field:workflow_name",
		"fields": [
			_f("workflow_name", reqd=1, unique=1),
			_f("document_type", "Link", "DocType", reqd=1),
			_f("is_active", "Check"),
			_f("override_status", "Check"),
			_f("send_email_alert", "Check"),
			_f("workflow_state_field", default="workflow_state", reqd=1),
			_f("states", "Table", "Workflow Document State"),
			_f("transitions", "Table", "Workflow Transition"),
		],
		"permissions": _SYS,
	},
	# frappe/workflow/doctype/workflow_document_state/workflow_document_state.json (v15)
	{
		"name": "Workflow Document State",
		"module": "Workflow",
		"istable": 1,
		"fields": [
			_f("state", "Link", "Workflow State", reqd=1),
			_f("doc_status", "Select", "0\n1\n2", default="0"),
			_f("update_field", "Select"),
			_f("update_value"),
			_f("allow_edit", "Link", "Role", reqd=1),
		],
	},
	# frappe/workflow/doctype/workflow_transition/workflow_transition.json (v15)
	{
		"name": "Workflow Transition",
		"module": "Workflow",
		"istable": 1,
		"fields": [
			_f("state", "Link", "Workflow State", reqd=1),
			_f("action", "Link", "Workflow Action Master", reqd=1),
			_f("next_state", "Link", "Workflow State", reqd=1),
			_f("allowed", "Link", "Role", reqd=1),
			_f("allow_self_approval", "Check", default="1"),
			_f("condition", "Code"),
		],
	},
	# frappe/workflow/doctype/workflow_state/workflow_state.json (v15)
	{
		"name": "Workflow State",
		"module": "Workflow",
		"autoname": "field:workflow_state_name",
		"fields": [
			_f("workflow_state_name", reqd=1, unique=1),
			_f("style", "Select", "\nPrimary\nSuccess\nDanger\nWarning\nInfo\nInverse"),
		],
		"permissions": [*_SYS, {"role": "All", "read": 1}],
	},
	# frappe/workflow/doctype/workflow_action_master/workflow_action_master.json (v15)
	{
		"name": "Workflow Action Master",
		"module": "Workflow",
		"autoname": "field:workflow_action_name",
		"fields": [_f("workflow_action_name", reqd=1, unique=1)],
		"permissions": [*_SYS, {"role": "All", "read": 1}],
	},
	# frappe/core/doctype/error_log/error_log.json (autoname hash)
	{
		"name": "Error Log",
		"module": "Core",
		"autoname": "hash",
		"fields": [
			_f("seen", "Check", default="0"),
			_f("method", label="Title"),
			_f("error", "Code"),
			_f("trace_id"),
			_f("reference_doctype", "Link", "DocType"),
			_f("reference_name"),
		],
		"permissions": _SYS,
	},
	# frappe/core/doctype/comment/comment.json
	{
		"name": "Comment",
		"module": "Core",
		"autoname": "hash",
		"fields": [
			_f("comment_type", "Select", "Comment\nLike\nInfo\nLabel\nWorkflow\nUpdated\nEdit\nShared\nBot"),
			_f("comment_email"),
			_f("subject", "Text"),
			_f("comment_by"),
			_f("reference_doctype", "Link", "DocType"),
			_f("reference_name", "Dynamic Link", "reference_doctype"),
			_f("reference_owner"),
			_f("content", "HTML Editor"),
		],
		"permissions": [*_SYS, {"role": "All", "read": 1, "create": 1}],
	},
	# frappe/core/doctype/docshare/docshare.json (v15): one document shared with one user (or all)
	{
		"name": "DocShare",
		"module": "Core",
		"autoname": "hash",
		"fields": [
			_f("user", "Link", "User"),
			_f("share_doctype", "Link", "DocType", reqd=1),
			_f("share_name", "Dynamic Link", "share_doctype", reqd=1),
			_f("read", "Check", default="0"),
			_f("write", "Check", default="0"),
			_f("share", "Check", default="0"),
			_f("submit", "Check", default="0"),
			_f("everyone", "Check", default="0"),
			_f("notify_by_email", "Check", default="1"),
		],
		"permissions": _SYS,
	},
	# frappe/core/doctype/file/file.json (v15, the fields an attachment is found by)
	{
		"name": "File",
		"module": "Core",
		"autoname": "hash",
		"fields": [
			_f("file_name"),
			_f("file_url", "Code"),
			_f("is_private", "Check"),
			_f("attached_to_doctype", "Link", "DocType"),
			_f("attached_to_name"),
			_f("attached_to_field"),
		],
		"permissions": [*_SYS, {"role": "All", "read": 1, "create": 1}],
	},
	# frappe/desk/doctype/todo/todo.json
	{
		"name": "ToDo",
		"module": "Desk",
		"autoname": "hash",
		"fields": [
			_f("status", "Select", "Open\nClosed\nCancelled", default="Open"),
			_f("priority", "Select", "High\nMedium\nLow", default="Medium"),
			_f("date", "Date"),
			_f("allocated_to", "Link", "User"),
			_f("description", "Text Editor", reqd=1),
			_f("reference_type", "Link", "DocType"),
			_f("reference_name", "Dynamic Link", "reference_type"),
			_f("assigned_by", "Link", "User"),
		],
		"permissions": [*_SYS, {"role": "All", "read": 1, "write": 1, "create": 1}],
	},
	# frappe/core/doctype/system_settings/system_settings.json (single; subset)
	{
		"name": "System Settings",
		"module": "Core",
		"issingle": 1,
		"fields": [
			_f("language", "Link", "Language"),
			_f("time_zone"),
			_f("date_format", default="dd-mm-yyyy"),
			_f("float_precision", "Select", "\n2\n3\n4\n5\n6\n7\n8\n9", default="3"),
			# v15: how amounts are shown and rounded (fmt_money, flt)
			_f(
				"number_format",
				"Select",
				"#,###.##\n#.###,##\n# ###.##\n# ###,##\n#'###.##\n#, ###.##\n#,##,###.##\n#,###.###\n#.###\n#,###",
			),
			_f("currency_precision", "Select", "\n0\n1\n2\n3\n4\n5\n6\n7\n8\n9"),
			_f(
				"rounding_method",
				"Select",
				"Banker's Rounding (legacy)\nBanker's Rounding\nCommercial Rounding",
				default="Banker's Rounding (legacy)",
			),
			_f("allow_error_traceback", "Check", default="1"),
			_f("enable_scheduler", "Check", default="0"),
		],
		"permissions": _SYS,
	},
	# hrms/hr/doctype/hr_settings/hr_settings.json (single; subset)
	{
		"name": "HR Settings",
		"module": "HR",
		"issingle": 1,
		"fields": [
			_f("send_leave_notification", "Check", default="1"),
			_f("restrict_backdated_leave_application", "Check", default="0"),
			_f("role_allowed_to_create_backdated_leave_application", "Link", "Role"),
			_f("leave_approval_notification_template", "Link", "Email Template"),
			_f("leave_status_notification_template", "Link", "Email Template"),
			# hrms hr_settings.json (v15): "Standard Working Hours" (Float), the day's norm
			_f("standard_working_hours", "Float"),
			# v15: whether one employee may hold overlapping Shift Assignments (shift_assignment.py)
			_f("allow_multiple_shift_assignments", "Check", default="0"),
		],
		"permissions": _SYS,
	},
	# --- ERPNext Projects (erpnext/projects/doctype/*/*.json, version-15; subsets) -------------
	# project.json: autoname naming_series PROJ-.####, status Open/Completed/Cancelled, the
	# `users` table of Project User (the members)
	{
		"name": "Project",
		"module": "Projects",
		"autoname": "naming_series:",
		"title_field": "project_name",
		"fields": [
			_f("naming_series", "Select", "PROJ-.####", reqd=1),
			_f("project_name", reqd=1, unique=1),
			_f("status", "Select", "Open\nCompleted\nCancelled", default="Open"),
			_f("is_active", "Select", "Yes\nNo"),
			_f("company", "Link", "Company", reqd=1),
			_f("users", "Table", "Project User"),
		],
		"permissions": [_perm("Projects User"), _perm("Projects Manager"), {"role": "Employee", "read": 1}],
	},
	# project_user.json (child of Project)
	{
		"name": "Project User",
		"module": "Projects",
		"istable": 1,
		"fields": [
			_f("user", "Link", "User", reqd=1),
			_f("full_name", read_only=1),
			_f("welcome_email_sent", "Check", default=0),
		],
	},
	# task.json: naming_series TASK-.YYYY.-, subject, project, status (Open, Working, Pending
	# Review, Overdue, Template, Completed, Cancelled)
	{
		"name": "Task",
		"module": "Projects",
		"autoname": "naming_series:",
		"title_field": "subject",
		"fields": [
			_f("naming_series", "Select", "TASK-.YYYY.-", reqd=1),
			_f("subject", reqd=1),
			_f("project", "Link", "Project"),
			_f(
				"status",
				"Select",
				"Open\nWorking\nPending Review\nOverdue\nTemplate\nCompleted\nCancelled",
				default="Open",
			),
			_f("company", "Link", "Company"),
		],
		"permissions": [_perm("Projects User"), _perm("Projects Manager"), {"role": "Employee", "read": 1}],
	},
	# activity_type.json: autoname field:activity_type, rates, disabled
	{
		"name": "Activity Type",
		"module": "Projects",
		"autoname": "field:activity_type",
		"fields": [
			_f("activity_type", reqd=1, unique=1),
			_f("costing_rate", "Currency"),
			_f("billing_rate", "Currency"),
			_f("disabled", "Check", default="0"),
		],
		"permissions": [_perm("Projects User"), _perm("Projects Manager"), {"role": "Employee", "read": 1}],
	},
	# timesheet.json: naming_series TS-.YYYY.-, submittable, status (read-only, set by the
	# controller), employee, user, start/end date (set from the logs), the time_logs table
	{
		"name": "Timesheet",
		"module": "Projects",
		"autoname": "naming_series:",
		"is_submittable": 1,
		"fields": [
			_f("naming_series", "Select", "TS-.YYYY.-", reqd=1),
			_f("company", "Link", "Company"),
			_f("parent_project", "Link", "Project"),
			_f("employee", "Link", "Employee"),
			_f("employee_name", fetch_from="employee.employee_name", read_only=1),
			_f("user", "Link", "User", read_only=1),
			_f(
				"status",
				"Select",
				"Draft\nSubmitted\nBilled\nPayslip\nCompleted\nCancelled",
				default="Draft",
				read_only=1,
			),
			_f("start_date", "Date", read_only=1),
			_f("end_date", "Date", read_only=1),
			_f("time_logs", "Table", "Timesheet Detail", reqd=1),
			_f("total_hours", "Float", read_only=1),
			_f("per_billed", "Percent", read_only=1),
			_f("sales_invoice", "Link", "Sales Invoice", read_only=1),
			_f("note", "Text Editor"),
			_f("amended_from", "Link", "Timesheet", read_only=1, no_copy=1),
		],
		"permissions": [
			_perm("Projects User", submit=1, cancel=1, amend=1),
			_perm("HR User", submit=1, cancel=1, amend=1),
			{"role": "Employee", "read": 1, "write": 1, "create": 1, "report": 1},
		],
	},
	# timesheet_detail.json (child of Timesheet): one time log
	{
		"name": "Timesheet Detail",
		"module": "Projects",
		"istable": 1,
		"fields": [
			_f("activity_type", "Link", "Activity Type"),
			_f("from_time", "Datetime"),
			_f("hours", "Float"),
			_f("to_time", "Datetime"),
			_f("completed", "Check", default="0"),
			_f("project", "Link", "Project"),
			_f("project_name", fetch_from="project.project_name", read_only=1),
			_f("task", "Link", "Task"),
			_f("is_billable", "Check", default="0"),
			_f("billing_hours", "Float"),
			_f("description", "Small Text"),
		],
	},
	# projects_settings.json (single): the overlap switches Timesheet.validate_overlap reads
	{
		"name": "Projects Settings",
		"module": "Projects",
		"issingle": 1,
		"fields": [
			_f("ignore_workstation_time_overlap", "Check", default="0"),
			_f("ignore_user_time_overlap", "Check", default="0"),
			_f("ignore_employee_time_overlap", "Check", default="0"),
		],
		"permissions": _SYS,
	},
]


# hrms/hr/doctype/holiday_list_assignment/holiday_list_assignment.json (version-16 only: Frappe HR
# v16 takes holidays from submitted assignments, an Employee's first, else their Company's)
HOLIDAY_LIST_ASSIGNMENT = {
	"name": "Holiday List Assignment",
	"module": "HR",
	"autoname": "naming_series:",
	"is_submittable": 1,
	"fields": [
		_f("naming_series", "Select", "HR-HLA-.YYYY.-", reqd=1),
		_f("applicable_for", "Select", "Employee\nCompany", reqd=1),
		_f("assigned_to", "Dynamic Link", "applicable_for", reqd=1),
		_f("employee_name", fetch_from="employee.employee_name", read_only=1, hidden=1),
		_f("employee_company", "Link", "Company", read_only=1, hidden=1),
		_f("amended_from", "Link", "Holiday List Assignment", read_only=1, no_copy=1),
		_f("holiday_list", "Link", "Holiday List", reqd=1),
		_f("from_date", "Date", reqd=1),
	],
	"permissions": [_perm("System Manager", submit=1, cancel=1), _perm("HR Manager", submit=1, cancel=1)],
}


def load_builtin():
	_DEFINITIONS.clear()
	for d in [*BUILTIN, *([HOLIDAY_LIST_ASSIGNMENT] if double_version.V16 else [])]:
		register_doctype({"doctype": "DocType", **d})
	app_root = _app_doctype_root()
	if app_root:
		add_json_dir(app_root)
	for root in list(_JSON_DIRS):
		add_json_dir(root)


def _app_doctype_root():
	try:
		import frappe_slack_connector
	except ImportError:
		return None
	pkg = os.path.dirname(frappe_slack_connector.__file__)
	return os.path.join(pkg, "frappe_slack_connector")


load_builtin()
