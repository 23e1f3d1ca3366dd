"""Digest rules (`Slack Digest`): each rule's settings and state, the people of its scope (the
whole company, a department with its sub-departments by the tree's lft/rgt, a branch, an
Employee Group), the scope's days off and holidays (`erp/holidays.py` decides them) and who is
celebrated. The period a rule claimed is marked on its row (`erp/daily.digest_mark`)."""

from __future__ import annotations

import datetime

import frappe

from frappe_slack_connector.erp import holidays as erp_holidays
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users
from frappe_slack_connector.erp.settings import stored_date

DOCTYPE = "Slack Digest"
# The `horizon` options of slack_digest.json → the core's horizon keys.
HORIZONS = {"Today": "today", "Tomorrow": "tomorrow", "This Week": "this_week", "Next Week": "next_week"}
WEEKLY = ("this_week", "next_week")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The `scope` options.
WHOLE_COMPANY = "Whole Company"
DEPARTMENT = "Department"
BRANCH = "Branch"
EMPLOYEE_GROUP = "Employee Group"
# Slack User Meta: the person's "keep my birthday and work anniversary out of Slack".
OPT_OUT_FIELD = "no_celebrations"
# How far back a missed day's celebrations are still announced (the site was down, a long holiday).
CATCH_UP_DAYS = 14

_FIELDS = [
	"name",
	"enabled",
	"is_settings_summary",
	"channel",
	"title",
	"horizon",
	"send_time",
	"weekday",
	"scope",
	"department",
	"branch",
	"employee_group",
	"mention",
	"hide_leave_types",
	"include_open",
	"announce_holidays",
	"birthdays",
	"work_anniversaries",
	"last_period",
	"last_post_ts",
	"last_celebrated",
]


def _time_of_day(value) -> str:
	"""`HH:MM:SS` of a Time value (a timedelta or text); 00:00 is `timedelta(0)`, which is falsy."""
	delta = frappe.utils.get_timedelta(value if value is not None else "08:00:00")
	seconds = int(delta.total_seconds()) if delta is not None else 8 * 3600
	return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _rule(row) -> frappe._dict:
	horizon = HORIZONS.get(row.horizon or "Today", "today")
	return frappe._dict(
		name=row.name,
		enabled=bool(frappe.utils.cint(row.enabled)),
		is_settings_summary=bool(frappe.utils.cint(row.is_settings_summary)),
		channel=(row.channel or "").strip(),
		title=row.title or "",
		horizon=horizon,
		send_time=_time_of_day(row.send_time),
		weekday=WEEKDAYS.index(row.weekday) if horizon in WEEKLY and row.weekday in WEEKDAYS else None,
		scope=row.scope or WHOLE_COMPANY,
		target=row.department or row.branch or row.employee_group or None,
		mention=bool(frappe.utils.cint(row.mention)),
		hide_types=bool(frappe.utils.cint(row.hide_leave_types)),
		include_open=bool(frappe.utils.cint(row.include_open)),
		announce_holidays=bool(frappe.utils.cint(row.announce_holidays)),
		birthdays=bool(frappe.utils.cint(row.birthdays)),
		anniversaries=bool(frappe.utils.cint(row.work_anniversaries)),
		last_date=stored_date(row.last_period),
		last_ts=row.last_post_ts or None,
		last_celebrated=stored_date(row.last_celebrated),
	)


def rule_settings(name: str, *, for_update: bool = False) -> frappe._dict | None:
	"""The rule `name` as stored now (a locking read of its row with `for_update`), or None."""
	row = frappe.db.get_value(DOCTYPE, name, _FIELDS, as_dict=True, for_update=for_update)
	return _rule(row) if row else None


def rule_settings_missing(name: str) -> frappe._dict:
	"""A rule deleted since it was listed: disabled, nothing claimed."""
	return frappe._dict(
		name=name,
		enabled=False,
		channel="",
		send_time="00:00:00",
		horizon="today",
		weekday=None,
		last_date=None,
	)


# What the first rule shows until the patch has created its row (Slack Settings' summary as it was).
_SUMMARY_OPTIONS = frappe._dict(
	name=None,
	scope=WHOLE_COMPANY,
	target=None,
	hide_types=False,
	include_open=True,
	announce_holidays=False,
	birthdays=False,
	anniversaries=False,
	last_celebrated=None,
)


def first_rule(*, for_update: bool = False) -> frappe._dict:
	"""Slack Settings' attendance summary as a digest rule: its channel, time, title, on/off,
	mentions and the day (and ts) it was claimed from Slack Settings — their one source of truth —
	and the options Slack Settings never had (scope, leave types, open requests, holidays,
	celebrations, the last day celebrated) from its Slack Digest row. A locking read of Slack
	Settings with `for_update` (the summary's claim)."""
	summary = erp_settings.summary_settings(for_update=for_update)
	name = frappe.db.get_value(DOCTYPE, {"is_settings_summary": 1}, "name")
	rule = rule_settings(name) if name else _SUMMARY_OPTIONS
	return frappe._dict(
		{
			**{field: rule.get(field) for field in _SUMMARY_OPTIONS},
			**summary,
			"is_settings_summary": True,
			"horizon": "today",
			"weekday": None,
			"mention": erp_settings.summary_mentions(),
		}
	)


def scheduled_rules() -> list[str]:
	"""The enabled rules the digest tick runs (Slack Settings' summary runs on its own tick)."""
	return frappe.get_all(
		DOCTYPE,
		filters={"enabled": 1, "is_settings_summary": 0},
		pluck="name",
		order_by="name asc",
		limit_page_length=0,
	)


def is_settings_summary(name: str) -> bool:
	return bool(frappe.utils.cint(frappe.db.get_value(DOCTYPE, name, "is_settings_summary")))


def settings_summary_exists() -> bool:
	return bool(frappe.db.exists(DOCTYPE, {"is_settings_summary": 1}))


def rules_posted_covering(day) -> list[frappe._dict]:
	"""Enabled rules (not Slack Settings' summary) whose horizon includes `day` (today, this week)
	and whose period claimed runs through it: a late leave threads under their posts."""
	rows = frappe.get_all(
		DOCTYPE,
		filters={
			"enabled": 1,
			"is_settings_summary": 0,
			"horizon": ("in", ["Today", "This Week"]),
			"last_period": (">=", day),
		},
		fields=_FIELDS,
		order_by="name asc",
		limit_page_length=0,
	)
	return [_rule(row) for row in rows]


def exists(name: str) -> bool:
	return bool(frappe.db.exists(DOCTYPE, name))


def can_read(name: str) -> bool:
	return bool(frappe.has_permission(DOCTYPE, "read", doc=name))


def record_celebrated(name: str, day) -> None:
	"""The celebrations through `day` are owed with the rule's post. Not committed."""
	frappe.db.set_value(DOCTYPE, name, "last_celebrated", str(day), update_modified=False)


def restore_celebrated(name: str, through, before) -> None:
	"""The post announcing celebrations through `through` never reached Slack: give the rule back
	its previous Celebrated Through (`before`), unless a later post has moved it on. Not committed."""
	current = frappe.db.get_value(DOCTYPE, name, "last_celebrated", for_update=True)
	if current is not None and stored_date(current) == str(through):
		frappe.db.set_value(DOCTYPE, name, "last_celebrated", before, update_modified=False)


def create_settings_summary_rule(values: dict) -> str:
	"""The first rule, Slack Settings' summary (the patch); returns its name."""
	doc = frappe.get_doc({"doctype": DOCTYPE, "is_settings_summary": 1, "horizon": "Today", **values})
	doc.insert(ignore_permissions=True)
	return doc.name


# --- the scope ------------------------------------------------------------------------------------


def scope_employees(rule) -> list[str] | None:
	"""The Active employees a rule covers, sorted; None for the whole company. One or two queries."""
	filters: dict = {"status": users.ACTIVE_EMPLOYEE}
	if rule.scope == DEPARTMENT:
		bounds = frappe.db.get_value("Department", rule.target, ["lft", "rgt"], as_dict=True)
		if not bounds:
			return []
		# The department and every department below it in the tree (frappe/utils/nestedset.py).
		departments = frappe.get_all(
			"Department",
			filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)},
			pluck="name",
			limit_page_length=0,
		)
		filters["department"] = ("in", departments or [rule.target])
	elif rule.scope == BRANCH:
		filters["branch"] = rule.target
	elif rule.scope == EMPLOYEE_GROUP:
		# erpnext Employee Group: its members in the child table `employee_list` (Employee Group Table).
		members = frappe.get_all(
			"Employee Group Table",
			filters={"parenttype": EMPLOYEE_GROUP, "parent": rule.target},
			pluck="employee",
			limit_page_length=0,
		)
		filters["name"] = ("in", sorted({m for m in members if m}) or [""])
	else:
		return None
	return sorted(frappe.get_all("Employee", filters=filters, pluck="name", limit_page_length=0))


def _days(from_day: datetime.date, to_day: datetime.date) -> list[datetime.date]:
	return [from_day + datetime.timedelta(days=i) for i in range((to_day - from_day).days + 1)]


def is_day_off(day: datetime.date, employees: list[str] | None) -> bool:
	"""A day off for the scope: for the whole company (or an empty scope) the default company's,
	else a day off for every one of its employees (nobody of the scope works)."""
	if not employees:
		return not erp_holidays.is_working_day(day)
	return erp_holidays.employees_off(day, employees) == set(employees)


def days_off(from_day: datetime.date, to_day: datetime.date, employees: list[str] | None) -> list[str]:
	"""The scope's days off in `from_day..to_day` as ISO dates (what `core.digest_days` takes)."""
	return [str(day) for day in _days(from_day, to_day) if is_day_off(day, employees)]


def holidays_between(
	from_day: datetime.date, to_day: datetime.date, employees: list[str] | None
) -> list[dict]:
	"""The holidays of the scope's Holiday List(s) in `from_day..to_day`: `{date, description,
	weekly_off}` (what `core.holidays_to_announce` takes). A scope whose people have different
	lists keeps the holidays every one of those lists has."""
	if employees:
		lists = {name for name in erp_holidays.holiday_lists_of(from_day, employees).values() if name}
	else:
		lists = {name for name in [erp_holidays.holiday_list_for(from_day)] if name}
	if not lists:
		return []
	rows = frappe.get_all(
		"Holiday",
		filters={"parent": ("in", sorted(lists)), "holiday_date": ("between", [from_day, to_day])},
		fields=["parent", "holiday_date", "description", "weekly_off"],
		order_by="holiday_date asc",
		limit_page_length=0,
	)
	found: dict[str, dict] = {}
	parents: dict[str, set] = {}
	for row in rows:
		day = str(frappe.utils.getdate(row.holiday_date))
		parents.setdefault(day, set()).add(row.parent)
		found.setdefault(
			day,
			{
				"date": day,
				"description": row.description or "",
				"weekly_off": bool(frappe.utils.cint(row.weekly_off)),
			},
		)
	return [found[day] for day in sorted(found) if parents[day] == lists]


def celebration_people(employees: list[str] | None) -> list[dict]:
	"""Active staff of the scope with their Slack ids, birth and joining dates (`core.celebrations_due`
	takes them), leaving out whoever opted out on their Slack User Meta. Two queries."""
	filters: dict = {"status": users.ACTIVE_EMPLOYEE}
	if employees is not None:
		filters["name"] = ("in", employees or [""])
	staff = frappe.get_all(
		"Employee",
		filters=filters,
		fields=["name", "employee_name", "user_id", "date_of_birth", "date_of_joining"],
		order_by="name asc",
		limit_page_length=0,
	)
	user_ids = sorted({row.user_id for row in staff if row.user_id})
	metas = (
		frappe.get_all(
			users.USER_META_DOCTYPE,
			filters={"user": ("in", user_ids)},
			fields=["user", "slack_user_id", OPT_OUT_FIELD],
			limit_page_length=0,
		)
		if user_ids
		else []
	)
	meta_by_user = {row.user: row for row in metas}

	def iso(value):
		return str(frappe.utils.getdate(value)) if value else None

	people = []
	for row in staff:
		meta = meta_by_user.get(row.user_id)
		if meta and frappe.utils.cint(meta.get(OPT_OUT_FIELD)):
			continue
		people.append(
			{
				"employee": row.name,
				"employee_name": row.employee_name or row.name,
				"slack_user_id": meta.slack_user_id if meta else None,
				"date_of_birth": iso(row.date_of_birth),
				"date_of_joining": iso(row.date_of_joining),
			}
		)
	return people


def celebrations_opted_out(user: str) -> bool:
	return bool(
		frappe.utils.cint(frappe.db.get_value(users.USER_META_DOCTYPE, {"user": user}, OPT_OUT_FIELD))
	)


def set_celebrations_opt_out(user: str, opted_out: bool) -> bool:
	"""Keep (or stop keeping) `user`'s birthday and work anniversary out of every digest. Returns
	False when the user has no Slack User Meta (not linked to Slack)."""
	name = frappe.db.get_value(users.USER_META_DOCTYPE, {"user": user}, "name")
	if not name:
		return False
	frappe.db.set_value(users.USER_META_DOCTYPE, name, OPT_OUT_FIELD, int(opted_out))
	return True
