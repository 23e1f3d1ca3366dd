"""Who is out: absences on a day (of current staff, with their Slack ids). Working days are
`erp/holidays.py`'s."""

from __future__ import annotations

import frappe

from frappe_slack_connector.erp import leave, users

# Statuses that mean "this person is (or may be) out": a pending request counts too.
ABSENCE_STATUSES = ("Open", "Approved")


def _absence_fields() -> list[str]:
	fields = ["name", "employee", "employee_name", "from_date", "to_date", "half_day", "half_day_date"]
	if leave.has_half_period_field():
		fields.append(leave.HALF_PERIOD_FIELD)
	return fields


def _absence_row(application: dict, slack_ids: dict[str, str]) -> dict:
	"""A Leave Application row in the shape `core.build_attendance_summary` takes."""
	return {
		"employee": application["employee"],
		"employee_name": application.get("employee_name") or application["employee"],
		"slack_user_id": slack_ids.get(application["employee"]),
		"from_date": application["from_date"],
		"to_date": application["to_date"],
		"half_day": bool(frappe.utils.cint(application.get("half_day"))),
		"half_day_date": application.get("half_day_date") or None,
		"half_period": application.get(leave.HALF_PERIOD_FIELD) or None,
	}


def absences_on(day) -> list[dict]:
	"""Every Open or Approved, non-cancelled Leave Application of current staff (Active employees)
	covering `day`, with Slack ids: three queries whatever the number of rows."""
	applications = frappe.get_all(
		leave.LEAVE_APPLICATION,
		filters={
			"from_date": ("<=", day),
			"to_date": (">=", day),
			"status": ("in", ABSENCE_STATUSES),
			"docstatus": ("<", 2),
		},
		fields=_absence_fields(),
		limit_page_length=0,
	)
	staff = users.current_staff_slack_ids(sorted({row.employee for row in applications}))
	return [_absence_row(row, staff) for row in applications if row.employee in staff]


def absence_of(leave_application: str) -> dict | None:
	"""One Leave Application as an attendance row, or None if it no longer counts as an absence
	(not Open or Approved, cancelled, or its employee is no longer Active)."""
	row = frappe.db.get_value(
		leave.LEAVE_APPLICATION, leave_application, [*_absence_fields(), "status", "docstatus"], as_dict=True
	)
	if not row or row.status not in ABSENCE_STATUSES or row.docstatus == 2:
		return None
	staff = users.current_staff_slack_ids([row.employee])
	if row.employee not in staff:
		return None
	return _absence_row(row, staff)
