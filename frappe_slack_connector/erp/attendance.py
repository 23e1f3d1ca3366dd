"""Who is out: absences on a day, working days, and the "today's summary is sent once" claim."""

from __future__ import annotations

import datetime

import frappe
from erpnext.setup.doctype.employee.employee import get_holiday_list_for_employee
from erpnext.setup.doctype.holiday_list.holiday_list import is_holiday
from frappe.utils.synchronization import filelock

from frappe_slack_connector.erp import leave, users
from frappe_slack_connector.erp.settings import SETTINGS_DOCTYPE

ATTENDANCE_LOCK = "frappe_slack_connector_attendance_summary"
# Statuses that mean "this person is (or may be) out": a pending request counts too.
ABSENCE_STATUSES = ("Open", "Approved")
MENTION_FIELD = "mention_in_summary"


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
		send_time=_send_time(values.get("attendance_time")),
		title=values.get("leave_notification_subject") or "",
		last_date=_stored_date(values.get("last_attendance_date")),
		last_ts=values.get("last_attendance_msg_ts") or None,
	)


def mention_people() -> bool:
	"""Slack Settings "Mention people in the daily summary": mentions (`<@U…>`) or plain names in
	the summary and the late-leave note.

	Read from get_singles_dict, not get_single_value: a site migrated from before the field existed
	has no row for it, which get_single_value would cast to 0 (off); a missing row takes the
	DocType default (on)."""
	value = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, cast=True).get(MENTION_FIELD)
	if value is None:
		value = frappe.get_meta(SETTINGS_DOCTYPE).get_field(MENTION_FIELD).default
	return bool(frappe.utils.cint(value))


def _send_time(value) -> str:
	"""`HH:MM:SS` of the Attendance time. cast=True gives a timedelta, and 00:00 is
	`timedelta(0)`, which is falsy: only a missing row (never saved) takes the DocType default."""
	if value is None:
		value = frappe.get_meta(SETTINGS_DOCTYPE).get_field("attendance_time").default
	delta = frappe.utils.get_timedelta(value)
	if delta is None:
		raise ValueError(f"Slack Settings attendance_time is not a time: {value!r}")
	seconds = int(delta.total_seconds())
	return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _stored_date(value) -> str | None:
	"""ISO date of a Date field read with cast=True, or None when unset (frappe/utils/data.py
	cast() turns a NULL Date into date(1, 1, 1))."""
	if not value or value == datetime.date(1, 1, 1):
		return None
	return str(value)


def attendance_claim():
	"""Exclusive section for deciding whether today's summary is ours to send (one bench, any
	worker; the locking read of Slack Settings orders workers across benches)."""
	return filelock(ATTENDANCE_LOCK, timeout=60)


def claim_day(day) -> None:
	"""Mark `day`'s summary as being sent (no ts yet) and commit, which ends the locking read of
	Slack Settings: the post happens after, with no row lock held, and every other worker that
	takes the lock meanwhile sees the day as sent."""
	record_attendance_sent(day, "")


def release_day(day, previous: str | None) -> None:
	"""Slack certainly did not post `day`'s summary: give the day back (the last date sent before
	the claim), so the next tick tries again. Only while the claim is still ours (no ts)."""
	values = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, for_update=True, cast=True)
	if _stored_date(values.get("last_attendance_date")) == str(day) and not values.get(
		"last_attendance_msg_ts"
	):
		frappe.db.set_single_value(
			SETTINGS_DOCTYPE, {"last_attendance_date": previous, "last_attendance_msg_ts": None}
		)
	frappe.db.commit()


def record_attendance_sent(day, ts: str) -> None:
	frappe.db.set_single_value(
		SETTINGS_DOCTYPE, {"last_attendance_date": str(day), "last_attendance_msg_ts": ts}
	)
	# Committed now: the next worker to take the lock must see the day as sent.
	frappe.db.commit()


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
