"""# hrms/hr/doctype/expense_claim/expense_claim.py (version-15 @0155017a) — imitation.

Approve = approval_status "Approved" + submit, reject = "Rejected" + submit (rejecting zeroes every
sanctioned amount). Each refusal is raised from the method of the same name as in hrms, with its
message: validate_sanctioned_amount, validate_advances, get_expense_claim_account (via
set_expense_account), before_submit (payable account), on_submit (approval status still Draft),
validate_account_details (cost center per row, mode of payment when paid); validate_active_employee
from hrms/hr/utils.py. set_status, calculate_total_amount, calculate_taxes, update_reimbursed_amount
and the linked advances' claimed amounts as hrms computes them.
on_update shares the claim with its approver (share_doc_with_approver: submit, when their roles do
not let them) — a share does not lift permlevel 1, so an approver without the Expense Approver (or
HR) role has approval_status reset to Draft and the submit refused.
Not imitated: GL entries (make_gl_entries only validates the accounts), tasks/projects totals, PWA
notifications, payments (the reimbursed amount is the grand total when is_paid, else 0).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cstr, flt, get_link_to_form

from hrms.hr.utils import set_employee_name, share_doc_with_approver, validate_active_employee


class InvalidExpenseApproverError(frappe.ValidationError):
	pass


class ExpenseApproverIdentityError(frappe.ValidationError):
	pass


# hrms: ExpenseClaim(AccountsController, PWANotificationsMixin); the double needs Document only
class ExpenseClaim(Document):
	def validate(self):
		validate_active_employee(self.employee)
		set_employee_name(self)
		self.validate_sanctioned_amount()
		self.calculate_total_amount()
		self.validate_advances()
		self.set_expense_account(validate=True)
		self.calculate_taxes()
		self.set_status()
		if self.task and not self.project:
			self.project = frappe.db.get_value("Task", self.task, "project")

	def set_status(self, update=False):
		status = {"0": "Draft", "1": "Submitted", "2": "Cancelled"}[cstr(self.docstatus or 0)]
		precision = self.precision("grand_total")
		if self.docstatus == 1:
			if self.approval_status == "Approved":
				if self.is_paid or (
					flt(self.total_sanctioned_amount) > 0
					and (
						flt(self.grand_total, precision) == flt(self.total_amount_reimbursed, precision)
						or flt(self.grand_total, precision) == 0
					)
				):
					status = "Paid"
				elif flt(self.total_sanctioned_amount) > 0:
					status = "Unpaid"
			elif self.approval_status == "Rejected":
				status = "Rejected"
		if update:
			self.db_set("status", status)
		else:
			self.status = status

	def on_update(self):
		share_doc_with_approver(self, self.expense_approver)

	def before_submit(self):
		if not self.payable_account and not self.is_paid:
			frappe.throw(_("Payable Account is mandatory to submit an Expense Claim"))

	def on_submit(self):
		if self.approval_status == "Draft":
			frappe.throw(_("""Approval Status must be 'Approved' or 'Rejected'"""))
		self.make_gl_entries()
		update_reimbursed_amount(self)
		self.update_claimed_amount_in_employee_advance()

	def on_cancel(self):
		update_reimbursed_amount(self)
		self.update_claimed_amount_in_employee_advance()

	def update_claimed_amount_in_employee_advance(self):
		for d in self.get("advances"):
			frappe.get_doc("Employee Advance", d.employee_advance).update_claimed_amount()

	def make_gl_entries(self, cancel=False):
		# hrms books only a sanctioned claim; the double checks what booking would refuse
		if flt(self.total_sanctioned_amount) > 0:
			self.validate_account_details()

	def validate_account_details(self):
		for data in self.expenses:
			if not data.cost_center:
				frappe.throw(
					_("Row {0}: {1} is required in the expenses table to book an expense claim.").format(
						data.idx, frappe.bold(_("Cost Center"))
					)
				)
		if self.is_paid and not self.mode_of_payment:
			frappe.throw(_("Mode of payment is required to make a payment").format(self.employee))

	def calculate_total_amount(self):
		self.total_claimed_amount = 0
		self.total_sanctioned_amount = 0
		for d in self.get("expenses"):
			self.round_floats_in(d)
			if self.approval_status == "Rejected":
				d.sanctioned_amount = 0.0
			self.total_claimed_amount += flt(d.amount)
			self.total_sanctioned_amount += flt(d.sanctioned_amount)
		self.round_floats_in(self, ["total_claimed_amount", "total_sanctioned_amount"])

	def calculate_taxes(self):
		self.total_taxes_and_charges = 0
		for tax in self.taxes:
			self.round_floats_in(tax)
			if tax.rate:
				tax.tax_amount = flt(
					flt(self.total_sanctioned_amount) * flt(flt(tax.rate) / 100),
					tax.precision("tax_amount"),
				)
			tax.total = flt(tax.tax_amount) + flt(self.total_sanctioned_amount)
			self.total_taxes_and_charges += flt(tax.tax_amount)
		self.round_floats_in(self, ["total_taxes_and_charges"])
		self.grand_total = (
			flt(self.total_sanctioned_amount)
			+ flt(self.total_taxes_and_charges)
			- flt(self.total_advance_amount)
		)
		self.round_floats_in(self, ["grand_total"])

	def validate_advances(self):
		self.total_advance_amount = 0
		for d in self.get("advances"):
			self.round_floats_in(d)
			ref_doc = frappe.db.get_value(
				"Employee Advance",
				d.employee_advance,
				["posting_date", "paid_amount", "claimed_amount", "advance_account"],
				as_dict=1,
			)
			d.posting_date = ref_doc.posting_date
			d.advance_account = ref_doc.advance_account
			d.advance_paid = ref_doc.paid_amount
			d.unclaimed_amount = flt(ref_doc.paid_amount) - flt(ref_doc.claimed_amount)
			if d.allocated_amount and flt(d.allocated_amount) > flt(d.unclaimed_amount):
				frappe.throw(
					_("Row {0}# Allocated amount {1} cannot be greater than unclaimed amount {2}").format(
						d.idx, d.allocated_amount, d.unclaimed_amount
					)
				)
			self.total_advance_amount += flt(d.allocated_amount)
		if self.total_advance_amount:
			self.round_floats_in(self, ["total_advance_amount"])
			precision = self.precision("total_advance_amount")
			amount_with_taxes = flt(
				flt(self.total_sanctioned_amount, precision) + flt(self.total_taxes_and_charges, precision),
				precision,
			)
			if flt(self.total_advance_amount, precision) > amount_with_taxes:
				frappe.throw(_("Total advance amount cannot be greater than total sanctioned amount"))

	def validate_sanctioned_amount(self):
		for d in self.get("expenses"):
			if flt(d.sanctioned_amount) > flt(d.amount):
				frappe.throw(
					_("Sanctioned Amount cannot be greater than Claim Amount in Row {0}.").format(d.idx)
				)

	def set_expense_account(self, validate=False):
		for expense in self.expenses:
			if not expense.default_account or not validate:
				expense.default_account = get_expense_claim_account(expense.expense_type, self.company)[
					"account"
				]


def update_reimbursed_amount(doc):
	doc.total_amount_reimbursed = get_total_reimbursed_amount(doc)
	frappe.db.set_value("Expense Claim", doc.name, "total_amount_reimbursed", doc.total_amount_reimbursed)
	doc.set_status(update=True)


def get_total_reimbursed_amount(doc):
	# hrms: the grand total when paid at once, else what Journal Entries and Payment Entries paid
	# against the claim (the double has neither)
	return doc.grand_total if doc.is_paid else 0.0


@frappe.whitelist()
def get_expense_claim_account(expense_claim_type, company):
	account = frappe.db.get_value(
		"Expense Claim Account", {"parent": expense_claim_type, "company": company}, "default_account"
	)
	if not account:
		frappe.throw(
			_("Set the default account for the {0} {1}").format(
				frappe.bold(_("Expense Claim Type")),
				get_link_to_form("Expense Claim Type", expense_claim_type),
			)
		)
	return {"account": account}
