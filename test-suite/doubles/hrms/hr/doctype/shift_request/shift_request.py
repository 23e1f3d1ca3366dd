"""# hrms/hr/doctype/shift_request/shift_request.py (version-15 @0155017a) — imitation.

Approve = status "Approved" + submit (makes and submits a Shift Assignment), reject = "Rejected" +
submit. validate (validate_active_employee, validate_from_to_dates, validate_overlapping_shift_
requests, validate_approver, validate_default_shift), on_submit (status still Draft refused; the
assignment), on_cancel (its assignments cancelled) as hrms, with hrms's exception classes and
messages. validate_approver runs on every save, the submit's too: an approver who is neither the
employee's shift_request_approver nor a Department Approver of the employee's own department
(parentfield shift_request_approver) is refused.
on_update shares the request with its approver (share_doc_with_approver: submit, when their roles
do not let them), so the named approver may approve it without an HR role, as on a real site.
Not imitated: PWA notifications, the msgprint naming the new assignment.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form

from hrms.hr.doctype.shift_assignment.shift_assignment import has_overlapping_timings
from hrms.hr.utils import share_doc_with_approver, validate_active_employee


class OverlappingShiftRequestError(frappe.ValidationError):
	pass


class ShiftRequest(Document):
	def validate(self):
		validate_active_employee(self.employee)
		self.validate_from_to_dates("from_date", "to_date")
		self.validate_overlapping_shift_requests()
		self.validate_approver()
		self.validate_default_shift()

	def on_update(self):
		share_doc_with_approver(self, self.approver)

	def on_submit(self):
		if self.status not in ["Approved", "Rejected"]:
			frappe.throw(_("Only Shift Request with status 'Approved' and 'Rejected' can be submitted"))
		if self.status == "Approved":
			assignment_doc = frappe.new_doc("Shift Assignment")
			assignment_doc.company = self.company
			assignment_doc.shift_type = self.shift_type
			assignment_doc.employee = self.employee
			assignment_doc.start_date = self.from_date
			if self.to_date:
				assignment_doc.end_date = self.to_date
			assignment_doc.shift_request = self.name
			assignment_doc.flags.ignore_permissions = 1
			assignment_doc.insert()
			assignment_doc.submit()

	def on_cancel(self):
		for name in frappe.get_all(
			"Shift Assignment",
			filters={"employee": self.employee, "shift_request": self.name, "docstatus": 1},
			pluck="name",
		):
			frappe.get_doc("Shift Assignment", name).cancel()

	def validate_default_shift(self):
		default_shift = frappe.get_value("Employee", self.employee, "default_shift")
		if self.shift_type == default_shift:
			frappe.throw(
				_("You can not request for your Default Shift: {0}").format(frappe.bold(self.shift_type))
			)

	def validate_approver(self):
		department = frappe.get_value("Employee", self.employee, "department")
		shift_approver = frappe.get_value("Employee", self.employee, "shift_request_approver")
		approvers = frappe.get_all(
			"Department Approver",
			filters={"parent": department, "parentfield": "shift_request_approver"},
			pluck="approver",
		)
		approvers.append(shift_approver)
		if self.approver not in approvers:
			frappe.throw(_("Only Approvers can Approve this Request."))

	def validate_overlapping_shift_requests(self):
		for d in self.get_overlapping_dates():
			# dates meet: only overlapping timings refuse
			if has_overlapping_timings(self.shift_type, d.shift_type):
				self.throw_overlap_error(d)

	def get_overlapping_dates(self):
		if not self.name:
			self.name = "New Shift Request"
		return [
			d
			for d in frappe.get_all(
				"Shift Request",
				filters={"employee": self.employee, "docstatus": ["<", 2], "name": ["!=", self.name]},
				fields=["name", "shift_type", "from_date", "to_date"],
			)
			if (not d.to_date or frappe.utils.getdate(d.to_date) >= frappe.utils.getdate(self.from_date))
			and (not self.to_date or frappe.utils.getdate(d.from_date) <= frappe.utils.getdate(self.to_date))
		]

	def throw_overlap_error(self, shift_details):
		shift_details = frappe._dict(shift_details)
		msg = _(
			"Employee {0} has already applied for Shift {1}: {2} that overlaps within this period"
		).format(
			frappe.bold(self.employee),
			frappe.bold(shift_details.shift_type),
			get_link_to_form("Shift Request", shift_details.name),
		)
		frappe.throw(msg, title=_("Overlapping Shift Requests"), exc=OverlappingShiftRequestError)
