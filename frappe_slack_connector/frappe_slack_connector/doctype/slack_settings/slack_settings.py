"""Slack Settings: credentials and the daily attendance summary configuration."""

from frappe.model.document import Document


class SlackSettings(Document):
	def validate(self):
		# Pasted IDs often carry spaces or a leading '#'; Slack wants the bare channel ID.
		if self.attendance_channel_id:
			self.attendance_channel_id = self.attendance_channel_id.strip().lstrip("#")
		if self.client_id:
			self.client_id = self.client_id.strip()
