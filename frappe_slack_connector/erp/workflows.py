"""Deciding a document the way its active Workflow allows (frappe.model.workflow, v15): which
transition a user may take now to approve or reject it, for every approvable document (Leave
Application and the approval engine's others)."""

from __future__ import annotations

import frappe
from frappe.model import workflow as frappe_workflow


def active(doctype: str):
	"""The active Workflow of `doctype`, or None."""
	if not frappe_workflow.get_workflow_name(doctype):
		return None
	return frappe_workflow.get_workflow(doctype)


def transition_for(doc, workflow, *, action: str, field: str | None, value: str | None):
	"""The transition the session user may take now that decides `doc`: the one named `action`
	(Frappe's standard action masters are Approve / Reject), else one whose next state sets
	`field` to `value` (a site that names its actions otherwise); None when there is none."""
	try:
		transitions = frappe_workflow.get_transitions(doc, workflow)
	except frappe.PermissionError:
		return None
	allowed = [t for t in transitions if frappe_workflow.has_approval_access(frappe.session.user, doc, t)]
	named = [t for t in allowed if t.action == action]
	if named:
		return named[0]
	if not field:
		return None
	states = {s.state: s for s in workflow.states}
	for t in allowed:
		state = states.get(t.next_state)
		if state and state.update_field == field and state.update_value == value:
			return t
	return None


def apply(doc, transition):
	"""Take `transition` as the session user; the document as the workflow left it."""
	return frappe_workflow.apply_workflow(doc, transition.action)
