"""Every link the app gives into the desk opens on the installed Frappe's own route: `/app/...` on
v15, `/desk/...` on v16 (frappe/frappe PR #35330 moved frappe/utils/data.py's `get_url_to_form` /
`get_url_to_list` there). erp/desk.py asks Frappe for them; `scripts/test` runs this module as v15
and again with FRAPPE_DOUBLE_VERSION=16 (the `versions` marker). Covered: the Home tab's links
(each application, "+N more" of one's own and of what waits), the approvers' reminder (each
application, its "Open in desk" list) and the OAuth callback's way back to Slack Settings."""

from __future__ import annotations

import re
from pathlib import Path

import double_version
import frappe
import pytest

from frappe_slack_connector.erp import desk as erp_desk
from frappe_slack_connector.erp import home as erp_home
from frappe_slack_connector.erp import reminders as erp_reminders
from frappe_slack_connector.tests.support.dispatch import get
from test_app_home import open_home, texts
from test_leave_mirror import HR, HR_EMAIL
from test_leave_mirror import world as world  # noqa: PLC0414 - the fixture, re-exported
from test_leave_workflow import BOSS_EMAIL, JANE, JANE_EMAIL, section_text
from test_oauth_install import CALLBACK, HTML
from test_reminders import NEXT_DAY, reminder_posts, set_up, tick

pytestmark = pytest.mark.versions

HOST = "https://hr.example.com"
# The desk's prefix on the major the double speaks.
DESK = "/desk" if double_version.V16 else "/app"
OTHER = "/app" if double_version.V16 else "/desk"
LEAVE_LIST = f"{HOST}{DESK}/leave-application"


@pytest.fixture
def site(world, app):
	"""The World's office on a site at HOST; its holidays given out as the major reads them (a
	Holiday List Assignment on v16), so leave can be filed in both modes."""
	app.site.set_conf(host_name=HOST)
	app.site.assign_holiday_list("HL 2026", company="Test Co", from_date="2026-01-01")
	frappe.db.commit()
	return world


def test_the_helpers_follow_the_installed_frappe(site):
	assert erp_desk.form_url("Leave Application", "HR-LAP-2026-00001") == (f"{LEAVE_LIST}/HR-LAP-2026-00001")
	assert erp_desk.list_url("Leave Application") == LEAVE_LIST
	assert erp_desk.list_url("Leave Application", status="Open", leave_approver="bea+x@example.com") == (
		f"{LEAVE_LIST}?status=Open&leave_approver=bea%2Bx@example.com"
	)
	assert erp_desk.route("Slack Settings") == f"{DESK}/slack-settings"


def test_the_home_tab_links_each_application_and_the_lists_to_the_desk(site, app):
	name = site.leave(from_date="2026-12-07", to_date="2026-12-07")
	app.site.run_jobs()
	assert f"<{LEAVE_LIST}/{name}|{name}>" in texts(open_home(app, JANE))

	mine = erp_home.home_input(JANE_EMAIL)
	assert mine["desk_url"] == f"{LEAVE_LIST}?employee={site.employee}"
	assert [item["form_url"] for item in mine["my_leave"]] == [f"{LEAVE_LIST}/{name}"]

	app.site.make_employee(BOSS_EMAIL, first_name="Bea", last_name="Boss")
	app.site.make_employee(HR_EMAIL, first_name="Hal", last_name="HR")
	frappe.db.commit()
	deciding = erp_home.home_input(BOSS_EMAIL)
	assert deciding["waiting_url"] == f"{LEAVE_LIST}?status=Open&leave_approver={BOSS_EMAIL}"
	assert [item["form_url"] for item in deciding["waiting"]] == [f"{LEAVE_LIST}/{name}"]
	# HR decides everyone's: the list of every Open application.
	assert erp_home.home_input(HR_EMAIL)["waiting_url"] == f"{LEAVE_LIST}?status=Open"
	assert f"<{LEAVE_LIST}/{name}|{name}>" in texts(open_home(app, HR))


def test_the_reminder_links_each_application_and_the_approvers_list(site, app):
	office = set_up(site, app)
	app.site.freeze_time(f"{NEXT_DAY} 10:30:00")
	assert tick()["approvers"] == {BOSS_EMAIL: "sent", "cleo@example.com": "sent"}
	[bea] = [p for p in reminder_posts(app) if office.earlier in section_text(p.args)]
	text = section_text(bea.args)
	for name in (office.earlier, office.later):
		assert f"<{LEAVE_LIST}/{name}|{name}>" in text
	assert f"{OTHER}/" not in text
	# Its "+N more — Open in desk" line (past 20 requests) links the approver's Open list.
	assert erp_reminders.desk_list_url(BOSS_EMAIL) == (
		f"{LEAVE_LIST}?status=Open&leave_approver={BOSS_EMAIL}"
	)
	assert erp_reminders.desk_list_url("") == f"{LEAVE_LIST}?status=Open"


def test_the_oauth_pages_lead_back_to_slack_settings_on_this_desk(site, app):
	# A callback Slack sent back without a state: the page's one way on is Slack Settings.
	response = get(CALLBACK, query_string={"code": "c1"}, headers=HTML)
	body = response.get_data(as_text=True)
	assert response.status_code == 400, body
	assert f"<a href='{DESK}/slack-settings' class='btn btn-primary btn-sm'>Open Slack Settings</a>" in body


def test_no_desk_prefix_is_written_into_the_app():
	"""Links are asked of erp/desk.py: a literal prefix would open the wrong desk on one major."""
	package = Path(__file__).resolve().parent.parent / "frappe_slack_connector"
	found = [
		f"{path.relative_to(package)}:{number}"
		for path in sorted(package.rglob("*.py"))
		if "tests" not in path.relative_to(package).parts
		for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
		if re.search(r"""["'](/app|/desk)\b""", line)
	]
	assert found == []
