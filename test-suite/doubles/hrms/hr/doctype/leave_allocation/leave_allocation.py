"""# hrms/hr/doctype/leave_allocation/leave_allocation.py (version-15): minimal controller."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate


class LeaveAllocation(Document):
	def validate(self):
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(_("To date cannot be before from date"))
		# leave_allocation.py: set_total_leaves_allocated = unused + new
		self.total_leaves_allocated = flt(self.unused_leaves) + flt(self.new_leaves_allocated)
