"""Slack User Meta: the link between a Frappe user and their Slack account."""

from frappe.model.document import Document


class SlackUserMeta(Document):
	def validate(self):
		self.slack_user_id = (self.slack_user_id or "").strip()
