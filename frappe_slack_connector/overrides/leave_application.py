"""Leave Application document events: whatever changes a leave (Slack, the desk, a workflow
action, the API, a data import) passes here, so Slack mirrors the ERP. What Slack is owed is
recorded in the outbox in the event's own transaction (`outbox/owe.py`): the change and the debt
commit together or not at all, and nobody waits on Slack. The late-leave note is owed by a job
after the commit (it reads who is out as it is then)."""

from frappe_slack_connector.flows.attendance import late_leave
from frappe_slack_connector.flows.away import jobs as away
from frappe_slack_connector.flows.home import jobs as home
from frappe_slack_connector.flows.leave import jobs as leave


def after_insert(doc, method=None):
	late_leave.enqueue_late_leave_note(doc)
	leave.owe_approver_request(doc)
	leave.owe_requester_confirmation(doc)


def on_update(doc, method=None):
	leave.owe_reassignment(doc)
	leave.owe_workflow_progress(doc)
	# Frappe runs on_update after insert and before on_submit too (model/document.py
	# run_post_save_methods, v15): a new, changed or decided leave re-publishes the Home tabs.
	before = doc.get_doc_before_save()
	home.republish_for_leave(doc, before.leave_approver if before is not None else None)


def on_submit(doc, method=None):
	leave.owe_outcome_of_submit(doc)
	# An approved leave shows in its person's Slack (at once when it has started).
	away.reconcile_for_leave(doc)


def on_update_after_submit(doc, method=None):
	away.reconcile_for_leave(doc)


def on_cancel(doc, method=None):
	leave.owe_outcome_of_cancel(doc)
	home.republish_for_leave(doc)
	# Cancelled (or cancelled to be amended shorter): what it showed is cleared or renewed.
	away.reconcile_for_leave(doc)


def on_trash(doc, method=None):
	leave.owe_outcome_of_delete(doc)
	home.republish_for_leave(doc)
	away.reconcile_for_leave(doc)
