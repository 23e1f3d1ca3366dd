"""Linking a Slack account is idempotent under concurrency (`erp/users.link_slack_user`: insert,
and on the unique key's refusal decide again on what was committed). Two workers handling the
same person at once — two `app_home_opened` jobs close together, a sync beside a click — each
run in a thread of their own: on the double each thread is a connection with its own
transaction, and an insert waits for a concurrent one holding the same key, as on MariaDB."""

from __future__ import annotations

import threading

import frappe
import pytest

from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity
from frappe_slack_connector.slack import site as slack_site

JANE = "U0JANE0001"
JANE_EMAIL = "jane@example.com"
BOB_EMAIL = "bob@example.com"


def run_concurrently(work, count=2) -> tuple[list, list]:
	"""Run `work()` in `count` threads as the job runner does (commit on return, roll back on an
	error); (results, errors)."""
	results, errors = [], []

	def job():
		try:
			results.append(work())
			frappe.db.commit()
		except BaseException as exc:
			frappe.db.rollback()
			errors.append(exc)

	threads = [threading.Thread(target=job) for _ in range(count)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(30)
	assert not any(thread.is_alive() for thread in threads), "a link never finished"
	return results, errors


def links() -> list[tuple[str, str]]:
	rows = frappe.get_all(erp_users.USER_META_DOCTYPE, fields=["user", "slack_user_id"], order_by="user")
	return [(row.user, row.slack_user_id) for row in rows]


@pytest.fixture
def jane(app):
	app.site.make_user(JANE_EMAIL, roles=["Employee"], full_name="Jane Doe")
	app.site.make_user(BOB_EMAIL, roles=["Employee"], full_name="Bob Roe")
	app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane")
	frappe.db.commit()
	return app


def test_two_concurrent_home_jobs_link_the_same_person_once(jane, monkeypatch):
	"""Both jobs find no link and the same user by the Slack profile's e-mail before either
	writes; one inserts the link, the other's insert waits for that commit, is refused on the
	unique key and reads the winner: one row, the same user for both, no error."""
	both_looked = threading.Barrier(2, timeout=10)
	real = erp_users.enabled_user_by_email

	def after_both_looked(email):
		user = real(email)
		both_looked.wait()
		return user

	monkeypatch.setattr(erp_users, "enabled_user_by_email", after_both_looked)
	results, errors = run_concurrently(
		lambda: identity.find_user(JANE, path=slack_site.JOB, explain_conflict=False)
	)
	assert errors == []
	assert results == [JANE_EMAIL, JANE_EMAIL]
	assert links() == [(JANE_EMAIL, JANE)]
	assert jane.error_titles() == []


def test_two_users_linking_one_slack_account_at_once_one_wins(jane, monkeypatch):
	"""The Slack id is a unique column too: of two users linked to the same Slack account at
	once, one is linked and the other told `conflict`; nothing raises, one row."""
	both_checked = threading.Barrier(2, timeout=10)
	real = frappe.db.get_value

	def get_value_then_wait(doctype, filters=None, fieldname="name", *args, **kwargs):
		value = real(doctype, filters, fieldname, *args, **kwargs)
		# Both have seen the Slack account free before either inserts.
		reads_the_users_link = isinstance(filters, dict) and "user" in filters
		if doctype == erp_users.USER_META_DOCTYPE and reads_the_users_link and not kwargs.get("for_update"):
			both_checked.wait()
		return value

	monkeypatch.setattr(frappe.db, "get_value", get_value_then_wait)
	users = iter([JANE_EMAIL, BOB_EMAIL])
	lock = threading.Lock()

	def link():
		with lock:
			user = next(users)
		return user, erp_users.link_slack_user(user, JANE, "jane")

	results, errors = run_concurrently(link)
	assert errors == []
	outcomes = sorted(outcome for _user, outcome in results)
	assert outcomes == ["conflict", "linked"]
	[winner] = [user for user, outcome in results if outcome == "linked"]
	assert links() == [(winner, JANE)]


def test_a_link_refused_on_the_unique_key_leaves_the_transaction_usable(jane):
	"""A link decided on a read view from before another worker's committed link: the insert is
	refused on the unique Slack id and undone back to a savepoint; what the transaction wrote
	before stays and commits, and the answer is read from the committed link."""
	frappe.db.commit()
	assert erp_users.user_of_slack_id(JANE) is None  # this transaction's read view starts here
	[linked], errors = run_concurrently(lambda: erp_users.link_slack_user(JANE_EMAIL, JANE, "jane"), 1)
	assert (linked, errors) == ("linked", [])
	frappe.get_doc({"doctype": "Leave Type", "leave_type_name": "Written first"}).insert(
		ignore_permissions=True
	)
	assert erp_users.link_slack_user(BOB_EMAIL, JANE, "jane") == "conflict"
	frappe.db.commit()
	assert "Written first" in frappe.get_all("Leave Type", pluck="name")
	assert links() == [(JANE_EMAIL, JANE)]
