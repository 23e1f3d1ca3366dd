"""The approval engine's ERP side: per approvable document (`REGISTRY`, one entry per row of the
Rust table `interaction::approvals::APPROVABLES`, same keys) who approves it, how a decision is
taken (a status field set and the document submitted, a submit alone, or the active Workflow's
transition), what its card shows, and the reads the flows need (open documents by approver,
what waits for a user, which companies send which documents to Slack).

Leave Application is the first entry: its decisions, cards and messages stay in `erp/leave.py`
and `flows/leave/` (they carry leave's extras: withdraw, ask to cancel, balances, half days);
here it only has its settings row. Every other entry is decided and shown by the engine
(`flows/approvals/`). Sources: hrms version-15 (`hrms/hr/doctype/expense_claim/expense_claim.py`,
`hrms/hr/doctype/employee_advance/employee_advance.py`, `shift_request/shift_request.py`,
`attendance_request/attendance_request.py`,
`compensatory_leave_request/compensatory_leave_request.py`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import frappe
from frappe import _

from frappe_slack_connector.erp import desk, leave, users, workflows

SETTINGS_DOCTYPE = "Slack Settings"
SETTINGS_TABLE = "Slack Approval Document"
SETTINGS_FIELD = "approval_documents"
REJECTION_DOCTYPE = "Slack Approval Rejection"

# The states a card knows a document in.
OPEN, APPROVED, REJECTED, CANCELLED = "open", "approved", "rejected", "cancelled"
DECIDED, MOVED = leave.DECIDED, leave.MOVED
# A decision from Slack → the workflow action it takes (Frappe's standard action masters).
_ACTIONS = {"approve": "Approve", "reject": "Reject"}


class ApprovalRefused(Exception):
	"""Frappe / hrms (or the workflow) refused a decision: nothing was saved. `message`: why, as
	plain text in the deciding user's language."""

	def __init__(self, message: str):
		super().__init__(message)
		self.message = message


# --- what each card shows -------------------------------------------------------------------------


def _currency_of(kind: Approvable, doc) -> str | None:
	"""The document's money's currency as the desk shows it: a Currency field's options name it —
	`currency` (Employee Advance) or the company's default currency (Expense Claim's
	`Company:company:default_currency`)."""
	if doc.get("currency"):
		return doc.currency
	if doc.get("company"):
		return frappe.get_cached_value("Company", doc.company, "default_currency")
	return None


def money(value, currency: str | None) -> str:
	"""An amount as the desk writes it: Frappe's own formatter, the site's number format."""
	return frappe.utils.fmt_money(frappe.utils.flt(value), currency=currency)


def _plain(text) -> str:
	"""Text Editor / Small Text as one plain line (Expense Claim Detail's description is HTML)."""
	value = html.unescape(frappe.utils.strip_html(str(text or "")))
	return " ".join(value.split())


def _iso(value) -> str | None:
	return str(frappe.utils.getdate(value)) if value else None


def _attachments(kind: Approvable, name: str) -> list[dict]:
	"""The document's attached files, each a desk link (a private file needs a login: as the desk)."""
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": kind.doctype, "attached_to_name": name},
		fields=["file_name", "file_url"],
		order_by="creation asc",
		limit_page_length=0,
	)
	return [
		{"text": row.file_name or row.file_url, "url": frappe.utils.get_url(row.file_url)}
		for row in files
		if row.file_url
	]


def _expense_claim_card(kind: Approvable, doc, currency: str | None) -> tuple[list, list]:
	facts = [
		("posting_date", _iso(doc.posting_date)),
		("total_claimed", money(doc.total_claimed_amount, currency)),
		("total_sanctioned", money(doc.total_sanctioned_amount, currency)),
	]
	if frappe.utils.flt(doc.total_advance_amount):
		facts.append(("advances_allocated", money(doc.total_advance_amount, currency)))
	facts.append(("grand_total", money(doc.grand_total, currency)))
	if doc.get("remark"):
		facts.append(("remark", _plain(doc.remark)))
	lines = []
	for row in doc.get("expenses") or []:
		parts = [_iso(row.expense_date), row.expense_type, money(row.amount, currency)]
		description = _plain(row.get("description"))
		if description:
			parts.append(description)
		lines.append({"text": " · ".join(part for part in parts if part)})
	advances = [
		{
			"text": f"{row.employee_advance} · {money(row.allocated_amount, currency)}",
			"url": desk.form_url("Employee Advance", row.employee_advance),
		}
		for row in doc.get("advances") or []
		if frappe.utils.flt(row.allocated_amount)
	]
	return facts, [("expenses", lines), ("advances", advances)]


def _employee_advance_card(kind: Approvable, doc, currency: str | None) -> tuple[list, list]:
	facts = [
		("posting_date", _iso(doc.posting_date)),
		("advance_amount", money(doc.advance_amount, currency)),
		("purpose", _plain(doc.purpose)),
	]
	return facts, []


_EN_DASH = "\u2013"


class Word(str):
	"""A fixed word of Frappe / hrms in a card's value (a Select option, Yes): the flow shows it
	in the reader's language (`flows/approvals/cards.py`). A tuple of parts is one value whose
	parts are joined with " · "."""


class Label(str):
	"""A card value that is one of the app's own words: a key of `flows/words.approval_labels`."""


def _dates(start, end) -> str:
	"""`start - end` (an en dash), or the one date when they are the same day."""
	start, end = _iso(start), _iso(end)
	return start if not end or end == start else f"{start} {_EN_DASH} {end}"


def _half_day(doc) -> str | None:
	return _iso(doc.half_day_date) if frappe.utils.cint(doc.get("half_day")) else None


def _shift_timing(shift_type: str) -> str:
	"""`Night (22:00 - 06:00)` (an en dash): the shift type with its hours, as Shift Type stores them."""
	start, end = frappe.db.get_value("Shift Type", shift_type, ["start_time", "end_time"]) or (None, None)
	if start is None or end is None:
		return shift_type
	hours = [str(frappe.utils.get_timedelta(t))[:-3].rjust(5, "0") for t in (start, end)]
	return f"{shift_type} ({hours[0]} {_EN_DASH} {hours[1]})"


def _shift_request_card(kind: Approvable, doc, currency: str | None) -> tuple[list, list]:
	# hrms: no to_date is an open-ended request (the assignment has no end)
	facts = [
		("shift_type", _shift_timing(doc.shift_type)),
		("from_date", _iso(doc.from_date)),
		("to_date", _iso(doc.to_date) or Label("open_ended")),
	]
	return facts, []


def _attendance_request_card(kind: Approvable, doc, currency: str | None) -> tuple[list, list]:
	facts = [
		("from_date", _iso(doc.from_date)),
		("to_date", _iso(doc.to_date)),
		("reason", Word(doc.reason) if doc.reason else None),
		("half_day", _half_day(doc)),
		("include_holidays", Word("Yes") if frappe.utils.cint(doc.get("include_holidays")) else None),
		("shift", doc.get("shift")),
		("explanation", _plain(doc.get("explanation"))),
	]
	# What approving would do on each day that is not simply marked (the desk shows the same
	# warnings above the form): holidays and leave skipped, attendance already marked overwritten.
	warnings = [
		{"text": (_iso(w["date"]), Word(w["reason"]), Word(w["action"]))}
		for w in doc.get_attendance_warnings()
	]
	return facts, [("attendance_warnings", warnings)]


def _compensatory_leave_request_card(kind: Approvable, doc, currency: str | None) -> tuple[list, list]:
	facts = [
		("leave_type", doc.leave_type),
		("work_from_date", _iso(doc.work_from_date)),
		("work_end_date", _iso(doc.work_end_date)),
		("half_day", _half_day(doc)),
		("reason", _plain(doc.reason)),
	]
	return facts, []


def _shift_request_summary(doc, currency: str | None) -> str:
	return f"{doc.shift_type} · {_dates(doc.from_date, doc.to_date)}"


def _attendance_request_summary(doc, currency: str | None) -> str:
	return _dates(doc.from_date, doc.to_date)


def _compensatory_leave_request_summary(doc, currency: str | None) -> str:
	return f"{doc.leave_type} · {_dates(doc.work_from_date, doc.work_end_date)}"


@dataclass(frozen=True)
class Approvable:
	"""One approvable document.

	`status_field` with `approved` / `rejected`: the decision sets it, then submits (hrms refuses
	to submit a Draft status). Without a status field, Approve is the submit and a rejection has
	no place in hrms: the engine records it (`REJECTION_DOCTYPE`) and the document stays a draft.
	`approver_field`: the document's own approver; else `employee_approver_field` on the Employee,
	else the first of the department's `department_approvers` (Department Approver rows).
	`summary`: what the reminder and the Home tab show of it — a money field's name, or a function
	`(doc, currency) -> str` for a document without money. `submitters_only`: of the employee's and
	the department's approvers, only one who may submit the document is asked (the documents hrms
	gives no approver). Slack Settings' row may ask the department's approvers only
	(`DEPARTMENT_APPROVERS`). `card(kind, doc, currency)`:
	the card's facts `[(label key, value)]` and sections `[(label key, [{"text", "url"?}])]`, label
	keys of `flows/words.approval_labels` (the attachments section is added for every document)."""

	key: str
	doctype: str
	status_field: str | None = None
	approved: str | None = None
	rejected: str | None = None
	approver_field: str | None = None
	employee_approver_field: str | None = None
	department_approvers: str | None = None
	summary: str | Callable[[Any, str | None], str] | None = None
	card: Callable[[Approvable, Any, str | None], tuple[list, list]] | None = None
	submitters_only: bool = False
	# Slack carries it unless a settings row turns it off (leave: existing sites change nothing).
	on_by_default: bool = False
	engine: bool = True


REGISTRY: tuple[Approvable, ...] = (
	Approvable(
		key="leave_application",
		doctype=leave.LEAVE_APPLICATION,
		status_field="status",
		approved=leave.APPROVED,
		rejected="Rejected",
		approver_field="leave_approver",
		on_by_default=True,
		engine=False,
	),
	Approvable(
		key="expense_claim",
		doctype="Expense Claim",
		status_field="approval_status",  # permlevel 1: only who may write it decides
		approved="Approved",
		rejected="Rejected",
		approver_field="expense_approver",
		summary="total_claimed_amount",
		card=_expense_claim_card,
	),
	Approvable(
		key="employee_advance",
		doctype="Employee Advance",
		# hrms has no approver field: the employee's expense approver (the only role that may
		# submit an advance is Expense Approver), else the department's expense approvers —
		# whoever of them may submit it, as for every document hrms gives no approver.
		employee_approver_field="expense_approver",
		department_approvers="expense_approvers",
		submitters_only=True,
		summary="advance_amount",
		card=_employee_advance_card,
	),
	Approvable(
		key="shift_request",
		doctype="Shift Request",
		# hrms validate_approver: the employee's shift approver or one of their department's; the
		# request is shared with them (submit) on save
		status_field="status",
		approved="Approved",
		rejected="Rejected",
		approver_field="approver",
		summary=_shift_request_summary,
		card=_shift_request_card,
	),
	Approvable(
		key="attendance_request",
		doctype="Attendance Request",
		# hrms has no approver and no rejection: the employee's leave approver, else their
		# department's leave approvers — whoever of them may submit it (HR User / HR Manager)
		employee_approver_field="leave_approver",
		department_approvers="leave_approvers",
		submitters_only=True,
		summary=_attendance_request_summary,
		card=_attendance_request_card,
	),
	Approvable(
		key="compensatory_leave_request",
		doctype="Compensatory Leave Request",
		employee_approver_field="leave_approver",
		department_approvers="leave_approvers",
		submitters_only=True,
		summary=_compensatory_leave_request_summary,
		card=_compensatory_leave_request_card,
	),
)
BY_KEY = {a.key: a for a in REGISTRY}
BY_DOCTYPE = {a.doctype: a for a in REGISTRY}
ENGINE = tuple(a for a in REGISTRY if a.engine)


# --- settings -------------------------------------------------------------------------------------


def _settings_rows() -> list:
	return frappe.get_all(
		SETTINGS_TABLE,
		filters={"parent": SETTINGS_DOCTYPE, "parenttype": SETTINGS_DOCTYPE, "parentfield": SETTINGS_FIELD},
		fields=["document_type", "company", "enabled", "approvers"],
		limit_page_length=0,
	)


# Slack Approval Document `approvers`: ask only the department's approvers (empty: the employee's
# approver first).
DEPARTMENT_APPROVERS = "Department Approvers"


def approvers_setting(doctype: str, company: str | None) -> str | None:
	"""The settings' `approvers` for `doctype` of `company`: the company's row, else the row
	without a company."""
	rows = [row for row in _settings_rows() if row.document_type == doctype]
	for row in rows:
		if company and row.company == company:
			return row.approvers or None
	for row in rows:
		if not row.company:
			return row.approvers or None
	return None


def enabled(doctype: str, company: str | None) -> bool:
	"""Does `doctype` of `company` go to Slack? The company's row, else the row without a company,
	else the document's default (leave on, the others off)."""
	kind = BY_DOCTYPE.get(doctype)
	if kind is None:
		return False
	rows = [row for row in _settings_rows() if row.document_type == doctype]
	for row in rows:
		if company and row.company == company:
			return bool(frappe.utils.cint(row.enabled))
	for row in rows:
		if not row.company:
			return bool(frappe.utils.cint(row.enabled))
	return kind.on_by_default


def _enabled_filter(kind: Approvable) -> tuple[set[str], set[str], bool]:
	"""(companies on, companies off, the rest) for `kind`: one read for a whole query's rows."""
	on, off, rest = set(), set(), kind.on_by_default
	for row in _settings_rows():
		if row.document_type != kind.doctype:
			continue
		if row.company:
			(on if frappe.utils.cint(row.enabled) else off).add(row.company)
		else:
			rest = bool(frappe.utils.cint(row.enabled))
	return on, off, rest


def companies_in_slack(doctype: str) -> Callable[[str | None], bool]:
	"""Whether a company sends `doctype` to Slack, as a test for many rows (one settings read)."""
	switch = _enabled_filter(BY_DOCTYPE[doctype])
	return lambda company: _in_slack(company, switch)


def _in_slack(company: str | None, switch: tuple[set[str], set[str], bool]) -> bool:
	on, off, rest = switch
	if company in on:
		return True
	if company in off:
		return False
	return rest


# --- who approves ----------------------------------------------------------------------------------


def company_of(doc) -> str | None:
	"""The document's company, else its employee's (Compensatory Leave Request has none)."""
	if doc.get("company"):
		return doc.company
	if doc.get("employee"):
		return frappe.db.get_value("Employee", doc.employee, "company")
	return None


def approver_of(kind: Approvable, doc) -> str | None:
	"""Who `doc` goes to: its approver field; else its employee's approver, then the approvers of
	the employee's department in their order (only the department's when Slack Settings says so),
	the first of them — who may submit it, for `submitters_only` documents."""
	if kind.approver_field:
		return doc.get(kind.approver_field) or None
	if not doc.get("employee"):
		return None
	employee = frappe.db.get_value(
		"Employee", doc.employee, [kind.employee_approver_field or "name", "department"], as_dict=True
	)
	if not employee:
		return None
	return _approver_of_employee(kind, doc.name, employee, approvers_setting(kind.doctype, company_of(doc)))


def _approver_of_employee(kind: Approvable, name: str, employee, setting: str | None) -> str | None:
	candidates = []
	if kind.employee_approver_field and setting != DEPARTMENT_APPROVERS:
		candidates.append(employee.get(kind.employee_approver_field))
	if kind.department_approvers and employee.department:
		candidates += frappe.get_all(
			"Department Approver",
			filters={
				"parent": employee.department,
				"parenttype": "Department",
				"parentfield": kind.department_approvers,
			},
			pluck="approver",
			order_by="idx asc",
			limit_page_length=0 if kind.submitters_only else 1,
		)
	for user in candidates:
		if user and (
			not kind.submitters_only or frappe.has_permission(kind.doctype, "submit", doc=name, user=user)
		):
			return user
	return None


def may_decide(kind: Approvable, name: str, user: str) -> bool:
	"""As the desk: with a workflow, some transition of it the user may take now; without one,
	Frappe's submit permission on the document for `user` (roles, user permissions)."""
	workflow = workflows.active(kind.doctype)
	if workflow is not None:
		return bool(approval_choices(kind, name, user)["decisions"])
	return bool(frappe.has_permission(kind.doctype, "submit", doc=name, user=user))


def approval_choices(kind: Approvable, name: str, user: str) -> dict:
	"""What `user` may do now: {} without a workflow (both decisions); with one, the decisions its
	transitions let them take and the state the document is in."""
	workflow = workflows.active(kind.doctype)
	if workflow is None:
		return {}
	with users.acting_as(user):
		doc = frappe.get_doc(kind.doctype, name)
		decisions = [
			decision
			for decision in ("approve", "reject")
			if workflows.transition_for(
				doc,
				workflow,
				action=_ACTIONS[decision],
				field=kind.status_field,
				value=_value(kind, decision),
			)
		]
	return {"decisions": decisions, "workflow_state": doc.get(workflow.workflow_state_field)}


def workflow_state_field(kind: Approvable) -> str | None:
	workflow = workflows.active(kind.doctype)
	return workflow.workflow_state_field if workflow else None


def _value(kind: Approvable, decision: str) -> str | None:
	return kind.approved if decision == "approve" else kind.rejected


# --- where a document stands ----------------------------------------------------------------------


def state_of(kind: Approvable, doc) -> str:
	"""`open`, `approved`, `rejected` or `cancelled`, from the document's docstatus and status
	field (and, for a document hrms cannot reject, the engine's record). A draft is open whatever
	its status field says meanwhile: hrms decides on submit."""
	docstatus = frappe.utils.cint(doc.get("docstatus"))
	if docstatus == 2:
		return CANCELLED
	if docstatus == 1:
		if kind.status_field and doc.get(kind.status_field) == kind.rejected:
			return REJECTED
		return APPROVED
	if not kind.rejected and rejection_of(kind, doc.name):
		return REJECTED
	return OPEN


def rejection_of(kind: Approvable, name: str) -> frappe._dict | None:
	"""The engine's record of a rejection hrms cannot store (who, why), or None."""
	rows = frappe.get_all(
		REJECTION_DOCTYPE,
		filters={"reference_doctype": kind.doctype, "reference_name": name},
		fields=["rejected_by", "reason"],
		limit_page_length=1,
	)
	return rows[0] if rows else None


def forget_rejection(kind: Approvable, name: str) -> None:
	"""The document was decided after all in the desk (or cancelled, deleted)."""
	frappe.db.delete(REJECTION_DOCTYPE, {"reference_doctype": kind.doctype, "reference_name": name})


def current(kind: Approvable, name: str) -> frappe._dict | None:
	"""The document's `state` and `modified_by`, read with a row lock so two clicks decide one
	after the other and the waiting one sees who won; None when it is gone."""
	fields = ["name", "docstatus", "modified_by"]
	if kind.status_field:
		fields.append(kind.status_field)
	row = frappe.db.get_value(kind.doctype, name, fields, as_dict=True, for_update=True)
	if not row:
		return None
	row.state = state_of(kind, row)
	if row.state == REJECTED and not kind.rejected:
		row.modified_by = rejection_of(kind, name).rejected_by or row.modified_by
	return row


# --- the card --------------------------------------------------------------------------------------


# Lines a section shows; the rest are counted in a last line (`more`).
MAX_LINES = 10


def details(kind: Approvable, name: str) -> dict | None:
	"""The document as the engine's flows need it, or None when it is gone: its card (`facts` and
	`sections` by label key, values already formatted; the flow puts the words on), where it
	stands and the people around it."""
	if not frappe.db.exists(kind.doctype, name):
		return None
	doc = frappe.get_doc(kind.doctype, name)
	employee_user = users.employee_user(doc.employee) if doc.get("employee") else None
	currency = _currency_of(kind, doc)
	state, modified_by = state_of(kind, doc), doc.modified_by
	if state == REJECTED and not kind.rejected:
		modified_by = rejection_of(kind, name).rejected_by or modified_by  # who rejected it here
	facts, sections = kind.card(kind, doc, currency)
	sections = [*sections, ("attachments", _attachments(kind, name))]
	return {
		"kind": kind,
		"name": doc.name,
		"company": company_of(doc),
		"employee_user": employee_user,
		"approver": approver_of(kind, doc),
		"state": state,
		"docstatus": frappe.utils.cint(doc.docstatus),
		"modified_by": modified_by,
		"card": {
			"document": kind.key,
			"name": doc.name,
			"form_url": desk.form_url(kind.doctype, doc.name),
			"requester_name": doc.get("employee_name") or doc.get("employee") or doc.owner,
			"requester_slack_id": users.slack_id_of_user(employee_user) if employee_user else None,
			"summary": _summary(kind, doc, currency),
		},
		"facts": [(label, value) for label, value in facts if value],
		"sections": [(label, lines) for label, lines in sections if lines],
	}


def _summary(kind: Approvable, doc, currency: str | None) -> str | None:
	if callable(kind.summary):
		return kind.summary(doc, currency)
	return money(doc.get(kind.summary), currency) if kind.summary else None


# --- deciding ---------------------------------------------------------------------------------------

# The reason a decision from Slack gave, handed to the submit event (hrms has no field for it).
_REASONS_FLAG = "slack_approval_reasons"


def decision_reason(doc) -> str | None:
	"""The reason given with the decision of `doc` from Slack in this request, if any."""
	return (frappe.local.flags.get(_REASONS_FLAG) or {}).get((doc.doctype, doc.name))


def decide(kind: Approvable, name: str, decision: str, user: str, reason: str | None = None) -> str:
	"""As `user`, exactly as the desk lets them: with an active Workflow, its transition for the
	decision (it may only move the document on: `MOVED`); without one, the status field set and
	the document submitted, or (no status field) Approve submits and Reject is recorded by the
	engine. The timeline says so, with the reason. `DECIDED` or `MOVED`.

	Raises ApprovalRefused (after a rollback) when Frappe, hrms or the workflow refuses."""
	reasons = frappe.local.flags.setdefault(_REASONS_FLAG, {})
	reasons[(kind.doctype, name)] = reason
	try:
		with users.acting_as(user):
			doc = frappe.get_doc(kind.doctype, name)
			if not frappe.has_permission(kind.doctype, "read", doc=doc, user=user):
				raise frappe.PermissionError(_("Not permitted"))
			workflow = workflows.active(kind.doctype)
			if workflow is not None:
				transition = workflows.transition_for(
					doc,
					workflow,
					action=_ACTIONS[decision],
					field=kind.status_field,
					value=_value(kind, decision),
				)
				if transition is None:
					raise ApprovalRefused(
						_("Its workflow does not let you {0} it in its state {1}.").format(
							_(_ACTIONS[decision]).lower(), _(doc.get(workflow.workflow_state_field))
						)
					)
				doc = workflows.apply(doc, transition)
				if doc.docstatus != 1 and state_of(kind, doc) == OPEN:
					return MOVED
			elif kind.status_field:
				doc.set(kind.status_field, _value(kind, decision))
				doc.save()
				doc.submit()
			elif decision == "approve":
				doc.submit()
			else:
				# hrms cannot reject it: the desk's rights to submit it decide, then it is recorded.
				if not frappe.has_permission(kind.doctype, "submit", doc=doc, user=user):
					raise frappe.PermissionError(_("Not permitted"))
				frappe.get_doc(
					{
						"doctype": REJECTION_DOCTYPE,
						"reference_doctype": kind.doctype,
						"reference_name": name,
						"rejected_by": user,
						"reason": reason,
					}
				).insert(ignore_permissions=True)  # the app writes these; the check is above
			# In the decider's language: acting_as switched frappe.local.lang to it.
			comment = (
				_("Approved via Slack by {0}") if decision == "approve" else _("Rejected via Slack by {0}")
			).format(users.full_name(user))
			if reason:
				comment = _("{0}. Reason: {1}").format(comment, html.escape(reason))
			doc.add_comment("Comment", text=comment)
			return DECIDED
	except ApprovalRefused:
		frappe.db.rollback()
		raise
	except (frappe.ValidationError, frappe.PermissionError) as exc:
		frappe.db.rollback()
		message = frappe.local.flags.get("error_message") if isinstance(exc, frappe.PermissionError) else None
		raise ApprovalRefused(leave.plain_message(message or exc)) from exc
	finally:
		reasons.pop((kind.doctype, name), None)


# --- what waits for whom -------------------------------------------------------------------------


def _open_rows(kind: Approvable, filters: dict | None = None) -> list:
	"""Open drafts of `kind` in companies that send it to Slack, oldest first, with their approver
	(`approver`). A few queries whatever the number of documents."""
	meta = frappe.get_meta(kind.doctype)
	# Not every document has a company or a posting date (Compensatory Leave Request has neither).
	fields = ["name", "employee", "creation", *(f for f in ("company", "posting_date") if meta.has_field(f))]
	if kind.approver_field:
		fields.append(kind.approver_field)
	oldest = "posting_date" if meta.has_field("posting_date") else "creation"
	# A draft waits until it is submitted, whatever its status field says meanwhile.
	query = {"docstatus": 0, **(filters or {})}
	rows = frappe.get_all(
		kind.doctype, filters=query, fields=fields, order_by=f"{oldest} asc, name asc", limit_page_length=0
	)
	if not meta.has_field("company"):
		employees = sorted({row.employee for row in rows if row.employee})
		companies = (
			dict(
				frappe.get_all(
					"Employee", filters={"name": ("in", employees)}, fields=["name", "company"], as_list=True
				)
			)
			if employees
			else {}
		)
		for row in rows:
			row.company = companies.get(row.employee)
	switch = _enabled_filter(kind)
	rows = [row for row in rows if _in_slack(row.company, switch)]
	if not kind.rejected and rows:
		rejected = set(
			frappe.get_all(
				REJECTION_DOCTYPE,
				filters={"reference_doctype": kind.doctype, "reference_name": ("in", [r.name for r in rows])},
				pluck="reference_name",
				limit_page_length=0,
			)
		)
		rows = [row for row in rows if row.name not in rejected]
	if kind.approver_field:
		for row in rows:
			row.approver = row.get(kind.approver_field) or None
		return rows
	employees = sorted({row.employee for row in rows if row.employee})
	by_employee = (
		{
			e.name: e
			for e in frappe.get_all(
				"Employee",
				filters={"name": ("in", employees)},
				fields=["name", "department", kind.employee_approver_field or "name"],
				limit_page_length=0,
			)
		}
		if employees
		else {}
	)
	settings = {
		company: approvers_setting(kind.doctype, company) for company in {row.company for row in rows}
	}
	for row in rows:
		employee = by_employee.get(row.employee)
		row.approver = (
			_approver_of_employee(kind, row.name, employee, settings[row.company]) if employee else None
		)
	return rows


def pending_by_approver(created_before) -> dict[str, list[tuple[str, str]]]:
	"""Every engine document Open since before `created_before`, of employees who have not left,
	by approver: `(key, name)` oldest first within each kind."""
	by_approver: dict[str, list[tuple[str, str]]] = {}
	for kind in ENGINE:
		rows = [row for row in _open_rows(kind, {"creation": ("<=", created_before)}) if row.approver]
		employees = sorted({row.employee for row in rows if row.employee})
		left = (
			set(
				frappe.get_all(
					"Employee", filters={"name": ("in", employees), "status": "Left"}, pluck="name"
				)
			)
			if employees
			else set()
		)
		for row in rows:
			if row.employee not in left:
				by_approver.setdefault(row.approver, []).append((kind.key, row.name))
	return by_approver


def waiting_for(user: str, limit: int) -> list[tuple[str, str]]:
	"""The engine's Open documents that go to `user`, oldest first, at most `limit`."""
	waiting = []
	for kind in ENGINE:
		filters = {kind.approver_field: user} if kind.approver_field else None
		waiting += [(kind.key, row.name) for row in _open_rows(kind, filters) if row.approver == user]
	return waiting[:limit]


def desk_list_url(kind: Approvable, approver: str) -> str:
	"""The desk's list of `approver`'s open documents of `kind`."""
	filters = {kind.approver_field: approver} if kind.approver_field and approver else {}
	return desk.list_url(kind.doctype, docstatus="0", **filters)
