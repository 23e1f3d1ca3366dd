"""Leave Applications: leave types, approvers, creating and deciding, and which field an hrms
refusal is about."""

from __future__ import annotations

import html
import traceback

import frappe
from frappe import _
from hrms.hr.doctype.leave_application import leave_application as hrms_leave

from frappe_slack_connector.erp import clock, desk, users, workflows

LEAVE_APPLICATION = "Leave Application"
# The half-period Custom Field some sites add to Leave Application ("First Half"/"Second Half").
HALF_PERIOD_FIELD = "custom_first_halfsecond_half"
HR_MANAGER = "HR Manager"
OPEN = "Open"
APPROVED = "Approved"
# The field of a refusal about nothing in particular: the request itself.
GENERAL_FIELD = "description"


class LeaveRefused(Exception):
	"""Frappe / hrms refused a Leave Application (validation): nothing was saved.

	`field`: the Leave Application field the problem is about (`from_date`, `to_date`,
	`leave_type`, `half_day_date`; `description` when it is about nothing in particular;
	`status` for a refused decision).
	`message`: Frappe's message as plain text (HTML stripped, entities unescaped).
	"""

	def __init__(self, field: str, message: str):
		super().__init__(message)
		self.field = field
		self.message = message


def has_half_period_field() -> bool:
	return bool(frappe.get_meta(LEAVE_APPLICATION).has_field(HALF_PERIOD_FIELD))


def plain_message(exc: BaseException) -> str:
	"""A Frappe error as plain text: tags stripped, entities unescaped, whitespace squeezed."""
	text = html.unescape(frappe.utils.strip_html(str(exc) or type(exc).__name__))
	return " ".join(text.split()) or type(exc).__name__


def leave_types_for(employee: str, on_date: str) -> list[str]:
	"""Leave types the employee can apply for: allocations valid on `on_date`, then every Leave
	Without Pay type; each once."""
	allocations = hrms_leave.get_leave_allocation_records(employee, on_date)
	names = list(allocations.keys())
	names += frappe.get_all("Leave Type", filters={"is_lwp": 1}, pluck="name", order_by="name asc")
	return list(dict.fromkeys(names))


def leave_approver_of(employee: str) -> str | None:
	return hrms_leave.get_leave_approver(employee) or None


# --- which field a refusal is about ----------------------------------------------------------------
# Never decided by the words of the message: Frappe translates it into the site's language.
# Sources: hrms (version-15) hrms/hr/doctype/leave_application/leave_application.py.

# The exception classes hrms raises for a refusal.
_FIELD_BY_HRMS_ERROR = (
	(hrms_leave.InsufficientLeaveBalanceError, "leave_type"),
	(hrms_leave.OverlapError, "from_date"),
	(hrms_leave.LeaveAcrossAllocationsError, "from_date"),
	(hrms_leave.LeaveDayBlockedError, "from_date"),
	(hrms_leave.AttendanceAlreadyMarkedError, "from_date"),
	(hrms_leave.NotAnOptionalHoliday, "from_date"),
)
# hrms raises most date checks as plain ValidationError; the LeaveApplication method that raised
# it says which check failed.
_FIELD_BY_HRMS_METHOD = {
	"validate_dates": "from_date",  # backdated restriction; see _field_of_validate_dates
	"validate_dates_across_allocation": "from_date",  # outside the allocation period
	"validate_back_dated_application": "from_date",  # balance already carried forward
	"validate_balance_leaves": "from_date",  # every day is a holiday
	"validate_max_days": "to_date",  # too many consecutive days
	"validate_salary_processed_days": "from_date",
	"validate_optional_leave": "from_date",
	"validate_applicable_after": "leave_type",  # not yet applicable for this employee
}
_LEAVE_FIELDS = ("from_date", "to_date", "leave_type", "half_day_date", "description")


def _raising_hrms_method(exc: BaseException) -> str | None:
	"""The innermost hrms Leave Application method of the traceback that we know the field of."""
	methods = [
		frame.f_code.co_name
		for frame, _line in traceback.walk_tb(exc.__traceback__)
		if frame.f_globals.get("__name__") == hrms_leave.__name__
	]
	return next((name for name in reversed(methods) if name in _FIELD_BY_HRMS_METHOD), None)


def _field_of_validate_dates(values: dict) -> str:
	"""`validate_dates` raises three plain ValidationErrors; the values tell them apart."""
	from_date, to_date = values["from_date"], values["to_date"]
	if to_date < from_date:  # ISO dates
		return "to_date"
	half_day_date = values.get("half_day_date")
	if values.get("half_day") and half_day_date and not from_date <= half_day_date <= to_date:
		return "half_day_date"
	return "from_date"


def refused_field(exc: frappe.ValidationError, values: dict) -> str:
	"""Which Leave Application field a validation error about `values` is about."""
	for error_class, field in _FIELD_BY_HRMS_ERROR:
		if isinstance(exc, error_class):
			return field
	if isinstance(exc, frappe.MandatoryError):
		# frappe/model/base_document.py: MandatoryError("[doctype, name]: field1, field2").
		missing = str(exc).rpartition("]: ")[2].split(", ")
		return next((field for field in missing if field in _LEAVE_FIELDS), GENERAL_FIELD)
	method = _raising_hrms_method(exc)
	if method == "validate_dates":
		return _field_of_validate_dates(values)
	return _FIELD_BY_HRMS_METHOD.get(method, GENERAL_FIELD)


# --- create and decide -----------------------------------------------------------------------------


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
		"posting_date": clock.today(),
	}
	if half_day and half_period_label and has_half_period_field():
		values[HALF_PERIOD_FIELD] = half_period_label
	try:
		with users.acting_as(user):
			doc = frappe.get_doc(values).insert()
	except frappe.ValidationError as exc:
		frappe.db.rollback()
		raise LeaveRefused(refused_field(exc, values), plain_message(exc)) from exc
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
		"leave_balance",
		"company",
	]
	if has_half_period_field():
		fields.append(HALF_PERIOD_FIELD)
	row = frappe.db.get_value(LEAVE_APPLICATION, leave_application, fields, as_dict=True)
	if not row:
		return None
	employee_user = users.employee_user(row.employee)
	half_day = bool(frappe.utils.cint(row.half_day))

	def iso(value):
		return str(frappe.utils.getdate(value)) if value else None

	return {
		"builder": {
			"leave_application": row.name,
			"form_url": desk.form_url(LEAVE_APPLICATION, row.name),
			"requester_name": row.employee_name or row.employee,
			"requester_slack_id": users.slack_id_of_user(employee_user) if employee_user else None,
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
		"company": row.company,
		"balance": _balance_change(row),
	}


def _balance_change(row) -> dict | None:
	"""Days left of the leave type before this request and after it: hrms's own "Leave Balance
	Before Application" (`leave_balance`, set by validate_balance_leaves from get_leave_balance_on
	over the allocation period) less the request's days. None for Leave Without Pay (hrms keeps
	no balance) or when hrms stored none."""
	if row.leave_balance is None or row.total_leave_days is None:
		return None
	if frappe.utils.cint(frappe.db.get_value("Leave Type", row.leave_type, "is_lwp")):
		return None
	before = frappe.utils.flt(row.leave_balance)
	return {"before": before, "after": before - frappe.utils.flt(row.total_leave_days)}


def may_read(user: str, leave_application: str) -> bool:
	"""Frappe's read permission on the application, as `user` (roles, user permissions, shares)."""
	return bool(frappe.has_permission(LEAVE_APPLICATION, "read", doc=leave_application, user=user))


def may_decide(user: str, leave_approver: str | None) -> bool:
	"""The application's leave approver, or an HR Manager."""
	return bool(leave_approver and user == leave_approver) or users.has_role(HR_MANAGER, user)


def current_status(leave_application: str) -> frappe._dict | None:
	"""`status`, `docstatus` and `modified_by` (who decided, once submitted), read with a row lock
	so two clicks decide one after the other and the waiting one sees who won."""
	row = frappe.db.get_value(
		LEAVE_APPLICATION,
		leave_application,
		["status", "docstatus", "modified_by"],
		as_dict=True,
		for_update=True,
	)
	if not row:
		return None
	row.docstatus = frappe.utils.cint(row.docstatus)
	return row


# The reason a decision from Slack gave, handed to the submit event (hrms has no field for it):
# on the request's flags by document name, since a workflow action reloads the document.
_DECISION_REASONS_FLAG = "slack_decision_reasons"

# A decision from Slack and the workflow transition it takes: Frappe's standard action masters
# are named Approve / Reject; a site may name them otherwise, then the transition whose next
# state sets the status decides.
_DECISION_ACTIONS = {"Approved": "Approve", "Rejected": "Reject"}
_DECISIONS = (("approve", "Approved"), ("reject", "Rejected"))


def decision_reason(doc) -> str | None:
	"""The reason given with the decision of `doc` from Slack in this request, if any."""
	return (frappe.local.flags.get(_DECISION_REASONS_FLAG) or {}).get(doc.name)


def _workflow():
	"""The active Workflow of Leave Application, or None (frappe.model.workflow, v15)."""
	return workflows.active(LEAVE_APPLICATION)


def _transition_for(doc, workflow, status: str):
	"""The transition the session user may take now that decides `status`, or None."""
	return workflows.transition_for(
		doc, workflow, action=_DECISION_ACTIONS[status], field="status", value=status
	)


def approval_choices(leave_application: str, user: str) -> dict:
	"""What `user` may do with the Open application, for their DM: {} on a site without a
	workflow (both decisions); with one, the decisions its transitions let them take now and
	the state it is in."""
	workflow = _workflow()
	if workflow is None:
		return {}
	with users.acting_as(user):
		doc = frappe.get_doc(LEAVE_APPLICATION, leave_application)
		decisions = [d for d, status in _DECISIONS if _transition_for(doc, workflow, status)]
	return {"decisions": decisions, "workflow_state": doc.get(workflow.workflow_state_field)}


def workflow_state_field() -> str | None:
	workflow = _workflow()
	return workflow.workflow_state_field if workflow else None


DECIDED, MOVED = "decided", "moved"


def decide_leave(leave_application: str, status: str, user: str, reason: str | None = None) -> str:
	"""As `user`: decide (Approved/Rejected) — set the status, save, submit; on a site with a
	workflow, take the transition that decides it instead (it may only move the request to its
	next state: then `MOVED` is returned, else `DECIDED`). The timeline says so, with the reason.

	Raises LeaveRefused (after a rollback) when Frappe or the workflow refuses; nothing changes.
	"""
	reasons = frappe.local.flags.setdefault(_DECISION_REASONS_FLAG, {})
	reasons[leave_application] = reason
	try:
		with users.acting_as(user):
			doc = frappe.get_doc(LEAVE_APPLICATION, leave_application)
			workflow = _workflow()
			if workflow is None:
				doc.status = status
				doc.save()
				doc.submit()
			else:
				transition = _transition_for(doc, workflow, status)
				if transition is None:
					raise LeaveRefused(
						"status",
						_("Its workflow does not let you {0} it in its state {1}.").format(
							_(_DECISION_ACTIONS[status]).lower(), _(doc.get(workflow.workflow_state_field))
						),
					)
				doc = workflows.apply(doc, transition)
			if doc.docstatus != 1:
				return MOVED
			# In the decider's language: acting_as switched frappe.local.lang to it.
			comment = (
				_("Approved via Slack by {0}") if status == "Approved" else _("Rejected via Slack by {0}")
			).format(users.full_name(user))
			if reason:
				comment = _("{0}. Reason: {1}").format(comment, html.escape(reason))
			doc.add_comment("Comment", text=comment)
			return DECIDED
	except LeaveRefused:
		frappe.db.rollback()
		raise
	except (frappe.ValidationError, frappe.PermissionError) as exc:
		frappe.db.rollback()
		raise _refusal(exc) from exc
	finally:
		reasons.pop(leave_application, None)


def withdraw_leave(leave_application: str, user: str) -> None:
	"""As `user` (the requester): delete their Open application, with exactly the rights the desk
	gives them (hrms gives Employees no delete by default: then this is refused).

	Raises LeaveRefused (after a rollback) when Frappe refuses.
	"""
	try:
		with users.acting_as(user):
			frappe.delete_doc(LEAVE_APPLICATION, leave_application)
	except (frappe.ValidationError, frappe.PermissionError) as exc:
		frappe.db.rollback()
		raise _refusal(exc) from exc


def may_ask_to_cancel(info: dict) -> bool:
	"""An approved (submitted) leave that has not started yet: its requester may ask to cancel it."""
	return (
		info["status"] == APPROVED
		and info["docstatus"] == 1
		and frappe.utils.getdate(info["builder"]["from_date"]) > frappe.utils.getdate(clock.today())
	)


def cancel_leave(leave_application: str, user: str) -> None:
	"""As `user` (the approver asked to): cancel the approved leave — hrms sets it Cancelled and
	reverses its ledger entries and attendance — and say on the timeline that Slack asked.

	Raises LeaveRefused (after a rollback) when Frappe refuses (e.g. no cancel permission).
	"""
	try:
		with users.acting_as(user):
			doc = frappe.get_doc(LEAVE_APPLICATION, leave_application)
			doc.cancel()
			doc.add_comment(
				"Comment",
				text=_("Cancelled via Slack by {0}, as the employee asked").format(users.full_name(user)),
			)
	except (frappe.ValidationError, frappe.PermissionError) as exc:
		frappe.db.rollback()
		raise _refusal(exc) from exc


def note_kept(leave_application: str, user: str) -> None:
	"""The timeline says the approver declined the employee's request to cancel."""
	with users.acting_as(user):
		frappe.get_doc(LEAVE_APPLICATION, leave_application).add_comment(
			"Comment",
			text=_("Kept via Slack by {0}: the employee's request to cancel was declined").format(
				users.full_name(user)
			),
		)


def _refusal(exc: BaseException) -> LeaveRefused:
	message = plain_message(exc)
	if isinstance(exc, frappe.PermissionError):
		message = plain_message(frappe.local.flags.get("error_message") or exc)
	return LeaveRefused("status", message)
