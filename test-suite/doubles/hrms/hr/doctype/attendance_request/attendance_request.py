"""# hrms/hr/doctype/attendance_request/attendance_request.py (version-15 @0155017a) — imitation.

No approver, no status: approving is submitting (System Manager, HR Manager, HR User may; the
Employee may not), which marks Attendance for each day of the request (holidays skipped unless
include_holidays, days of an approved leave skipped; an existing Attendance gets the new status and
an Info comment). hrms has no rejection. validate (validate_active_employee, validate_dates without
the future restriction, validate_half_day, validate_request_overlap), on_submit, on_cancel (the
request's Attendance cancelled), get_attendance_warnings as hrms, with its messages and
OverlappingAttendanceRequestError.
Not imitated: the msgprints naming each skipped or updated day.
"""

import frappe
from erpnext.setup.doctype.employee.employee import is_holiday
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, date_diff, get_link_to_form, getdate

from hrms.hr.utils import validate_active_employee, validate_dates


class OverlappingAttendanceRequestError(frappe.ValidationError):
	pass


class AttendanceRequest(Document):
	def validate(self):
		validate_active_employee(self.employee)
		validate_dates(self, self.from_date, self.to_date, False)
		self.validate_half_day()
		self.validate_request_overlap()

	def validate_half_day(self):
		# an empty half_day_date reads as today (frappe getdate(None))
		if self.half_day:
			if not getdate(self.from_date) <= getdate(self.half_day_date) <= getdate(self.to_date):
				frappe.throw(_("Half day date should be in between from date and to date"))

	def validate_request_overlap(self):
		if not self.name:
			self.name = "New Attendance Request"
		for other in frappe.get_all(
			"Attendance Request",
			filters={"employee": self.employee, "docstatus": ["<", 2], "name": ["!=", self.name]},
			fields=["name", "from_date", "to_date"],
		):
			if getdate(self.to_date) >= getdate(other.from_date) and getdate(self.from_date) <= getdate(
				other.to_date
			):
				self.throw_overlap_error(other.name)

	def throw_overlap_error(self, overlapping_request):
		msg = _("Employee {0} already has an Attendance Request {1} that overlaps with this period").format(
			frappe.bold(self.employee), get_link_to_form("Attendance Request", overlapping_request)
		)
		frappe.throw(msg, title=_("Overlapping Attendance Request"), exc=OverlappingAttendanceRequestError)

	def on_submit(self):
		self.create_attendance_records()

	def on_cancel(self):
		for name in frappe.get_all(
			"Attendance",
			filters={"employee": self.employee, "attendance_request": self.name, "docstatus": 1},
			pluck="name",
		):
			frappe.get_doc("Attendance", name).cancel()

	def create_attendance_records(self):
		for day in range(date_diff(self.to_date, self.from_date) + 1):
			attendance_date = add_days(self.from_date, day)
			if self.should_mark_attendance(attendance_date):
				self.create_or_update_attendance(attendance_date)

	def create_or_update_attendance(self, date):
		attendance_name = self.get_attendance_record(date)
		status = self.get_attendance_status(date)
		if attendance_name:
			doc = frappe.get_doc("Attendance", attendance_name)
			old_status = doc.status
			if old_status != status:
				doc.db_set({"status": status, "attendance_request": self.name})
				text = _("changed the status from {0} to {1} via Attendance Request").format(
					frappe.bold(old_status), frappe.bold(status)
				)
				doc.add_comment(comment_type="Info", text=text)
		else:
			doc = frappe.new_doc("Attendance")
			doc.employee = self.employee
			doc.attendance_date = date
			doc.shift = self.shift
			doc.company = self.company
			doc.attendance_request = self.name
			doc.status = status
			doc.insert(ignore_permissions=True)
			doc.submit()

	def should_mark_attendance(self, attendance_date):
		if not self.include_holidays and is_holiday(self.employee, attendance_date):
			return False
		return not self.has_leave_record(attendance_date)

	def has_leave_record(self, attendance_date):
		return frappe.db.exists(
			"Leave Application",
			{
				"employee": self.employee,
				"docstatus": 1,
				"from_date": ["<=", getdate(attendance_date)],
				"to_date": [">=", getdate(attendance_date)],
				"status": "Approved",
			},
		)

	def get_attendance_record(self, attendance_date):
		return frappe.db.exists(
			"Attendance",
			{"employee": self.employee, "attendance_date": getdate(attendance_date), "docstatus": ["!=", 2]},
		)

	def get_attendance_status(self, attendance_date):
		if self.half_day and date_diff(getdate(self.half_day_date), getdate(attendance_date)) == 0:
			return "Half Day"
		if self.reason == "Work From Home":
			return "Work From Home"
		return "Present"

	@frappe.whitelist()
	def get_attendance_warnings(self):
		warnings = []
		for day in range(date_diff(self.to_date, self.from_date) + 1):
			attendance_date = add_days(self.from_date, day)
			if not self.include_holidays and is_holiday(self.employee, attendance_date):
				warnings.append({"date": attendance_date, "reason": "Holiday", "action": "Skip"})
			elif self.has_leave_record(attendance_date):
				warnings.append({"date": attendance_date, "reason": "On Leave", "action": "Skip"})
			else:
				attendance = self.get_attendance_record(attendance_date)
				if attendance:
					warnings.append(
						{
							"date": attendance_date,
							"reason": "Attendance already marked",
							"record": attendance,
							"action": "Overwrite",
						}
					)
		return warnings
