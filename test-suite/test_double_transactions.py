"""The double's transactions behave like InnoDB at REPEATABLE READ (Frappe v15 on MariaDB): each
thread is one connection. See test-suite/doubles/frappe/database/__init__.py ``Database`` for sources."""

from __future__ import annotations

import threading
import time

import frappe
import pytest

SETTINGS = "Slack Settings"


def started(fn, *args):
	"""Start ``fn`` in another thread now; ``.result()`` joins it."""
	box = {}

	def run():
		try:
			box["value"] = fn(*args)
		except BaseException as exc:  # handed back to the test
			box["error"] = exc

	t = threading.Thread(target=run)
	t.start()

	def result():
		t.join(timeout=30)
		assert not t.is_alive()
		if "error" in box:
			raise box["error"]
		return box.get("value")

	t.result = result
	return t


def in_thread(fn, *args):
	"""Run ``fn`` as another connection to its end; its result, or its error raised here."""
	return started(fn, *args).result()


@pytest.fixture
def todo(site):
	frappe.set_user("Administrator")
	doc = frappe.get_doc({"doctype": "ToDo", "description": "v1"}).insert()
	frappe.db.commit()
	return doc.name


def description(name, for_update=False):
	return frappe.db.get_value("ToDo", name, "description", for_update=for_update)


def write_and_commit(name, value):
	frappe.db.set_value("ToDo", name, "description", value)
	frappe.db.commit()


def test_a_commit_after_the_first_read_is_invisible_to_plain_reads(todo):
	assert description(todo) == "v1"  # the snapshot is taken here
	in_thread(write_and_commit, todo, "v2")
	assert description(todo) == "v1"
	assert frappe.get_all("ToDo", filters={"description": "v2"}) == []
	assert frappe.get_doc("ToDo", todo).description == "v1"
	# A locking read sees the latest commit; after our commit the next read takes a new snapshot.
	assert description(todo, for_update=True) == "v2"
	assert frappe.get_doc("ToDo", todo, for_update=True).description == "v2"
	frappe.db.commit()
	assert description(todo) == "v2"


def test_the_snapshot_is_taken_at_the_first_read_not_at_the_first_write(todo):
	# no read yet in this transaction: the other commit is before our snapshot
	in_thread(write_and_commit, todo, "v2")
	assert description(todo) == "v2"


def test_the_snapshot_spans_every_table_and_singles(todo):
	assert description(todo) == "v1"

	def other():
		frappe.db.set_single_value(SETTINGS, "attendance_channel_id", "C0NEW")
		frappe.get_doc({"doctype": "ToDo", "description": "new"}).insert(ignore_permissions=True)
		frappe.db.commit()

	in_thread(other)
	assert frappe.db.get_singles_dict(SETTINGS).get("attendance_channel_id") is None
	assert frappe.db.get_single_value(SETTINGS, "attendance_channel_id") == ""
	assert frappe.db.count("ToDo") == 1
	assert frappe.db.get_singles_dict(SETTINGS, for_update=True)["attendance_channel_id"] == "C0NEW"
	assert frappe.db.count("ToDo") == 1  # the locking read of a Single changed no other read


def test_no_dirty_reads_and_own_writes_are_seen(todo):
	frappe.db.set_value("ToDo", todo, "description", "mine")
	assert description(todo) == "mine"
	assert in_thread(description, todo) == "v1"
	assert in_thread(lambda: frappe.db.exists("ToDo", {"description": "mine"})) is None
	frappe.db.rollback()
	assert description(todo) == "v1"


def test_a_row_lock_waits_until_the_holder_commits(todo):
	frappe.db.set_value("ToDo", todo, "description", "held")
	began = time.monotonic()
	waiter = started(description, todo, True)
	time.sleep(0.3)
	assert waiter.is_alive()  # blocked on our row lock
	frappe.db.commit()
	assert waiter.result() == "held"
	assert time.monotonic() - began >= 0.3


def test_rollback_releases_the_locks(todo):
	frappe.db.set_value("ToDo", todo, "description", "held")
	waiter = started(write_and_commit, todo, "theirs")
	time.sleep(0.2)
	assert waiter.is_alive()
	frappe.db.rollback()
	waiter.result()
	assert description(todo) == "theirs"


def test_a_locking_read_of_a_single_waits_for_its_writer(site):
	frappe.db.set_single_value(SETTINGS, "last_attendance_date", "2026-11-30")
	waiter = started(lambda: frappe.db.get_singles_dict(SETTINGS, for_update=True)["last_attendance_date"])
	time.sleep(0.2)
	assert waiter.is_alive()
	frappe.db.commit()
	assert waiter.result() == "2026-11-30"


def test_lock_wait_timeout(todo, monkeypatch):
	monkeypatch.setattr(frappe.db, "lock_wait_timeout", 0.2)
	frappe.db.set_value("ToDo", todo, "description", "held")
	with pytest.raises(frappe.QueryTimeoutError, match="1205"):
		in_thread(write_and_commit, todo, "theirs")
	frappe.db.commit()
	assert description(todo) == "held"


def test_a_timeout_fails_the_statement_not_the_transaction(todo, monkeypatch):
	monkeypatch.setattr(frappe.db, "lock_wait_timeout", 0.2)
	other = frappe.get_doc({"doctype": "ToDo", "description": "other"}).insert(ignore_permissions=True)
	frappe.db.commit()
	frappe.db.set_value("ToDo", todo, "description", "held")

	def worker():
		frappe.db.set_value("ToDo", other.name, "description", "kept")
		with pytest.raises(frappe.QueryTimeoutError):
			frappe.db.set_value("ToDo", todo, "description", "theirs")
		frappe.db.commit()

	in_thread(worker)
	frappe.db.commit()
	assert (description(todo), description(other.name)) == ("held", "kept")


def test_deadlock_rolls_the_victim_back(todo):
	other = frappe.get_doc({"doctype": "ToDo", "description": "other"}).insert(ignore_permissions=True)
	frappe.db.commit()
	frappe.db.set_value("ToDo", todo, "description", "A")
	b_has_other = threading.Event()

	def b():
		frappe.db.set_value("ToDo", other.name, "description", "B")
		b_has_other.set()
		frappe.db.set_value("ToDo", todo, "description", "B")  # waits for A
		frappe.db.commit()

	b_thread = started(b)
	assert b_has_other.wait(5)
	time.sleep(0.1)  # B is waiting for A's row
	with pytest.raises(frappe.QueryDeadlockError, match="1213"):
		frappe.db.set_value("ToDo", other.name, "description", "A")  # closes the cycle
	# The victim's transaction is gone and its locks with it: B goes on and commits.
	b_thread.result()
	assert (description(todo), description(other.name)) == ("B", "B")


def test_two_inserts_of_one_name_the_second_waits_then_is_a_duplicate(site):
	frappe.set_user("Administrator")
	frappe.get_doc({"doctype": "Leave Type", "leave_type_name": "Sick"}).insert()
	waiter = started(
		lambda: frappe.get_doc({"doctype": "Leave Type", "leave_type_name": "Sick"}).insert(
			ignore_permissions=True
		)
	)
	time.sleep(0.2)
	assert waiter.is_alive()
	frappe.db.commit()
	with pytest.raises(frappe.DuplicateEntryError):
		waiter.result()


def test_a_finished_thread_is_a_closed_connection(todo):
	def leave_open():
		frappe.db.set_value("ToDo", todo, "description", "never committed")

	in_thread(leave_open)
	write_and_commit(todo, "v2")  # no wait: the ended thread's transaction was rolled back
	assert description(todo) == "v2"


def test_savepoints_keep_working(todo):
	frappe.db.set_value("ToDo", todo, "description", "before")
	frappe.db.savepoint("sp")
	frappe.db.set_value("ToDo", todo, "description", "after")
	frappe.db.rollback(save_point="sp")
	assert description(todo) == "before"
	frappe.db.commit()
	assert in_thread(description, todo) == "before"


def test_series_numbers_are_unique_across_connections(site):
	first = frappe.local.db._next_series("X-")
	waiter = started(frappe.local.db._next_series, "X-")
	time.sleep(0.2)
	assert waiter.is_alive()  # tabSeries is read FOR UPDATE
	frappe.db.commit()
	assert (first, waiter.result()) == (1, 2)


def test_locks_held_names_what_others_could_wait_on(site):
	"""`_locks_held` (double-only) backs the app fixture's "no Slack call under a row lock" check:
	locking reads, updates and deletes count until the commit; rows the transaction itself
	inserted do not (nobody else can see them yet)."""
	site.make_user("lock@example.com")
	frappe.db.commit()
	assert frappe.db._locks_held() == set()
	link = frappe.get_doc(
		{"doctype": "Slack User Meta", "user": "lock@example.com", "slack_user_id": "U0LOCK"}
	)
	# As the app links people (erp/users._link): a link never writes the user token, whose empty
	# Password field would otherwise delete its __Auth row (a write others could wait on).
	link.flags.ignore_save_passwords = True
	link.insert(ignore_permissions=True)
	assert frappe.db._locks_held() == set()
	frappe.db.get_singles_dict(SETTINGS, for_update=True)
	assert frappe.db._locks_held() == {("__Singles", SETTINGS)}
	frappe.db.set_value("User", "lock@example.com", "first_name", "Lock")
	assert ("User", "lock@example.com") in frappe.db._locks_held()
	frappe.db.commit()
	assert frappe.db._locks_held() == set()
