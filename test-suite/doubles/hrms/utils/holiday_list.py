"""# hrms/utils/holiday_list.py: version-15 holds only date helpers; version-16 answers "which
Holiday List" from submitted Holiday List Assignments (double_version.py picks the major).

hrms builds its queries with frappe.qb; the double has none, so the same query is a get_all with the
same filters, order and limit."""

import double_version
import frappe
from frappe import _
from frappe.utils import formatdate, get_link_to_form, getdate


def get_holiday_dates_between(holiday_list, start_date, end_date, skip_weekly_offs=False):
	# hrms/utils/holiday_list.py (version-15 and version-16): the list's holiday dates in the range
	filters = {"parent": holiday_list, "holiday_date": ["between", [getdate(start_date), getdate(end_date)]]}
	if skip_weekly_offs:
		filters["weekly_off"] = 0
	return frappe.get_all("Holiday", filters=filters, pluck="holiday_date", order_by="holiday_date asc")


if double_version.V16:

	def get_holiday_list_for_employee(employee, raise_exception=True, as_on=None, as_dict=False):
		# hrms/utils/holiday_list.py (version-16): the employee's assignment as on `as_on` (today
		# when None), else their company's; no employee -> no company -> None (or the throw)
		as_on = getdate(as_on)
		holiday_list = get_assigned_holiday_list(employee, as_on, as_dict)
		if not holiday_list:
			company = frappe.db.get_value("Employee", employee, "company")
			holiday_list = get_assigned_holiday_list(company, as_on, as_dict)

		if not holiday_list and raise_exception:
			frappe.throw(
				_(
					"No Holiday List was found for Employee {0} or their company {1} for date {2}. Please assign through {3}"
				).format(
					frappe.bold(employee),
					frappe.bold(company),
					frappe.bold(formatdate(as_on)),
					get_link_to_form("Holiday List Assignment", label="Holiday List Assignment"),
				)
			)
		return holiday_list

	def get_assigned_holiday_list(assigned_to, as_on=None, as_dict=False):
		# hrms/utils/holiday_list.py (version-16): the submitted assignment to `assigned_to` (an
		# Employee or a Company) with the latest from_date on or before `as_on`; it has no end date
		# (the Holiday List's own to_date is not checked here)
		as_on = getdate(as_on)
		rows = frappe.get_all(
			"Holiday List Assignment",
			filters={"assigned_to": assigned_to, "from_date": ["<=", as_on], "docstatus": 1},
			fields=["holiday_list", "from_date"],
			order_by="from_date desc",
			limit=1,
		)
		if as_dict:
			return rows[0] if rows else None
		return rows[0].holiday_list if rows else None
