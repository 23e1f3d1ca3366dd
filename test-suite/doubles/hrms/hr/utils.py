"""# hrms/hr/utils.py (version-15): validate_active_employee, set_employee_name."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form


def validate_active_employee(employee, method=None):
	# hrms/hr/utils.py (version-15): only status "Inactive" is refused (not "Left")
	from erpnext.setup.doctype.employee.employee import InactiveEmployeeStatusError

	if isinstance(employee, dict | Document):
		employee = employee.get("employee")
	if employee and frappe.db.get_value("Employee", employee, "status") == "Inactive":
		frappe.throw(
			_("Transactions cannot be created for an Inactive Employee {0}.").format(
				get_link_to_form("Employee", employee)
			),
			InactiveEmployeeStatusError,
		)


def set_employee_name(doc):
	if doc.employee and not doc.employee_name:
		doc.employee_name = frappe.db.get_value("Employee", doc.employee, "employee_name")
