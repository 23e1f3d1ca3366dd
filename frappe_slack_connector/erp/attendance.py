"""Who is out: absences on a day (of current staff, with their Slack ids), leave by leave over a
span (`/whoisout`), and the others out during a request as its approver may see them (the
approver's card). Working days are `erp/holidays.py`'s."""

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


def is_approved(leave_application: str) -> bool:
	return frappe.db.get_value(leave.LEAVE_APPLICATION, leave_application, "status") == "Approved"


# --- who is out, leave by leave (/whoisout, the approver's card) ---------------------------------

DEPARTMENT_APPROVER = "Department Approver"


def _iso(value) -> str:
	return str(frappe.utils.getdate(value))


def _who_row(application: dict, slack_ids: dict[str, str]) -> dict:
	"""An absence row with its leave type and status, dates as ISO text (`core.build_who_is_out`,
	`core.build_approver_message(others_out=…)`)."""
	row = _absence_row(application, slack_ids)
	row["from_date"], row["to_date"] = _iso(row["from_date"]), _iso(row["to_date"])
	if row["half_day_date"]:
		row["half_day_date"] = _iso(row["half_day_date"])
	return {**row, "leave_type": application["leave_type"], "status": application["status"]}


def _overlapping(from_date, to_date, **filters) -> list:
	"""Open or Approved, non-cancelled Leave Applications overlapping `from_date..to_date`."""
	return frappe.get_all(
		leave.LEAVE_APPLICATION,
		filters={
			"from_date": ("<=", to_date),
			"to_date": (">=", from_date),
			"status": ("in", ABSENCE_STATUSES),
			"docstatus": ("<", 2),
			**filters,
		},
		fields=[*_absence_fields(), "leave_type", "status"],
		order_by="from_date asc, name asc",
		limit_page_length=0,
	)


def absences_between(from_date, to_date, *, department: str | None = None) -> list[dict]:
	"""Every Open or Approved leave of current staff overlapping `from_date..to_date`, with its
	leave type and status (what /whoisout lists): three queries whatever the number of rows
	(four with `department`: only its employees)."""
	filters = {}
	if department:
		members = frappe.get_all(
			"Employee", filters={"department": department}, pluck="name", limit_page_length=0
		)
		filters["employee"] = ("in", members or [""])
	applications = _overlapping(from_date, to_date, **filters)
	staff = users.current_staff_slack_ids(sorted({row.employee for row in applications}))
	return [_who_row(row, staff) for row in applications if row.employee in staff]


def _team_of(employee: str, approver: str | None) -> list[str]:
	"""The applicant's department colleagues and the approver's other reports (Active): whose
	leave approver is `approver` — on the Employee, or as the first leave approver of a
	department for an employee without one (hrms get_leave_approver) — two or three queries."""
	department = frappe.db.get_value("Employee", employee, "department")
	approver_departments = (
		frappe.get_all(
			DEPARTMENT_APPROVER,
			filters={"parentfield": "leave_approvers", "approver": approver, "idx": 1},
			pluck="parent",
			limit_page_length=0,
		)
		if approver
		else []
	)
	departments = sorted({d for d in [department, *approver_departments] if d})
	or_filters = {}
	if departments:
		or_filters["department"] = ("in", departments)
	if approver:
		or_filters["leave_approver"] = approver
	if not or_filters:
		return []
	rows = frappe.get_all(
		"Employee",
		filters={"status": users.ACTIVE_EMPLOYEE, "name": ("!=", employee)},
		or_filters=or_filters,
		fields=["name", "department", "leave_approver"],
		limit_page_length=0,
	)
	return sorted(
		row.name
		for row in rows
		if (department and row.department == department)
		or (approver and row.leave_approver == approver)
		or (not row.leave_approver and row.department in approver_departments)
	)


def others_out_for(leave_application: str, approver: str | None) -> dict | None:
	"""Who else is out during `leave_application`, as its approver may see it (the approver's
	card): the applicant's department and the approver's other reports, on Open or Approved leave
	overlapping its days, each leave `readable` only when Frappe lets the approver read it (the
	permission asked per row; the rest is four or five queries). None when nobody is."""
	own = frappe.db.get_value(
		leave.LEAVE_APPLICATION, leave_application, ["employee", "from_date", "to_date"], as_dict=True
	)
	if not own:
		return None
	team = _team_of(own.employee, approver)
	if not team:
		return None
	applications = _overlapping(own.from_date, own.to_date, employee=("in", team))
	staff = users.current_staff_slack_ids(sorted({row.employee for row in applications}))
	rows = [
		{
			**_who_row(row, staff),
			"readable": bool(approver)
			and bool(frappe.has_permission(leave.LEAVE_APPLICATION, "read", doc=row.name, user=approver)),
		}
		for row in applications
		if row.employee in staff
	]
	return {"applicant": own.employee, "rows": rows} if rows else None


def department_exists(department: str) -> bool:
	return bool(frappe.db.exists("Department", department))
