"""Per-test site handle for the Frappe test double (used by test-suite/conftest.py).

``reset_site()`` gives a fresh in-memory site; the returned ``TestSite`` has helpers to create
users, employees, leave types, allocations, holiday lists (and give them out as v15 or v16 reads
them), read Error Logs, run background jobs,
set site config, freeze time and add Custom Fields.
"""

import shutil
import tempfile

import double_version
import frappe
from frappe.model import meta as _meta
from frappe.utils import background_jobs, getdate
from frappe.utils import freeze_time as _freeze_time
from frappe.utils.redis_wrapper import get_cache
from hrms import setup as hrms_setup
from hrms_records import HrmsRecords


class TestSite(HrmsRecords):
	def __init__(self, sites_path):
		self.sites_path = sites_path

	# ---------------------------------------------------------------- config / time / jobs

	@property
	def db(self):
		return frappe.db

	def set_conf(self, **kw):
		# The site's site_config.json (what a new context reads) and the open context's copy of it.
		frappe.local.site_config_file.update(kw)
		frappe.local.conf.update(kw)

	def freeze_time(self, moment):
		_freeze_time(moment)

	def run_jobs(self, queue=None, raise_exceptions=False):
		return background_jobs.run_jobs(queue=queue, raise_exceptions=raise_exceptions)

	def queued_jobs(self):
		return background_jobs.queued_jobs()

	def finished_jobs(self):
		return background_jobs.finished_jobs()

	def add_custom_field(self, doctype, fieldname, fieldtype, options=None, **props):
		_meta.add_custom_field(doctype, fieldname, fieldtype, options, **props)

	def register_doctype_json(self, path):
		return _meta.register_doctype_json(path)

	def add_hook(self, hook, value):
		frappe.add_hook(hook, value)

	def flush_deferred_inserts(self):
		"""Run `frappe.deferred_insert.save_to_db` as the scheduler would (a job as Administrator,
		committed): Error Logs written with `defer_insert=True` reach the table. Nothing runs when
		nothing is deferred, so a test's open transaction is not committed for nothing."""
		from frappe.deferred_insert import queue_prefix

		if not frappe.cache.get_keys(queue_prefix):
			return
		method = "frappe.deferred_insert.save_to_db"
		job = frappe._dict(
			method=method,
			method_name=method,
			job_name=method,
			kwargs={},
			user="Administrator",
			site=frappe.local.site,
			on_success=None,
			on_failure=None,
		)
		background_jobs.execute_job(job, raise_exceptions=True)

	def error_logs(self):
		"""Error Logs as an admin sees them later: after the scheduler has flushed deferred rows."""
		self.flush_deferred_inserts()
		return frappe.get_all(
			"Error Log",
			fields=["name", "method", "error", "reference_doctype", "reference_name", "creation"],
			order_by="creation asc",
		)

	def set_system_language(self, lang):
		"""System Settings → Language, saved as an admin does in the desk (its on_update makes it the
		default "lang"), committed."""
		user = frappe.session.user
		frappe.set_user("Administrator")
		try:
			settings = frappe.get_single("System Settings")
			settings.language = lang
			settings.save()
		finally:
			frappe.set_user(user)
		frappe.db.commit()

	def set_user_language(self, user, lang):
		"""User → Language (the user's own setting), committed."""
		frappe.db.set_value("User", user, "language", lang)
		frappe.db.commit()

	def as_user(self, user):
		frappe.set_user(user)
		return self

	# ---------------------------------------------------------------- records

	def _insert(self, d):
		user = frappe.session.user
		frappe.set_user("Administrator")
		try:
			return frappe.get_doc(d).insert(ignore_permissions=True)
		finally:
			frappe.set_user(user)

	def make_company(self, name="Test Co", default_holiday_list=None, abbr="TC"):
		if frappe.db.exists("Company", name):
			if default_holiday_list:
				frappe.db.set_value("Company", name, "default_holiday_list", default_holiday_list)
			return frappe.get_doc("Company", name)
		return self._insert(
			{
				"doctype": "Company",
				"company_name": name,
				"abbr": abbr,
				"default_holiday_list": default_holiday_list,
			}
		)

	def make_user(self, email, roles=(), full_name=None, enabled=1, **fields):
		first, _sp, last = (full_name or email.split("@")[0]).partition(" ")
		return self._insert(
			{
				"doctype": "User",
				"email": email,
				"first_name": first,
				"last_name": last or None,
				"full_name": full_name or first,
				"enabled": enabled,
				"roles": [{"role": r} for r in roles],
				**fields,
			}
		)

	def make_holiday_list(self, name, from_date, to_date, holidays=(), weekly_off=()):
		rows = [{"holiday_date": getdate(d), "description": "Holiday", "weekly_off": 0} for d in holidays]
		rows += [
			{"holiday_date": getdate(d), "description": "Weekly Off", "weekly_off": 1} for d in weekly_off
		]
		return self._insert(
			{
				"doctype": "Holiday List",
				"holiday_list_name": name,
				"from_date": from_date,
				"to_date": to_date,
				"holidays": rows,
			}
		)

	def assign_holiday_list(self, holiday_list, *, company=None, employee=None, from_date=None):
		"""Give a company or an employee a Holiday List the way the imitated Frappe HR reads it:
		v16 a submitted Holiday List Assignment starting `from_date` (hrms/hr/doctype/
		holiday_list_assignment, version-16); v15 Company.default_holiday_list /
		Employee.holiday_list, which have no start date (erpnext employee.py, version-15)."""
		if not double_version.V16:
			doctype, name, field = (
				("Employee", employee, "holiday_list")
				if employee
				else ("Company", company, "default_holiday_list")
			)
			frappe.db.set_value(doctype, name, field, holiday_list)
			return None
		return self._insert(
			{
				"doctype": "Holiday List Assignment",
				"applicable_for": "Employee" if employee else "Company",
				"assigned_to": employee or company,
				"holiday_list": holiday_list,
				"from_date": from_date,
				"docstatus": 1,
			}
		)

	def make_department(self, name, approvers=(), company="Test Co", parent=None):
		self.make_company(company)
		doc = self._insert(
			{
				"doctype": "Department",
				"department_name": name,
				"company": company,
				"parent_department": parent,
				"leave_approvers": [{"approver": a} for a in approvers],
			}
		)
		if parent:
			frappe.db.set_value("Department", parent, "is_group", 1)
		self._number_department_tree()
		return frappe.get_doc("Department", doc.name)

	def _number_department_tree(self):
		"""lft/rgt of every Department as frappe/utils/nestedset.py keeps them (a node's
		descendants are exactly the nodes with lft > its lft and rgt < its rgt; children in name
		order, as `rebuild_tree` orders them)."""
		rows = frappe.get_all("Department", fields=["name", "parent_department"], limit_page_length=0)
		children = {}
		for row in rows:
			children.setdefault(row.parent_department or None, []).append(row.name)
		counter = 0

		def number(name):
			nonlocal counter
			counter += 1
			lft = counter
			for child in sorted(children.get(name, [])):
				number(child)
			counter += 1
			frappe.db.set_value("Department", name, {"lft": lft, "rgt": counter})

		for root in sorted(children.get(None, [])):
			number(root)

	def make_branch(self, name):
		if not frappe.db.exists("Branch", name):
			self._insert({"doctype": "Branch", "branch": name})
		return name

	def make_employee_group(self, name, employees):
		return self._insert(
			{
				"doctype": "Employee Group",
				"employee_group_name": name,
				"employee_list": [{"employee": e} for e in employees],
			}
		)

	def make_employee(
		self,
		user_id=None,
		first_name="Test",
		last_name="Employee",
		company="Test Co",
		status="Active",
		**fields,
	):
		self.make_company(company)
		if user_id and not frappe.db.exists("User", user_id):
			self.make_user(user_id, roles=["Employee"], full_name=f"{first_name} {last_name}".strip())
		return self._insert(
			{
				"doctype": "Employee",
				"first_name": first_name,
				"last_name": last_name,
				"employee_name": f"{first_name} {last_name}".strip(),
				"user_id": user_id,
				"company": company,
				"status": status,
				**fields,
			}
		)

	def make_leave_type(self, name="Casual Leave", **fields):
		if frappe.db.exists("Leave Type", name):
			return frappe.get_doc("Leave Type", name)
		return self._insert({"doctype": "Leave Type", "leave_type_name": name, **fields})

	def make_allocation(
		self, employee, leave_type, from_date, to_date, new_leaves_allocated=10, submit=True, **fields
	):
		self.make_leave_type(leave_type)
		doc = self._insert(
			{
				"doctype": "Leave Allocation",
				"employee": employee,
				"leave_type": leave_type,
				"from_date": from_date,
				"to_date": to_date,
				"new_leaves_allocated": new_leaves_allocated,
				"docstatus": 1 if submit else 0,
				**fields,
			}
		)
		return doc


def reset_site(conf=None):
	"""Fresh double: empty DB, default flags/conf, Guest session, no frozen time, no jobs."""
	from frappe.model.meta import clear_custom_fields, load_builtin

	old = getattr(frappe.local, "sites_path", None)
	if old and old.startswith(tempfile.gettempdir()) and "frappe-double-sites-" in old:
		shutil.rmtree(old, ignore_errors=True)
	_freeze_time(None)
	clear_custom_fields()
	load_builtin()
	hrms_setup.after_install()
	frappe.controllers.clear()
	frappe._extra_hooks.clear()
	background_jobs.reset()
	get_cache().flushall()
	frappe.init(conf=conf or {})
	_sync_languages()
	frappe.local.db.commit()
	return TestSite(frappe.local.sites_path)


# frappe/geo/languages.json (v15; a subset of its 83 rows): synced into Language at install
LANGUAGES = (("de", "Deutsch"), ("en", "English"), ("en-US", "English (United States)"), ("fr", "Français"))


def _sync_languages():
	# frappe/core/doctype/language/language.py (v15) sync_languages, run by frappe/utils/install.py:
	# one enabled Language per languages.json row
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		for code, name in LANGUAGES:
			frappe.get_doc(
				{"doctype": "Language", "language_code": code, "language_name": name, "enabled": 1}
			).insert()
	finally:
		frappe.set_user(user)
