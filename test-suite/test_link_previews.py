"""Link previews (issue 29): a desk link to a Leave Application posted in Slack (`link_shared`,
signed, through the real dispatcher) unfurls through the outbox (`chat.unfurl`, validated by the
mock) into a card — only for a poster linked to an enabled user who may read it; Approve /
Reject on it for its approver, decided exactly as in the approval DM. Anything else: no
`chat.unfurl` at all."""

from __future__ import annotations

import frappe

import test_leave_mirror
from frappe_slack_connector.erp import deliveries, desk
from frappe_slack_connector.outbox import relay
from frappe_slack_connector.tests.support.slack_requests import (
	button_action,
	event_callback,
	event_request,
	link_shared,
	state_plain_text,
	unfurl_click,
	view_payload,
	view_submission,
)
from test_leave_mirror import updates_of
from test_leave_workflow import BOSS, JANE, MALLORY, TODAY, ack_ok

world = test_leave_mirror.world  # the World with HR (Hal) and Cleo

OUTSIDER_EMAIL = "outsider@example.com"
OUTSIDER = "U0OUTS0001"
CHANNEL = "C0LINKS001"


def form_link(name: str) -> str:
	return desk.form_url("Leave Application", name)


def share(app, user_id, urls, **kw):
	"""Post `urls` as `user_id`: the signed event, acked; returns the event body."""
	event_id = kw.pop("event_id", None)
	via_host = kw.pop("via_host", None)
	body = event_callback(link_shared(user_id, urls, channel=CHANNEL, **kw), event_id=event_id)
	request = event_request(body, secret=app.secret)
	if via_host:
		request.headers["Host"] = via_host
	ack_ok(app.send(request))
	return body


def card_of(app, url):
	cards = app.slack.unfurled()
	assert url in cards, f"{url} was not unfurled: {sorted(cards)}"
	return cards[url]


def action_ids(blocks) -> list[str]:
	return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def text_of(blocks) -> str:
	return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def test_a_reader_gets_the_card_without_buttons(world, app):
	name = world.leave()
	app.site.run_jobs()
	url = form_link(name)
	share(app, JANE, [url])
	assert app.slack.calls_to("chat.unfurl") == []  # acked first: the work is in a job
	app.site.run_jobs()
	[call] = app.slack.calls_to("chat.unfurl")
	# The event's unfurl_id and source are the target (Slack takes them for both sources).
	assert call.args["source"] == "conversations_history" and call.args["unfurl_id"].startswith(CHANNEL)
	blocks = card_of(app, url)
	assert name in text_of(blocks) and "Current status:* *Open*" in text_of(blocks)
	assert action_ids(blocks) == []
	assert app.slack.take_violations() == []
	assert app.error_titles() == []


def test_a_request_reaching_the_site_by_another_host_still_unfurls_the_sites_links(world, app):
	# Without host_name in site_config, frappe.utils.get_url() in a request is the request's own
	# Host (a proxy's upstream address here), not the host people paste: only the job, outside
	# any request, may decide which links are this site's (found on a real v15 bench).
	name = world.leave()
	app.site.run_jobs()
	url = form_link(name)
	assert url.startswith("http://test.localhost/")
	share(app, JANE, [url], via_host="127.0.0.1:8000")
	app.site.run_jobs()
	assert name in text_of(card_of(app, url))
	assert app.error_titles() == []


def test_the_approver_gets_the_dm_buttons_and_a_click_approves_as_in_the_dm(world, app):
	name = world.leave()
	dm = world.approver_dm(name)
	url = form_link(name)
	body = share(app, BOSS, [url], source=None)  # an older payload: channel + message_ts only
	app.site.run_jobs()
	[call] = app.slack.calls_to("chat.unfurl")
	ts = body["event"]["message_ts"]
	assert (call.args["channel"], call.args["ts"]) == (CHANNEL, ts)
	blocks = app.slack.unfurled(CHANNEL, ts)[url]
	assert action_ids(blocks) == ["leave_approve", "leave_reject"]

	click = unfurl_click(
		button_action("leave_approve", name, block_id="leave_actions_block"),
		url=url,
		channel=CHANNEL,
		message_ts=ts,
		user={"id": BOSS, "username": "bea", "name": "bea", "team_id": "T0TEST0001"},
	)
	ack_ok(world.interact(click))
	assert world.doc(name).status == "Approved" and world.doc(name).docstatus == 1
	app.site.run_jobs()
	# The poster's message is not the app's: never recorded, never rewritten; the approver's DM is.
	assert not frappe.get_all("Slack Message", filters={"reference_name": name, "ts": ts})
	[decided] = updates_of(app, dm.response["channel"], dm.response["ts"])
	assert "leave_actions_block" not in str(decided.args["blocks"])
	assert all(c.args["ts"] != ts for c in app.slack.calls_to("chat.update"))
	assert app.error_titles() == []


def test_reject_on_the_card_asks_why_and_rejects_as_in_the_dm(world, app):
	name = world.leave()
	app.site.run_jobs()
	url = form_link(name)
	body = share(app, BOSS, [url])
	app.site.run_jobs()
	boss = {"id": BOSS, "username": "bea", "name": "bea", "team_id": "T0TEST0001"}
	click = unfurl_click(
		button_action("leave_reject", name, block_id="leave_actions_block"),
		url=url,
		channel=CHANNEL,
		message_ts=body["event"]["message_ts"],
		user=boss,
	)
	ack_ok(world.interact(click))
	opened = app.slack.last_call("views.open").response["view"]
	view = view_payload(
		callback_id=opened["callback_id"],
		private_metadata=opened["private_metadata"],
		state_values={"reject_reason": {"reject_reason_input": state_plain_text("Team offsite")}},
	)
	ack_ok(world.interact(view_submission(view, user=boss)))
	assert world.doc(name).status == "Rejected"
	assert app.error_titles() == []


def test_a_poster_who_may_not_read_it_gets_no_unfurl_at_all(world, app):
	app.site.make_user(OUTSIDER_EMAIL, roles=[], full_name="Otto Outsider")
	frappe.db.commit()
	app.slack.add_user(id=OUTSIDER, email=OUTSIDER_EMAIL, real_name="Otto Outsider")
	name = world.leave()
	app.site.run_jobs()
	share(app, OUTSIDER, [form_link(name)])
	app.site.run_jobs()
	assert app.slack.calls_to("chat.unfurl") == []
	assert not frappe.get_all(deliveries.DOCTYPE, filters={"method": "chat.unfurl"})


def test_a_poster_not_linked_to_a_user_gets_no_unfurl(world, app):
	name = world.leave()
	app.site.run_jobs()
	share(app, MALLORY, [form_link(name)])  # in Slack, no Frappe user with her e-mail
	app.site.run_jobs()
	assert app.slack.calls_to("chat.unfurl") == []


def test_a_disabled_user_gets_no_unfurl(world, app):
	name = world.leave()
	app.site.run_jobs()
	frappe.db.set_value("User", "boss@example.com", "enabled", 0)
	frappe.db.commit()
	share(app, BOSS, [form_link(name)])
	app.site.run_jobs()
	assert app.slack.calls_to("chat.unfurl") == []


def test_other_domains_doctypes_and_unknown_documents_are_ignored(world, app):
	name = world.leave()
	app.site.run_jobs()
	url = form_link(name)
	others = [
		url.replace("://", "://evil.", 1),
		url.replace("leave-application", "expense-claim"),
		form_link("HR-LAP-NO-SUCH-ONE"),
	]
	share(app, JANE, others)
	app.site.run_jobs()
	assert app.slack.calls_to("chat.unfurl") == []
	# Among others, only the readable one has a card.
	share(app, JANE, [*others, url])
	app.site.run_jobs()
	[call] = app.slack.calls_to("chat.unfurl")
	assert list(call.args["unfurls"]) == [url]


def test_a_deleted_document_gets_no_preview(world, app):
	name = world.leave()
	app.site.run_jobs()
	frappe.delete_doc("Leave Application", name, ignore_permissions=True)
	frappe.db.commit()
	app.site.run_jobs()
	share(app, JANE, [form_link(name)])
	app.site.run_jobs()
	assert app.slack.calls_to("chat.unfurl") == []


def test_the_same_event_twice_unfurls_once(world, app):
	name = world.leave()
	app.site.run_jobs()
	body = event_callback(link_shared(JANE, [form_link(name)], channel=CHANNEL), event_id="Ev0LINK0001")
	ack_ok(app.send(event_request(body, secret=app.secret)))
	ack_ok(app.send(event_request(body, secret=app.secret, retry_num=1)))
	app.site.run_jobs()
	ack_ok(app.send(event_request(body, secret=app.secret)))
	app.site.run_jobs()
	assert len(app.slack.calls_to("chat.unfurl")) == 1


def test_slack_down_then_unfurled_after_recovery(world, app):
	name = world.leave()
	app.site.run_jobs()
	url = form_link(name)
	with app.slack.outage():
		share(app, BOSS, [url])
		app.site.run_jobs()  # the drain meets the outage: the unfurl waits for a retry
		[waiting] = frappe.get_all(
			deliveries.DOCTYPE, filters={"method": "chat.unfurl"}, fields=["status", "attempts"]
		)
		assert waiting.status == "Pending" and waiting.attempts >= 1
	assert app.slack.unfurled() == {}
	app.site.freeze_time(f"{TODAY} 10:05:00")  # Slack is back; the retry is due
	relay.drain()
	assert action_ids(card_of(app, url)) == ["leave_approve", "leave_reject"]
	[delivered] = frappe.get_all(deliveries.DOCTYPE, filters={"method": "chat.unfurl"}, pluck="status")
	assert delivered == "Delivered"


def test_an_unknown_outcome_is_simply_sent_again(world, app):
	name = world.leave()
	app.site.run_jobs()
	url = form_link(name)
	app.slack.fail_after_doing_next("chat.unfurl")  # done, then HTTP 500: the outcome is unknown
	share(app, JANE, [url])
	app.site.run_jobs()
	app.site.freeze_time(f"{TODAY} 10:05:00")
	relay.drain()
	# No lookup first (nothing to find): the same cards set again.
	assert len(app.slack.calls_to("chat.unfurl")) == 2
	assert app.slack.calls_to("conversations.history") == []
	assert action_ids(card_of(app, url)) == []
	[delivered] = frappe.get_all(deliveries.DOCTYPE, filters={"method": "chat.unfurl"}, pluck="status")
	assert delivered == "Delivered"


def test_the_mock_holds_chat_unfurl_to_slacks_rules(world, app):
	name = world.leave()
	app.site.run_jobs()
	app.slack.revoke_scopes("links:write")
	share(app, JANE, [form_link(name)])
	app.site.run_jobs()
	[call] = app.slack.calls_to("chat.unfurl")
	assert call.response["error"] == "missing_scope" and call.response["needed"] == "links:write"
	assert "Slack link preview not sent: missing_scope" in app.error_titles()


def test_a_link_still_in_the_composer_unfurls_by_its_unfurl_id(world, app):
	name = world.leave()
	app.site.run_jobs()
	url = form_link(name)
	body = share(app, JANE, [url], source="composer", unfurl_id="Uxxxxxxx-909b5454-75f8")
	app.site.run_jobs()
	[call] = app.slack.calls_to("chat.unfurl")
	assert (call.args["unfurl_id"], call.args["source"]) == ("Uxxxxxxx-909b5454-75f8", "composer")
	assert "channel" not in call.args and "ts" not in call.args
	assert url in app.slack.unfurled(body["event"]["unfurl_id"], "composer")
