"""Records of Frappe HR's money documents and the site's number format for the double's TestSite
(frappe_test_site.py): currencies, accounts, cost centers, expense claim types, a company set up
to take expense claims and advances, Expense Claims and Employee Advances made as the desk form
makes them (hrms expense_claim.js fills each row's sanctioned amount with its amount and its cost
center with the claim's), and the System Settings fmt_money reads."""

import frappe


class HrmsRecords:
	"""Mixed into TestSite, whose `_insert` (as Administrator) and `make_company` these use."""

	def set_number_format(self, number_format=None, currency_precision=None, rounding_method=None):
		"""System Settings → Number Format / Currency Precision / Rounding Method, saved as an admin
		does (its on_update makes them the site's defaults), committed."""
		user = frappe.session.user
		frappe.set_user("Administrator")
		try:
			settings = frappe.get_single("System Settings")
			for field, value in (
				("number_format", number_format),
				("currency_precision", currency_precision),
				("rounding_method", rounding_method),
			):
				if value is not None:
					settings.set(field, str(value))
			settings.save()
		finally:
			frappe.set_user(user)
		frappe.db.commit()

	def make_currency(self, code, symbol=None, symbol_on_right=0, fraction_units=100, number_format=None):
		if frappe.db.exists("Currency", code):
			return frappe.get_doc("Currency", code)
		return self._insert(
			{
				"doctype": "Currency",
				"currency_name": code,
				"enabled": 1,
				"symbol": symbol,
				"symbol_on_right": symbol_on_right,
				"fraction_units": fraction_units,
				"number_format": number_format,
			}
		)

	def make_account(self, name, company="Test Co", account_type=None):
		if frappe.db.exists("Account", name):
			return frappe.get_doc("Account", name)
		return self._insert(
			{"doctype": "Account", "account_name": name, "company": company, "account_type": account_type}
		)

	def make_cost_center(self, name, company="Test Co"):
		if frappe.db.exists("Cost Center", name):
			return frappe.get_doc("Cost Center", name)
		return self._insert({"doctype": "Cost Center", "cost_center_name": name, "company": company})

	def make_expense_claim_type(self, name="Travel", accounts=None):
		"""`accounts`: {company: expense account}; by default the Test Co expense account."""
		if frappe.db.exists("Expense Claim Type", name):
			return frappe.get_doc("Expense Claim Type", name)
		accounts = accounts or {"Test Co": self.make_account("Travel Expenses - TC").name}
		return self._insert(
			{
				"doctype": "Expense Claim Type",
				"expense_type": name,
				"accounts": [{"company": c, "default_account": a} for c, a in accounts.items()],
			}
		)

	def setup_expense_company(self, company="Test Co", currency="EUR", symbol="€"):
		"""A company as ERPNext + Frappe HR set it up: its currency, default cost center, the
		payable account expense claims fetch and the advance account advances fetch."""
		self.make_company(company)
		self.make_currency(currency, symbol=symbol)
		values = {
			"default_currency": currency,
			"cost_center": self.make_cost_center(f"Main - {company}", company).name,
			"default_expense_claim_payable_account": self.make_account(
				f"Payroll Payable - {company}", company, "Payable"
			).name,
			"default_employee_advance_account": self.make_account(
				f"Employee Advances - {company}", company, "Receivable"
			).name,
		}
		frappe.db.set_value("Company", company, values)
		frappe.db.commit()
		return frappe.get_doc("Company", company)

	def make_expense_claim(self, employee, expenses, expense_approver=None, advances=(), **fields):
		"""A draft claim as the desk form saves it. `expenses`: dicts with expense_type and amount
		(sanctioned_amount and cost_center default as the form fills them; pass them to differ)."""
		company = fields.get("company") or frappe.db.get_value("Employee", employee, "company")
		cost_center = frappe.db.get_value("Company", company, "cost_center")
		rows = []
		for row in expenses:
			row = dict(row)
			self.make_expense_claim_type(row["expense_type"])
			row.setdefault("sanctioned_amount", row.get("amount"))
			row.setdefault("cost_center", cost_center)
			rows.append(row)
		return self._insert(
			{
				"doctype": "Expense Claim",
				"employee": employee,
				"expense_approver": expense_approver,
				"expenses": rows,
				"advances": [dict(a) for a in advances],
				**fields,
			}
		)

	def make_employee_advance(self, employee, advance_amount, purpose="Travel", submit=False, **fields):
		"""An advance in the company's currency at rate 1 unless told otherwise; `submit` as an
		Expense Approver would (docstatus 1 through the controller)."""
		company = fields.get("company") or frappe.db.get_value("Employee", employee, "company")
		doc = self._insert(
			{
				"doctype": "Employee Advance",
				"employee": employee,
				"advance_amount": advance_amount,
				"purpose": purpose,
				"currency": frappe.db.get_value("Company", company, "default_currency"),
				"exchange_rate": 1,
				**fields,
			}
		)
		if submit:
			user = frappe.session.user
			frappe.set_user("Administrator")
			try:
				doc.submit()
			finally:
				frappe.set_user(user)
		return doc
