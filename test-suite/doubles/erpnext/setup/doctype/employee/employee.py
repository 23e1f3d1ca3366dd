"""# erpnext/setup/doctype/employee/employee.py (version-15 / version-16, double_version.py): controller
subset + holiday helpers."""

import double_version
import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today


class InactiveEmployeeStatusError(frappe.ValidationError):
	pass


class EmployeeUserDisabledError(frappe.ValidationError):
	pass


class Employee(Document):
	def validate(self):
		# erpnext employee.py: set_employee_name, validate_duplicate_user_id
		self.employee_name = " ".join(
			filter(None, [self.first_name, self.get("middle_name"), self.last_name])
		)
		if self.user_id:
			self.validate_duplicate_user_id()

	def validate_duplicate_user_id(self):
		# erpnext employee.py: an Active employee already linked to the user -> DuplicateEntryError
		other = frappe.get_all(
			"Employee",
			filters={"user_id": self.user_id, "status": "Active", "name": ["!=", self.name]},
			pluck="name",
			limit=1,
		)
		if other:
			frappe.throw(
				_("User {0} is already assigned to Employee {1}").format(self.user_id, other[0]),
				frappe.DuplicateEntryError,
			)

	def on_update(self):
		# erpnext employee.py: update_user (adds "Employee" role), update_approver_role
		if self.user_id:
			user = frappe.get_doc("User", self.user_id)
			user.flags.ignore_permissions = True
			user.add_roles("Employee")
		if self.leave_approver and frappe.db.exists("User", self.leave_approver):
			user = frappe.get_doc("User", self.leave_approver)
			user.flags.ignore_permissions = True
			user.add_roles("Leave Approver")
		# hrms/overrides/employee_master.py (v15) update_approver_role, an Employee on_update hook
		if self.get("expense_approver") and frappe.db.exists("User", self.expense_approver):
			user = frappe.get_doc("User", self.expense_approver)
			user.flags.ignore_permissions = True
			user.add_roles("Expense Approver")


def _company_holiday_list(employee, raise_exception):
	# erpnext employee.py (version-15, and version-16 without the hook): Employee.holiday_list, else
	# the company's default_holiday_list (Global Defaults' company for no employee), else throw
	if employee:
		holiday_list, company = frappe.get_cached_value("Employee", employee, ["holiday_list", "company"])
	else:
		holiday_list = ""
		company = frappe.db.get_single_value("Global Defaults", "default_company")
	if not holiday_list:
		holiday_list = frappe.get_cached_value("Company", company, "default_holiday_list")
	if not holiday_list and raise_exception:
		frappe.throw(_("Please set a default Holiday List for Company {0}").format(frappe.bold(company)))
	return holiday_list


if double_version.V16:

	def get_holiday_list_for_employee(employee, raise_exception=True, as_on=None):
		# erpnext employee.py (version-16): an `employee_holiday_list` hook (hrms/hooks.py registers
		# hrms.utils.holiday_list.get_holiday_list_for_employee) answers instead, the last one wins
		hrms_override = frappe.get_hooks("employee_holiday_list")
		if hrms_override:
			return frappe.get_attr(hrms_override[-1])(employee, raise_exception, as_on)
		return _company_holiday_list(employee, raise_exception)

else:

	def get_holiday_list_for_employee(employee, raise_exception=True):
		# erpnext employee.py (version-15): no `as_on`, no hook
		return _company_holiday_list(employee, raise_exception)


def is_holiday(employee, date=None, raise_exception=True, only_non_weekly=False, with_description=False):
	# erpnext employee.py (version-15): holiday check through the employee's holiday list
	holiday_list = get_holiday_list_for_employee(employee, raise_exception)
	if not holiday_list:
		return False
	filters = {"parent": holiday_list, "holiday_date": getdate(date or today())}
	if only_non_weekly:
		filters["weekly_off"] = 0
	rows = frappe.get_all("Holiday", filters=filters, pluck="description")
	if with_description:
		return len(rows) > 0, rows
	return len(rows) > 0
