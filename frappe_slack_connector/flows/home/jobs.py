"""The Home tab (`views.publish`, owed to the outbox): when someone opens it (`app_home_opened`,
acked first by the request; a job finds who they are, which may ask Slack, and owes the tab), and
for the people a leave concerns after it changes — the requester, its leave approver (before and
after a reassignment) and whoever changed it — whatever changed it (Slack, the desk, a workflow,
the API): Leave Application document events queue them, and their tabs are built once and owed
just before the change commits (`erp_home.republish_before_commit`). Each tab is in its reader's
language; the latest owed tab of a user wins."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import home as erp_home
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity, words
from frappe_slack_connector.flows.approvals import cards as approval_cards
from frappe_slack_connector.outbox import owe
from frappe_slack_connector.slack import site as slack_site

JOBS = __name__


def view_for(user: str | None) -> str:
	"""The Home view of a Frappe user (None: not linked) in their language, with the approval
	engine's documents waiting for them beside the leave requests."""
	lang = erp_users.language_of(user)
	spec = erp_home.home_input(user)
	if user and spec["kind"] == "employee":
		spec["approvals"] = approval_cards.waiting_cards(user, lang)
	return core.build_home_view(spec, words=words.home(lang))


def publish_home(slack_user_id: str) -> None:
	"""`app_home_opened` (a job): owe the opener's tab (the short one for a stranger)."""
	user = identity.find_user(slack_user_id, path=slack_site.JOB, explain_conflict=False)
	owe.publish_home(view_for(user), user_id=slack_user_id)


def republish(users: list[str]) -> None:
	"""Owe the tabs of these Frappe users; one without a Slack link when it is sent has no tab to
	update (the outbox drops it). A tab that cannot be built is logged: it never holds back the
	change that asked for it."""
	for user in users:
		try:
			view = view_for(user)
		except Exception:
			erp_log.log_exception("Slack Home tab not published", f"user {user}")
			continue
		owe.publish_home(view, to_user=user)


def republish_for_leave(doc, *also: str | None) -> None:
	"""Before this transaction commits, owe the tabs of the leave's requester, its approver,
	whoever changed it and `also` (e.g. the approver before a reassignment)."""
	concerned = [erp_users.employee_user(doc.employee) if doc.employee else None, doc.leave_approver]
	erp_home.republish_before_commit([*concerned, erp_users.session_user(), *also], republish)
