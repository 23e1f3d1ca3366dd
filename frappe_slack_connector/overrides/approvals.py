"""Document events of the approval engine's documents (wired in hooks.py `doc_events` for each
engine entry of `erp/approvals.REGISTRY`): whatever changes one (Slack, the desk, a workflow
action, the API) passes here, so Slack mirrors the ERP. What Slack is owed is recorded in the
outbox in the event's own transaction."""

from frappe_slack_connector.flows.approvals import jobs

_kind = jobs.kind_of


def after_insert(doc, method=None):
	jobs.owe_approver_request(_kind(doc), doc.name)


def on_update(doc, method=None):
	kind = _kind(doc)
	jobs.owe_reassignment(kind, doc)
	jobs.owe_workflow_progress(kind, doc)


def on_submit(doc, method=None):
	jobs.owe_outcome_of_submit(_kind(doc), doc)


def on_cancel(doc, method=None):
	jobs.owe_outcome_of_cancel(_kind(doc), doc)


def on_trash(doc, method=None):
	jobs.owe_outcome_of_delete(_kind(doc), doc)
