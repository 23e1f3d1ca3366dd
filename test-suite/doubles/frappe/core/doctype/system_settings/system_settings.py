"""# frappe/core/doctype/system_settings/system_settings.py (v15): the part of the controller the
double needs — on_update -> set_defaults: every changed value field becomes a default
(`frappe.db.set_default`), and `language` becomes the default "lang" and this request's language
(frappe/translate.py set_default_language)."""

import frappe
from frappe.model.document import Document
from frappe.model.meta import no_value_fields


class SystemSettings(Document):
	def on_update(self):
		self.set_defaults()

	def set_defaults(self):
		from frappe.translate import set_default_language

		for df in self.meta.get("fields"):
			if df.fieldtype not in no_value_fields and self.has_value_changed(df.fieldname):
				frappe.db.set_default(df.fieldname, self.get(df.fieldname))

		if self.language:
			set_default_language(self.language)
