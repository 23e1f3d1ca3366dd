"""A department whose employees get the timesheet reminder (rows of Slack Settings' Departments)."""

from frappe.model.document import Document


class SlackTimesheetDepartment(Document):
	pass
