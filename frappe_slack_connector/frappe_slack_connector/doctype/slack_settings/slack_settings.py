"""Slack Settings: credentials and the daily attendance summary configuration."""

from frappe.model.document import Document


class SlackSettings(Document):
	def load_from_db(self):
		loaded = super().load_from_db()
		# A never-saved Single is loaded through frappe.new_doc, which puts the current time in
		# every Time field whatever its default (frappe/model/create_new.py,
		# set_dynamic_default_values): the first save would move the summary and the reminder to
		# the moment an admin first opened this form. A saved Single has its `modified` row.
		if not self.modified:
			for field in self.meta.fields:
				if field.fieldtype == "Time":
					self.set(field.fieldname, field.default)
		return loaded

	def validate(self):
		# Pasted IDs often carry spaces or a leading '#'; Slack wants the bare channel ID.
		if self.attendance_channel_id:
			self.attendance_channel_id = self.attendance_channel_id.strip().lstrip("#")
		if self.client_id:
			self.client_id = self.client_id.strip()
