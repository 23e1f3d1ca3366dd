"""What the upstream app (rtCamp/frappe-slack-connector) leaves on a site that now runs this one.

Both apps are called `frappe_slack_connector`, so code replaced under a site keeps upstream's data:

- `Slack Settings` (upstream doctype/slack_settings/slack_settings.json) is the same Single: its
  tabSingles rows and `__Auth` passwords stay. Passwords `slack_bot_token`, `slack_app_token`
  (default "NOT-SET"), `slack_signing_token`, `slack_client_secret` and the Data field
  `slack_client_id` have other names here and are moved; six fields are named alike
  (`SHARED_FIELDS`) and need nothing.
- `User Meta` (doctype/user_meta/user_meta.json: named by `user`, a Link to User) carries the
  Slack link in the custom fields `custom_slack_userid` / `custom_slack_username`
  (fixtures/custom_field.json). This app has no such DocType: `bench migrate` deletes the record
  after the post-model-sync patches but keeps the table (frappe/migrate.py `post_schema_updates` →
  frappe/model/sync.py `remove_orphan_doctypes`; frappe/model/delete_doc.py drops no table), so
  the table is read with SQL, never through its meta.

Nothing here writes to upstream's rows, and nothing here ever logs or raises with a secret.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import frappe
from frappe.utils.password import get_decrypted_password, set_encrypted_password

from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.erp.settings import SETTINGS_DOCTYPE

# upstream fieldname → ours
SECRET_FIELDS = {
	"slack_bot_token": "bot_user_oauth_token",
	"slack_app_token": "app_level_token",
	"slack_signing_token": "signing_secret",
	"slack_client_secret": "client_secret",
}
DATA_FIELDS = {"slack_client_id": "client_id"}
# Same Single, same fieldnames, same tabSingles rows: these carry over without a move.
SHARED_FIELDS = (
	"attendance_channel_id",
	"send_attendance_updates",
	"attendance_time",
	"leave_notification_subject",
	"last_attendance_date",
	"last_attendance_msg_ts",
)
# Upstream's default for `slack_app_token`: stored in __Auth like a token, but none.
PLACEHOLDER_SECRETS = frozenset({"NOT-SET"})
LINK_TABLE = "User Meta"
# Every column, whichever the site has: a missing custom field reads as an empty Slack ID.
LINK_QUERY = "SELECT * FROM `tabUser Meta`"
SLACK_ID_COLUMN = "custom_slack_userid"
SLACK_USERNAME_COLUMN = "custom_slack_username"

SLACK_ID_TAKEN = "slack_id_taken"
USER_LINKED_ELSEWHERE = "user_linked_elsewhere"


@dataclass(frozen=True)
class Conflict:
	"""An upstream link not moved. `kind` SLACK_ID_TAKEN: the Slack ID belongs to `other` (a
	user) here; USER_LINKED_ELSEWHERE: the user is linked to `other` (a Slack ID) here."""

	user: str
	slack_user_id: str
	kind: str
	other: str | None


@dataclass
class Report:
	"""What a run found and did. Settings are listed by our fieldname: `moved` (ours was empty),
	`already_moved` (ours holds upstream's value), `kept` (ours holds another value, left as is).
	`skipped`: upstream rows without a user, without a Slack ID, or whose user no longer exists."""

	found: bool = False
	moved: list[str] = field(default_factory=list)
	already_moved: list[str] = field(default_factory=list)
	kept: list[str] = field(default_factory=list)
	linked: int = 0
	already_linked: int = 0
	skipped: int = 0
	conflicts: list[Conflict] = field(default_factory=list)

	@property
	def changed(self) -> bool:
		return bool(self.moved or self.linked)


def move_upstream_data() -> Report:
	"""Move upstream's settings and Slack links into ours, where upstream's data exists. Fills
	only empty fields and unlinked users, so a second run changes nothing."""
	report = Report()
	singles = frappe.db.get_singles_dict(SETTINGS_DOCTYPE)
	secrets = {ours: _secret(theirs) for theirs, ours in SECRET_FIELDS.items()}
	has_table = frappe.db.table_exists(LINK_TABLE)
	report.found = (
		has_table
		or any(theirs in singles for theirs in (*SECRET_FIELDS, *DATA_FIELDS))
		or any(value is not None for value in secrets.values())
	)
	if not report.found:
		return report
	_move_settings(report, singles, secrets)
	if has_table:
		_move_links(report)
	return report


def _text(value) -> str | None:
	text = "" if value is None else str(value).strip()
	return text or None


def _secret(fieldname: str) -> str | None:
	# frappe/utils/password.py (v15): the decrypted __Auth value, None when there is none.
	return _text(get_decrypted_password(SETTINGS_DOCTYPE, SETTINGS_DOCTYPE, fieldname, raise_exception=False))


def _take(report: Report, ours: str, value: str | None, current: str | None) -> bool:
	"""Sort one field into the report; True when upstream's value is to be written to ours."""
	if not value:
		return False
	if not current:
		report.moved.append(ours)
		return True
	(report.already_moved if current == value else report.kept).append(ours)
	return False


def _move_settings(report: Report, singles: dict, secrets: dict[str, str | None]) -> None:
	updates: dict[str, str] = {}
	for ours, value in secrets.items():
		if value in PLACEHOLDER_SECRETS:
			continue
		if _take(report, ours, value, _secret(ours)):
			set_encrypted_password(SETTINGS_DOCTYPE, SETTINGS_DOCTYPE, value, ours)
			# The mask a saved Password field leaves in tabSingles: without it the next save of
			# the form would delete the password (frappe/model/document.py `_save_passwords`).
			updates[ours] = "*" * len(value)
	for theirs, ours in DATA_FIELDS.items():
		value = _text(singles.get(theirs))
		if _take(report, ours, value, _text(singles.get(ours))):
			updates[ours] = value
	if updates:
		# Field by field, not Document.save(): saving a Single deletes all its tabSingles rows,
		# upstream's too (frappe/model/document.py `update_single`).
		frappe.db.set_single_value(SETTINGS_DOCTYPE, updates)


def _move_links(report: Report) -> None:
	rows = frappe.db.sql(LINK_QUERY, as_dict=True)
	# One order on every run, so the same row wins a duplicated Slack ID each time.
	rows.sort(key=lambda row: (_text(row.get("user")) or "", _text(row.get("name")) or ""))
	for row in rows:
		slack_id = _text(row.get(SLACK_ID_COLUMN))
		user = _text(row.get("user"))
		# frappe/database/database.py (v15): exists() returns the stored name (MariaDB compares
		# case-insensitively), which is what a Link must hold.
		user = user and frappe.db.exists("User", user)
		if not user or not slack_id:
			report.skipped += 1
			continue
		current = erp_users.slack_id_of_user(user)
		if current == slack_id:
			report.already_linked += 1
			continue
		if current:
			# Ours is never replaced: the user keeps the Slack account this app knows.
			report.conflicts.append(Conflict(user, slack_id, USER_LINKED_ELSEWHERE, current))
			continue
		result = erp_users.link_slack_user(user, slack_id, _text(row.get(SLACK_USERNAME_COLUMN)))
		if result == "conflict":
			owner = erp_users.user_of_slack_id(slack_id)
			report.conflicts.append(Conflict(user, slack_id, SLACK_ID_TAKEN, owner))
		else:
			report.linked += 1


def setting_labels(fieldnames: list[str]) -> list[str]:
	"""Our Slack Settings labels of `fieldnames`, as the form shows them."""
	meta = frappe.get_meta(SETTINGS_DOCTYPE)
	return [frappe._(meta.get_label(fieldname)) for fieldname in fieldnames]
