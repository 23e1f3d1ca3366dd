# frappe/workflow/doctype/workflow/workflow.py (v15): validate → set_active (one active
# workflow per document type), create_custom_field_for_workflow_state (a hidden Link to
# Workflow State, allow_on_submit), update_default_workflow_status (existing documents get
# the first state of their docstatus), validate_docstatus.
import frappe
from frappe import _
from frappe.model.document import Document


class Workflow(Document):
	def validate(self):
		self.set_active()
		self.create_custom_field_for_workflow_state()
		self.update_default_workflow_status()
		self.validate_docstatus()

	def set_active(self):
		if int(self.is_active or 0):
			for name in frappe.get_all(
				"Workflow",
				filters={"document_type": self.document_type, "name": ("!=", self.name)},
				pluck="name",
			):
				frappe.db.set_value("Workflow", name, "is_active", 0)

	def create_custom_field_for_workflow_state(self):
		from frappe.model import meta

		if not frappe.get_meta(self.document_type).get_field(self.workflow_state_field):
			meta.add_custom_field(
				self.document_type,
				self.workflow_state_field,
				"Link",
				"Workflow State",
				label=self.workflow_state_field.replace("_", " ").title(),
				hidden=1,
				allow_on_submit=1,
				no_copy=1,
			)

	def update_default_workflow_status(self):
		seen = set()
		for d in self.get("states"):
			if d.doc_status in seen:
				continue
			seen.add(d.doc_status)
			for name in frappe.get_all(
				self.document_type, filters={"docstatus": int(d.doc_status or 0)}, pluck="name"
			):
				if not frappe.db.get_value(self.document_type, name, self.workflow_state_field):
					frappe.db.set_value(
						self.document_type, name, self.workflow_state_field, d.state, update_modified=False
					)

	def validate_docstatus(self):
		def docstatus_of(state):
			for s in self.states:
				if s.state == state:
					return s.doc_status
			frappe.throw(frappe._("{0} not a valid State").format(state))

		for t in self.transitions:
			before, after = docstatus_of(t.state), docstatus_of(t.next_state)
			if before == "2":
				frappe.throw(_("Cannot change state of Cancelled Document. Transition row {0}").format(t.idx))
			if before == "1" and after == "0":
				frappe.throw(
					_("Submitted Document cannot be converted back to draft. Transition row {0}").format(
						t.idx
					)
				)
			if before == "0" and after == "2":
				frappe.throw(_("Cannot cancel before submitting. See Transition {0}").format(t.idx))
