"""Records of Frappe HR's requests beyond leave for the double's TestSite (frappe_test_site.py):
currencies, accounts, cost centers, expense claim types, a company set up to take expense claims
and advances, Expense Claims and Employee Advances made as the desk form makes them (hrms
expense_claim.js fills each row's sanctioned amount with its amount and its cost center with the
claim's), the System Settings fmt_money reads; department approver tables, shift types, Shift /
Attendance / Compensatory Leave Requests, Attendance and Leave Periods."""

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

	def set_department_approvers(self, department, parentfield, approvers):
		"""A Department's approver table (leave_approvers, expense_approvers or
		shift_request_approver — hrms setup's names) set to `approvers`, committed."""
		doc = frappe.get_doc("Department", department)
		doc.set(parentfield, [{"approver": a} for a in approvers])
		doc.flags.ignore_permissions = True
		doc.save()
		frappe.db.commit()
		return doc

	def make_shift_type(self, name="Night", start_time="22:00:00", end_time="06:00:00"):
		if frappe.db.exists("Shift Type", name):
			return frappe.get_doc("Shift Type", name)
		return self._insert(
			{"doctype": "Shift Type", "name": name, "start_time": start_time, "end_time": end_time}
		)

	def make_shift_request(self, employee, shift_type, from_date, to_date=None, approver=None, **fields):
		"""A draft request; the approver as the form fetches it (the employee's
		shift_request_approver) unless given."""
		self.make_shift_type(shift_type)
		return self._insert(
			{
				"doctype": "Shift Request",
				"employee": employee,
				"company": frappe.db.get_value("Employee", employee, "company"),
				"shift_type": shift_type,
				"from_date": from_date,
				"to_date": to_date,
				"approver": approver,
				**fields,
			}
		)

	def make_attendance_request(self, employee, from_date, to_date, reason="Work From Home", **fields):
		return self._insert(
			{
				"doctype": "Attendance Request",
				"employee": employee,
				"from_date": from_date,
				"to_date": to_date,
				"reason": reason,
				**fields,
			}
		)

	def make_attendance(self, employee, attendance_date, status="Present", **fields):
		"""A submitted Attendance, as marked in the desk."""
		return self._insert(
			{
				"doctype": "Attendance",
				"employee": employee,
				"attendance_date": attendance_date,
				"status": status,
				"company": frappe.db.get_value("Employee", employee, "company"),
				"docstatus": 1,
				**fields,
			}
		)

	def make_leave_period(self, from_date, to_date, company="Test Co", is_active=1):
		return self._insert(
			{
				"doctype": "Leave Period",
				"from_date": from_date,
				"to_date": to_date,
				"company": company,
				"is_active": is_active,
			}
		)

	def make_compensatory_leave_request(
		self, employee, work_from_date, work_end_date, leave_type="Compensatory Off", **fields
	):
		"""A draft request for a compensatory leave type (made if missing)."""
		if leave_type:
			self.make_leave_type(leave_type, is_compensatory=1)
		return self._insert(
			{
				"doctype": "Compensatory Leave Request",
				"employee": employee,
				"work_from_date": work_from_date,
				"work_end_date": work_end_date,
				"leave_type": leave_type,
				"reason": fields.pop("reason", "Worked on the holiday"),
				**fields,
			}
		)
