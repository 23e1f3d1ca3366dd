"""Installing this app over the upstream one (rtCamp/frappe-slack-connector) keeps its data.

The site is laid out as upstream leaves it (its slack_settings.json, user_meta.json and
fixtures/custom_field.json): Slack Settings rows in tabSingles under upstream's fieldnames,
passwords in __Auth, and the `User Meta` DocType with the custom fields holding the Slack link.
The patch then runs as `bench migrate` runs it: after the model sync, before the orphaned
`User Meta` record is deleted (frappe/migrate.py); a second run comes after that deletion.
"""

from __future__ import annotations

import frappe
import pytest
from frappe.model.meta import register_doctype
from frappe.utils.password import get_decrypted_password, set_encrypted_password

from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import upstream as erp_upstream
from frappe_slack_connector.patches.v1_0 import migrate_from_upstream

SETTINGS = "Slack Settings"
UPSTREAM_SECRETS = {
	"slack_bot_token": "xoxb-upstream-bot-0001",
	"slack_app_token": "xapp-upstream-app-0002",
	"slack_signing_token": "upstream-signing-secret-0003",
	"slack_client_secret": "upstream-client-secret-0004",
}
OUR_SIGNING_SECRET = "ours-signing-secret-0005"
OUR_SECRET_FIELDS = ("bot_user_oauth_token", "app_level_token", "signing_secret", "client_secret")
SECRETS = (*UPSTREAM_SECRETS.values(), OUR_SIGNING_SECRET)
# Stored under the same fieldnames by both apps: no move, they must read the same afterwards.
SHARED = {
	"attendance_channel_id": "C0UPSTREAM",
	"send_attendance_updates": 1,
	"attendance_time": "09:30:00",
	"leave_notification_subject": "Out of office today",
	"last_attendance_date": "2026-03-11",
	"last_attendance_msg_ts": "1741680000.000100",
}
# upstream frappe_slack_connector/doctype/user_meta/user_meta.json
UPSTREAM_USER_META = {
	"doctype": "DocType",
	"name": "User Meta",
	"module": "Frappe Slack Connector",
	"autoname": "field:user",
	"naming_rule": "By fieldname",
	"fields": [{"fieldname": "user", "fieldtype": "Link", "options": "User", "unique": 1, "reqd": 1}],
	"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1, "delete": 1}],
}


def _store_password(fieldname, value):
	"""What saving a Password field leaves: the value in __Auth, a mask in tabSingles
	(frappe/model/document.py `_save_passwords`)."""
	set_encrypted_password(SETTINGS, SETTINGS, value, fieldname)
	frappe.db.set_single_value(SETTINGS, fieldname, "*" * len(value))


def _link_here(user, slack_id, username=None):
	frappe.get_doc(
		{"doctype": "Slack User Meta", "user": user, "slack_user_id": slack_id, "slack_username": username}
	).insert(ignore_permissions=True)


def _upstream_link(user, slack_id, username=None):
	frappe.get_doc(
		{
			"doctype": "User Meta",
			"user": user,
			"custom_slack_userid": slack_id,
			"custom_slack_username": username,
		}
	).insert(ignore_permissions=True)


def build_upstream_site(site):
	frappe.set_user("Administrator")
	for name in ("alice", "bob", "carol", "dave", "erin", "frank", "grace"):
		site.make_user(f"{name}@example.com", roles=["Employee"])

	# Slack Settings as upstream saved them (slack_settings.json), plus upstream-only fields we
	# do not take over. frappe/database/database.py set_single_value writes a tabSingles row for
	# any field, as upstream's own save did.
	for fieldname, value in UPSTREAM_SECRETS.items():
		_store_password(fieldname, value)
	frappe.db.set_single_value(
		SETTINGS,
		{"slack_client_id": "1234.5678", "workload_channel_id": "C0WORKLOAD", **SHARED},
	)
	# The admin already pasted a signing secret into this app's form.
	_store_password("signing_secret", OUR_SIGNING_SECRET)

	# User Meta with upstream's custom fields (fixtures/custom_field.json).
	register_doctype(UPSTREAM_USER_META)
	site.add_custom_field("User Meta", "custom_slack_information", "Section Break")
	site.add_custom_field("User Meta", "custom_slack_username", "Data")
	site.add_custom_field("User Meta", "custom_slack_userid", "Data")
	_upstream_link("alice@example.com", "U0ALICE", "alice")
	_upstream_link("bob@example.com", "U0BOB", "bob")  # U0BOB is carol's here: conflict
	_upstream_link("dave@example.com", "U0DAVE", "dave")  # linked the same here already
	_upstream_link("erin@example.com", "  ", "erin")  # no Slack ID: skipped
	_upstream_link("frank@example.com", "U0FRANK", "frank")  # user deleted since: skipped
	_upstream_link("grace@example.com", "U0GRACE", "grace")  # grace has another Slack ID here
	frappe.db.delete("User", {"name": "frank@example.com"})
	_upstream_link("carol@example.com", "U0CAROLUP")
	frappe.db.set_value("User Meta", "carol@example.com", "user", None)  # no user: skipped

	# Links this app already has.
	_link_here("carol@example.com", "U0BOB", "carol-slack")
	_link_here("dave@example.com", "U0DAVE", "dave.now")
	_link_here("grace@example.com", "U0GRACE2", "grace2")
	frappe.db.commit()


def remove_orphan_user_meta():
	"""What `bench migrate` does after the post-model-sync patches: frappe/model/sync.py
	remove_orphan_doctypes → frappe.delete_doc("DocType", name, force=True); the table stays."""
	frappe.delete_doc("DocType", "User Meta", force=True, ignore_missing=True)
	frappe.db.commit()


def run_patch():
	report = migrate_from_upstream.execute()
	frappe.db.commit()  # frappe/modules/patch_handler.py execute_patch commits a patch that ran
	return report


def counts(report):
	return {
		"moved": sorted(report.moved),
		"already_moved": sorted(report.already_moved),
		"kept": sorted(report.kept),
		"linked": report.linked,
		"already_linked": report.already_linked,
		"conflicts": sorted((c.user, c.slack_user_id, c.kind, c.other) for c in report.conflicts),
		"skipped": report.skipped,
	}


def state():
	"""Everything the patch may touch or must leave: Slack Settings rows and passwords (ours and
	upstream's), this app's links, upstream's User Meta table."""
	passwords = {
		f: get_decrypted_password(SETTINGS, SETTINGS, f, raise_exception=False)
		for f in (*UPSTREAM_SECRETS, *OUR_SECRET_FIELDS)
	}
	links = frappe.get_all(
		"Slack User Meta", fields=["user", "slack_user_id", "slack_username"], order_by="user asc"
	)
	return {
		"singles": dict(frappe.db.get_singles_dict(SETTINGS)),
		"passwords": passwords,
		"links": [dict(r) for r in links],
		"upstream_table": sorted(
			(r.name, r.user, r.custom_slack_userid, r.custom_slack_username)
			for r in frappe.db.sql("SELECT * FROM `tabUser Meta`", as_dict=True)
		),
	}


def assert_no_secret(*texts):
	for text in texts:
		for secret in SECRETS:
			assert secret not in text


CONFLICTS = [
	("bob@example.com", "U0BOB", "slack_id_taken", "carol@example.com"),
	("grace@example.com", "U0GRACE", "user_linked_elsewhere", "U0GRACE2"),
]
LINKS_AFTER = [
	{"user": "alice@example.com", "slack_user_id": "U0ALICE", "slack_username": "alice"},
	{"user": "carol@example.com", "slack_user_id": "U0BOB", "slack_username": "carol-slack"},
	{"user": "dave@example.com", "slack_user_id": "U0DAVE", "slack_username": "dave.now"},
	{"user": "grace@example.com", "slack_user_id": "U0GRACE2", "slack_username": "grace2"},
]


def test_upstream_data_moves_once_and_a_second_run_changes_nothing(site, capsys, caplog):
	caplog.set_level("INFO")
	site.freeze_time("2026-03-12 10:00:00")
	build_upstream_site(site)
	upstream_before = state()

	first = run_patch()
	first_out = capsys.readouterr().out

	assert counts(first) == {
		"moved": ["app_level_token", "bot_user_oauth_token", "client_id", "client_secret"],
		"already_moved": [],
		"kept": ["signing_secret"],
		"linked": 1,
		"already_linked": 1,
		"conflicts": CONFLICTS,
		"skipped": 3,
	}
	assert (
		"settings moved 4, already moved 0, kept 1; "
		"Slack links: linked 1, already linked 1, conflicts 2, skipped 3." in first_out
	)
	assert "Signing Secret" in first_out
	assert "Nothing changed" not in first_out

	# Ours as the app reads them: upstream's secrets under our names, the admin's secret kept.
	assert erp_settings.bot_token() == UPSTREAM_SECRETS["slack_bot_token"]
	assert erp_settings.signing_secret() == OUR_SIGNING_SECRET
	assert erp_settings.client_credentials() == ("1234.5678", UPSTREAM_SECRETS["slack_client_secret"])
	doc = frappe.get_single(SETTINGS)
	assert doc.get_password("app_level_token") == UPSTREAM_SECRETS["slack_app_token"]
	# tabSingles holds masks only; a later save of the form keeps the passwords.
	singles = frappe.db.get_singles_dict(SETTINGS)
	assert singles["bot_user_oauth_token"] == "*" * len(UPSTREAM_SECRETS["slack_bot_token"])
	assert_no_secret(repr(dict(singles)))

	# The alike-named fields: their rows untouched, read by the app as upstream stored them.
	assert {f: singles[f] for f in SHARED} == {f: str(v) for f, v in SHARED.items()}
	read = erp_settings.summary_settings()
	assert read == frappe._dict(
		send_time="09:30:00",
		enabled=True,
		channel="C0UPSTREAM",
		title="Out of office today",
		last_date="2026-03-11",
		last_ts="1741680000.000100",
	)

	# Links: alice moved; carol's U0BOB, dave's username and grace's U0GRACE2 untouched.
	assert state()["links"] == LINKS_AFTER

	# Upstream's rows, passwords and table are all still there.
	after_first = state()
	upstream_rows = (*UPSTREAM_SECRETS, "slack_client_id", "workload_channel_id", *SHARED)
	assert {f: after_first["singles"][f] for f in upstream_rows} == {
		f: upstream_before["singles"][f] for f in upstream_rows
	}
	assert {f: after_first["passwords"][f] for f in UPSTREAM_SECRETS} == UPSTREAM_SECRETS
	assert len(after_first["upstream_table"]) == 7
	assert after_first["upstream_table"] == upstream_before["upstream_table"]

	# The migrate ends by deleting the orphaned User Meta record; the table stays for a rerun.
	remove_orphan_user_meta()
	with pytest.raises(frappe.DoesNotExistError):
		frappe.get_meta("User Meta")
	assert frappe.db.table_exists("User Meta")

	second = run_patch()
	second_out = capsys.readouterr().out

	assert counts(second) == {
		"moved": [],
		"already_moved": ["app_level_token", "bot_user_oauth_token", "client_id", "client_secret"],
		"kept": ["signing_secret"],
		"linked": 0,
		"already_linked": 2,
		"conflicts": CONFLICTS,
		"skipped": 3,
	}
	assert "settings moved 0, already moved 4, kept 1" in second_out
	assert "Nothing changed." in second_out
	assert state() == after_first

	# Each run lists its (still open) conflicts in one Error Log, without a secret.
	logs = site.error_logs()
	assert [log.method for log in logs] == ["Slack links from the upstream app: 2 conflict(s)"] * 2
	assert (
		"bob@example.com: upstream's Slack user U0BOB is linked to carol@example.com here; not moved."
		in logs[0].error
	)
	assert (
		"grace@example.com: upstream's Slack user U0GRACE not moved; this user is linked to U0GRACE2 here."
		in logs[0].error
	)
	assert_no_secret(first_out, second_out, caplog.text, *(f"{log.method}\n{log.error}" for log in logs))
	assert "Upstream Slack Connector: settings moved 4" in caplog.text


def test_admin_saved_the_form_first_upstream_passwords_still_move(site, capsys):
	# Saving a Single deletes all its tabSingles rows (frappe/model/document.py update_single):
	# upstream's Data fields are gone then, its __Auth passwords are not.
	frappe.set_user("Administrator")
	_store_password("slack_bot_token", UPSTREAM_SECRETS["slack_bot_token"])
	frappe.db.set_single_value(SETTINGS, {"slack_client_id": "1234.5678", **SHARED})
	doc = frappe.get_single(SETTINGS)
	doc.client_secret = "ours-client-secret"
	doc.save()
	frappe.db.commit()
	assert "slack_client_id" not in frappe.db.get_singles_dict(SETTINGS)

	report = run_patch()

	assert counts(report)["moved"] == ["bot_user_oauth_token"]
	assert erp_settings.bot_token() == UPSTREAM_SECRETS["slack_bot_token"]
	assert erp_settings.client_credentials() == (None, "ours-client-secret")
	assert erp_settings.summary_settings().channel == "C0UPSTREAM"
	assert "Slack links: linked 0" in capsys.readouterr().out


def test_upstream_app_token_placeholder_is_not_a_token(site):
	# upstream slack_settings.json: slack_app_token defaults to "NOT-SET", saved like a token.
	frappe.set_user("Administrator")
	_store_password("slack_app_token", "NOT-SET")
	frappe.db.commit()

	report = run_patch()

	assert report.found and report.moved == []
	assert frappe.get_single(SETTINGS).get_password("app_level_token", raise_exception=False) is None


def test_fresh_site_without_upstream_data_is_left_alone(site, capsys):
	frappe.set_user("Administrator")
	before = dict(frappe.db.get_singles_dict(SETTINGS))

	report = run_patch()

	assert not report.found
	assert counts(report)["moved"] == [] and report.linked == 0
	assert "no data of the upstream app on this site, nothing to move" in capsys.readouterr().out
	assert dict(frappe.db.get_singles_dict(SETTINGS)) == before
	assert not frappe.db.table_exists("User Meta")
	assert frappe.get_all("Slack User Meta") == []
	assert site.error_logs() == []


def test_the_field_map_matches_our_slack_settings():
	# Upstream's secrets land in our Password fields, its client ID in our Data field, and the
	# fields said to carry over by name exist here with upstream's type (upstream
	# slack_settings.json: Data, Check, Time, Data, Date, Data).
	meta = frappe.get_meta(SETTINGS)
	assert {meta.get_field(f).fieldtype for f in erp_upstream.SECRET_FIELDS.values()} == {"Password"}
	assert meta.get_field(erp_upstream.DATA_FIELDS["slack_client_id"]).fieldtype == "Data"
	assert [meta.get_field(f).fieldtype for f in erp_upstream.SHARED_FIELDS] == [
		"Data",
		"Check",
		"Time",
		"Data",
		"Date",
		"Data",
	]
	assert set(erp_upstream.SHARED_FIELDS) == set(SHARED)


def test_the_double_runs_only_the_select_the_patch_uses(site):
	# frappe.db.sql in the double: `SELECT * FROM `tab<Name>`` with as_dict, nothing else.
	frappe.set_user("Administrator")
	site.make_user("alice@example.com")
	rows = frappe.db.sql("SELECT * FROM `tabUser`", as_dict=True)
	assert [r.name for r in rows] == ["alice@example.com"] and "doctype" not in rows[0]
	for query, kwargs in (
		("SELECT * FROM `tabUser`", {}),
		("SELECT name FROM `tabUser`", {"as_dict": True}),
		("SELECT * FROM `tabUser` WHERE name = %s", {"as_dict": True}),
		("DELETE FROM `tabUser`", {"as_dict": True}),
	):
		with pytest.raises(NotImplementedError):
			frappe.db.sql(query, **kwargs)
	with pytest.raises(frappe.db.TableMissingError):
		frappe.db.sql("SELECT * FROM `tabUser Meta`", as_dict=True)
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc("DocType", "User")  # a standard DocType goes only with force
