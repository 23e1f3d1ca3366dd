"""Link previews: a desk link to a Leave Application pasted in Slack (`link_shared`, for the
site's domain: the manifest's `unfurl_domains`) unfurls into a card with its state — and
Approve / Reject for whoever may decide it now, the approval DM's buttons, decided by the same
handler (`handlers.leave_decision`).

Never a leak: a card is owed only for a poster linked to an enabled Frappe user who may read that
application (Frappe's permissions, as that user); a stranger, a reader without the right, an
unknown or deleted document get nothing — no `chat.unfurl` for that URL at all. The event is
acked at once and each `event_id` handled once (`erp/home.first_delivery`); the job reads, builds
(`core.build_leave_unfurls`) and owes the unfurl (`owe.unfurl`)."""

from __future__ import annotations

from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.erp import home as erp_home
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import leave as erp_leave
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity, words
from frappe_slack_connector.outbox import owe
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.responses import ack

JOBS = __name__


def link_shared(route) -> Response:
	"""Ack at once; the cards are read and owed by a job (finding the poster may ask Slack). A
	retry or a duplicate of an event already taken is acked without work. Which links are this
	site's is decided by the job: here the site's URL would be the request's Host (what Slack
	called), which need not be the host people paste."""
	if not erp_home.first_delivery(route["event_id"]):
		return ack()
	erp_jobs.enqueue_after_commit(
		f"{JOBS}.unfurl_links",
		slack_user_id=route["user_id"],
		target=dict(route["target"]),
		urls=list(route["urls"]),
	)
	return ack()


def unfurl_links(slack_user_id: str, target: dict, urls: list[str]) -> None:
	"""A job: owe the cards of the links the poster may read, in the poster's language."""
	links = core.leave_links(urls, erp_settings.site_url())
	if not links:
		return
	user = identity.find_user(slack_user_id, path=slack_site.JOB, explain_conflict=False)
	if not user:
		return  # not linked to an enabled user: nothing is shown to anyone
	cards = [card for card in (_card(user, link) for link in links) if card is not None]
	if not cards:
		return
	lang = erp_users.language_of(user)
	body = core.build_leave_unfurls(cards, words=words.leave_messages(lang), unfurl_words=words.unfurl(lang))
	owe.unfurl(body, target=target)


def _card(user: str, link: dict) -> dict | None:
	"""The card of one link as `user` may see it, or None (unknown, deleted or not theirs to read)."""
	name = link["name"]
	info = erp_leave.leave_details(name)
	if info is None or not erp_leave.may_read(user, name):
		return None
	card = {"url": link["url"], "details": info["builder"], "status": info["status"]}
	if (
		info["status"] == erp_leave.OPEN
		and info["docstatus"] == 0
		and erp_leave.may_decide(user, info["leave_approver"])
	):
		# The approval DM's rule: what this user may decide now (a workflow may allow less).
		card["choices"] = erp_leave.approval_choices(name, user)
	return card
