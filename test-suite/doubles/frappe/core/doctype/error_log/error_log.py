"""# frappe/core/doctype/error_log/error_log.py (v15): the Error Log controller."""

from frappe.model.document import Document


class ErrorLog(Document):
	def validate(self):
		# v15: a title over the Data column's 140 characters moves, whole, to the top of the
		# error text and is cut in the title (so _validate_length never refuses a log).
		self.method = str(self.method)
		self.error = str(self.error)
		if len(self.method) > 140:
			self.error = f"{self.method}\n{self.error}"
			self.method = self.method[:140]
