"""Who a delivery to a Frappe user (`to_user`) goes to: the Slack id linked in Slack User Meta,
else the Slack account with the user's e-mail (`users.lookupByEmail`), found when the delivery
is sent — so owing never calls Slack — and remembered (`erp/users.link_slack_user`), so Slack is
asked once per person. The one place a job finds a Slack account by e-mail.

    slack_id = recipients.linked(user)             # DB, the relay's thread
    member = recipients.look_up(web_client, email) # HTTP, a pool thread; None: no such account
    recipients.remember(user, member)              # DB, the relay's thread
"""

from __future__ import annotations

from typing import Any

from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.slack import client as slack_client

LOOKUP = "users.lookupByEmail"
# Slack's answer when no account of the workspace has the e-mail.
NOT_FOUND = "users_not_found"


def linked(user: str) -> str | None:
	"""The Slack id already linked to `user`, or None."""
	return erp_users.slack_id_of_user(user)


def email_of(user: str) -> str | None:
	return erp_users.user_email(user)


def look_up(web_client, email: str) -> dict[str, Any] | None:
	"""The Slack member with `email` ({"id", "name"}), None when the workspace has none; any other
	failure raises SlackCallError (the relay classifies it like the call it precedes)."""
	try:
		reply = slack_client.call(web_client, LOOKUP, email=email)
	except slack_client.SlackCallError as err:
		if err.error == NOT_FOUND:
			return None
		raise
	member = reply.get("user") or {}
	return {"id": member.get("id"), "name": member.get("name")} if member.get("id") else None


def remember(user: str, member: dict[str, Any]) -> None:
	"""Link `user` to the member found (idempotent; an id already linked to someone else is left
	as it is: the delivery still goes to the account with the user's e-mail)."""
	erp_users.link_slack_user(user, member["id"], member.get("name"))
