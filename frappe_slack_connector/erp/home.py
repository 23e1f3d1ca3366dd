"""What the Home tab shows one person: their balances (hrms, as the desk shows them), their
leave, who of their department is out, and what waits for their decision — plain dicts in the
shape `core.build_home_view` takes, read with a fixed number of set-based queries whatever the
number of applications (hrms's balance functions cost a few queries per leave type held).

Also the Events API's memory of events already handled (`first_delivery`)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import frappe
from hrms.hr.doctype.leave_application import leave_application as hrms_leave

from frappe_slack_connector.erp import attendance, clock, desk, digests, leave, settings, users
from frappe_slack_connector.erp import away as erp_away

LEAVE_APPROVER = "Leave Approver"
# Past this many upcoming / waiting applications or colleagues out the tab says "+N more"
# (the builder's caps).
MAX_MY_LEAVE = 20
MAX_RECENT = 5
MAX_WAITING = 40
MAX_OUT = 30
OUT_DAYS = 7
DECIDED_STATUSES = ("Approved", "Rejected", "Cancelled")

# Slack re-sends an event it thinks failed; each event_id is handled once within this window.
EVENT_WINDOW_SECONDS = 3600
_EVENT_PREFIX = "frappe_slack_connector:event:"


def first_delivery(event_id: str) -> bool:
	"""True the first time `event_id` is seen within the hour (Redis SET NX EX: one of two
	concurrent deliveries wins). Keys go through `make_key` (site prefix): redis-py's `set`
	is inherited by RedisWrapper without it (frappe/utils/redis_wrapper.py, v15)."""
	cache = frappe.cache
	return bool(cache.set(cache.make_key(_EVENT_PREFIX + event_id), 1, ex=EVENT_WINDOW_SECONDS, nx=True))


# The users whose tab this transaction changed (a decision saves, then submits: two on_update
# events, one tab each), published once just before it commits.
_QUEUED_FLAG = "slack_home_republish"
_NOBODY = ("Guest", "Administrator")


def _forget_queued() -> None:
	frappe.local.flags.pop(_QUEUED_FLAG, None)


def republish_before_commit(candidates, publish: Callable[[list[str]], None]) -> None:
	"""Call `publish(users)` once, in this transaction just before it commits (frappe.db
	before_commit, frappe/database/database.py v15), with the real users among every
	`candidates` it was given: each tab is built once, from the state that commits, and owed with
	it. A rollback forgets them."""
	queued = frappe.local.flags.get(_QUEUED_FLAG)
	if queued is None:
		queued = frappe.local.flags[_QUEUED_FLAG] = set()

		def run() -> None:
			users = sorted(frappe.local.flags.pop(_QUEUED_FLAG, None) or ())
			if users:
				publish(users)

		frappe.db.before_commit.add(run)
		frappe.db.after_rollback.add(_forget_queued)
	queued.update(u for u in candidates if u and u not in _NOBODY)


def _iso(value) -> str | None:
	return str(frappe.utils.getdate(value)) if value else None


def _form_url(name: str) -> str:
	return desk.form_url(leave.LEAVE_APPLICATION, name)


def employee_row(user: str) -> frappe._dict | None:
	"""The user's Active Employee (name, employee_name, department), or None."""
	return frappe.db.get_value(
		"Employee",
		{"user_id": user, "status": users.ACTIVE_EMPLOYEE},
		["name", "employee_name", "department"],
		as_dict=True,
		order_by="creation asc",
	)


def balances(employee: str, today: str, user: str | None = None) -> list[dict]:
	"""Each leave type allocated today with the days left the desk shows (hrms `get_leave_details`:
	`remaining_leaves`, over the whole allocation period), then each Leave Without Pay type.
	Read as `user` (the employee's own) when given: hrms reads Leave Types with the reader's rights,
	and a job enqueued by a Slack request runs as Guest."""
	if user:
		with users.acting_as(user):
			details = hrms_leave.get_leave_details(employee, today)
	else:
		details = hrms_leave.get_leave_details(employee, today)
	out = [
		{"leave_type": leave_type, "days_left": float(row["remaining_leaves"])}
		for leave_type, row in sorted(details["leave_allocation"].items())
	]
	held = {row["leave_type"] for row in out}
	out += [{"leave_type": lwp} for lwp in sorted(details.get("lwps") or []) if lwp not in held]
	return out


def days_left_by_type(employee: str, today: str, user: str | None = None) -> dict[str, float]:
	"""Leave type → days left as `balances` (LWP types absent)."""
	return {b["leave_type"]: b["days_left"] for b in balances(employee, today, user) if "days_left" in b}


def _names_of(user_ids) -> dict[str, str]:
	ids = sorted({u for u in user_ids if u})
	if not ids:
		return {}
	rows = frappe.get_all(
		"User", filters={"name": ("in", ids)}, fields=["name", "full_name"], limit_page_length=0
	)
	return {row.name: row.full_name or row.name for row in rows}


_LEAVE_FIELDS = [
	"name",
	"leave_type",
	"from_date",
	"to_date",
	"half_day",
	"status",
	"docstatus",
	"leave_approver",
	"modified",
]


def _home_leave(row, approver_names: dict[str, str], today: datetime.date, *, offers: bool) -> dict:
	offer = None
	if offers and row.status == leave.OPEN and row.docstatus == 0:
		offer = "withdraw"
	elif (
		offers
		and row.status == leave.APPROVED
		and row.docstatus == 1
		and frappe.utils.getdate(row.from_date) > today
	):
		offer = "ask_to_cancel"
	return {
		"leave_application": row.name,
		"form_url": _form_url(row.name),
		"leave_type": row.leave_type,
		"from_date": _iso(row.from_date),
		"to_date": _iso(row.to_date),
		"half_day": bool(frappe.utils.cint(row.half_day)),
		"status": row.status,
		"approver_name": approver_names.get(row.leave_approver) if row.leave_approver else None,
		"offer": offer,
	}


def my_leave(employee: str, today: str) -> tuple[list[dict], list[dict]]:
	"""(upcoming and pending, last decided): Open or Approved applications not yet over, soonest
	first; the last few decided ones (Approved ones already over, Rejected, Cancelled), latest
	change first. Three queries."""
	day = frappe.utils.getdate(today)
	upcoming = frappe.get_all(
		leave.LEAVE_APPLICATION,
		filters={
			"employee": employee,
			"to_date": (">=", today),
			"status": ("in", (leave.OPEN, leave.APPROVED)),
			"docstatus": ("<", 2),
		},
		fields=_LEAVE_FIELDS,
		order_by="from_date asc",
		limit_page_length=0,
	)
	shown = {row.name for row in upcoming}
	recent = [
		row
		for row in frappe.get_all(
			leave.LEAVE_APPLICATION,
			filters={"employee": employee, "status": ("in", DECIDED_STATUSES), "docstatus": (">", 0)},
			fields=_LEAVE_FIELDS,
			order_by="modified desc",
			limit_page_length=MAX_RECENT + len(shown),
		)
		if row.name not in shown
	][:MAX_RECENT]
	names = _names_of(row.leave_approver for row in [*upcoming, *recent])
	return (
		[_home_leave(row, names, day, offers=True) for row in upcoming],
		[_home_leave(row, names, day, offers=False) for row in recent],
	)


def out_of_department(employee: str, department: str | None, today: str) -> tuple[list[dict], int]:
	"""(the first MAX_OUT of who else of the department is out (Open or Approved, not cancelled)
	today or in the next 7 days, current staff only, soonest first; how many they are). Slack ids
	only when the site mentions people. Three queries."""
	if not department:
		return [], 0
	last = frappe.utils.add_days(today, OUT_DAYS)
	rows = frappe.get_all(
		leave.LEAVE_APPLICATION,
		filters={
			"department": department,
			"employee": ("!=", employee),
			"from_date": ("<=", last),
			"to_date": (">=", today),
			"status": ("in", attendance.ABSENCE_STATUSES),
			"docstatus": ("<", 2),
		},
		fields=["employee", "employee_name", "from_date", "to_date", "half_day"],
		order_by="from_date asc",
		limit_page_length=0,
	)
	staff = users.current_staff_slack_ids(sorted({row.employee for row in rows}))
	mention = settings.summary_mentions()
	out = [row for row in rows if row.employee in staff]
	# The tab shows the first MAX_OUT and counts the rest: only those cross into the builder.
	return [
		{
			"employee_name": row.employee_name or row.employee,
			"slack_id": staff.get(row.employee) if mention else None,
			"from_date": _iso(row.from_date),
			"to_date": _iso(row.to_date),
			"half_day": bool(frappe.utils.cint(row.half_day)),
		}
		for row in out[:MAX_OUT]
	], len(out)


def decides(user: str) -> str | None:
	"""`all` for an HR Manager (they may decide any request, `leave.may_decide`), `own` for a
	Leave Approver or anyone some Open request names as its leave approver, else None."""
	if users.has_role(leave.HR_MANAGER, user):
		return "all"
	if users.has_role(LEAVE_APPROVER, user):
		return "own"
	named = frappe.db.exists(
		leave.LEAVE_APPLICATION, {"leave_approver": user, "status": leave.OPEN, "docstatus": 0}
	)
	return "own" if named else None


def waiting_for(user: str, scope: str) -> tuple[list[dict], int, str]:
	"""(the oldest Open applications `user` may decide, at most MAX_WAITING; how many there are;
	the desk's list of them). Four queries whatever the number."""
	filters = {"status": leave.OPEN, "docstatus": 0}
	if scope != "all":
		filters["leave_approver"] = user
	total = frappe.db.count(leave.LEAVE_APPLICATION, filters)
	rows = frappe.get_all(
		leave.LEAVE_APPLICATION,
		filters=filters,
		fields=[
			"name",
			"employee",
			"employee_name",
			"leave_type",
			"from_date",
			"to_date",
			"total_leave_days",
		],
		order_by="posting_date asc, creation asc",
		limit_page_length=MAX_WAITING,
	)
	slack_ids = users.current_staff_slack_ids(sorted({row.employee for row in rows}))
	items = [
		{
			"leave_application": row.name,
			"form_url": _form_url(row.name),
			"requester_name": row.employee_name or row.employee,
			"requester_slack_id": slack_ids.get(row.employee),
			"leave_type": row.leave_type,
			"from_date": _iso(row.from_date),
			"to_date": _iso(row.to_date),
			"total_days": float(row.total_leave_days) if row.total_leave_days is not None else None,
		}
		for row in rows
	]
	filters = {"status": leave.OPEN} if scope == "all" else {"status": leave.OPEN, "leave_approver": user}
	return items, total, desk.list_url(leave.LEAVE_APPLICATION, **filters)


def away_choice(user: str) -> dict | None:
	"""The "While you are away" section's state, None when the site cannot offer it (no Client ID
	for Slack's OAuth) or the user has no Slack link."""
	client_id, _secret = settings.client_credentials()
	state = erp_away.state(user) if client_id else None
	if state is None:
		return None
	return {"consented": state.consent, "dnd_granted": erp_away.DND_SCOPE in state.scopes, "dnd": state.dnd}


def celebrations_choice(user: str) -> bool | None:
	"""Whether the person keeps their birthday and work anniversary out of the digests; None
	when they have no Slack link (nothing to choose from Slack)."""
	row = frappe.db.get_value(users.USER_META_DOCTYPE, {"user": user}, [digests.OPT_OUT_FIELD], as_dict=True)
	return None if row is None else bool(frappe.utils.cint(row.get(digests.OPT_OUT_FIELD)))


def home_input(user: str | None) -> dict:
	"""The Home tab's input for a Frappe user (None: a Slack user linked to nobody)."""
	if not user:
		return {"kind": "stranger", "reason": "not_linked"}
	employee = employee_row(user)
	if not employee:
		return {"kind": "stranger", "reason": "no_employee"}
	today = clock.today()
	upcoming, recent = my_leave(employee.name, today)
	out, out_total = out_of_department(employee.name, employee.department, today)
	spec = {
		"kind": "employee",
		"balances": balances(employee.name, today, user),
		"my_leave": upcoming,
		"recent": recent,
		"out": out,
		"out_total": out_total,
		"desk_url": desk.list_url(leave.LEAVE_APPLICATION, employee=employee.name),
	}
	away = away_choice(user)
	if away is not None:
		spec["away"] = away
	opted_out = celebrations_choice(user)
	if opted_out is not None:
		spec["celebrations_opt_out"] = opted_out
	scope = decides(user)
	if scope:
		items, total, url = waiting_for(user, scope)
		spec.update(waiting=items, waiting_total=total, waiting_url=url)
	return spec
