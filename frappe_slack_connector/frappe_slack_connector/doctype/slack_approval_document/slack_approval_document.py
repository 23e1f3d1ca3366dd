"""Slack Approval Document: one row of Slack Settings' "Approvals in Slack" table — whether a
kind of document goes to its approver in Slack, for one company or for every other."""

from frappe.model.document import Document


class SlackApprovalDocument(Document):
	pass
