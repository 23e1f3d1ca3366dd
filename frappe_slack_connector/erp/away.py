""" "While you are away": a person's consent and what the app owes and set in their Slack, kept on
their Slack User Meta (the user token as a Password field, never in a page or a log), their
approved leave and their days off around it."""

from __future__ import annotations

import datetime
import json

import frappe
from frappe.utils.password import (
	get_decrypted_password,
	remove_encrypted_password,
	set_encrypted_password,
)

from frappe_slack_connector.erp import clock, holidays, leave
from frappe_slack_connector.erp.users import USER_META_DOCTYPE, active_employee

# The Password field holding the person's user token.
USER_TOKEN_FIELD = "away_user_token"  # noqa: S105 - a field name, not a secret
# The user scope that lets the app pause a person's notifications (optional in their consent).
DND_SCOPE = "dnd:write"
_STATE_FIELDS = [
	"name",
	"user",
	"slack_user_id",
	"slack_tz",
	"away_consent",
	"away_dnd",
	"away_scopes",
	"away_owed",
	"away_ours",
]
# How far ahead leaves are read: a chain of consecutive leaves longer than this still shows its
# end as the last day read (the status is renewed before it expires).
LOOKAHEAD_DAYS = 62


def _loads(value) -> dict | None:
	if not value:
		return None
	try:
		data = json.loads(value)
	except (TypeError, ValueError):
		return None
	return data if isinstance(data, dict) else None


def _dumps(value: dict | None) -> str | None:
	return json.dumps(value, sort_keys=True) if value else None


def state(user: str, *, for_update: bool = False) -> frappe._dict | None:
	"""The person's away state (None: not linked to Slack): `consent`, `dnd`, `scopes` (a set),
	`tz`, `owed` and `ours` (dicts or None), `slack_user_id`. `for_update` locks their row: two
	workers reconciling the same person take turns."""
	row = frappe.db.get_value(
		USER_META_DOCTYPE, {"user": user}, _STATE_FIELDS, as_dict=True, for_update=for_update
	)
	if not row:
		return None
	return frappe._dict(
		name=row.name,
		user=row.user,
		slack_user_id=row.slack_user_id,
		tz=(row.slack_tz or "").strip() or None,
		consent=bool(frappe.utils.cint(row.away_consent)),
		dnd=bool(frappe.utils.cint(row.away_dnd)),
		scopes=set(filter(None, (row.away_scopes or "").split(","))),
		owed=_loads(row.away_owed),
		ours=_loads(row.away_ours),
	)


def _meta_name(user: str) -> str | None:
	return frappe.db.get_value(USER_META_DOCTYPE, {"user": user}, "name")


def user_token(user: str) -> str | None:
	"""The person's Slack user token, or None (never consented, or erased)."""
	name = _meta_name(user)
	if not name:
		return None
	return get_decrypted_password(USER_META_DOCTYPE, name, USER_TOKEN_FIELD, raise_exception=False) or None


def store_consent(user: str, *, token: str, scopes: list[str]) -> None:
	"""The person allowed it: their token (encrypted, as Frappe keeps a Password), the scopes Slack
	granted, consent on. Do Not Disturb stays as they chose it (off the first time)."""
	name = _meta_name(user)
	if not name:
		raise frappe.DoesNotExistError(f"{user} is not linked to Slack")
	set_encrypted_password(USER_META_DOCTYPE, name, token, USER_TOKEN_FIELD)
	frappe.db.set_value(
		USER_META_DOCTYPE,
		name,
		{USER_TOKEN_FIELD: "*" * 10, "away_consent": 1, "away_scopes": ",".join(sorted(set(scopes)))},
	)
	# Slack's redirect back is a GET, which Frappe rolls back; flags.commit makes it commit
	# instead once the request has succeeded (frappe/app.py sync_database).
	frappe.local.flags.commit = True


def withdraw_consent(user: str) -> None:
	"""Consent off at once (nothing new is set); the token stays until its revoke is delivered."""
	name = _meta_name(user)
	if name:
		frappe.db.set_value(USER_META_DOCTYPE, name, "away_consent", 0)


def erase_token(user: str) -> None:
	"""The token is gone (revoked by us or by Slack): erased, consent off, nothing of ours left."""
	name = _meta_name(user)
	if not name:
		return
	remove_encrypted_password(USER_META_DOCTYPE, name, USER_TOKEN_FIELD)
	frappe.db.set_value(
		USER_META_DOCTYPE,
		name,
		{
			USER_TOKEN_FIELD: None,
			"away_consent": 0,
			"away_scopes": None,
			"away_owed": None,
			"away_ours": None,
		},
	)


def choose_dnd(user: str, on: bool) -> None:
	name = _meta_name(user)
	if name:
		frappe.db.set_value(USER_META_DOCTYPE, name, "away_dnd", 1 if on else 0)


def store_owed(user: str, owed: dict | None) -> None:
	"""What the app now owes Slack for the person (read back by the next reconcile)."""
	name = _meta_name(user)
	if name:
		frappe.db.set_value(USER_META_DOCTYPE, name, "away_owed", _dumps(owed))


def store_ours(user: str, ours: dict | None) -> None:
	"""The status the app has set in Slack (after a delivered set; None after a delivered clear)."""
	name = _meta_name(user)
	if name:
		frappe.db.set_value(USER_META_DOCTYPE, name, "away_ours", _dumps(ours))


def remember_tz(user: str, tz: str | None) -> None:
	"""The person's Slack time zone (users.list / users.info `tz`), when it changed."""
	tz = (tz or "").strip()
	name = _meta_name(user)
	if name and tz and frappe.db.get_value(USER_META_DOCTYPE, name, "slack_tz") != tz:
		frappe.db.set_value(USER_META_DOCTYPE, name, "slack_tz", tz)


def site_tz() -> str:
	return frappe.utils.get_system_timezone()


def consenting_users() -> list[str]:
	"""Everyone the app shows leave for, and everyone it still owes a clear (consent withdrawn,
	status or snooze of ours still owed): the sweep reconciles them all."""
	rows = frappe.get_all(
		USER_META_DOCTYPE,
		or_filters={"away_consent": 1, "away_owed": ("is", "set")},
		pluck="user",
		limit_page_length=0,
	)
	return sorted(set(rows))


def users_of_employee(employee: str) -> str | None:
	return frappe.db.get_value("Employee", employee, "user_id") or None


def _iso(value) -> str | None:
	return str(frappe.utils.getdate(value)) if value else None


def approved_leaves(user: str) -> tuple[list[dict], list[str]]:
	"""The person's approved, submitted leaves from yesterday to LOOKAHEAD_DAYS ahead (site days;
	the person's zone may be a day apart), and their days off over that span (for merging leaves
	with only days off between). Empty when they have no active employee."""
	employee = active_employee(user)
	if not employee:
		return [], []
	today = frappe.utils.getdate(clock.today())
	start = today - datetime.timedelta(days=1)
	end = today + datetime.timedelta(days=LOOKAHEAD_DAYS)
	fields = ["from_date", "to_date", "half_day", "half_day_date"]
	if leave.has_half_period_field():
		fields.append(leave.HALF_PERIOD_FIELD)
	rows = frappe.get_all(
		leave.LEAVE_APPLICATION,
		filters={
			"employee": employee,
			"status": leave.APPROVED,
			"docstatus": 1,
			"to_date": (">=", start),
			"from_date": ("<=", end),
		},
		fields=fields,
		order_by="from_date asc",
		limit_page_length=0,
	)
	leaves = [
		{
			"from_date": _iso(row.from_date),
			"to_date": _iso(row.to_date),
			"half_day": bool(frappe.utils.cint(row.half_day)),
			"half_day_date": _iso(row.half_day_date),
			"half_period": row.get(leave.HALF_PERIOD_FIELD) or None,
		}
		for row in rows
	]
	if not leaves:
		return [], []
	first = min(frappe.utils.getdate(r.from_date) for r in rows)
	last = max(frappe.utils.getdate(r.to_date) for r in rows) + datetime.timedelta(days=7)
	return leaves, [str(day) for day in days_off(employee, first, last)]


def days_off(employee: str, first: datetime.date, last: datetime.date) -> list[datetime.date]:
	"""The employee's non-working days from `first` to `last` (their Holiday List's holidays and
	weekly offs; Saturday and Sunday when they have none): two queries."""
	holiday_list = holidays.holiday_list_for(first, employee=employee)
	if not holiday_list:
		days = []
		day = first
		while day <= last:
			if day.weekday() >= 5:
				days.append(day)
			day += datetime.timedelta(days=1)
		return days
	dates = frappe.get_all(
		"Holiday",
		filters={"parent": holiday_list, "holiday_date": ("between", [first, last])},
		pluck="holiday_date",
		limit_page_length=0,
	)
	return sorted(frappe.utils.getdate(d) for d in dates)


def commit() -> None:
	"""End one person's reconcile in the sweep: their debt commits on its own."""
	frappe.db.commit()
