"""frappe/core/doctype/docshare/docshare.py (v15 and v16): the DocShare controller."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint


class DocShare(Document):
	def validate(self):
		if self.everyone:
			self.user = None
		elif not self.user:
			frappe.throw(_("User is mandatory for Share"), frappe.MandatoryError)
		if self.submit and not cint(frappe.get_meta(self.share_doctype).is_submittable):
			frappe.throw(
				_("Cannot share {0} with submit permission as the doctype {1} is not submittable").format(
					self.share_name, self.share_doctype
				)
			)
		# cascade_permissions_downwards: a share that lets one submit lets one write (and read) —
		# so an approver hrms shares a request with "submit" may also save its status.
		if self.share or self.write or self.submit:
			self.read = 1
		if self.submit:
			self.write = 1
