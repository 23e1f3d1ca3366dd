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

import double_version

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


if double_version.V16:
	# frappe/tests/classes/integration_test_case.py (version-16): the same class setup (commit, then
	# class cleanups: roll back, restore thread locals), done once per class; test records of a
	# DocType are not imitated (the app's package tests make their own).
	class IntegrationTestCase(FrappeTestCase):
		@classmethod
		def setUpClass(cls) -> None:
			if getattr(cls, "_integration_test_case_class_setup_done", None):
				return
			super().setUpClass()
			cls._integration_test_case_class_setup_done = True

	class _CompatFrappeTestCase:
		# frappe/deprecation_dumpster.py (version-16) get_tests_FrappeTestCase: what
		# frappe.tests.utils.FrappeTestCase has become is no unittest.TestCase subclass (its
		# __new__ builds an IntegrationTestCase), so a class deriving from it is found by no test
		# loader: its tests silently do not run.
		def __new__(cls, *args, **kwargs):
			return IntegrationTestCase(*args, **kwargs)

	FrappeTestCase = _CompatFrappeTestCase
