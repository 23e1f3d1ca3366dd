"""Approver reminders: which Open Leave Applications wait for whom, the "one reminder per approver
and day" claim, and which applications a posted reminder lists."""

from __future__ import annotations

import datetime

import frappe

from frappe_slack_connector.erp import approvals, desk, leave, slack_messages

CLAIM_DOCTYPE = "Slack Approver Reminder"
# The `status` options of slack_approver_reminder.json.
SENDING = "Sending"
SENT = "Sent"
NOT_SENT = "Not Sent"
OUTCOME_UNKNOWN = "Outcome Unknown"
# hrms Employee status of someone who no longer works here: their requests are nobody's to chase.
LEFT = "Left"


def pending_by_approver(created_before: datetime.datetime) -> dict[str, list[str]]:
	"""Open, unsubmitted Leave Applications filed before `created_before`, of employees who have
	not left, by leave approver; each list oldest first (Submitted On, then name — the order
	the reminder shows). Two queries whatever the number of applications."""
	rows = frappe.get_all(
		leave.LEAVE_APPLICATION,
		filters={
			"status": leave.OPEN,
			"docstatus": 0,
			"creation": ("<=", created_before),
			"leave_approver": ("is", "set"),
		},
		fields=["name", "employee", "leave_approver", "company"],
		order_by="posting_date asc, name asc",
		limit_page_length=0,
	)
	# Slack Settings may keep a company's leave out of Slack (Approvals in Slack).
	in_slack = approvals.companies_in_slack(leave.LEAVE_APPLICATION)
	rows = [row for row in rows if in_slack(row.company)]
	employees = sorted({row.employee for row in rows})
	left = set(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", employees), "status": LEFT},
			pluck="name",
			limit_page_length=0,
		)
		if employees
		else []
	)
	by_approver: dict[str, list[str]] = {}
	for row in rows:
		if row.employee not in left:
			by_approver.setdefault(row.leave_approver, []).append(row.name)
	return by_approver


# The approval engine's reminder (every document but leave) is claimed apart from leave's:
# its claim key ends with this.
DOCUMENTS = "documents"


def claimed_on(day, scope: str = "") -> set[str]:
	"""The approvers whose reminder of `day` is claimed (sent, being sent, refused or unknown);
	`scope`: leave's reminder ("") or the engine's (`DOCUMENTS`)."""
	rows = frappe.get_all(
		CLAIM_DOCTYPE, filters={"day": str(day)}, fields=["approver", "claim_key"], limit_page_length=0
	)
	return {row.approver for row in rows if row.claim_key == _claim_key(row.approver, day, scope)}


def _claim_key(approver: str, day, scope: str = "") -> str:
	return f"{day} {approver} {scope}" if scope else f"{day} {approver}"


def claim(approver: str, day, applications: int, scope: str = "") -> str | None:
	"""Take `approver`'s reminder of `day`, not committed: the caller owes the reminder and
	commits both (`commit_claim`); None when another worker has it. The claim is the row's name: a
	second insert is a duplicate key, which the database decides (it waits for the first insert's
	commit)."""
	key = _claim_key(approver, day, scope)
	try:
		frappe.get_doc(
			{
				"doctype": CLAIM_DOCTYPE,
				"claim_key": key,
				"approver": approver,
				"day": str(day),
				"applications": applications,
				"status": SENDING,
			}
		).insert(ignore_permissions=True)  # the app writes these; people only read them
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		# The primary key (frappe/model/base_document.py db_insert) or, checked first, the unique
		# claim_key: either way another worker holds the claim.
		# The failed insert still holds a lock on the existing row: end the transaction, so no
		# Slack call waits while it is held.
		frappe.db.rollback()
		return None
	return key


def commit_claim() -> None:
	"""Commit a claim with the reminder it owes: every other worker sees the day taken."""
	frappe.db.commit()


def record_listed_owed(names: list[str], *, approver: str, delivery: str) -> None:
	"""Remember a reminder still on its way (`delivery`) under each application it lists; not
	committed (it commits with the delivery that owes it)."""
	for name in names:
		slack_messages.record_owed(
			leave.LEAVE_APPLICATION,
			name,
			purpose=slack_messages.APPROVAL_REMINDER,
			recipient=approver,
			delivery=delivery,
		)


def record_documents_owed(documents: list[tuple[str, str]], *, approver: str, delivery: str) -> None:
	"""As `record_listed_owed`, for the engine's reminder: `(doctype, name)` of each document."""
	for doctype, name in documents:
		slack_messages.record_owed(
			doctype, name, purpose=slack_messages.APPROVAL_REMINDER, recipient=approver, delivery=delivery
		)


def documents_listed_in(message: dict) -> list[tuple[str, str]]:
	"""`(doctype, name)` of every document one reminder lists (`message`: one of its records)."""
	rows = frappe.get_all(
		slack_messages.DOCTYPE,
		filters={**slack_messages.same_message(message), "purpose": slack_messages.APPROVAL_REMINDER},
		fields=["reference_doctype", "reference_name"],
		order_by="creation asc",
		limit_page_length=0,
	)
	return [(row.reference_doctype, row.reference_name) for row in rows]


def set_outcome(
	key: str, status: str, *, channel: str | None = None, ts: str | None = None, error: str | None = None
) -> None:
	"""What became of a claimed reminder the outbox delivered or gave up on; not committed."""
	frappe.db.set_value(CLAIM_DOCTYPE, key, {"status": status, "channel": channel, "ts": ts, "error": error})


def listed_in(message: dict) -> list[str]:
	"""The applications one reminder lists (`message`: one of its Slack Message records; every
	record of it counts, including those no longer following their application)."""
	return frappe.get_all(
		slack_messages.DOCTYPE,
		filters={**slack_messages.same_message(message), "purpose": slack_messages.APPROVAL_REMINDER},
		pluck="reference_name",
		order_by="creation asc",
		limit_page_length=0,
	)


def desk_list_url(approver: str) -> str:
	"""The desk's list of `approver`'s Open Leave Applications (everyone's, without an approver)."""
	filters = {"status": leave.OPEN, "leave_approver": approver} if approver else {"status": leave.OPEN}
	return desk.list_url(leave.LEAVE_APPLICATION, **filters)
