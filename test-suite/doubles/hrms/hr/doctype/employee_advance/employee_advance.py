"""# hrms/hr/doctype/employee_advance/employee_advance.py (version-15 @0155017a) — imitation.

No approver field and no approval status: approving is submitting (only the Expense Approver role
may), the status then "Unpaid"; hrms has no rejection. validate (validate_active_employee,
validate_exchange_rate, set_status, set_pending_amount), on_cancel (status), set_status and
update_claimed_amount (called by a submitted/cancelled Expense Claim) as hrms computes them.
Later version-15 releases (seen in hrms 15.59 on a real site) add validate_advance_account_type
and before_submit's default advance account: imitated too, the stricter side.
Not imitated: payments (set_total_advance_paid reads GL Entries; paid_amount stays as stored),
unlinking payments on cancel, the mobile app's refresh (publish_update).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from hrms.hr.utils import validate_active_employee


class EmployeeAdvanceOverPayment(frappe.ValidationError):
	pass


class EmployeeAdvance(Document):
	def validate(self):
		validate_active_employee(self.employee)
		self.validate_exchange_rate()
		self.validate_advance_account_type()
		self.set_status()
		self.set_pending_amount()

	def before_submit(self):
		# hrms 15.59: the company's default advance account, else the submit is refused
		if not self.get("advance_account"):
			default = frappe.db.get_value("Company", self.company, "default_employee_advance_account")
			if not default:
				frappe.throw(
					_(
						"Advance Account is mandatory. Please set the Default Employee Advance Account in the Company record {0} and submit this document."
					).format(self.company),
					title=_("Missing Advance Account"),
				)
			self.advance_account = default

	def validate_advance_account_type(self):
		# hrms 15.59: an advance account that is not Receivable is refused
		if not self.advance_account:
			return
		if frappe.db.get_value("Account", self.advance_account, "account_type") != "Receivable":
			frappe.throw(
				_("Employee advance account {0} should be of type {1}.").format(
					self.advance_account, frappe.bold("Receivable")
				)
			)

	def on_cancel(self):
		self.set_status(update=True)

	def validate_exchange_rate(self):
		if not self.exchange_rate:
			frappe.throw(_("Exchange Rate cannot be zero."))

	def set_status(self, update=False):
		precision = self.precision("paid_amount")
		total_amount = flt(flt(self.claimed_amount) + flt(self.return_amount), precision)
		status = None
		if self.docstatus == 0:
			status = "Draft"
		elif self.docstatus == 1:
			if flt(self.claimed_amount) > 0 and flt(self.claimed_amount, precision) == flt(
				self.paid_amount, precision
			):
				status = "Claimed"
			elif flt(self.return_amount) > 0 and flt(self.return_amount, precision) == flt(
				self.paid_amount, precision
			):
				status = "Returned"
			elif (
				flt(self.claimed_amount) > 0
				and flt(self.return_amount) > 0
				and total_amount == flt(self.paid_amount, precision)
			):
				status = "Partly Claimed and Returned"
			elif flt(self.paid_amount) > 0 and flt(self.advance_amount, precision) == flt(
				self.paid_amount, precision
			):
				status = "Paid"
			else:
				status = "Unpaid"
		elif self.docstatus == 2:
			status = "Cancelled"
		if update:
			self.db_set("status", status)
		else:
			self.status = status

	def update_claimed_amount(self):
		# hrms: SUM(allocated_amount) of this advance's rows on submitted, Approved claims
		claims = set(
			frappe.get_all(
				"Expense Claim", filters={"docstatus": 1, "approval_status": "Approved"}, pluck="name"
			)
		)
		claimed_amount = sum(
			flt(row.allocated_amount)
			for row in frappe.get_all(
				"Expense Claim Advance",
				filters={"employee_advance": self.name, "parenttype": "Expense Claim"},
				fields=["parent", "allocated_amount"],
			)
			if row.parent in claims and flt(row.allocated_amount) > 0
		)
		frappe.db.set_value("Employee Advance", self.name, "claimed_amount", flt(claimed_amount))
		self.reload()
		self.set_status(update=True)

	def set_pending_amount(self):
		# hrms: what other submitted, Unpaid advances of the employee up to this posting date still owe
		self.pending_amount = sum(
			flt(a.advance_amount) - flt(a.paid_amount)
			for a in frappe.get_all(
				"Employee Advance",
				filters={
					"employee": self.employee,
					"docstatus": 1,
					"posting_date": ["<=", self.posting_date],
					"status": "Unpaid",
				},
				fields=["advance_amount", "paid_amount"],
			)
		)
