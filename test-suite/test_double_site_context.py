"""The double's frappe.init / connect / destroy for a site that exists (v15 frappe/__init__.py),
what a long-running process such as the Socket Mode client uses per unit of work, and
erp/site_context.opened on top of them."""

from __future__ import annotations

import frappe
import pytest

from frappe_slack_connector.erp import site_context


def _reopen(site):
	frappe.init(site, force=True)
	frappe.connect()
	frappe.local.flags.in_test = True


def test_data_outlives_the_context_and_uncommitted_work_does_not(site):
	name = frappe.local.site
	site.set_conf(lang="de")
	frappe.get_doc({"doctype": "Leave Type", "leave_type_name": "Kept"}).insert(ignore_permissions=True)
	frappe.db.commit()
	frappe.get_doc({"doctype": "Leave Type", "leave_type_name": "Open"}).insert(ignore_permissions=True)
	frappe.destroy()
	# release_local: nothing is left of the context
	assert frappe.local.__dict__ == {}
	frappe.init(name)
	assert frappe.local.db is None  # no connection before connect()
	assert frappe.local.conf.lang == "de" and frappe.local.lang == "de"  # the site's config
	assert frappe.local.flags.in_test is False  # a process of its own, not the test runner
	frappe.connect(set_admin_as_user=False)
	assert frappe.session.user != "Administrator"
	names = frappe.get_all("Leave Type", pluck="name")
	assert "Kept" in names and "Open" not in names  # close() rolled the open transaction back
	frappe.destroy()
	_reopen(name)
	assert frappe.session.user == "Administrator"  # connect() sets it by default


def test_init_is_a_no_op_when_initialised_unless_forced(site):
	name = frappe.local.site
	frappe.destroy()
	frappe.init(name)
	frappe.local.flags.marker = 1
	frappe.init(name)
	assert frappe.local.flags.marker == 1
	# force: what init sets is set afresh (flags, response, form_dict…), as v15 does
	frappe.init(name, force=True)
	assert frappe.local.flags.marker is None
	frappe.connect()


def test_opened_commits_on_return_rolls_back_on_error_and_runs_as_guest(site):
	name, path = frappe.local.site, frappe.local.sites_path
	frappe.db.commit()
	with site_context.opened(name, path):
		assert frappe.session.user == "Guest"
		frappe.get_doc({"doctype": "Leave Type", "leave_type_name": "Committed"}).insert(
			ignore_permissions=True
		)
	assert frappe.local.__dict__ == {}
	with pytest.raises(RuntimeError), site_context.opened(name, path):
		frappe.get_doc({"doctype": "Leave Type", "leave_type_name": "Rolled back"}).insert(
			ignore_permissions=True
		)
		raise RuntimeError("boom")
	_reopen(name)
	names = frappe.get_all("Leave Type", pluck="name")
	assert "Committed" in names and "Rolled back" not in names
