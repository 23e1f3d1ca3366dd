"""# erpnext/projects/doctype/project/project.py (version-15) — imitation of what the app meets.

validate() ends with send_welcome_email(): every member row whose `welcome_email_sent` is 0 gets
an invitation through frappe.sendmail, and the row is marked sent. On a site without a default
outgoing Email Account (any test site) sendmail refuses, so adding a member who was not invited
yet fails the save — the double refuses the same way (frappe.sendmail below)."""

import frappe
from frappe import _
from frappe.model.document import Document


class Project(Document):
	def validate(self):
		self.send_welcome_email()

	def send_welcome_email(self):
		for member in self.get("users") or []:
			if not member.get("welcome_email_sent"):
				frappe.sendmail(
					member.user,
					subject=_("Project Collaboration Invitation"),
					content=_("You have been invited to collaborate on the project: {0}").format(
						self.project_name
					),
				)
				member.welcome_email_sent = 1
