"""The Home tab (`views.publish`), from jobs: when someone opens it (`app_home_opened`, acked
first by the request), and for the people a leave concerns after it changes — the requester,
its leave approver (before and after a reassignment) and whoever changed it — whatever changed
it (Slack, the desk, a workflow, the API): Leave Application document events enqueue
`republish`. Each tab is in its reader's language."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import home as erp_home
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity, replies, words
from frappe_slack_connector.slack import site as slack_site

JOBS = __name__


def view_for(user: str | None) -> dict:
	"""The Home view of a Frappe user (None: not linked) in their language."""
	return core.build_home_view(erp_home.home_input(user), words=words.home(erp_users.language_of(user)))


def _publish(slack_user_id: str, user: str | None) -> None:
	slack_site.call_or_log(
		"views.publish",
		path=slack_site.JOB,
		user_id=slack_user_id,
		view=view_for(user),
		log_title="Slack Home tab not published",
		log_context=f"Slack user {slack_user_id}",
	)


def publish_home(slack_user_id: str) -> None:
	"""`app_home_opened`: publish the opener's tab (the short one for a stranger)."""
	_publish(slack_user_id, identity.find_user(slack_user_id, path=slack_site.JOB, explain_conflict=False))


def tell(slack_user_id: str, message: dict) -> None:
	"""A notice in the app's DM with the user (a Home tab click that had to wait for a commit)."""
	replies.dm_notice(slack_user_id, message, path=slack_site.JOB)


def republish(users: list[str]) -> None:
	"""Re-publish the tabs of these Frappe users; one without a Slack link has no tab to update."""
	for user in users:
		slack_id = erp_users.slack_id_of_user(user)
		if slack_id:
			_publish(slack_id, user)


def enqueue_for_leave(doc, *also: str | None) -> None:
	"""After this request commits, re-publish the tabs of the leave's requester, its approver,
	whoever changed it and `also` (e.g. the approver before a reassignment)."""
	concerned = [erp_users.employee_user(doc.employee) if doc.employee else None, doc.leave_approver]
	fresh = erp_home.not_yet_queued([*concerned, erp_users.session_user(), *also])
	if fresh:
		erp_jobs.enqueue_after_commit(f"{JOBS}.republish", users=fresh)
