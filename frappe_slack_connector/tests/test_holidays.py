"""Working days as the site's own Frappe HR reads them (erp/holidays.py), on a real v15 or v16 site
and on the double in both modes: on v16 a holiday counts through a submitted Holiday List
Assignment (employee first, then company, from its start date), on v15 through the company's
default list and the employee's own."""

from __future__ import annotations

import datetime

import frappe
from frappe.utils import add_days, getdate, nowdate

from frappe_slack_connector.erp import holidays as erp_holidays
from frappe_slack_connector.tests.utils import COMPANY, SlackAppTestCase

# test-suite/harness/bench_runner.py marks these tests `versions`: scripts/test runs them as v15 and
# as v16 on the double.
VERSIONS_DIFFER = True


def weekday_after(day: datetime.date, days: int) -> datetime.date:
	"""The first Monday-to-Friday day at least `days` after `day`."""
	out = getdate(add_days(day, days))
	while out.weekday() >= 5:
		out = getdate(add_days(out, 1))
	return out


class TestHolidays(SlackAppTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		today = getdate(nowdate())
		cls.public_holiday = weekday_after(today, 14)
		cls.own_day_off = weekday_after(cls.public_holiday, 7)
		cls.worked = weekday_after(cls.public_holiday, 1)
		holiday_list = frappe.get_doc("Holiday List", cls.world.holiday_list)
		holiday_list.append("holidays", {"holiday_date": cls.public_holiday, "description": "Public"})
		holiday_list.save(ignore_permissions=True)
		cls.own_list = cls.world._insert(
			{
				"doctype": "Holiday List",
				"holiday_list_name": f"{COMPANY} own {today.year}",
				"from_date": holiday_list.from_date,
				"to_date": holiday_list.to_date,
				"holidays": [{"holiday_date": cls.own_day_off, "description": "Own"}],
			}
		).name
		frappe.db.commit()

	def give_own_list(self, from_date) -> None:
		employee = self.world.employee
		if erp_holidays.assignments_decide():
			self.world.assign_holiday_list(self.own_list, employee=employee, from_date=from_date)
		else:
			frappe.db.set_value("Employee", employee, "holiday_list", self.own_list)

	def test_a_weekday_public_holiday_is_no_working_day(self):
		self.assertFalse(erp_holidays.is_working_day(self.public_holiday, company=COMPANY))
		self.assertTrue(erp_holidays.is_working_day(self.worked, company=COMPANY))
		employee = self.world.employee
		self.assertFalse(erp_holidays.is_working_day(self.public_holiday, employee=employee))
		self.assertEqual(erp_holidays.employees_off(self.public_holiday, [employee]), {employee})

	def test_an_employees_own_list_overrides_the_companys(self):
		employee = self.world.employee
		self.give_own_list(from_date=getdate(add_days(nowdate(), -30)))
		self.assertTrue(erp_holidays.is_working_day(self.public_holiday, employee=employee))
		self.assertFalse(erp_holidays.is_working_day(self.own_day_off, employee=employee))
		self.assertEqual(erp_holidays.employees_off(self.public_holiday, [employee]), set())
		self.assertEqual(erp_holidays.employees_off(self.own_day_off, [employee]), {employee})
		self.assertFalse(erp_holidays.is_working_day(self.public_holiday, company=COMPANY))
		frappe.db.rollback()

	def test_before_an_assignment_starts_the_company_list_decides(self):
		if not erp_holidays.assignments_decide():
			# v15 lists have no start: Employee.holiday_list decides on every day.
			self.give_own_list(from_date=None)
			employee = self.world.employee
			self.assertTrue(erp_holidays.is_working_day(self.public_holiday, employee=employee))
			frappe.db.rollback()
			return
		employee = self.world.employee
		self.give_own_list(from_date=add_days(self.public_holiday, 1))
		# hrms get_assigned_holiday_list: only assignments started on or before the day count.
		self.assertFalse(erp_holidays.is_working_day(self.public_holiday, employee=employee))
		self.assertEqual(erp_holidays.employees_off(self.public_holiday, [employee]), {employee})
		self.assertFalse(erp_holidays.is_working_day(self.own_day_off, employee=employee))
		frappe.db.rollback()
