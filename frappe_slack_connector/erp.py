"""The ERP adapter: every frappe / hrms / erpnext call the app makes goes through this module.

Handlers and routes ask it for data and give it decisions; it never builds Slack JSON.
"""

from __future__ import annotations

import frappe
from erpnext.setup.doctype.employee.employee import get_holiday_list_for_employee
from erpnext.setup.doctype.holiday_list.holiday_list import is_holiday
from frappe.utils.synchronization import filelock

from frappe_slack_connector.slack.client import DEFAULT_BASE_URL

SETTINGS_DOCTYPE = "Slack Settings"
USER_META_DOCTYPE = "Slack User Meta"


# --- settings -----------------------------------------------------------------------------------


def settings():
	"""The Slack Settings single (cached per request by Frappe)."""
	return frappe.get_cached_doc(SETTINGS_DOCTYPE)


def _password(fieldname: str) -> str | None:
	# frappe/model/base_document.py: get_password(raise_exception=False) → None when unset.
	value = settings().get_password(fieldname, raise_exception=False)
	return value.strip() if value and value.strip() else None


def signing_secret() -> str | None:
	return _password("signing_secret")


def bot_token() -> str | None:
	return _password("bot_user_oauth_token")


def slack_api_url() -> str:
	"""Web API base URL: site config `slack_api_url` (GovSlack, proxies, tests) or Slack's."""
	return frappe.conf.get("slack_api_url") or DEFAULT_BASE_URL


# --- logging ------------------------------------------------------------------------------------


def log_error(
	title: str, message: str, *, reference_doctype: str | None = None, reference_name: str | None = None
):
	"""An Error Log row. Callers pass short, secret-free text; never a request body."""
	frappe.log_error(
		title=title,
		message=message,
		reference_doctype=reference_doctype,
		reference_name=reference_name,
	)


def fail(title: str, log_message: str, user_message: str, exc=frappe.ValidationError):
	"""Log, keep the log, and raise a user-facing error.

	A raised exception rolls the request's transaction back, which would take the Error Log
	with it; committing first keeps the evidence. Only call this before any other write.
	"""
	log_error(title, log_message)
	frappe.db.commit()
	frappe.throw(user_message, exc=exc, title=title)


def site_url() -> str:
	return frappe.utils.get_url()


# --- attendance -----------------------------------------------------------------------------------

LEAVE_APPLICATION = "Leave Application"
# The half-period Custom Field some sites add to Leave Application ("First Half"/"Second Half").
HALF_PERIOD_FIELD = "custom_first_halfsecond_half"
ATTENDANCE_LOCK = "frappe_slack_connector_attendance_summary"
# Statuses that mean "this person is (or may be) out": a pending request counts too.
ABSENCE_STATUSES = ("Open", "Approved")


def now():
	"""Site-local now (Frappe's system time zone)."""
	return frappe.utils.now_datetime()


def has_half_period_field() -> bool:
	return bool(frappe.get_meta(LEAVE_APPLICATION).has_field(HALF_PERIOD_FIELD))


def is_working_day(day) -> bool:
	"""The default company's Holiday List decides (weekly offs are holidays in it); no list → Monday to Friday."""
	# erpnext employee.py get_holiday_list_for_employee(None): Global Defaults company's default list.
	holiday_list = get_holiday_list_for_employee(None, raise_exception=False)
	if not holiday_list:
		return day.weekday() < 5
	return not is_holiday(holiday_list, day)


def attendance_settings(*, for_update: bool = False) -> frappe._dict:
	"""Slack Settings as stored right now (not the cached doc).

	`for_update=True` is a locking read: it sees rows other workers committed after this
	transaction started, which a plain read under REPEATABLE READ would not.
	"""
	# frappe/database/database.py: get_value(for_update) does not lock a Single; this does.
	values = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, for_update=for_update, cast=True)
	return frappe._dict(
		enabled=bool(frappe.utils.cint(values.get("send_attendance_updates"))),
		channel=(values.get("attendance_channel_id") or "").strip(),
		send_time=str(values.get("attendance_time") or "08:00:00"),
		title=values.get("leave_notification_subject") or "",
		last_date=str(values["last_attendance_date"]) if values.get("last_attendance_date") else None,
		last_ts=values.get("last_attendance_msg_ts") or None,
	)


def attendance_claim():
	"""Exclusive section for deciding and posting today's summary (one bench, any worker)."""
	return filelock(ATTENDANCE_LOCK, timeout=60)


def record_attendance_sent(day, ts: str) -> None:
	frappe.db.set_single_value(
		SETTINGS_DOCTYPE, {"last_attendance_date": str(day), "last_attendance_msg_ts": ts}
	)
	frappe.db.commit()


def _absence_fields() -> list[str]:
	fields = ["name", "employee", "employee_name", "from_date", "to_date", "half_day", "half_day_date"]
	if has_half_period_field():
		fields.append(HALF_PERIOD_FIELD)
	return fields


def _slack_ids_by_employee(employees: list[str]) -> dict[str, str]:
	"""Employee → Slack user id, in two set-based queries whatever the number of employees."""
	if not employees:
		return {}
	users = frappe.get_all(
		"Employee", filters={"name": ("in", employees)}, fields=["name", "user_id"], limit_page_length=0
	)
	user_by_employee = {row.name: row.user_id for row in users if row.user_id}
	if not user_by_employee:
		return {}
	metas = frappe.get_all(
		USER_META_DOCTYPE,
		filters={"user": ("in", list(set(user_by_employee.values())))},
		fields=["user", "slack_user_id"],
		limit_page_length=0,
	)
	slack_by_user = {row.user: row.slack_user_id for row in metas}
	return {emp: slack_by_user[user] for emp, user in user_by_employee.items() if user in slack_by_user}


def _absence_row(leave: dict, slack_ids: dict[str, str]) -> dict:
	"""A Leave Application row in the shape `core.build_attendance_summary` takes."""
	return {
		"employee": leave["employee"],
		"employee_name": leave.get("employee_name") or leave["employee"],
		"slack_user_id": slack_ids.get(leave["employee"]),
		"from_date": leave["from_date"],
		"to_date": leave["to_date"],
		"half_day": bool(frappe.utils.cint(leave.get("half_day"))),
		"half_day_date": leave.get("half_day_date") or None,
		"half_period": leave.get(HALF_PERIOD_FIELD) or None,
	}


def absences_on(day) -> list[dict]:
	"""Every Open or Approved, non-cancelled Leave Application covering `day`, with Slack ids."""
	leaves = frappe.get_all(
		LEAVE_APPLICATION,
		filters={
			"from_date": ("<=", day),
			"to_date": (">=", day),
			"status": ("in", ABSENCE_STATUSES),
			"docstatus": ("<", 2),
		},
		fields=_absence_fields(),
		limit_page_length=0,
	)
	slack_ids = _slack_ids_by_employee(sorted({leave.employee for leave in leaves}))
	return [_absence_row(leave, slack_ids) for leave in leaves]


def absence_of(leave_application: str) -> dict | None:
	"""One Leave Application as an attendance row, or None if it no longer counts as an absence."""
	leave = frappe.db.get_value(
		LEAVE_APPLICATION, leave_application, [*_absence_fields(), "status", "docstatus"], as_dict=True
	)
	if not leave or leave.status not in ABSENCE_STATUSES or leave.docstatus == 2:
		return None
	return _absence_row(leave, _slack_ids_by_employee([leave.employee]))
