"""# hrms/hr/doctype/shift_assignment/shift_assignment.py (version-15 @0155017a) — imitation.

validate (validate_active_employee, validate_from_to_dates, validate_overlapping_shifts with HR
Settings allow_multiple_shift_assignments) and has_overlapping_timings as hrms.
Not imitated: the cancel checks against Employee Checkins and Attendance, schedules, locations.
"""

import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, get_link_to_form, get_timedelta, getdate

from hrms.hr.utils import validate_active_employee


class OverlappingShiftError(frappe.ValidationError):
	pass


class MultipleShiftError(frappe.ValidationError):
	pass


class ShiftAssignment(Document):
	def validate(self):
		validate_active_employee(self.employee)
		if self.end_date:
			self.validate_from_to_dates("start_date", "end_date")
		self.validate_overlapping_shifts()

	def validate_overlapping_shifts(self):
		if self.status == "Inactive":
			return
		overlapping_dates = self.get_overlapping_dates()
		if overlapping_dates:
			self.validate_same_date_multiple_shifts(overlapping_dates)
			for d in overlapping_dates:
				if has_overlapping_timings(self.shift_type, d.shift_type):
					self.throw_overlap_error(d)

	def validate_same_date_multiple_shifts(self, overlapping_dates):
		if cint(frappe.db.get_single_value("HR Settings", "allow_multiple_shift_assignments")):
			return
		msg = _("{0} already has an active Shift Assignment {1} for some/all of these dates.").format(
			frappe.bold(self.employee), get_link_to_form("Shift Assignment", overlapping_dates[0].name)
		)
		msg += "<br><br>"
		msg += _("To allow this, enable {0} under {1}.").format(
			frappe.bold(_("Allow Multiple Shift Assignments for Same Date")),
			get_link_to_form("HR Settings", "HR Settings"),
		)
		frappe.throw(title=_("Multiple Shift Assignments"), msg=msg, exc=MultipleShiftError)

	def get_overlapping_dates(self):
		if not self.name:
			self.name = "New Shift Assignment"
		return [
			d
			for d in frappe.get_all(
				"Shift Assignment",
				filters={
					"employee": self.employee,
					"docstatus": 1,
					"name": ["!=", self.name],
					"status": "Active",
				},
				fields=["name", "shift_type", "docstatus", "status", "start_date", "end_date"],
			)
			if (not d.end_date or getdate(d.end_date) >= getdate(self.start_date))
			and (not self.end_date or getdate(d.start_date) <= getdate(self.end_date))
		]

	def throw_overlap_error(self, shift_details):
		shift_details = frappe._dict(shift_details)
		msg = _("Employee {0} already has an active Shift {1}: {2} that overlaps within this period.").format(
			frappe.bold(self.employee),
			frappe.bold(shift_details.shift_type),
			get_link_to_form("Shift Assignment", shift_details.name),
		)
		frappe.throw(msg, title=_("Overlapping Shifts"), exc=OverlappingShiftError)


def has_overlapping_timings(shift_1, shift_2):
	"""Whether two shift types' timings overlap (a shift ending at or before its start ends the
	next day)."""
	timings = []
	for shift in (shift_1, shift_2):
		start, end = frappe.db.get_value("Shift Type", shift, ["start_time", "end_time"])
		start, end = get_timedelta(start), get_timedelta(end)
		if end <= start:
			end += datetime.timedelta(days=1)
		timings.append((start, end))
	(s1_start, s1_end), (s2_start, s2_end) = timings
	return s1_end > s2_start and s1_start < s2_end
