"""Holidays as the installed Frappe HR reads them (erp/holidays.py), in both majors the double
speaks: `scripts/test` runs this module as v15 (the default run) and again with
FRAPPE_DOUBLE_VERSION=16 (the `versions` marker). A holiday is given out with
`site.assign_holiday_list`: a submitted Holiday List Assignment on v16, the Company's default / the
Employee's own list on v15."""

from __future__ import annotations

import datetime

import double_version
import erpnext
import frappe
import hrms
import pytest
from erpnext.setup.doctype.employee.employee import get_holiday_list_for_employee
from hrms.utils import holiday_list as hrms_holiday_list

from frappe_slack_connector.erp import holidays as erp_holidays
from test_attendance import run_tick as summary_tick
from test_leave_mirror import world as world  # noqa: PLC0414 - the fixture, re-exported
from test_reminders import reminder_posts, set_up
from test_reminders import tick as approver_tick
from test_timesheet_reminder import tick as timesheet_tick

pytestmark = pytest.mark.versions

V16 = double_version.V16
PUBLIC_HOLIDAY = "2026-12-09"  # a Wednesday
DAY_AFTER = "2026-12-10"
TUESDAY = "2026-12-08"
OWN_DAY_OFF = "2026-12-14"  # a Monday, only in Ben's own list
SATURDAY = "2026-12-12"


def day(text: str) -> datetime.date:
	return datetime.date.fromisoformat(text)


@pytest.fixture
def office(app, site):
	"""Test Co (the default company) with the public holidays of 2026, Ann and Ben in Slack; Ben
	has his own list (no public holiday, his own Monday off). Time logging is set up and the
	timesheet reminder is on at 10:00."""
	site.freeze_time(f"{TUESDAY} 07:00:00")
	site.make_holiday_list("Public 2026", "2026-01-01", "2026-12-31", holidays=[PUBLIC_HOLIDAY, "2026-12-25"])
	site.make_holiday_list("Ben 2026", "2026-01-01", "2026-12-31", holidays=[OWN_DAY_OFF])
	site.make_company("Test Co")
	frappe.db.set_single_value("Global Defaults", "default_company", "Test Co")
	site.assign_holiday_list("Public 2026", company="Test Co", from_date="2026-01-01")
	people = {}
	for key in ("ann", "ben"):
		email = f"{key}@example.com"
		people[key] = site.make_employee(email, first_name=key.title(), last_name="Test").name
		slack_id = f"U0{key.upper()}00001"
		site._insert({"doctype": "Slack User Meta", "user": email, "slack_user_id": slack_id})
		app.slack.add_user(id=slack_id, email=email, real_name=f"{key.title()} Test")
	site.assign_holiday_list("Ben 2026", employee=people["ben"], from_date="2026-01-01")
	site._insert({"doctype": "Activity Type", "activity_type": "Development"})
	frappe.db.commit()
	app.configure(remind_to_log_time=1, timesheet_reminder_time="10:00:00")
	app.people = people
	return app


# ---------------------------------------------------------------------- the double's two majors


def test_the_double_reports_the_major_it_imitates():
	major = "16." if V16 else "15."
	assert frappe.__version__.startswith(major) and frappe.__version__.endswith("-double")
	assert erpnext.__version__.startswith(major) and hrms.__version__.startswith(major)
	assert erp_holidays.assignments_decide() is V16


def test_the_double_is_strict_about_what_each_major_has(office):
	if V16:
		assert frappe.get_meta("Holiday List Assignment").is_submittable
		# The company-level lookup the app made before: hrms answers None, whatever the Company says.
		frappe.db.set_value("Company", "Test Co", "default_holiday_list", "Public 2026")
		assert get_holiday_list_for_employee(None, raise_exception=False) is None
		with pytest.raises(frappe.ValidationError, match="No Holiday List was found"):
			get_holiday_list_for_employee(None)
	else:
		assert not hasattr(hrms_holiday_list, "get_assigned_holiday_list")
		with pytest.raises(TypeError):
			get_holiday_list_for_employee(None, raise_exception=False, as_on=PUBLIC_HOLIDAY)
		with pytest.raises(frappe.DoesNotExistError):
			frappe.get_meta("Holiday List Assignment")


# ---------------------------------------------------------------------- the room


def test_a_weekday_public_holiday_is_no_working_day(office):
	assert erp_holidays.is_working_day(day(PUBLIC_HOLIDAY)) is False
	assert erp_holidays.is_working_day(day(PUBLIC_HOLIDAY), company="Test Co") is False
	assert erp_holidays.is_working_day(day(TUESDAY)) is True
	assert erp_holidays.is_working_day(day(PUBLIC_HOLIDAY), employee=office.people["ann"]) is False


def test_an_employees_own_list_overrides_the_companys(office):
	ann, ben = office.people["ann"], office.people["ben"]
	assert erp_holidays.is_working_day(day(PUBLIC_HOLIDAY), employee=ben) is True
	assert erp_holidays.is_working_day(day(OWN_DAY_OFF), employee=ben) is False
	assert erp_holidays.is_working_day(day(OWN_DAY_OFF), employee=ann) is True
	assert erp_holidays.employees_off(day(PUBLIC_HOLIDAY), [ann, ben]) == {ann}
	assert erp_holidays.employees_off(day(OWN_DAY_OFF), [ann, ben]) == {ben}
	assert erp_holidays.employees_off(day(TUESDAY), [ann, ben]) == set()


def test_without_any_list_saturday_and_sunday_are_off(office, site):
	ann = office.people["ann"]
	if V16:
		frappe.db.delete("Holiday List Assignment")
	else:
		frappe.db.set_value("Company", "Test Co", "default_holiday_list", None)
		frappe.db.set_value("Employee", office.people["ben"], "holiday_list", None)
	assert erp_holidays.is_working_day(day(PUBLIC_HOLIDAY)) is True
	assert erp_holidays.is_working_day(day(SATURDAY)) is False
	assert erp_holidays.employees_off(day(SATURDAY), [ann]) == {ann}
	assert erp_holidays.employees_off(day(PUBLIC_HOLIDAY), [ann]) == set()


def test_outside_an_assignments_dates_hrms_falls_back(office, site):
	"""v16: an assignment counts from its `from_date` on (the latest one started wins); before an
	employee's, their company's applies; before any, none does (Monday to Friday). v15 has no dates:
	the lists apply on every day."""
	ben = office.people["ben"]
	if not V16:
		assert erp_holidays.is_working_day(day("2026-01-01"), employee=ben) is True
		assert erp_holidays.is_working_day(day(OWN_DAY_OFF), employee=ben) is False
		return
	site.make_holiday_list("Ann 2026", "2026-01-01", "2026-12-31", holidays=["2026-03-03"])
	ann = office.people["ann"]
	# Ann's own list only from 10 December: on the 9th her company's still decides.
	site.assign_holiday_list("Ann 2026", employee=ann, from_date=DAY_AFTER)
	assert erp_holidays.is_working_day(day(PUBLIC_HOLIDAY), employee=ann) is False
	assert erp_holidays.employees_off(day(PUBLIC_HOLIDAY), [ann]) == {ann}
	# From then on hers does, even for a date not in it.
	assert erp_holidays.is_working_day(day("2026-12-25"), employee=ann) is True
	assert erp_holidays.employees_off(day("2026-12-25"), [ann, ben]) == set()
	# A later company assignment replaces the earlier one from its start.
	site.make_holiday_list("Public 2026 b", "2026-01-01", "2026-12-31", holidays=["2026-12-24"])
	site.assign_holiday_list("Public 2026 b", company="Test Co", from_date="2026-12-20")
	assert erp_holidays.is_working_day(day("2026-12-24")) is False
	assert erp_holidays.is_working_day(day("2026-12-25")) is True
	assert erp_holidays.is_working_day(day(PUBLIC_HOLIDAY)) is False
	# Before every assignment: no list, Monday to Friday (a Saturday off, the 3 March worked).
	site.make_holiday_list("Public 2025", "2025-01-01", "2025-12-31", holidays=["2025-12-03"])
	assert erp_holidays.is_working_day(day("2025-12-03")) is True
	assert erp_holidays.is_working_day(day("2025-12-06")) is False


# ---------------------------------------------------------------------- the daily jobs


def test_the_summary_does_not_go_out_on_a_public_holiday(office, site):
	site.freeze_time(f"{PUBLIC_HOLIDAY} 09:00:00")
	assert summary_tick() == {"sent": False, "reason": "holiday"}
	assert office.slack.calls_to("chat.postMessage") == []
	site.freeze_time(f"{DAY_AFTER} 09:00:00")
	assert summary_tick()["sent"] is True


def test_the_timesheet_reminder_skips_the_public_holiday(office, site):
	site.freeze_time(f"{PUBLIC_HOLIDAY} 10:30:00")
	assert timesheet_tick()["sent"] is False
	assert office.slack.calls_to("chat.postMessage") == []
	# The day after, the reminder is about Tuesday, the last working day.
	site.freeze_time(f"{DAY_AFTER} 10:30:00")
	result = timesheet_tick()
	assert result["sent"] is True and result["day"] == TUESDAY and result["dms"] == 2


def test_the_timesheet_reminder_spares_whoever_had_their_own_day_off(office, site):
	site.freeze_time("2026-12-15 10:30:00")  # about Monday 14th: Ben's own day off
	result = timesheet_tick()
	assert result["day"] == OWN_DAY_OFF and result["dms"] == 1
	[post] = office.slack.calls_to("chat.postMessage")
	assert post.args["channel"] == "U0ANN00001"


def test_the_approvers_reminders_do_not_go_out_on_a_public_holiday(world, app):
	app.site.make_holiday_list("Public 2026", "2026-01-01", "2026-12-31", holidays=[PUBLIC_HOLIDAY])
	app.site.assign_holiday_list("Public 2026", company="Test Co", from_date="2026-01-01")
	set_up(world, app)
	app.site.freeze_time(f"{PUBLIC_HOLIDAY} 10:30:00")
	assert approver_tick() == {"reason": "holiday", "approvers": {}}
	assert reminder_posts(app) == []
	app.site.freeze_time(f"{DAY_AFTER} 10:30:00")
	assert set(approver_tick()["approvers"].values()) == {"sent"}
	assert len(reminder_posts(app)) == 2
