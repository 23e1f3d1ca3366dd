"""Slack Approver Reminder: one row per leave approver and working day, the claim that makes the
daily reminder go out once however many scheduler ticks run at the same time (the name is the
claim: a second insert of the same approver and day is a duplicate key). Written by the app only;
its status says whether Slack got the reminder."""

from frappe.model.document import Document


class SlackApproverReminder(Document):
	pass
