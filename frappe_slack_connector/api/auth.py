"""Linking a Frappe user to their Slack account ("Connect Slack" on the User form)."""

from __future__ import annotations

import frappe

from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.client import SlackCallError


class MissingArgumentError(frappe.ValidationError):
	"""A required request argument is missing (HTTP 400)."""

	http_status_code = 400


class SlackAccountTakenError(frappe.ValidationError):
	"""The Slack account is already linked to another Frappe user (HTTP 409)."""

	http_status_code = 409


@frappe.whitelist(methods=["POST"])
def connect_slack(user_email: str | None = None) -> dict:
	"""Link the Frappe user `user_email` to the Slack account with that e-mail address.

	A user may connect only themselves; a System Manager may connect anyone. The Slack account is
	looked up by the user's e-mail, then by their Employee company and personal e-mail.
	"""
	title = "Connect Slack"
	user_email = (user_email or "").strip()
	if not user_email:
		erp_log.fail(
			title,
			"connect_slack called without user_email",
			frappe._("user_email is required."),
			exc=MissingArgumentError,
		)
	user = erp_users.user_by_email(user_email)
	caller = erp_users.session_user()
	if user != caller and not erp_users.is_system_manager():
		erp_log.fail(
			f"{title}: not permitted",
			f"{caller} tried to connect {user_email}",
			frappe._("You can only connect your own Slack account."),
			exc=frappe.PermissionError,
		)
	if not user:
		erp_log.fail(
			f"{title}: unknown user",
			f"no Frappe user with e-mail {user_email}",
			frappe._("There is no user with the e-mail address {0}.").format(user_email),
			exc=frappe.DoesNotExistError,
		)
	member = None
	for email in erp_users.emails_of_user(user):
		try:
			member = slack_site.call_site("users.lookupByEmail", path=slack_site.REQUEST, email=email)["user"]
			break
		except SlackCallError as err:
			if err.error != "users_not_found":
				erp_log.fail(
					f"{title}: {err.method} failed: {err.error}",
					f"{err} (user {user})",
					frappe._("Slack could not look the user up: {0}.").format(err.error),
				)
	if member is None:
		erp_log.fail(
			f"{title}: not in Slack",
			f"users_not_found for {user}",
			frappe._("No Slack account in the workspace uses the e-mail address {0}.").format(user_email),
			exc=frappe.DoesNotExistError,
		)
	result = erp_users.link_slack_user(user, member["id"], member.get("name"))
	if result == "conflict":
		erp_log.fail(
			f"{title}: Slack account already linked",
			f"Slack user {member['id']} is linked to {erp_users.user_of_slack_id(member['id'])}, not {user}",
			frappe._("That Slack account is already linked to another user; unlink it there first."),
			exc=SlackAccountTakenError,
		)
	return {
		"user": user,
		"slack_user_id": member["id"],
		"slack_username": member.get("name"),
		"result": result,
	}
