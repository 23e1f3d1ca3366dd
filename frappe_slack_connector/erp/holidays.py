"""Working days: the one place that knows which Holiday List applies to a company or an employee on
a day, asked the way the installed Frappe HR answers it.

- Frappe HR v16 takes holidays only from submitted Holiday List Assignments (the employee's, else
  their company's, the one with the latest `from_date` on or before the day) and answers erpnext's
  `get_holiday_list_for_employee` through its `employee_holiday_list` hook
  (hrms/utils/holiday_list.py `get_holiday_list_for_employee` / `get_assigned_holiday_list`,
  hrms/hooks.py, erpnext/setup/doctype/employee/employee.py, all version-16).
- On v15, erpnext answers from `Employee.holiday_list`, else `Company.default_holiday_list`
  (erpnext/setup/doctype/employee/employee.py, version-15).

No Holiday List at all → Monday to Friday. Weekly offs are holidays inside a list, so a list decides
weekends too. Nothing outside this module reads holiday fields.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

import frappe
from erpnext.setup.doctype.employee.employee import get_holiday_list_for_employee
from erpnext.setup.doctype.holiday_list.holiday_list import is_holiday
from hrms.utils import holiday_list as hrms_holiday_list

HOLIDAY_LIST_ASSIGNMENT = "Holiday List Assignment"
# frappe/core/doctype/docstatus: only submitted assignments count (hrms get_assigned_holiday_list).
SUBMITTED = 1


def assignments_decide() -> bool:
	"""True when the installed Frappe HR takes holidays from Holiday List Assignments (v16 on).

	Asked by capability, not by parsing a version string: the `employee_holiday_list` hook is the
	very switch erpnext obeys to hand the question to hrms, and `get_assigned_holiday_list` is the
	rule it hands it to. A version number says neither (a backport, a fork or a develop build may
	have one without the other number), and `hrms.utils.holiday_list` alone proves nothing: v15 has
	that module too, with date helpers only."""
	return bool(frappe.get_hooks("employee_holiday_list")) and hasattr(
		hrms_holiday_list, "get_assigned_holiday_list"
	)


def _default_company() -> str | None:
	# erpnext get_holiday_list_for_employee(None) (v15) looks up the same company.
	return frappe.db.get_single_value("Global Defaults", "default_company") or None


def holiday_list_for(day: datetime.date, *, company: str | None = None, employee: str | None = None):
	"""The Holiday List that decides `day` for `employee` (when given) or `company` (the default
	company when neither is given), or None."""
	if assignments_decide():
		if employee:
			# Rerouted by erpnext to hrms (the hook): the employee's assignment, else their company's.
			return get_holiday_list_for_employee(employee, raise_exception=False, as_on=day) or None
		# hrms answers None for a company-level lookup through the employee function (no employee →
		# no company), so the company's own assignment is asked for directly.
		return hrms_holiday_list.get_assigned_holiday_list(company or _default_company(), day) or None
	if employee or not company:
		return get_holiday_list_for_employee(employee, raise_exception=False) or None
	return frappe.get_cached_value("Company", company, "default_holiday_list") or None


def is_working_day(day: datetime.date, *, company: str | None = None, employee: str | None = None) -> bool:
	"""Whether `day` is a working day for `employee`, else `company`, else the default company."""
	holiday_list = holiday_list_for(day, company=company, employee=employee)
	if not holiday_list:
		return day.weekday() < 5
	return not is_holiday(holiday_list, day)


def _latest_assignments(day: datetime.date, assignees: list[str]) -> dict[str, str]:
	"""Assignee (Employee or Company) → the Holiday List of its submitted assignment with the
	latest `from_date` on or before `day` (hrms `get_assigned_holiday_list`, for many at once)."""
	rows = frappe.get_all(
		HOLIDAY_LIST_ASSIGNMENT,
		filters={"assigned_to": ("in", assignees), "from_date": ("<=", day), "docstatus": SUBMITTED},
		fields=["assigned_to", "holiday_list", "from_date"],
		order_by="from_date desc",
		limit_page_length=0,
	)
	latest: dict[str, str] = {}
	for row in rows:
		latest.setdefault(row.assigned_to, row.holiday_list)
	return latest


def holiday_lists_of(day: datetime.date, employees: list[str]) -> dict[str, str | None]:
	"""Employee → the Holiday List deciding `day` for them: two queries whatever their number."""
	if assignments_decide():
		rows = frappe.get_all(
			"Employee", filters={"name": ("in", employees)}, fields=["name", "company"], limit_page_length=0
		)
		companies = {row.company for row in rows if row.company}
		latest = _latest_assignments(day, sorted({*employees, *companies}))
		return {row.name: latest.get(row.name) or latest.get(row.company) for row in rows}
	rows = frappe.get_all(
		"Employee",
		filters={"name": ("in", employees)},
		fields=["name", "company", "holiday_list"],
		limit_page_length=0,
	)
	companies = {row.company for row in rows if not row.holiday_list and row.company}
	defaults = (
		dict(
			frappe.get_all(
				"Company",
				filters={"name": ("in", sorted(companies))},
				fields=["name", "default_holiday_list"],
				as_list=True,
				limit_page_length=0,
			)
		)
		if companies
		else {}
	)
	return {row.name: row.holiday_list or defaults.get(row.company) or None for row in rows}


def employees_off(day: datetime.date, employees: Collection[str]) -> set[str]:
	"""Those of `employees` for whom `day` is not a working day (a holiday or weekly off in their
	Holiday List; Saturday or Sunday when they have none): three queries whatever their number."""
	if not employees:
		return set()
	lists = holiday_lists_of(day, sorted(employees))
	named = sorted({name for name in lists.values() if name})
	with_holiday = set(
		frappe.get_all(
			"Holiday",
			filters={"parent": ("in", named), "holiday_date": day},
			pluck="parent",
			limit_page_length=0,
		)
		if named
		else []
	)
	weekend = day.weekday() >= 5
	return {
		employee
		for employee, holiday_list in lists.items()
		if (holiday_list in with_holiday if holiday_list else weekend)
	}


def working_days(
	from_date: datetime.date | str, to_date: datetime.date | str, *, employee: str | None = None
) -> list[str]:
	"""The working days of `from_date..to_date` for `employee` (else the default company), as ISO
	dates: one holiday check per day, for the short spans people ask about (a week at most)."""
	start, end = frappe.utils.getdate(from_date), frappe.utils.getdate(to_date)
	days = (start + datetime.timedelta(days=i) for i in range((end - start).days + 1))
	return [str(day) for day in days if is_working_day(day, employee=employee)]
