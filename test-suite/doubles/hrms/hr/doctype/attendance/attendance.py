"""# hrms/hr/doctype/attendance/attendance.py (version-15 @0155017a) — imitation of what an
approved Attendance Request meets: validate_active_employee, validate_attendance_date (no future
day unless on leave; not before joining), validate_duplicate_record (DuplicateAttendanceError;
another shift's attendance does not count as a duplicate), validate_employee_status.
Not imitated: overlapping shift attendance, the leave record check, Employee Checkins.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_date, get_link_to_form, getdate, nowdate

from hrms.hr.utils import validate_active_employee


class DuplicateAttendanceError(frappe.ValidationError):
	pass


class Attendance(Document):
	def validate(self):
		validate_active_employee(self.employee)
		self.validate_attendance_date()
		self.validate_duplicate_record()
		self.validate_employee_status()

	def validate_attendance_date(self):
		date_of_joining = frappe.db.get_value("Employee", self.employee, "date_of_joining")
		if (
			self.status != "On Leave"
			and not self.leave_application
			and getdate(self.attendance_date) > getdate(nowdate())
		):
			frappe.throw(
				_("Attendance can not be marked for future dates: {0}").format(
					frappe.bold(format_date(self.attendance_date))
				)
			)
		elif date_of_joining and getdate(self.attendance_date) < getdate(date_of_joining):
			frappe.throw(
				_("Attendance date {0} can not be less than employee {1}'s joining date: {2}").format(
					frappe.bold(format_date(self.attendance_date)),
					frappe.bold(self.employee),
					frappe.bold(format_date(date_of_joining)),
				)
			)

	def validate_duplicate_record(self):
		duplicate = self.get_duplicate_attendance_record()
		if duplicate:
			frappe.throw(
				_("Attendance for employee {0} is already marked for the date {1}: {2}").format(
					frappe.bold(self.employee),
					frappe.bold(format_date(self.attendance_date)),
					get_link_to_form("Attendance", duplicate),
				),
				title=_("Duplicate Attendance"),
				exc=DuplicateAttendanceError,
			)

	def get_duplicate_attendance_record(self):
		for row in frappe.get_all(
			"Attendance",
			filters={
				"employee": self.employee,
				"docstatus": ["<", 2],
				"attendance_date": getdate(self.attendance_date),
				"name": ["!=", self.name or ""],
			},
			fields=["name", "shift"],
		):
			if not self.shift or not row.shift or row.shift == self.shift:
				return row.name
		return None

	def validate_employee_status(self):
		if frappe.db.get_value("Employee", self.employee, "status") == "Inactive":
			frappe.throw(_("Cannot mark attendance for an Inactive employee {0}").format(self.employee))
