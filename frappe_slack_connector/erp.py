"""The ERP adapter: every frappe / hrms / erpnext call the app makes goes through this module.

Handlers and routes ask it for data and give it decisions; it never builds Slack JSON.
"""

from __future__ import annotations

import hashlib
import html
import secrets
from contextlib import contextmanager

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


# --- users and workspace --------------------------------------------------------------------------

SYSTEM_MANAGER = "System Manager"
OAUTH_STATE_TTL_SECONDS = 600
_OAUTH_STATE_KEY = "frappe_slack_connector:oauth_state:"
# Slack Settings fields filled by the OAuth install (read-only in the form).
WORKSPACE_FIELDS = ("slack_team_id", "slack_team_name", "bot_user_id")


def commit() -> None:
	"""Keep what this request wrote (Error Logs too): Frappe rolls back every GET request."""
	frappe.db.commit()


def session_user() -> str:
	return frappe.session.user


def is_system_manager(user: str | None = None) -> bool:
	return SYSTEM_MANAGER in frappe.get_roles(user or frappe.session.user)


def client_credentials() -> tuple[str | None, str | None]:
	"""(Client ID, Client Secret) of the Slack app, from Slack Settings."""
	client_id = (settings().get("client_id") or "").strip() or None
	return client_id, _password("client_secret")


def workspace() -> frappe._dict:
	"""The connected workspace as stored by the OAuth install (empty values when never installed)."""
	doc = settings()
	return frappe._dict({field: doc.get(field) or None for field in WORKSPACE_FIELDS})


def store_workspace(*, bot_token: str, team_id: str, team_name: str, bot_user_id: str) -> None:
	"""Save the bot token (Password) and the workspace of an OAuth install, and commit."""
	doc = frappe.get_single(SETTINGS_DOCTYPE)
	doc.bot_user_oauth_token = bot_token
	doc.slack_team_id = team_id
	doc.slack_team_name = team_name
	doc.bot_user_id = bot_user_id
	# The callback has checked that the session user started the install as a System Manager.
	doc.save(ignore_permissions=True)
	frappe.db.commit()


def _state_key(state: str) -> str:
	# Only a hash of the state is a cache key: the cache never holds a usable state.
	return _OAUTH_STATE_KEY + hashlib.sha256(state.encode()).hexdigest()


def new_oauth_state(user: str) -> str:
	"""A random, single-use OAuth `state` bound to `user`, valid for 10 minutes."""
	state = secrets.token_urlsafe(32)
	expires = frappe.utils.add_to_date(now(), seconds=OAUTH_STATE_TTL_SECONDS)
	frappe.cache.set_value(
		_state_key(state),
		{"user": user, "expires": expires.isoformat(), "used": False},
		expires_in_sec=OAUTH_STATE_TTL_SECONDS,
	)
	return state


def take_oauth_state(state: str | None) -> tuple[str | None, str]:
	"""Consume an OAuth `state`: `(user, "")`, or `(None, problem)` with problem one of
	`missing`, `unknown`, `expired`, `reused`. A state can be taken once; a second attempt within
	its lifetime is `reused`, later it is `unknown`."""
	if not state:
		return None, "missing"
	key = _state_key(state)
	value = frappe.cache.get_value(key)
	if not isinstance(value, dict):
		return None, "unknown"
	if value.get("used"):
		return None, "reused"
	# Mark it used before anything else; Slack codes are single-use too, so two callbacks racing
	# on one state cannot both store a token.
	frappe.cache.set_value(key, {**value, "used": True}, expires_in_sec=OAUTH_STATE_TTL_SECONDS)
	if frappe.utils.get_datetime(value["expires"]) < now():
		return None, "expired"
	return value["user"], ""


def user_exists(user: str) -> bool:
	return bool(frappe.db.exists("User", user))


def user_by_email(email: str) -> str | None:
	"""The Frappe user whose name or e-mail is `email`, if any."""
	if frappe.db.exists("User", email):
		return email
	return frappe.db.get_value("User", {"email": email}, "name")


def emails_of_user(user: str) -> list[str]:
	"""The user's e-mail, then their Employee company and personal e-mail (distinct, in order)."""
	found = [frappe.db.get_value("User", user, "email") or user]
	employee = frappe.db.get_value(
		"Employee", {"user_id": user}, ["company_email", "personal_email"], as_dict=True
	)
	if employee:
		found += [employee.company_email, employee.personal_email]
	seen: dict[str, str] = {}
	for email in found:
		if email and email.strip() and "@" in email:
			seen.setdefault(email.strip().lower(), email.strip())
	return list(seen.values())


def slack_link_of_user(user: str) -> frappe._dict | None:
	return frappe.db.get_value(
		USER_META_DOCTYPE, {"user": user}, ["name", "user", "slack_user_id", "slack_username"], as_dict=True
	)


def user_of_slack_id(slack_user_id: str) -> str | None:
	return frappe.db.get_value(USER_META_DOCTYPE, {"slack_user_id": slack_user_id}, "user")


def link_slack_user(user: str, slack_user_id: str, slack_username: str | None) -> str:
	"""Upsert `user`'s Slack User Meta. Returns `linked` (new or changed), `already_linked`, or
	`conflict` (the Slack ID belongs to another user: nothing is written)."""
	owner = user_of_slack_id(slack_user_id)
	if owner and owner != user:
		return "conflict"
	current = slack_link_of_user(user)
	if current and current.slack_user_id == slack_user_id:
		if slack_username and current.slack_username != slack_username:
			frappe.db.set_value(USER_META_DOCTYPE, current.name, "slack_username", slack_username)
		return "already_linked"
	if current:
		doc = frappe.get_doc(USER_META_DOCTYPE, current.name)
		doc.slack_user_id = slack_user_id
		doc.slack_username = slack_username
		doc.save(ignore_permissions=True)
	else:
		frappe.get_doc(
			{
				"doctype": USER_META_DOCTYPE,
				"user": user,
				"slack_user_id": slack_user_id,
				"slack_username": slack_username,
			}
		).insert(ignore_permissions=True)
	return "linked"


def enabled_users_by_email() -> dict[str, str]:
	"""Lower-cased e-mail → enabled Frappe user, from the User (name, email) and its Employee's
	`company_email` / `personal_email`. The User's own address wins over an Employee address."""
	users = frappe.get_all(
		"User",
		filters={"enabled": 1, "name": ("not in", ("Administrator", "Guest"))},
		fields=["name", "email"],
		limit_page_length=0,
	)
	enabled = {row.name for row in users}
	by_email: dict[str, str] = {}
	employees = frappe.get_all(
		"Employee",
		filters={"user_id": ("is", "set")},
		fields=["user_id", "company_email", "personal_email"],
		limit_page_length=0,
	)
	for row in employees:
		if row.user_id not in enabled:
			continue
		for email in (row.personal_email, row.company_email):
			if email and email.strip():
				by_email[email.strip().lower()] = row.user_id
	for row in users:
		for email in (row.email, row.name):
			if email and "@" in email:
				by_email[email.strip().lower()] = row.name
	return by_email


def linked_users() -> dict[str, str]:
	"""Frappe user → Slack user ID, for every Slack User Meta."""
	rows = frappe.get_all(USER_META_DOCTYPE, fields=["user", "slack_user_id"], limit_page_length=0)
	return {row.user: row.slack_user_id for row in rows}


def active_employee_users() -> list[str]:
	"""Users of Active Employees (enabled users only), sorted."""
	rows = frappe.get_all(
		"Employee",
		filters={"status": "Active", "user_id": ("is", "set")},
		fields=["user_id"],
		limit_page_length=0,
	)
	users = {row.user_id for row in rows}
	if not users:
		return []
	enabled = frappe.get_all(
		"User", filters={"name": ("in", sorted(users)), "enabled": 1}, pluck="name", limit_page_length=0
	)
	return sorted(enabled)


def log_info(message: str) -> None:
	frappe.logger("frappe_slack_connector").info(message)


def notify(user: str | None, message: str, *, indicator: str = "green") -> None:
	"""A desk alert for `user` (the one who pressed a button), if any."""
	if user:
		frappe.publish_realtime(
			"msgprint", {"message": message, "indicator": indicator, "alert": True}, user=user
		)


def enqueue_long(method: str, *, job_id: str, **kwargs) -> None:
	"""Run `method` on the long queue after this request commits; one such job at a time."""
	frappe.enqueue(
		method,
		queue="long",
		job_id=job_id,
		deduplicate=True,
		enqueue_after_commit=True,
		**kwargs,
	)


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


# --- leave ----------------------------------------------------------------------------------------

HR_MANAGER = "HR Manager"
LEAVE_APPLICATION_MODULE = "hrms.hr.doctype.leave_application.leave_application"
OPEN = "Open"


class LeaveRefused(Exception):
	"""Frappe / hrms refused a Leave Application (validation): nothing was saved.

	`field`: the Leave Application field the problem is about (`from_date`, `to_date`,
	`leave_type`, `half_day_date` or `description` when it is about nothing in particular).
	`message`: Frappe's message as plain text (HTML stripped, entities unescaped).
	"""

	def __init__(self, field: str, message: str):
		super().__init__(message)
		self.field = field
		self.message = message


def _hrms_leave():
	return frappe.get_module(LEAVE_APPLICATION_MODULE)


def today() -> str:
	"""Site-local today, ISO."""
	return str(frappe.utils.getdate(frappe.utils.today()))


def plain_message(exc: BaseException) -> str:
	"""A Frappe error as plain text: tags stripped, entities unescaped, whitespace squeezed."""
	text = html.unescape(frappe.utils.strip_html(str(exc) or type(exc).__name__))
	return " ".join(text.split()) or type(exc).__name__


@contextmanager
def acting_as(user: str):
	"""Run as `user` (permissions, owner, timeline are true), then restore the previous user."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def frappe_user_for_slack(slack_user_id: str) -> str | None:
	"""The enabled Frappe user linked to a Slack user id (Slack User Meta), or None."""
	user = user_of_slack_id(slack_user_id)
	if user and frappe.db.get_value("User", user, "enabled"):
		return user
	return None


def slack_id_for_user(user: str) -> str | None:
	return frappe.db.get_value(USER_META_DOCTYPE, {"user": user}, "slack_user_id") or None


def enabled_user_by_email(email: str | None) -> str | None:
	# frappe/core/doctype/user/user.py: User names are the lower-cased e-mail.
	email = (email or "").strip().lower()
	if not email:
		return None
	return frappe.db.get_value("User", {"email": email, "enabled": 1}, "name") or None


def user_email(user: str) -> str | None:
	return frappe.db.get_value("User", user, "email") or None


def full_name(user: str | None) -> str | None:
	if not user:
		return None
	return frappe.utils.get_fullname(user)


def active_employee(user: str) -> str | None:
	"""The Active Employee whose user_id is `user`, or None."""
	return (
		frappe.db.get_value(
			"Employee", {"user_id": user, "status": "Active"}, "name", order_by="creation asc"
		)
		or None
	)


def leave_types_for(employee: str, on_date: str) -> list[str]:
	"""Leave types the employee can apply for: allocations valid on `on_date`, then every Leave
	Without Pay type; each once."""
	allocations = _hrms_leave().get_leave_allocation_records(employee, on_date)
	names = list(allocations.keys())
	names += frappe.get_all("Leave Type", filters={"is_lwp": 1}, pluck="name", order_by="name asc")
	return list(dict.fromkeys(names))


def leave_approver_of(employee: str) -> str | None:
	return _hrms_leave().get_leave_approver(employee) or None


# hrms error class → the field it is about; then words of the message (hrms raises most date
# problems as plain ValidationError). First match wins; anything else is about the request itself.
_FIELD_BY_ERROR = (
	("InsufficientLeaveBalanceError", "leave_type"),
	("OverlapError", "from_date"),
	("LeaveAcrossAllocationsError", "from_date"),
)
_FIELD_BY_WORDS = (
	(("half day",), "half_day_date"),
	(("to date", "cannot be longer"), "to_date"),
	(("balance", "leave type"), "leave_type"),
	(("date", "holiday", "allocation", "period", "backdated"), "from_date"),
)


def _refused_field(exc: Exception) -> str:
	"""Which Leave Application field a validation error is about (for pointing at it)."""
	hrms = _hrms_leave()
	for class_name, field in _FIELD_BY_ERROR:
		cls = getattr(hrms, class_name, None)
		if cls is not None and isinstance(exc, cls):
			return field
	text = str(exc).lower()
	for words, field in _FIELD_BY_WORDS:
		if any(word in text for word in words):
			return field
	return "description"


def create_leave_application(
	*,
	user: str,
	employee: str,
	leave_type: str,
	from_date: str,
	to_date: str,
	reason: str,
	half_day: bool = False,
	half_day_date: str | None = None,
	half_period_label: str | None = None,
) -> dict:
	"""Insert an Open Leave Application as `user` (the employee's own user).

	Raises LeaveRefused for Frappe/hrms validation errors after rolling the transaction back;
	anything else propagates (the caller rolls back and logs).
	Returns {"name", "leave_approver"}.
	"""
	approver = leave_approver_of(employee)
	values = {
		"doctype": LEAVE_APPLICATION,
		"employee": employee,
		"leave_type": leave_type,
		"from_date": from_date,
		"to_date": to_date,
		"half_day": 1 if half_day else 0,
		"half_day_date": half_day_date if half_day else None,
		"description": reason,
		"leave_approver": approver,
		"status": OPEN,
		"posting_date": today(),
	}
	if half_day and half_period_label and has_half_period_field():
		values[HALF_PERIOD_FIELD] = half_period_label
	try:
		with acting_as(user):
			doc = frappe.get_doc(values).insert()
	except frappe.ValidationError as exc:
		frappe.db.rollback()
		raise LeaveRefused(_refused_field(exc), plain_message(exc)) from exc
	return {"name": doc.name, "leave_approver": doc.leave_approver}


def leave_details(leave_application: str) -> dict | None:
	"""A Leave Application as the plain dict the leave builders take (ISO dates), plus the
	people around it (`employee_user`, `leave_approver`, `status`, `docstatus`), or None."""
	fields = [
		"name",
		"employee",
		"employee_name",
		"leave_type",
		"from_date",
		"to_date",
		"total_leave_days",
		"half_day",
		"half_day_date",
		"posting_date",
		"description",
		"leave_approver",
		"status",
		"docstatus",
		"modified_by",
	]
	if has_half_period_field():
		fields.append(HALF_PERIOD_FIELD)
	row = frappe.db.get_value(LEAVE_APPLICATION, leave_application, fields, as_dict=True)
	if not row:
		return None
	employee_user = frappe.db.get_value("Employee", row.employee, "user_id") or None
	half_day = bool(frappe.utils.cint(row.half_day))

	def iso(value):
		return str(frappe.utils.getdate(value)) if value else None

	return {
		"builder": {
			"leave_application": row.name,
			"form_url": frappe.utils.get_url_to_form(LEAVE_APPLICATION, row.name),
			"requester_name": row.employee_name or row.employee,
			"requester_slack_id": slack_id_for_user(employee_user) if employee_user else None,
			"leave_type": row.leave_type,
			"posting_date": iso(row.posting_date),
			"from_date": iso(row.from_date),
			"to_date": iso(row.to_date),
			"total_days": float(row.total_leave_days) if row.total_leave_days is not None else None,
			"half_day": half_day,
			"half_day_date": iso(row.half_day_date) if half_day else None,
			"half_period": (row.get(HALF_PERIOD_FIELD) or None) if half_day else None,
			"reason": row.description or None,
		},
		"employee_user": employee_user,
		"leave_approver": row.leave_approver or None,
		"status": row.status,
		"docstatus": frappe.utils.cint(row.docstatus),
		"modified_by": row.modified_by,
	}


def may_decide(user: str, leave_approver: str | None) -> bool:
	"""The application's leave approver, or an HR Manager."""
	return bool(leave_approver and user == leave_approver) or HR_MANAGER in frappe.get_roles(user)


def current_status(leave_application: str) -> tuple[str, int] | None:
	"""(status, docstatus), read with a row lock so two clicks decide one after the other."""
	row = frappe.db.get_value(
		LEAVE_APPLICATION, leave_application, ["status", "docstatus"], as_dict=True, for_update=True
	)
	return (row.status, frappe.utils.cint(row.docstatus)) if row else None


def decide_leave(leave_application: str, status: str, user: str) -> None:
	"""As `user`: set status (Approved/Rejected), save, submit, comment on the timeline.

	Raises LeaveRefused (after a rollback) when Frappe refuses; the application stays Open.
	"""
	try:
		with acting_as(user):
			doc = frappe.get_doc(LEAVE_APPLICATION, leave_application)
			doc.status = status
			doc.save()
			doc.submit()
			doc.add_comment("Comment", text=f"{status} via Slack by {full_name(user)}")
	except (frappe.ValidationError, frappe.PermissionError) as exc:
		frappe.db.rollback()
		message = plain_message(exc)
		if isinstance(exc, frappe.PermissionError):
			message = plain_message(frappe.local.flags.get("error_message") or exc)
		raise LeaveRefused("status", message) from exc
