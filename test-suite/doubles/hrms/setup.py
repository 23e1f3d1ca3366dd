"""# hrms/setup.py (version-15 @0155017a) — imitation of what installing Frappe HR adds to ERPNext's
DocTypes: the Custom Fields of get_custom_fields() the double's documents read (approvers on
Employee and Department, the default accounts on Company, the employee's default shift), and the
Frappe HR DocTypes beyond leave (hrms/hr/doctypes.py) with the ERPNext Accounts ones they link to."""

from frappe.model.meta import add_custom_field

# hrms/setup.py get_custom_fields(): (doctype, fieldname, fieldtype, options, insert_after)
CUSTOM_FIELDS = (
	("Company", "default_expense_claim_payable_account", "Link", "Account", None),
	("Company", "default_employee_advance_account", "Link", "Account", None),
	("Department", "shift_request_approver", "Table", "Department Approver", "leave_approvers"),
	("Department", "expense_approvers", "Table", "Department Approver", "shift_request_approver"),
	("Employee", "default_shift", "Link", "Shift Type", None),
	("Employee", "expense_approver", "Link", "User", "department"),
	("Employee", "shift_request_approver", "Link", "User", "leave_approver"),
)


def after_install():
	"""Run on every fresh double site (frappe_test_site.reset_site), as hrms's after_install does
	once on a real one."""
	from erpnext.accounts import doctypes as accounts_doctypes

	from hrms.hr import doctypes

	accounts_doctypes.register()
	doctypes.register()
	for doctype, fieldname, fieldtype, options, insert_after in CUSTOM_FIELDS:
		add_custom_field(
			doctype,
			fieldname,
			fieldtype,
			options,
			label=fieldname.replace("_", " ").title(),
			insert_after=insert_after,
		)
