"""# hrms/hr/utils.py (version-15): validate_active_employee, set_employee_name, validate_dates,
validate_overlap, get_holiday_dates_for_employee, get_holidays_for_employee, get_leave_period,
share_doc_with_approver."""

import frappe
import frappe.share
from frappe import _
from frappe.model.document import Document
from frappe.utils import cstr, formatdate, get_link_to_form, getdate, nowdate


def validate_active_employee(employee, method=None):
	# hrms/hr/utils.py (version-15): only status "Inactive" is refused (not "Left")
	from erpnext.setup.doctype.employee.employee import InactiveEmployeeStatusError

	if isinstance(employee, dict | Document):
		employee = employee.get("employee")
	if employee and frappe.db.get_value("Employee", employee, "status") == "Inactive":
		frappe.throw(
			_("Transactions cannot be created for an Inactive Employee {0}.").format(
				get_link_to_form("Employee", employee)
			),
			InactiveEmployeeStatusError,
		)


def set_employee_name(doc):
	if doc.employee and not doc.employee_name:
		doc.employee_name = frappe.db.get_value("Employee", doc.employee, "employee_name")


def validate_dates(doc, from_date, to_date, restrict_future_dates=True):
	# hrms/hr/utils.py (version-15): the range, the future (when restricted), the employee's
	# joining and relieving dates
	date_of_joining, relieving_date = frappe.db.get_value(
		"Employee", doc.employee, ["date_of_joining", "relieving_date"]
	)
	if getdate(from_date) > getdate(to_date):
		frappe.throw(_("To date can not be less than from date"))
	elif getdate(from_date) > getdate(nowdate()) and restrict_future_dates:
		frappe.throw(_("Future dates not allowed"))
	elif date_of_joining and getdate(from_date) < getdate(date_of_joining):
		frappe.throw(_("From date can not be less than employee's joining date"))
	elif relieving_date and getdate(to_date) > getdate(relieving_date):
		frappe.throw(_("To date can not greater than employee's relieving date"))


def validate_overlap(doc, from_date, to_date, company=None):
	# hrms/hr/utils.py (version-15): another not-cancelled request of the employee whose work
	# dates meet this range (the Compensatory Leave Request condition of get_doc_condition)
	if not doc.name:
		doc.name = "New " + doc.doctype
	start, end = getdate(from_date), getdate(to_date)
	for other in frappe.get_all(
		doc.doctype,
		filters={"employee": doc.get("employee"), "docstatus": ["<", 2], "name": ["!=", doc.name]},
		fields=["name", "work_from_date", "work_end_date"],
	):
		other_from, other_end = getdate(other.work_from_date), getdate(other.work_end_date)
		if (
			start <= other_from <= end
			or start <= other_end <= end
			or (other_from < start and other_end > end)
		):
			throw_overlap_error(doc, company or doc.employee, other.name, from_date, to_date)


def throw_overlap_error(doc, exists_for, overlap_doc, from_date, to_date):
	msg = (
		_("A {0} exists between {1} and {2} (").format(
			doc.doctype, formatdate(from_date), formatdate(to_date)
		)
		+ f""" <b><a href="/app/Form/{doc.doctype}/{overlap_doc}">{overlap_doc}</a></b>"""
		+ _(") for {0}").format(exists_for)
	)
	frappe.throw(msg)


def get_holiday_dates_for_employee(employee, start_date, end_date):
	# hrms/hr/utils.py (version-15): the dates (as text) of the employee's holiday list in the range
	return [cstr(h.holiday_date) for h in get_holidays_for_employee(employee, start_date, end_date)]


def get_holidays_for_employee(employee, start_date, end_date, raise_exception=True, only_non_weekly=False):
	from erpnext.setup.doctype.employee.employee import get_holiday_list_for_employee

	holiday_list = get_holiday_list_for_employee(employee, raise_exception=raise_exception)
	if not holiday_list:
		return []
	filters = {"parent": holiday_list, "holiday_date": ["between", [getdate(start_date), getdate(end_date)]]}
	if only_non_weekly:
		filters["weekly_off"] = 0
	return frappe.get_all(
		"Holiday", fields=["description", "holiday_date"], filters=filters, order_by="holiday_date"
	)


def get_leave_period(from_date, to_date, company):
	# hrms/hr/utils.py (version-15): the active Leave Periods of the company covering the range
	return [
		p
		for p in frappe.get_all(
			"Leave Period",
			filters={"is_active": 1, "company": company},
			fields=["name", "from_date", "to_date"],
		)
		if (
			getdate(from_date) <= getdate(p.from_date) <= getdate(to_date)
			or getdate(from_date) <= getdate(p.to_date) <= getdate(to_date)
			or (getdate(p.from_date) < getdate(from_date) and getdate(p.to_date) > getdate(to_date))
		)
	] or None


def share_doc_with_approver(doc, user):
	# hrms/hr/utils.py (version-15): an approver who may not submit the document gets it shared
	# with submit; a replaced approver's share is removed
	if not user:
		return
	if not frappe.has_permission(doc=doc, ptype="submit", user=user, doctype=doc.doctype):
		frappe.share.add_docshare(
			doc.doctype, doc.name, user, submit=1, flags={"ignore_share_permission": True}
		)
		frappe.msgprint(_("Shared with the user {0} with 'submit' permisions").format(user, alert=True))
	doc_before_save = doc.get_doc_before_save()
	if doc_before_save:
		approvers = {
			"Leave Application": "leave_approver",
			"Expense Claim": "expense_approver",
			"Shift Request": "approver",
		}
		approver = approvers.get(doc.doctype)
		if doc_before_save.get(approver) != doc.get(approver):
			frappe.share.remove(doc.doctype, doc.name, doc_before_save.get(approver))
