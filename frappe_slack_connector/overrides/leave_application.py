"""Leave Application document events. Slow or external work is enqueued after commit, so a
rolled-back save never reaches Slack and the user's request is not held up by Slack."""

from frappe_slack_connector.tasks import attendance, leave


def after_insert(doc, method=None):
	attendance.enqueue_late_leave_note(doc)
	leave.enqueue_approver_notification(doc)
