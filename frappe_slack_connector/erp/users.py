"""Who someone is: the one identity module. Slack user id ↔ Frappe user (the Slack User Meta
link) ↔ Employee ↔ the language they read; plus users, roles and e-mail addresses.

Finding someone with Slack's help asks Slack, so it is not here: a Slack profile's e-mail matched
to a user is a flow's (`flows/identity.py`), a user's e-mail looked up in Slack the outbox's when
it sends them something (`outbox/recipients.py`); what they find is remembered here
(`link_slack_user`)."""

from __future__ import annotations

from contextlib import contextmanager

import frappe

USER_META_DOCTYPE = "Slack User Meta"
SYSTEM_MANAGER = "System Manager"
# hrms Employee status of current staff (the others: Inactive, Suspended, Left).
ACTIVE_EMPLOYEE = "Active"


def session_user() -> str:
	return frappe.session.user


def has_role(role: str, user: str | None = None) -> bool:
	return role in frappe.get_roles(user or frappe.session.user)


def is_system_manager(user: str | None = None) -> bool:
	return has_role(SYSTEM_MANAGER, user)


def language_of(user: str | None) -> str:
	"""The language `user` reads: their User language, else the System Settings language, else "en".
	(frappe/translate.py `get_user_lang` without its last fallback, `frappe.local.lang`: that is the
	request's or job's language, not necessarily the user's.)"""
	language = frappe.db.get_value("User", user, "language") if user else None
	return language or frappe.db.get_single_value("System Settings", "language") or "en"


@contextmanager
def acting_as(user: str):
	"""Run as `user` (permissions, owner, timeline are true) and in their language (what Frappe and
	hrms say while the block runs — a refusal, a timeline comment — is in the words the user reads),
	then restore the previous user and language."""
	previous, previous_lang = frappe.session.user, frappe.local.lang
	frappe.set_user(user)
	frappe.local.lang = language_of(user)
	try:
		yield
	finally:
		frappe.set_user(previous)
		frappe.local.lang = previous_lang


def user_by_email(email: str) -> str | None:
	"""The Frappe user whose name or e-mail is `email`, if any."""
	if frappe.db.exists("User", email):
		return email
	return frappe.db.get_value("User", {"email": email}, "name")


def enabled_user_by_email(email: str | None) -> str | None:
	# frappe/core/doctype/user/user.py: User names are the lower-cased e-mail.
	email = (email or "").strip().lower()
	if not email:
		return None
	return frappe.db.get_value("User", {"email": email, "enabled": 1}, "name") or None


def user_email(user: str) -> str | None:
	return frappe.db.get_value("User", user, "email") or None


def full_name(user: str | None) -> str | None:
	if not user:
		return None
	return frappe.utils.get_fullname(user)


def emails_of_user(user: str) -> list[str]:
	"""The user's e-mail, then their Employee company and personal e-mail (distinct, in order)."""
	found = [frappe.db.get_value("User", user, "email") or user]
	employee = frappe.db.get_value(
		"Employee", {"user_id": user}, ["company_email", "personal_email"], as_dict=True
	)
	if employee:
		found += [employee.company_email, employee.personal_email]
	seen: dict[str, str] = {}
	for email in found:
		if email and email.strip() and "@" in email:
			seen.setdefault(email.strip().lower(), email.strip())
	return list(seen.values())


def enabled_users_by_email() -> dict[str, str]:
	"""Lower-cased e-mail → enabled Frappe user, from the User (name, email) and its Employee's
	`company_email` / `personal_email`. The User's own address wins over an Employee address."""
	users = frappe.get_all(
		"User",
		filters={"enabled": 1, "name": ("not in", ("Administrator", "Guest"))},
		fields=["name", "email"],
		limit_page_length=0,
	)
	enabled = {row.name for row in users}
	by_email: dict[str, str] = {}
	employees = frappe.get_all(
		"Employee",
		filters={"user_id": ("is", "set")},
		fields=["user_id", "company_email", "personal_email"],
		limit_page_length=0,
	)
	for row in employees:
		if row.user_id not in enabled:
			continue
		for email in (row.personal_email, row.company_email):
			if email and email.strip():
				by_email[email.strip().lower()] = row.user_id
	for row in users:
		for email in (row.email, row.name):
			if email and "@" in email:
				by_email[email.strip().lower()] = row.name
	return by_email


# --- Slack User Meta --------------------------------------------------------------------------------


def slack_id_of_user(user: str) -> str | None:
	"""The Slack user id linked to `user` (Slack User Meta), or None."""
	return frappe.db.get_value(USER_META_DOCTYPE, {"user": user}, "slack_user_id") or None


def user_of_slack_id(slack_user_id: str) -> str | None:
	"""The Frappe user linked to a Slack user id, enabled or not (None: not linked)."""
	return frappe.db.get_value(USER_META_DOCTYPE, {"slack_user_id": slack_user_id}, "user")


def enabled_user_of_slack_id(slack_user_id: str) -> str | None:
	"""The enabled Frappe user linked to a Slack user id (Slack User Meta), or None."""
	user = user_of_slack_id(slack_user_id)
	if user and frappe.db.get_value("User", user, "enabled"):
		return user
	return None


def language_of_slack_id(slack_user_id: str | None) -> str:
	"""The language of the Slack user's enabled Frappe user, else the site's."""
	return language_of(enabled_user_of_slack_id(slack_user_id) if slack_user_id else None)


_LINK_SAVEPOINT = "slack_user_link"


def link_slack_user(user: str, slack_user_id: str, slack_username: str | None) -> str:
	"""Upsert `user`'s Slack User Meta. Returns `linked` (new or changed), `already_linked`, or
	`conflict` (the Slack ID belongs to another user: nothing is written).

	Idempotent under concurrency (two Home-tab jobs for the same person, a sync beside a
	click): both the user and the Slack ID are unique keys, so of two concurrent writes the
	database makes the second wait for the first's commit and refuse it; the refused one is
	undone back to a savepoint (the caller's transaction stays usable) and decided again on what
	is stored now, read with locking reads, which see that commit."""
	frappe.db.savepoint(_LINK_SAVEPOINT)
	try:
		return _link(user, slack_user_id, slack_username, for_update=False)
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		# frappe/model/base_document.py db_insert: a duplicate primary key (the user: the
		# DocType is named by it) is DuplicateEntryError, another unique column UniqueValidationError.
		frappe.db.rollback(save_point=_LINK_SAVEPOINT)
		return _link(user, slack_user_id, slack_username, for_update=True)
	finally:
		frappe.db.release_savepoint(_LINK_SAVEPOINT)


def _link(user: str, slack_user_id: str, slack_username: str | None, *, for_update: bool) -> str:
	owner = frappe.db.get_value(
		USER_META_DOCTYPE, {"slack_user_id": slack_user_id}, "user", for_update=for_update
	)
	if owner and owner != user:
		return "conflict"
	current = frappe.db.get_value(
		USER_META_DOCTYPE,
		{"user": user},
		["name", "slack_user_id", "slack_username"],
		as_dict=True,
		for_update=for_update,
	)
	if current and current.slack_user_id == slack_user_id:
		if slack_username and current.slack_username != slack_username:
			frappe.db.set_value(USER_META_DOCTYPE, current.name, "slack_username", slack_username)
		return "already_linked"
	if current:
		doc = frappe.get_doc(USER_META_DOCTYPE, current.name)
		doc.slack_user_id = slack_user_id
		doc.slack_username = slack_username
	else:
		doc = frappe.get_doc(
			{
				"doctype": USER_META_DOCTYPE,
				"user": user,
				"slack_user_id": slack_user_id,
				"slack_username": slack_username,
			}
		)
	# A link never writes the person's user token (erp/away does): without this, Frappe would
	# delete its __Auth row on every link saved without one — a write that can wait on others.
	doc.flags.ignore_save_passwords = True
	if current:
		doc.save(ignore_permissions=True)
	else:
		doc.insert(ignore_permissions=True)
	return "linked"


def linked_users() -> dict[str, str]:
	"""Frappe user → Slack user ID, for every Slack User Meta."""
	rows = frappe.get_all(USER_META_DOCTYPE, fields=["user", "slack_user_id"], limit_page_length=0)
	return {row.user: row.slack_user_id for row in rows}


# --- employees --------------------------------------------------------------------------------------


def active_employee(user: str) -> str | None:
	"""The Active Employee whose user_id is `user`, or None."""
	return (
		frappe.db.get_value(
			"Employee", {"user_id": user, "status": "Active"}, "name", order_by="creation asc"
		)
		or None
	)


def employee_user(employee: str) -> str | None:
	return frappe.db.get_value("Employee", employee, "user_id") or None


def active_employee_users() -> list[str]:
	"""Users of Active Employees (enabled users only), sorted."""
	rows = frappe.get_all(
		"Employee",
		filters={"status": "Active", "user_id": ("is", "set")},
		fields=["user_id"],
		limit_page_length=0,
	)
	users = {row.user_id for row in rows}
	if not users:
		return []
	enabled = frappe.get_all(
		"User", filters={"name": ("in", sorted(users)), "enabled": 1}, pluck="name", limit_page_length=0
	)
	return sorted(enabled)


def current_staff_slack_ids(employees: list[str]) -> dict[str, str | None]:
	"""The Active employees among `employees` (hrms Employee status; Left, Inactive and Suspended
	ones are not current staff), each with their Slack user id or None. Two set-based queries
	whatever the number of employees."""
	if not employees:
		return {}
	staff = frappe.get_all(
		"Employee",
		filters={"name": ("in", employees), "status": ACTIVE_EMPLOYEE},
		fields=["name", "user_id"],
		limit_page_length=0,
	)
	slack_ids = _slack_ids_of({row.name: row.user_id for row in staff if row.user_id})
	return {row.name: slack_ids.get(row.name) for row in staff}


def _slack_ids_of(user_by_employee: dict[str, str]) -> dict[str, str | None]:
	"""Employee → the Slack user id of their user (one query), None when the user has none."""
	if not user_by_employee:
		return {}
	metas = frappe.get_all(
		USER_META_DOCTYPE,
		filters={"user": ("in", list(set(user_by_employee.values())))},
		fields=["user", "slack_user_id"],
		limit_page_length=0,
	)
	slack_by_user = {row.user: row.slack_user_id for row in metas}
	return {emp: slack_by_user.get(user) for emp, user in user_by_employee.items()}


def languages_of(user_names: list[str]) -> dict[str, str]:
	"""`language_of` for many users in two queries: user → their language, else the site's."""
	site = frappe.db.get_single_value("System Settings", "language") or "en"
	if not user_names:
		return {}
	rows = frappe.get_all(
		"User",
		filters={"name": ("in", sorted(set(user_names)))},
		fields=["name", "language"],
		limit_page_length=0,
	)
	own = {row.name: row.language for row in rows if row.language}
	return {user: own.get(user) or site for user in user_names}
