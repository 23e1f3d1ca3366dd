"""Timesheets (ERPNext Projects): what an employee may log on, adding a time log, and the daily
missed-hours reminder (who logged less than the norm)."""

from __future__ import annotations

import datetime

import frappe
from erpnext.projects.doctype.timesheet import timesheet as erpnext_timesheet
from frappe import _

from frappe_slack_connector.erp import holidays, leave, users

PROJECT = "Project"
PROJECT_USER = "Project User"
TASK = "Task"
ACTIVITY_TYPE = "Activity Type"
TIMESHEET = "Timesheet"
TIMESHEET_DETAIL = "Timesheet Detail"
# erpnext project.json (v15) status options: Open, Completed, Cancelled.
OPEN_PROJECT = "Open"
# erpnext task.json (v15) statuses nobody logs on any more.
CLOSED_TASK_STATUSES = ("Completed", "Cancelled", "Template")
# The query cap for one select (the modal shows at most 500, and says so past that).
MAX_ROWS = 2000
# A time log from Slack has no time of day: the first of the day starts here, later ones right
# after the day's last log.
WORKDAY_START = datetime.time(9, 0)
DEFAULT_NORM_HOURS = 8.0
# The field of a refusal about nothing in particular: the time log itself.
GENERAL_FIELD = "description"


class TimesheetRefused(Exception):
	"""ERPNext (or our own check of the same rules) refused the time log; nothing was saved.

	`field`: the Timesheet Detail field it is about (`project`, `task`, `activity_type`, `hours`,
	`description` when about nothing in particular). `message`: plain text, in the user's words.
	"""

	def __init__(self, field: str, message: str):
		super().__init__(message)
		self.field = field
		self.message = message


# --- what an employee may log on -------------------------------------------------------------------


def projects_for(user: str) -> list[dict]:
	"""Open ERPNext Projects `user` is a member of (Project User) or has an open task assigned in
	(ToDo on a Task), by project name: three queries."""
	member_of = frappe.get_all(
		PROJECT_USER, filters={"user": user, "parenttype": PROJECT}, pluck="parent", limit_page_length=0
	)
	assigned = frappe.get_all(
		"ToDo",
		filters={"allocated_to": user, "reference_type": TASK, "status": "Open"},
		pluck="reference_name",
		limit_page_length=0,
	)
	via_tasks = (
		frappe.get_all(
			TASK,
			filters={"name": ("in", sorted(set(assigned))), "status": ("not in", CLOSED_TASK_STATUSES)},
			pluck="project",
			limit_page_length=0,
		)
		if assigned
		else []
	)
	names = sorted({p for p in (*member_of, *via_tasks) if p})
	if not names:
		return []
	rows = frappe.get_all(
		PROJECT,
		filters={"name": ("in", names), "status": OPEN_PROJECT},
		fields=["name", "project_name"],
		order_by="project_name asc",
		limit_page_length=MAX_ROWS,
	)
	return [{"name": row.name, "label": row.project_name or row.name} for row in rows]


def tasks_of(project: str) -> list[dict]:
	"""The project's open tasks, by subject."""
	rows = frappe.get_all(
		TASK,
		filters={"project": project, "status": ("not in", CLOSED_TASK_STATUSES)},
		fields=["name", "subject"],
		order_by="subject asc",
		limit_page_length=MAX_ROWS,
	)
	return [{"name": row.name, "label": row.subject or row.name} for row in rows]


def activity_types() -> list[dict]:
	"""Activity Types that are not disabled, by name."""
	names = frappe.get_all(
		ACTIVITY_TYPE, filters={"disabled": 0}, pluck="name", order_by="name asc", limit_page_length=MAX_ROWS
	)
	return [{"name": name} for name in names]


# --- adding a time log ------------------------------------------------------------------------------


def _check_choices(user: str, form: dict) -> None:
	"""What the modal offered may have changed since it was opened (a project closed, a task
	moved, an activity type disabled) or may not be the user's: ERPNext's desk only filters these
	in its pickers (erpnext timesheet.js `get_query`), so the server side is ours to check."""
	project = form["project"]
	if project not in {p["name"] for p in projects_for(user)}:
		raise TimesheetRefused(
			"project", _("You cannot log time on project {0}: it is not open or not yours.").format(project)
		)
	if form.get("task"):
		task = frappe.db.get_value(TASK, form["task"], ["project", "status"], as_dict=True)
		if not task or task.project != project or task.status in CLOSED_TASK_STATUSES:
			raise TimesheetRefused(
				"task", _("Task {0} is not an open task of project {1}.").format(form["task"], project)
			)
	if not frappe.db.get_value(ACTIVITY_TYPE, {"name": form["activity_type"], "disabled": 0}, "name"):
		raise TimesheetRefused(
			"activity_type",
			_("Activity Type {0} does not exist or is disabled.").format(form["activity_type"]),
		)


def _draft_for(employee: str, day: datetime.date) -> str | None:
	"""The employee's oldest draft Timesheet whose period covers `day`."""
	return (
		frappe.db.get_value(
			TIMESHEET,
			{"employee": employee, "docstatus": 0, "start_date": ("<=", day), "end_date": (">=", day)},
			"name",
			order_by="creation asc",
		)
		or None
	)


def _logs_on(employees: list[str], day: datetime.date, *, touching: bool = False) -> list[frappe._dict]:
	"""Every time log of `employees` starting on `day` in a draft or submitted Timesheet (two
	queries): `employee`, `parent`, `from_time`, `to_time`, `hours`. With `touching`, also the
	logs that started earlier and run into `day` (a night shift)."""
	if not employees:
		return []
	sheets = frappe.get_all(
		TIMESHEET,
		filters={
			"employee": ("in", employees),
			"docstatus": ("<", 2),
			"start_date": ("<=", day),
			"end_date": (">=", day),
		},
		fields=["name", "employee"],
		limit_page_length=0,
	)
	if not sheets:
		return []
	employee_of = {row.name: row.employee for row in sheets}
	start = datetime.datetime.combine(day, datetime.time.min)
	logs = frappe.get_all(
		TIMESHEET_DETAIL,
		filters={
			"parenttype": TIMESHEET,
			"parent": ("in", sorted(employee_of)),
			**(
				{"to_time": (">", start)}
				if touching
				else {"from_time": (">=", start), "to_time": ("is", "set")}
			),
		},
		fields=["parent", "from_time", "to_time", "hours"],
		limit_page_length=0,
	)
	end = start + datetime.timedelta(days=1)
	out = []
	for row in logs:
		if frappe.utils.get_datetime(row.from_time) < end:
			row.employee = employee_of[row.parent]
			out.append(row)
	return out


def hours_on(employee: str, day: datetime.date) -> float:
	return round(sum(float(row.hours or 0) for row in _logs_on([employee], day)), 2)


def _start_of_next_log(employee: str, day: datetime.date) -> datetime.datetime:
	# ERPNext's overlap rule sees every log of the employee, also one begun the night before.
	ends = [frappe.utils.get_datetime(row.to_time) for row in _logs_on([employee], day, touching=True)]
	return max(ends, default=datetime.datetime.combine(day, WORKDAY_START))


def _refused_field(exc: frappe.ValidationError) -> str:
	"""Which modal input an ERPNext refusal is about, by its class (never by its words)."""
	if isinstance(exc, erpnext_timesheet.OverlapError):
		return "hours"  # the log's time; the user can only change the date or the hours
	if isinstance(exc, frappe.MandatoryError):
		missing = str(exc).rpartition("]: ")[2].split(", ")
		return next((f for f in missing if f in ("project", "task", "activity_type", "hours")), GENERAL_FIELD)
	if isinstance(exc, frappe.LinkValidationError):
		return GENERAL_FIELD
	return GENERAL_FIELD


def add_time_log(*, user: str, employee: str, form: dict) -> dict:
	"""Add one time log to the employee's draft Timesheet for the form's date, or a new draft,
	as `user` (the employee's own user: permissions and owner are true).

	Raises TimesheetRefused (after a rollback) when ERPNext or our checks refuse; anything else
	propagates. Returns the confirmation's facts (`core.build_timesheet_confirmation` input)."""
	day = frappe.utils.getdate(form["date"])
	with users.acting_as(user):
		_check_choices(user, form)
		from_time = _start_of_next_log(employee, day)
		row = {
			"activity_type": form["activity_type"],
			"from_time": from_time,
			"hours": form["hours"],
			"to_time": from_time + datetime.timedelta(hours=form["hours"]),
			"project": form["project"],
			"task": form.get("task") or None,
			"description": form["description"],
		}
		try:
			name = _draft_for(employee, day)
			if name:
				doc = frappe.get_doc(TIMESHEET, name)
				doc.append("time_logs", row)
				doc.save()
			else:
				doc = frappe.get_doc(
					{
						"doctype": TIMESHEET,
						"employee": employee,
						"company": frappe.db.get_value("Employee", employee, "company"),
						"time_logs": [row],
					}
				).insert()
		except frappe.ValidationError as exc:
			frappe.db.rollback()
			raise TimesheetRefused(_refused_field(exc), leave.plain_message(exc)) from exc
	project_name = frappe.db.get_value(PROJECT, form["project"], "project_name")
	task_subject = frappe.db.get_value(TASK, form["task"], "subject") if form.get("task") else None
	return {
		"date": str(day),
		"hours": float(form["hours"]),
		"project": form["project"],
		"project_name": project_name or None,
		"task": form.get("task") or None,
		"task_subject": task_subject or None,
		"activity_type": form["activity_type"],
		"description": form["description"],
		"day_total": hours_on(employee, day),
		"timesheet": doc.name,
		"timesheet_status": doc.status or "Draft",
	}


# --- the reminder -----------------------------------------------------------------------------------


def previous_working_day(today: datetime.date) -> datetime.date | None:
	"""The default company's last working day (`erp/holidays.py`) before `today`, within a month."""
	for back in range(1, 32):
		day = today - datetime.timedelta(days=back)
		if holidays.is_working_day(day):
			return day
	return None


def norm_hours() -> float:
	"""HR Settings' standard working hours (hrms v15 hr_settings.json `standard_working_hours`),
	8 when unset."""
	value = frappe.utils.flt(frappe.db.get_single_value("HR Settings", "standard_working_hours"))
	return value if value > 0 else DEFAULT_NORM_HOURS


def reminder_candidates(day: datetime.date, departments: list[str]) -> list[dict]:
	"""Every Active employee (of `departments`, all when empty) with a user, and what `day` asked
	of them: `{employee, employee_name, user, slack_user_id, logged, expected, half_day, skip}`
	where `skip` is None or why nobody expects hours of them (`holiday`, `on_leave`). A fixed
	number of queries whatever the number of employees."""
	filters = {"status": users.ACTIVE_EMPLOYEE, "user_id": ("is", "set")}
	if departments:
		filters["department"] = ("in", departments)
	employees = frappe.get_all(
		"Employee",
		filters=filters,
		fields=["name", "employee_name", "user_id"],
		order_by="name asc",
		limit_page_length=0,
	)
	if not employees:
		return []
	names = [row.name for row in employees]
	slack_ids = users.current_staff_slack_ids(names)
	# Their own Holiday List's say (erp/holidays.py), whatever the company's.
	off = holidays.employees_off(day, names)
	leaves = frappe.get_all(
		leave.LEAVE_APPLICATION,
		filters={
			"employee": ("in", names),
			"status": "Approved",
			"docstatus": 1,
			"from_date": ("<=", day),
			"to_date": (">=", day),
		},
		fields=["employee", "half_day", "half_day_date", "from_date", "to_date"],
		limit_page_length=0,
	)
	leave_of: dict[str, str] = {}
	for row in leaves:
		half = frappe.utils.cint(row.half_day) and (
			(row.half_day_date and frappe.utils.getdate(row.half_day_date) == day)
			# hrms sets half_day_date to from_date for a one-day half-day leave (set_half_day_date)
			or (not row.half_day_date and row.from_date == row.to_date)
		)
		# A full day on any application wins over a half day on another.
		if leave_of.get(row.employee) != "full":
			leave_of[row.employee] = "half" if half else "full"
	logged: dict[str, float] = {}
	for row in _logs_on(names, day):
		logged[row.employee] = logged.get(row.employee, 0.0) + float(row.hours or 0)
	norm = norm_hours()
	out = []
	for row in employees:
		kind = leave_of.get(row.name)
		skip = "holiday" if row.name in off else "on_leave" if kind == "full" else None
		out.append(
			{
				"employee": row.name,
				"employee_name": row.employee_name or row.name,
				"user": row.user_id,
				"slack_user_id": slack_ids.get(row.name),
				"logged": round(logged.get(row.name, 0.0), 2),
				"expected": norm / 2 if kind == "half" else norm,
				"half_day": kind == "half",
				"skip": skip,
			}
		)
	return out
