"""Frappe HR DocTypes of the double beyond leave: hrms/hr/doctype/<name>/<name>.json (version-15
@0155017a), the fields a controller or the app reads, with their types, options, defaults,
fetch_from, permlevels and the DocPerm rows as hrms ships them (roles and rights verbatim)."""

from frappe.model.meta import _f, register_doctype

_ALL = {"read": 1, "write": 1, "create": 1, "delete": 1, "report": 1, "email": 1, "print": 1, "share": 1}
_SUBMITTER = {**_ALL, "submit": 1, "cancel": 1, "amend": 1}
# Currency fields of the claim and its rows: in the company's default currency
_COMPANY_CURRENCY = "Company:company:default_currency"


def _row(role, **rights):
	return {"role": role, **rights}


DEFINITIONS = [
	# expense_claim.json: approval_status is permlevel 1 (only HR Manager / HR User / Expense
	# Approver may write it); Employee creates and writes but may not submit
	{
		"name": "Expense Claim",
		"module": "HR",
		"autoname": "naming_series:",
		"is_submittable": 1,
		"title_field": "employee_name",
		"fields": [
			_f("naming_series", "Select", "HR-EXP-.YYYY.-", reqd=1, no_copy=1),
			_f("employee", "Link", "Employee", reqd=1),
			_f("employee_name", fetch_from="employee.employee_name", read_only=1),
			_f("department", "Link", "Department", fetch_from="employee.department", read_only=1),
			_f("expense_approver", "Link", "User"),
			_f(
				"approval_status",
				"Select",
				"Draft\nApproved\nRejected",
				default="Draft",
				permlevel=1,
				no_copy=1,
			),
			_f("total_claimed_amount", "Currency", _COMPANY_CURRENCY, read_only=1, no_copy=1),
			_f("total_sanctioned_amount", "Currency", _COMPANY_CURRENCY, read_only=1, no_copy=1),
			_f("is_paid", "Check", default="0"),
			_f("expenses", "Table", "Expense Claim Detail", reqd=1),
			_f("taxes", "Table", "Expense Taxes and Charges"),
			_f("advances", "Table", "Expense Claim Advance"),
			_f("posting_date", "Date", default="Today", reqd=1),
			_f("project", "Link", "Project", allow_on_submit=1),
			_f("task", "Link", "Task"),
			_f("total_amount_reimbursed", "Currency", _COMPANY_CURRENCY, read_only=1, no_copy=1),
			_f("total_advance_amount", "Currency", _COMPANY_CURRENCY, read_only=1),
			_f("total_taxes_and_charges", "Currency", _COMPANY_CURRENCY, read_only=1),
			_f("grand_total", "Currency", _COMPANY_CURRENCY, read_only=1),
			_f("remark", "Small Text", no_copy=1),
			_f("company", "Link", "Company", fetch_from="employee.company", read_only=1, reqd=1),
			_f("mode_of_payment", "Link", "Mode of Payment"),
			_f(
				"payable_account",
				"Link",
				"Account",
				fetch_from="company.default_expense_claim_payable_account",
				fetch_if_empty=1,
			),
			_f("cost_center", "Link", "Cost Center", fetch_from="company.cost_center", fetch_if_empty=1),
			_f(
				"status",
				"Select",
				"Draft\nPaid\nUnpaid\nRejected\nSubmitted\nCancelled",
				default="Draft",
				read_only=1,
				no_copy=1,
			),
			_f("amended_from", "Link", "Expense Claim", read_only=1, no_copy=1),
		],
		"permissions": [
			_row("HR Manager", **_SUBMITTER, export=1),
			_row("Employee", read=1, write=1, create=1, report=1, email=1, print=1, share=1),
			_row("Expense Approver", **_SUBMITTER),
			_row("HR User", **_SUBMITTER),
			_row("HR Manager", permlevel=1, read=1, write=1),
			_row("HR User", permlevel=1, read=1, write=1),
			_row("Expense Approver", permlevel=1, read=1, write=1, delete=1, report=1),
			_row("All", permlevel=1, read=1, report=1, export=1),
		],
	},
	# expense_claim_detail.json
	{
		"name": "Expense Claim Detail",
		"module": "HR",
		"istable": 1,
		"fields": [
			_f("expense_date", "Date"),
			_f("expense_type", "Link", "Expense Claim Type", reqd=1),
			_f("default_account", "Link", "Account", read_only=1),
			_f("description", "Text Editor"),
			_f("amount", "Currency", _COMPANY_CURRENCY, reqd=1),
			_f("sanctioned_amount", "Currency", _COMPANY_CURRENCY),
			_f("cost_center", "Link", "Cost Center"),
			_f("project", "Link", "Project"),
		],
	},
	# expense_claim_advance.json
	{
		"name": "Expense Claim Advance",
		"module": "HR",
		"istable": 1,
		"fields": [
			_f("employee_advance", "Link", "Employee Advance", reqd=1),
			_f("posting_date", "Date", read_only=1),
			_f("advance_paid", "Currency", _COMPANY_CURRENCY, read_only=1),
			_f("unclaimed_amount", "Currency", _COMPANY_CURRENCY, read_only=1),
			_f("allocated_amount", "Currency", _COMPANY_CURRENCY),
			_f("advance_account", "Link", "Account"),
		],
	},
	# expense_taxes_and_charges.json
	{
		"name": "Expense Taxes and Charges",
		"module": "HR",
		"istable": 1,
		"fields": [
			_f("account_head", "Link", "Account", reqd=1),
			_f("cost_center", "Link", "Cost Center"),
			_f("rate", "Float"),
			_f("description", "Small Text", reqd=1),
			_f("tax_amount", "Currency", "currency"),
			_f("total", "Currency", "currency", read_only=1),
			_f("project", "Link", "Project"),
		],
	},
	# expense_claim_type.json: the expense account per company in `accounts`
	{
		"name": "Expense Claim Type",
		"module": "HR",
		"autoname": "field:expense_type",
		"fields": [
			_f("expense_type", reqd=1, unique=1),
			_f("description", "Small Text"),
			_f("accounts", "Table", "Expense Claim Account"),
		],
		"permissions": [
			_row("HR Manager", **_ALL),
			_row("Employee", read=1),
		],
	},
	# expense_claim_account.json
	{
		"name": "Expense Claim Account",
		"module": "HR",
		"istable": 1,
		"fields": [_f("company", "Link", "Company"), _f("default_account", "Link", "Account")],
	},
	# employee_advance.json: no approver field, no approval status; only Expense Approver may
	# submit (no HR Manager / HR User DocPerm rows at all)
	{
		"name": "Employee Advance",
		"module": "HR",
		"autoname": "naming_series:",
		"is_submittable": 1,
		"title_field": "employee_name",
		"fields": [
			_f("naming_series", "Select", "HR-EAD-.YYYY.-"),
			_f("employee", "Link", "Employee", reqd=1),
			_f("employee_name", "Read Only", fetch_from="employee.employee_name"),
			_f("department", "Link", "Department", fetch_from="employee.department", read_only=1),
			_f("posting_date", "Date", default="Today", reqd=1),
			_f("currency", "Link", "Currency", reqd=1),
			_f("exchange_rate", "Float", reqd=1),
			_f("purpose", "Small Text", reqd=1),
			_f("advance_amount", "Currency", "currency", reqd=1),
			_f("paid_amount", "Currency", "currency", read_only=1, no_copy=1),
			_f("pending_amount", "Currency", "currency", read_only=1, no_copy=1),
			_f("claimed_amount", "Currency", "currency", read_only=1, no_copy=1),
			_f("return_amount", "Currency", "currency", read_only=1, no_copy=1, allow_on_submit=1),
			_f(
				"advance_account",
				"Link",
				"Account",
				fetch_from="company.default_employee_advance_account",
				reqd=1,
			),
			_f("mode_of_payment", "Link", "Mode of Payment"),
			_f("repay_unclaimed_amount_from_salary", "Check", default="0"),
			_f(
				"status",
				"Select",
				"Draft\nPaid\nUnpaid\nClaimed\nReturned\nPartly Claimed and Returned\nCancelled",
				default="Draft",
				read_only=1,
				no_copy=1,
			),
			_f("company", "Link", "Company", fetch_from="employee.company", read_only=1, reqd=1),
			_f("amended_from", "Link", "Employee Advance", read_only=1, no_copy=1),
		],
		"permissions": [
			_row("Employee", read=1, write=1, create=1, report=1, email=1, print=1, share=1, export=1),
			_row("Expense Approver", **_SUBMITTER, export=1),
		],
	},
]

# shift_request.json: approver is reqd and fetched from the employee's shift_request_approver
# when empty; status permlevel 0 (the approver, shared with submit by hrms, may set it)
SHIFT_REQUEST = {
	"name": "Shift Request",
	"module": "HR",
	"autoname": "HR-SHR-.YY.-.MM.-.#####",
	"is_submittable": 1,
	"title_field": "employee_name",
	"fields": [
		_f("shift_type", "Link", "Shift Type", reqd=1),
		_f("employee", "Link", "Employee", reqd=1),
		_f("employee_name", fetch_from="employee.employee_name", read_only=1),
		_f("department", "Link", "Department", fetch_from="employee.department", read_only=1),
		_f("status", "Select", "Draft\nApproved\nRejected", default="Draft", reqd=1),
		_f("company", "Link", "Company", reqd=1),
		_f(
			"approver", "Link", "User", fetch_from="employee.shift_request_approver", fetch_if_empty=1, reqd=1
		),
		_f("from_date", "Date", reqd=1),
		_f("to_date", "Date"),
		_f("amended_from", "Link", "Shift Request", read_only=1, no_copy=1),
	],
	"permissions": [
		_row("Employee", read=1, write=1, create=1, report=1, email=1, print=1, share=1, export=1),
		_row("HR Manager", **_SUBMITTER, export=1),
		_row("HR User", read=1, write=1, create=1, submit=1, report=1, email=1, print=1, share=1, export=1),
	],
}

DEFINITIONS += [
	SHIFT_REQUEST,
	# shift_type.json: named on creation (autoname prompt); the timings the overlap checks read
	{
		"name": "Shift Type",
		"module": "HR",
		"autoname": "prompt",
		"fields": [_f("start_time", "Time", reqd=1), _f("end_time", "Time", reqd=1)],
		"permissions": [
			_row("HR Manager", **_ALL),
			_row("HR User", **_ALL),
			_row("Employee", read=1),
		],
	},
	# shift_assignment.json: made and submitted by an approved Shift Request
	{
		"name": "Shift Assignment",
		"module": "HR",
		"autoname": "HR-SHA-.YY.-.MM.-.#####",
		"is_submittable": 1,
		"title_field": "employee_name",
		"fields": [
			_f("employee", "Link", "Employee", reqd=1),
			_f("employee_name", fetch_from="employee.employee_name", read_only=1),
			_f("shift_type", "Link", "Shift Type", reqd=1),
			_f("company", "Link", "Company", fetch_from="employee.company", reqd=1),
			_f("shift_request", "Link", "Shift Request", read_only=1),
			_f("start_date", "Date", reqd=1),
			_f("end_date", "Date"),
			_f("status", "Select", "Active\nInactive", default="Active"),
			_f("amended_from", "Link", "Shift Assignment", read_only=1, no_copy=1),
		],
		"permissions": [
			_row("Employee", read=1),
			_row("HR Manager", **_SUBMITTER),
			_row("HR User", read=1, write=1, create=1, submit=1, report=1),
		],
	},
	# attendance_request.json: no approver, no status; Employee may not submit
	{
		"name": "Attendance Request",
		"module": "HR",
		"autoname": "HR-ARQ-.YY.-.MM.-.#####",
		"is_submittable": 1,
		"title_field": "employee_name",
		"fields": [
			_f("employee", "Link", "Employee", reqd=1),
			_f("employee_name", fetch_from="employee.employee_name", read_only=1),
			_f("department", "Link", "Department", fetch_from="employee.department", read_only=1),
			_f("company", "Link", "Company", fetch_from="employee.company", reqd=1),
			_f("from_date", "Date", reqd=1),
			_f("to_date", "Date", reqd=1),
			_f("half_day", "Check", default="0"),
			_f("half_day_date", "Date", depends_on="half_day"),
			_f("include_holidays", "Check", default="0"),
			_f("shift", "Link", "Shift Type"),
			_f("reason", "Select", "Work From Home\nOn Duty", reqd=1),
			_f("explanation", "Small Text"),
			_f("amended_from", "Link", "Attendance Request", read_only=1, no_copy=1),
		],
		"permissions": [
			_row("System Manager", **_SUBMITTER, export=1),
			_row("HR Manager", **_SUBMITTER, export=1),
			_row("HR User", **_SUBMITTER, export=1),
			_row("Employee", **_ALL, export=1),
		],
	},
	# attendance.json: what an approved Attendance Request marks
	{
		"name": "Attendance",
		"module": "HR",
		"autoname": "naming_series:",
		"is_submittable": 1,
		"title_field": "employee_name",
		"fields": [
			_f("naming_series", "Select", "HR-ATT-.YYYY.-", reqd=1),
			_f("employee", "Link", "Employee", reqd=1),
			_f("employee_name", fetch_from="employee.employee_name", read_only=1),
			_f(
				"status",
				"Select",
				"\nPresent\nAbsent\nOn Leave\nHalf Day\nWork From Home",
				default="Present",
				reqd=1,
			),
			_f("leave_type", "Link", "Leave Type"),
			_f("leave_application", "Link", "Leave Application", read_only=1),
			_f("attendance_date", "Date", reqd=1),
			_f("company", "Link", "Company", fetch_from="employee.company", read_only=1, reqd=1),
			_f("department", "Link", "Department", fetch_from="employee.department", read_only=1),
			_f("shift", "Link", "Shift Type"),
			_f("attendance_request", "Link", "Attendance Request", read_only=1),
			_f("amended_from", "Link", "Attendance", read_only=1, no_copy=1),
		],
		"permissions": [
			_row("System Manager", **_ALL, submit=1, cancel=1),
			_row("HR User", **_ALL, submit=1, cancel=1),
			_row("HR Manager", **_ALL, submit=1, cancel=1),
			_row("Employee", read=1, report=1),
		],
	},
	# compensatory_leave_request.json: no approver, no status; HR Manager and HR User submit
	{
		"name": "Compensatory Leave Request",
		"module": "HR",
		"autoname": "HR-CMP-.YY.-.MM.-.#####",
		"is_submittable": 1,
		"title_field": "employee_name",
		"fields": [
			_f("employee", "Link", "Employee", reqd=1),
			_f("employee_name", fetch_from="employee.employee_name", read_only=1),
			_f("department", "Link", "Department", fetch_from="employee.department", read_only=1),
			_f("leave_type", "Link", "Leave Type"),
			_f("leave_allocation", "Link", "Leave Allocation", read_only=1),
			_f("work_from_date", "Date", reqd=1),
			_f("work_end_date", "Date", reqd=1),
			_f("half_day", "Check"),
			_f("half_day_date", "Date", depends_on="half_day"),
			_f("reason", "Small Text", reqd=1),
			_f("amended_from", "Link", "Compensatory Leave Request", read_only=1, no_copy=1),
		],
		"permissions": [
			_row("System Manager", **_ALL, export=1),
			_row("HR Manager", **_ALL, export=1, submit=1, cancel=1),
			_row("HR User", **_ALL, export=1, submit=1),
			_row("Employee", **_ALL, export=1),
		],
	},
	# leave_period.json: the period a compensatory leave is allocated in
	{
		"name": "Leave Period",
		"module": "HR",
		"autoname": "HR-LPR-.YYYY.-.#####",
		"fields": [
			_f("from_date", "Date", reqd=1),
			_f("to_date", "Date", reqd=1),
			_f("is_active", "Check", default="0"),
			_f("company", "Link", "Company", reqd=1),
		],
		"permissions": [
			_row("System Manager", **_ALL),
			_row("HR Manager", **_ALL),
			_row("HR User", **_ALL),
		],
	},
]


def register():
	for d in DEFINITIONS:
		register_doctype({"doctype": "DocType", **d})
