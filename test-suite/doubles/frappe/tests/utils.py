"""frappe/tests/utils.py (v15): FrappeTestCase, the base class of every test `bench run-tests` runs.

As v15 has it: setUpClass commits what came before (so a class starts from a clean transaction),
then queues two class cleanups, run in LIFO order after the last test of the class: roll back the
open transaction (clearing `frappe.db.value_cache`), and restore the thread locals (the flags as
they were, fresh message/error logs, `frappe.local.conf` read again from site_config, no request,
English). Nothing is rolled back between the tests of one class, and what a test commits stays —
exactly as on a real site. `primary_connection` / `secondary_connection` are not imitated: the
double's connections are per thread.
"""

import copy
import unittest

import frappe


class FrappeTestCase(unittest.TestCase):
	TEST_SITE = "test_site"
	SHOW_TRANSACTION_COMMIT_WARNINGS = False
	maxDiff = 10_000

	@classmethod
	def setUpClass(cls) -> None:
		cls.TEST_SITE = getattr(frappe.local, "site", None) or cls.TEST_SITE
		cls.ADMIN_PASSWORD = frappe.get_conf(cls.TEST_SITE).admin_password
		cls._primary_connection = frappe.local.db
		cls._secondary_connection = None
		# v15: "flush changes done so far to avoid flake"
		frappe.db.commit()
		if cls.SHOW_TRANSACTION_COMMIT_WARNINGS:
			frappe.db.before_commit.add(_commit_watcher)
		cls.addClassCleanup(_restore_thread_locals, copy.deepcopy(frappe.local.flags))
		cls.addClassCleanup(_rollback_db)
		return super().setUpClass()

	def assertSequenceSubset(self, larger, smaller, msg=None):
		self.assertTrue(set(smaller).issubset(set(larger)), msg=msg)


def _commit_watcher():
	import traceback

	print("Warning:, transaction committed during tests.")
	traceback.print_stack(limit=10)


def _rollback_db():
	frappe.db.value_cache = {}
	frappe.db.rollback()


def _restore_thread_locals(flags):
	frappe.local.flags = flags
	frappe.local.error_log = []
	frappe.local.message_log = []
	frappe.local.debug_log = []
	frappe.local.conf = frappe._dict(frappe.get_site_config())
	frappe.local.cache = {}
	frappe.local.lang = "en"
	frappe.local.preload_assets = {"style": [], "script": [], "icons": []}
	if getattr(frappe.local, "request", None) is not None:
		frappe.local.request = None
