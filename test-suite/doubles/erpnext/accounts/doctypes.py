"""ERPNext Accounts DocTypes the Frappe HR documents link to (erpnext/accounts/doctype/*/*.json,
version-15; the fields the double's controllers read). No ledger is kept: GL entries are not
imitated."""

from frappe.model.meta import _f, _perm, register_doctype

_ACCOUNTS = [
	_perm("Accounts User"),
	_perm("Accounts Manager"),
	{"role": "Employee", "read": 1},
	{"role": "All", "read": 1},
]

DEFINITIONS = [
	# account.json: name "<account_name> - <company abbr>" (the double: account_name)
	{
		"name": "Account",
		"module": "Accounts",
		"autoname": "field:account_name",
		"fields": [
			_f("account_name", reqd=1),
			_f("company", "Link", "Company", reqd=1),
			_f("account_type"),
			_f("account_currency", "Link", "Currency"),
			_f("is_group", "Check", default="0"),
		],
		"permissions": _ACCOUNTS,
	},
	# cost_center.json: name "<cost_center_name> - <abbr>" (the double: cost_center_name)
	{
		"name": "Cost Center",
		"module": "Accounts",
		"autoname": "field:cost_center_name",
		"fields": [
			_f("cost_center_name", reqd=1),
			_f("company", "Link", "Company", reqd=1),
			_f("is_group", "Check", default="0"),
		],
		"permissions": _ACCOUNTS,
	},
	# mode_of_payment.json
	{
		"name": "Mode of Payment",
		"module": "Accounts",
		"autoname": "field:mode_of_payment",
		"fields": [_f("mode_of_payment", reqd=1), _f("type", "Select", "Cash\nBank\nGeneral\nPhone")],
		"permissions": _ACCOUNTS,
	},
]


def register():
	for d in DEFINITIONS:
		register_doctype({"doctype": "DocType", **d})
