"""# erpnext/setup/doctype/holiday_list/holiday_list.py (version-15): is_holiday + controller."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today


class HolidayList(Document):
	def validate(self):
		# erpnext holiday_list.py: validate_days -> from_date must not be after to_date
		if getdate(self.from_date) > getdate(self.to_date):
			frappe.throw(_("To Date cannot be before From Date"))


@frappe.whitelist()
def is_holiday(holiday_list, date=None):
	# erpnext holiday_list.py (version-15): holiday_list has no default; date defaults to today;
	# falsy holiday_list -> False
	if date is None:
		date = today()
	if holiday_list:
		return bool(frappe.db.exists("Holiday", {"parent": holiday_list, "holiday_date": date}, cache=True))
	return False
