"""The outbox (issue 23): jobs owe, the outbox delivers. Owing writes a Slack Delivery row in
the owing transaction and calls no Slack; the relay delivers every row once, in order per
sequence, through outages, unknown outcomes, rate limits and concurrent workers."""

from __future__ import annotations

import frappe
import pytest

from frappe_slack_connector.erp import deliveries, slack_messages
from frappe_slack_connector.outbox import owe, relay

JANE = "U0JANE0001"
JANE_EMAIL = "jane@example.com"
MESSAGE = {
	"text": "Leave request",
	"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Leave request"}}],
}
DECIDED = {
	"text": "Approved",
	"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Approved"}}],
}


@pytest.fixture
def outbox(app):
	app.site.make_user(JANE_EMAIL, roles=["Employee"], full_name="Jane Doe")
	app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane")
	frappe.db.commit()
	return app


def row(name):
	return frappe.db.get_value(
		deliveries.DOCTYPE, name, ["status", "last_error", "body", "sequence"], as_dict=True
	)


def test_owing_writes_a_row_and_calls_no_slack(outbox):
	name = owe.post(MESSAGE, channel=JANE, about=("User", JANE_EMAIL))
	assert outbox.slack.calls == []
	assert row(name).status == "Pending"
	assert row(name).sequence == f"User:{JANE_EMAIL}"
	assert outbox.site.queued_jobs() == []  # the drain is enqueued by the commit
	frappe.db.commit()
	assert [job.job_id for job in outbox.site.queued_jobs()] == [relay.DRAIN_JOB_ID]


def test_a_rolled_back_transaction_owes_nothing(outbox):
	owe.post(MESSAGE, channel=JANE)
	frappe.db.rollback()
	assert frappe.get_all(deliveries.DOCTYPE) == []
	assert outbox.site.queued_jobs() == []
	frappe.db.commit()
	assert outbox.site.queued_jobs() == []


def test_many_owes_in_one_transaction_enqueue_one_drain(outbox):
	for _ in range(3):
		owe.post(MESSAGE, channel=JANE)
	frappe.db.commit()
	owe.post(MESSAGE, channel=JANE)
	frappe.db.commit()
	assert [job.job_id for job in outbox.site.queued_jobs()] == [relay.DRAIN_JOB_ID]


def test_an_update_of_a_pending_post_folds_into_it(outbox):
	post = owe.post(MESSAGE, channel=JANE, about=("User", JANE_EMAIL))
	upd = owe.update(DECIDED, target=post)
	assert row(upd).status == "Dropped"
	assert row(upd).last_error == f"folded into {post}"
	assert deliveries.loads(row(post).body)["text"] == "Approved"


def test_two_pending_updates_coalesce_into_the_latest(outbox):
	first = owe.update(MESSAGE, target=("D0JANE0001", "1700000000.000100"))
	second = owe.update(DECIDED, target=("D0JANE0001", "1700000000.000100"))
	assert row(first).status == "Dropped"
	assert row(first).last_error == f"superseded by {second}"
	assert row(second).status == "Pending"


def test_a_home_tab_owed_twice_keeps_the_latest(outbox):
	view = {"type": "home", "blocks": []}
	first = owe.publish_home(view, user_id=JANE)
	second = owe.publish_home(view, user_id=JANE)
	assert row(first).status == "Dropped"
	assert row(second).status == "Pending"


def test_a_recorded_post_is_listed_before_it_is_sent(outbox):
	name = owe.post(
		MESSAGE,
		to_user=JANE_EMAIL,
		about=("User", JANE_EMAIL),
		record=owe.Record.slack_message(slack_messages.APPROVAL_REQUEST, JANE_EMAIL),
	)
	listed = slack_messages.following("User", JANE_EMAIL)
	assert [(m.delivery, m.ts) for m in listed] == [(name, None)]


def test_names_sort_in_owing_order(outbox):
	names = [owe.post(MESSAGE, channel=JANE) for _ in range(20)]
	assert names == sorted(names)
