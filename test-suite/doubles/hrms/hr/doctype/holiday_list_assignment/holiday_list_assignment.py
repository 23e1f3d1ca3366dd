"""# hrms/hr/doctype/holiday_list_assignment/holiday_list_assignment.py (version-16): the controller's
checks (the DocType itself exists only when the double speaks v16: frappe/model/meta.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_date, getdate


class DuplicateAssignment(frappe.ValidationError):
	# hrms/payroll/doctype/salary_structure_assignment/salary_structure_assignment.py
	pass


class HolidayListAssignment(Document):
	def validate(self):
		self.validate_assignment_start_date()
		self.validate_existing_assignment()

	def validate_existing_assignment(self):
		# one submitted assignment per assignee and start date
		existing = frappe.db.exists(
			"Holiday List Assignment",
			{"assigned_to": self.assigned_to, "from_date": self.from_date, "docstatus": 1},
		)
		if existing:
			frappe.throw(
				_("Holiday List Assignment for {0} already exists for date {1}: {2}").format(
					self.assigned_to, format_date(self.from_date), existing
				),
				DuplicateAssignment,
				title=_("Duplicate Assignment"),
			)

	def validate_assignment_start_date(self):
		# the assignment starts within its Holiday List's dates
		start, end = frappe.db.get_value("Holiday List", self.holiday_list, ["from_date", "to_date"])
		if not getdate(start) <= getdate(self.from_date) <= getdate(end):
			frappe.throw(_("Assignment start date cannot be outside holiday list dates"))
