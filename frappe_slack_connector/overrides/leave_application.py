"""Leave Application document events: whatever changes a leave (Slack, the desk, a workflow
action, the API, a data import) passes here, so Slack mirrors the ERP. Slow or external work is
enqueued after commit: a rolled-back save never reaches Slack, and nobody waits on Slack."""

from frappe_slack_connector.flows.attendance import late_leave
from frappe_slack_connector.flows.home import jobs as home
from frappe_slack_connector.flows.leave import jobs as leave


def after_insert(doc, method=None):
	late_leave.enqueue_late_leave_note(doc)
	leave.enqueue_approver_notification(doc)
	leave.enqueue_requester_confirmation(doc)


def on_update(doc, method=None):
	leave.enqueue_reassignment(doc)
	leave.enqueue_workflow_progress(doc)
	# Frappe runs on_update after insert and before on_submit too (model/document.py
	# run_post_save_methods, v15): a new, changed or decided leave re-publishes the Home tabs.
	before = doc.get_doc_before_save()
	home.enqueue_for_leave(doc, before.leave_approver if before is not None else None)


def on_submit(doc, method=None):
	leave.enqueue_outcome_of_submit(doc)


def on_cancel(doc, method=None):
	leave.enqueue_outcome_of_cancel(doc)
	home.enqueue_for_leave(doc)


def on_trash(doc, method=None):
	leave.enqueue_outcome_of_delete(doc)
	home.enqueue_for_leave(doc)
