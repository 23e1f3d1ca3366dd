"""# erpnext/projects/doctype/timesheet/timesheet.py (version-15) — imitation.

validate() runs, in ERPNext's order: set_status (Draft/Submitted/Cancelled by docstatus),
validate_dates ("To date cannot be before from date"), calculate_hours (hours = to_time -
from_time when both are set), validate_time_logs → per row set_to_time (to_time = from_time +
hours), validate_overlap (OverlapError "Row {0}: From Time and To Time of {1} is overlapping with
{2}", for the Timesheet's `user` and `employee` unless Projects Settings ignores them: another
Timesheet with docstatus < 2 of the same employee whose log overlaps, or another row of this
one — check_internal_overlap), set_project (the task's project), validate_project (parent
project), then calculate_total_amounts (total_hours) and set_dates (start/end date from the
logs). on_submit: validate_mandatory_fields (activity type for an employee's Timesheet; "Hours
value must be greater than zero").
hrms overrides the class (hrms/overrides/employee_timesheet.py: EmployeeTimesheet.set_status);
its statuses for a draft are the same.
Not imitated: costing/billing rates (Activity Cost), billing percentages, task/project updates
on submit. ERPNext has no server-side check of the project's status: the desk only filters the
picker (timesheet.js get_query), which is why the app checks it itself.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, flt, get_datetime, getdate, time_diff_in_hours


class OverlapError(frappe.ValidationError):
	pass


class OverWorkLoggedError(frappe.ValidationError):
	pass


class Timesheet(Document):
	def validate(self):
		self.set_status()
		self.validate_dates()
		self.calculate_hours()
		self.validate_time_logs()
		self.calculate_total_amounts()
		self.set_dates()

	def on_submit(self):
		self.validate_mandatory_fields()

	def set_status(self):
		self.status = {"0": "Draft", "1": "Submitted", "2": "Cancelled"}[str(self.docstatus or 0)]

	def validate_dates(self):
		for data in self.time_logs:
			if data.from_time and data.to_time and time_diff_in_hours(data.to_time, data.from_time) < 0:
				frappe.throw(_("To date cannot be before from date"))

	def calculate_hours(self):
		for row in self.time_logs:
			if row.to_time and row.from_time:
				row.hours = time_diff_in_hours(row.to_time, row.from_time)

	def validate_time_logs(self):
		for data in self.get("time_logs"):
			self.set_to_time(data)
			self.validate_overlap(data)
			self.set_project(data)
			self.validate_project(data)

	def set_to_time(self, data):
		if not (data.from_time and data.hours):
			return
		to_time = get_datetime(add_to_date(data.from_time, hours=data.hours, as_datetime=True))
		if data.to_time != to_time:
			data.to_time = to_time

	def validate_overlap(self, data):
		settings = frappe.get_single("Projects Settings")
		self.validate_overlap_for("user", data, self.user, settings.ignore_user_time_overlap)
		self.validate_overlap_for("employee", data, self.employee, settings.ignore_employee_time_overlap)

	def set_project(self, data):
		data.project = data.project or frappe.db.get_value("Task", data.task, "project")

	def validate_project(self, data):
		if self.parent_project and self.parent_project != data.project:
			frappe.throw(
				_("Row {0}: Project must be same as the one set in the Timesheet: {1}.").format(
					data.idx, self.parent_project
				)
			)

	def validate_overlap_for(self, fieldname, args, value, ignore_validation=False):
		if not value or ignore_validation:
			return
		existing = self.get_overlap_for(fieldname, args, value)
		if existing:
			frappe.throw(
				_("Row {0}: From Time and To Time of {1} is overlapping with {2}").format(
					args.idx, self.name, existing.name
				),
				OverlapError,
			)

	def get_overlap_for(self, fieldname, args, value):
		# The query joins Timesheet and Timesheet Detail: another log (not this row, not this
		# Timesheet) of a Timesheet with docstatus < 2 and the same `fieldname` value, where the
		# new log starts inside it, ends inside it, or covers it.
		from_time, to_time = get_datetime(args.from_time), get_datetime(args.to_time)
		sheets = {
			row.name: row
			for row in frappe.get_all(
				"Timesheet",
				filters={fieldname: value, "docstatus": ("<", 2), "name": ("!=", args.parent or "No Name")},
				fields=["name"],
			)
		}
		existing = None
		if sheets:
			for log in frappe.get_all(
				"Timesheet Detail",
				filters={"parenttype": "Timesheet", "parent": ("in", sorted(sheets))},
				fields=["name", "parent", "from_time", "to_time"],
			):
				if log.name == (args.name or "No Name") or not (log.from_time and log.to_time):
					continue
				start, end = get_datetime(log.from_time), get_datetime(log.to_time)
				if (
					(start < from_time < end)
					or (start < to_time < end)
					or (from_time <= start and to_time >= end)
				):
					existing = frappe._dict(name=log.parent, from_time=start, to_time=end)
					break
		if self.check_internal_overlap(fieldname, args):
			return self
		return existing

	def check_internal_overlap(self, fieldname, args):
		for time_log in self.time_logs:
			if not (time_log.from_time and time_log.to_time and args.from_time and args.to_time):
				continue
			start, end = get_datetime(time_log.from_time), get_datetime(time_log.to_time)
			a_start, a_end = get_datetime(args.from_time), get_datetime(args.to_time)
			if (
				args.get(fieldname) == time_log.get(fieldname)
				and args.idx != time_log.idx
				and ((start < a_start < end) or (start < a_end < end) or (a_start <= start and a_end >= end))
			):
				return True
		return False

	def calculate_total_amounts(self):
		self.total_hours = sum(flt(d.hours) for d in self.get("time_logs"))

	def set_dates(self):
		if self.docstatus < 2 and self.time_logs:
			self.start_date = getdate(min(getdate(d.from_time) for d in self.time_logs))
			self.end_date = getdate(max(getdate(d.to_time) for d in self.time_logs))

	def validate_mandatory_fields(self):
		for data in self.time_logs:
			if not data.from_time and not data.to_time:
				frappe.throw(_("Row {0}: From Time and To Time is mandatory.").format(data.idx))
			if not data.activity_type and self.employee:
				frappe.throw(_("Row {0}: Activity Type is mandatory.").format(data.idx))
			if flt(data.hours) == 0.0:
				frappe.throw(_("Row {0}: Hours value must be greater than zero.").format(data.idx))
