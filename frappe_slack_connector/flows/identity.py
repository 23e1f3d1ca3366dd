"""Finding someone with Slack's help: a Slack user whose account is not linked yet (their Slack
profile's e-mail matched to an enabled user). What is found is remembered in Slack User Meta
(`erp/users.link_slack_user`), so Slack is asked once per person. The other way round (a user's
Slack account found by their e-mail) is the outbox's, when it sends them something
(`outbox/recipients.py`).

Everything stored about who someone is (links, employees, languages) is `erp/users.py`'s; this
module only adds the Slack lookups, which the ERP adapter never makes.
"""

from __future__ import annotations

from frappe_slack_connector.erp import away as erp_away
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.slack import site as slack_site


class SlackUnreachable(Exception):
	"""Slack could not be asked who a Slack user is (`find_user(strict=True)`): not the same as
	a person nobody knows."""


def find_user(
	slack_user_id: str, *, path: str, explain_conflict: bool = True, strict: bool = False
) -> str | None:
	"""Slack user → enabled Frappe user: Slack User Meta, else the Slack profile e-mail
	(`users.info`) matched to an enabled User, and the link remembered once. `path`: the
	request's or a job's Slack client (`slack_site.REQUEST` / `JOB`). `explain_conflict`: log why
	an account already linked to someone else is not linked (a person's own click or command);
	the Home tab, published on every visit, does not. `strict`: raise `SlackUnreachable` when
	Slack could not be asked (a workflow step must not call a person unknown because Slack was
	down); otherwise that is None too."""
	user = erp_users.enabled_user_of_slack_id(slack_user_id)
	if user:
		return user
	reply = slack_site.call_or_log(
		"users.info",
		path=path,
		user=slack_user_id,
		log_title="Slack user lookup failed",
		log_context=f"Slack user {slack_user_id}",
		expected_errors={"user_not_found"},  # a stranger is the caller's problem, not the admin's
	)
	if not reply.ok:
		if strict and reply.error != "user_not_found":
			raise SlackUnreachable(reply.error)
		return None
	member = reply.data.get("user") or {}
	user = erp_users.enabled_user_by_email((member.get("profile") or {}).get("email"))
	if not user:
		return None
	if erp_users.link_slack_user(user, slack_user_id, member.get("name")) == "conflict":
		if explain_conflict:
			erp_log.log_error(
				"Slack user not linked: already linked elsewhere",
				f"Slack user {slack_user_id} has the e-mail of {user}, but that Slack account is "
				"already linked to another user in Slack User Meta; fix the link by hand.",
			)
		return None
	# Their Slack time zone, for when their leave starts and ends ("While you are away").
	erp_away.remember_tz(user, member.get("tz"))
	return user
