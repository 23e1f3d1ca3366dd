"""Slack Approval Rejection: a document rejected from Slack that Frappe HR cannot mark rejected
(no status for it), so it stops waiting for its approver. Written by the app only; removed when
the document is submitted, cancelled or deleted after all."""

from frappe.model.document import Document


class SlackApprovalRejection(Document):
	pass
