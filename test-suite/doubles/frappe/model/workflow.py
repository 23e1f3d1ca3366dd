# frappe/model/workflow.py (v15), the parts a site with a Leave Application workflow runs:
# get_workflow_name, get_transitions (current state + the user's roles + condition),
# apply_workflow (find the action's transition, self-approval check, set the state and the
# state's update_field, then save / submit / cancel by the next state's doc_status, a
# "Workflow" comment), validate_workflow (a save that changes the state must follow a
# transition the user may take) and has_approval_access.
import frappe
from frappe import _
from frappe.model.docstatus import DocStatus
from frappe.utils import cint


class WorkflowStateError(frappe.ValidationError):
	pass


class WorkflowTransitionError(frappe.ValidationError):
	pass


class WorkflowPermissionError(frappe.ValidationError):
	pass


def get_workflow_name(doctype):
	# v15 caches this in frappe.cache "workflow"; Workflow.on_update clears it. The double reads
	# the table every time (same answer, no stale cache to imitate).
	return frappe.db.get_value("Workflow", {"document_type": doctype, "is_active": 1}, "name")


def get_workflow(doctype):
	return frappe.get_doc("Workflow", get_workflow_name(doctype))


def is_transition_condition_satisfied(transition, doc) -> bool:
	# v15: frappe.safe_eval(condition, workflow safe globals, {"doc": doc.as_dict()}); the double
	# evaluates with no builtins and the same `doc` (the Slack app never sets conditions).
	if not transition.condition:
		return True
	return bool(eval(transition.condition, {"__builtins__": {}}, {"doc": frappe._dict(doc.as_dict())}))


def get_transitions(doc, workflow=None, raise_exception=False):
	if doc.is_new():
		return []
	doc.check_permission("read")
	workflow = workflow or get_workflow(doc.doctype)
	current_state = doc.get(workflow.workflow_state_field)
	if not current_state:
		if raise_exception:
			raise WorkflowStateError
		frappe.throw(_("Workflow State not set"), WorkflowStateError)
	roles = frappe.get_roles()
	return [
		t.as_dict()
		for t in workflow.transitions
		if t.state == current_state and t.allowed in roles and is_transition_condition_satisfied(t, doc)
	]


def has_approval_access(user, doc, transition):
	return user == "Administrator" or transition.get("allow_self_approval") or user != doc.get("owner")


def apply_workflow(doc, action):
	doc = frappe.get_doc(doc.doctype, doc.name) if not isinstance(doc, (str, dict)) else frappe.get_doc(doc)
	workflow = get_workflow(doc.doctype)
	transition = None
	for t in get_transitions(doc, workflow):
		if t.action == action:
			transition = t
	if not transition:
		frappe.throw(_("Not a valid Workflow Action"), WorkflowTransitionError)
	if not has_approval_access(frappe.session.user, doc, transition):
		frappe.throw(_("Self approval is not allowed"))
	doc.set(workflow.workflow_state_field, transition.next_state)
	next_state = next(d for d in workflow.states if d.state == transition.next_state)
	if next_state.update_field:
		doc.set(next_state.update_field, next_state.update_value)
	new_docstatus = DocStatus(cint(next_state.doc_status or 0))
	if doc.docstatus.is_draft() and new_docstatus.is_draft():
		doc.save()
	elif doc.docstatus.is_draft() and new_docstatus.is_submitted():
		doc.submit()
	elif doc.docstatus.is_submitted() and new_docstatus.is_submitted():
		doc.save()
	elif doc.docstatus.is_submitted() and new_docstatus.is_cancelled():
		doc.cancel()
	else:
		frappe.throw(_("Illegal Document Status for {0}").format(next_state.state))
	doc.add_comment("Workflow", _(next_state.state))
	return doc


def validate_workflow(doc):
	workflow = get_workflow(doc.doctype)
	before = doc.get_doc_before_save()
	current_state = before.get(workflow.workflow_state_field) if before else None
	next_state = doc.get(workflow.workflow_state_field)
	if not next_state:
		next_state = workflow.states[0].state
		doc.set(workflow.workflow_state_field, next_state)
	if not current_state:
		current_state = workflow.states[0].state
	if not any(d.state == current_state for d in workflow.states):
		frappe.throw(
			_("{0} is not a valid Workflow State. Please update your Workflow and try again.").format(
				frappe.bold(current_state)
			)
		)
	if current_state != next_state:
		message = _("Workflow State transition not allowed from {0} to {1}").format(
			frappe.bold(current_state), frappe.bold(next_state)
		)
		if not before:
			frappe.throw(message, WorkflowPermissionError)
		if not [d for d in get_transitions(before) if d.next_state == next_state]:
			frappe.throw(message, WorkflowPermissionError)


def set_workflow_state_on_action(doc, workflow_name, action):
	# v15: a submit / cancel without a workflow action moves the state to the first state of
	# that docstatus, unless the current one already matches.
	workflow = frappe.get_doc("Workflow", workflow_name)
	field = workflow.workflow_state_field
	for state in workflow.states:
		if state.state == doc.get(field) and doc.docstatus == cint(state.doc_status):
			return
	docstatus = {"update_after_submit": "1", "submit": "1", "cancel": "2"}[action]
	for state in workflow.states:
		if state.doc_status == docstatus:
			doc.set(field, state.state)
			return
