"""Error Logs that explain a refusal survive the request's rollback — written the way Frappe v15
provides for it (`frappe.log_error(defer_insert=True)`, frappe/utils/error.py), never by
committing whatever the request had written so far."""

from __future__ import annotations

import frappe
import pytest
from frappe.deferred_insert import queue_prefix, save_to_db

from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.tests.support.dispatch import get, post

ADMIN = "admin@example.com"
CALLBACK = "/api/method/frappe_slack_connector.api.oauth.callback"
TEST_CONNECTION = "/api/method/frappe_slack_connector.api.workspace.test_connection"


def error_log_rows() -> list[str]:
	"""Error Logs in the table right now, without the scheduler's flush."""
	return frappe.get_all("Error Log", pluck="method")


def test_a_refusal_keeps_its_error_log_and_nothing_else(site):
	frappe.set_user("Administrator")
	frappe.db.set_single_value("Slack Settings", "attendance_channel_id", "C0UNSAVED1")
	with pytest.raises(frappe.ValidationError):
		erp_log.fail("Refused for a reason", "why it was refused", "You cannot do that.")
	frappe.db.rollback()  # frappe/app.py: a request that raised is rolled back
	assert not frappe.db.get_single_value("Slack Settings", "attendance_channel_id")
	assert [row["method"] for row in site.error_logs()] == ["Refused for a reason"]


def test_a_refused_desk_request_commits_nothing_and_logs_why(app):
	app.site.make_user(ADMIN, roles=["System Manager"])
	app.configure(bot_user_oauth_token="xoxb-bad-token-99")
	commits = frappe.db.commits
	assert post(TEST_CONNECTION, user=ADMIN).status_code == 417
	assert frappe.db.commits == commits  # no commit in the middle of a refused request
	assert error_log_rows() == []  # still in the cache, outside the rolled-back transaction
	assert app.error_titles() == ["Slack connection test failed: invalid_auth"]


def test_a_rejected_oauth_callback_commits_nothing_and_logs_why(app):
	app.site.make_user(ADMIN, roles=["System Manager"])
	frappe.db.commit()
	commits = frappe.db.commits
	response = get(CALLBACK, query_string={"code": "c1", "state": "forged"}, user=ADMIN)
	assert response.status_code == 400
	assert frappe.db.commits == commits  # a GET is rolled back; the log is not part of it
	assert app.error_titles() == ["Slack OAuth callback rejected: unknown state"]


# --- the double imitates frappe v15 deferred inserts --------------------------------------------


def test_deferred_error_log_waits_in_the_cache_until_save_to_db(site):
	assert frappe.log_error(title="Deferred", message="later", defer_insert=True) is None
	assert error_log_rows() == [] and frappe.cache.llen(f"{queue_prefix}Error Log") == 1
	frappe.db.rollback()
	frappe.set_user("Administrator")  # the scheduled job runs as Administrator
	save_to_db()
	frappe.db.commit()
	assert error_log_rows() == ["Deferred"] and frappe.cache.get_keys(queue_prefix) == []


def test_read_only_flag_defers_like_frappe(site):
	frappe.local.flags.read_only = True
	frappe.log_error(title="Read only", message="replica")
	assert error_log_rows() == []
	assert [row["method"] for row in site.error_logs()] == ["Read only"]
