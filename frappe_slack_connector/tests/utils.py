"""What the app's own tests share, on a real Frappe v15 site and on the repository's test double.

The same test classes run in both places:

- real site: `bench --site <test site> run-tests --app frappe_slack_connector` (frappe/test_runner.py
  walks this package for `test_*.py`; the site needs `allow_tests`);
- double: `./scripts/test` (pytest collects this package; test-suite/harness/bench_runner.py gives each
  module a fresh double site the way `bench run-tests` starts: connected as Administrator,
  `frappe.flags.in_test` set).

`SlackAppTestCase` starts the Slack mock (frappe_slack_connector/tests/support/slack_mock.py) on loopback, points the
site's `slack_api_url` at it for the class, saves Slack Settings, builds a small HR world through
the normal document APIs (company, holiday list, users, employees, leave type, allocation) and
removes all of it afterwards; `leftovers()` is checked after the removal, so a run that leaves a
record behind fails. Requests go through Frappe's request handling: on a real site
`frappe.app.application` in its own thread and connection, as frappe/tests/test_api.py (v15) does;
on the double through its `frappe.app.application`. Background jobs run with `run_jobs()`: on a real
site the queued RQ jobs of this site are executed by `execute_job` in a thread of the test, and the
ones the bench's workers took (when `bench start` runs beside the tests) are waited for; on the
double by its queue. The outbox's drain is one of those jobs, and `run_jobs()` drains until no
delivery is due. Each test ends with its jobs run, so none is left for a worker to run later.
Tests that need the double's control of the clock or the queue say so with `needs_double(...)` and
are skipped on a real site.
"""

from __future__ import annotations

import datetime
import threading
import time
import unittest
from collections.abc import Callable
from typing import Any

import frappe
from frappe.utils import add_days, getdate, nowdate

try:
	# Frappe v16: the base class of a site test (frappe/tests/classes/integration_test_case.py).
	# v16's frappe.tests.utils.FrappeTestCase is a deprecation shim that is no TestCase subclass
	# (frappe/deprecation_dumpster.py get_tests_FrappeTestCase): classes deriving from it never run.
	from frappe.tests import IntegrationTestCase as SiteTestCase
except ImportError:
	# Frappe v15 (frappe/tests/utils.py).
	from frappe.tests.utils import FrappeTestCase as SiteTestCase

from frappe_slack_connector.erp import holidays as erp_holidays
from frappe_slack_connector.tests.support.lock_watch import LockWatch
from frappe_slack_connector.tests.support.slack_mock import SlackMock
from frappe_slack_connector.tests.support.slack_requests import SlackRequest

ON_DOUBLE = frappe.__version__.endswith("-double")

SIGNING_SECRET = "5ac0ffee5ac0ffee5ac0ffee5ac0ffee"
CHANNEL = "C0SLACKTST"
REQUESTER_SLACK = "U0REQSTR01"
APPROVER_SLACK = "U0APPRVR01"
REQUESTER = "slack-test-requester@example.com"
APPROVER = "slack-test-approver@example.com"
COMPANY = "Slack Connector Test Co"
LEAVE_TYPE = "Slack Test Casual Leave"

# Rows a class may create; leftovers() compares their counts before and after the class.
WATCHED = (
	"Company",
	"Holiday List",
	"User",
	"Employee",
	"Leave Type",
	"Leave Allocation",
	"Leave Application",
	"Slack User Meta",
	"Slack Message",
	"Slack Delivery",
	"Error Log",
	"Activity Type",
	"Project",
	"Task",
	"Timesheet",
)


def needs_double(reason: str) -> Callable:
	"""Skip on a real site: the test needs what only the double controls (clock, job queue)."""
	return unittest.skipUnless(ON_DOUBLE, f"needs the test double's control: {reason}")


def working_day(after: int) -> str:
	"""The first Monday to Friday at least `after` days from today (today as the site sees it)."""
	day = getdate(add_days(nowdate(), after))
	while day.weekday() >= 5:
		day += datetime.timedelta(days=1)
	return str(day)


# ---------------------------------------------------------------------- requests and jobs


def send(request: SlackRequest):
	"""Deliver a Slack-built request through Frappe's request handling; returns the response.

	A request has its own connection on a real site: the test commits first (the request sees
	what the test wrote) and starts a new transaction after (under REPEATABLE READ the test's
	old snapshot would not show what the request committed)."""
	frappe.db.commit()
	try:
		if ON_DOUBLE:
			from frappe_slack_connector.tests.support.dispatch import build_request, dispatch  # noqa: PLC0415 - double only

			return dispatch(build_request(request.path, data=request.body, headers=request.headers))
		return _in_thread(
			lambda: _real_client().post(request.path, data=request.body, headers=request.headers)
		)
	finally:
		frappe.db.rollback()


def get_page(path: str, query: dict[str, str]):
	"""A browser's GET of a page (e.g. Slack's OAuth redirect back), as a guest, through Frappe's
	request handling; committed and re-snapshotted around it like `send`."""
	frappe.db.commit()
	try:
		if ON_DOUBLE:
			from frappe_slack_connector.tests.support.dispatch import get  # noqa: PLC0415 - double only

			return get(path, query_string=query, headers={"Accept": "text/html"})
		return _in_thread(
			lambda: _real_client().get(path, query_string=query, headers={"Accept": "text/html"})
		)
	finally:
		frappe.db.rollback()


def _real_client():
	from frappe.utils import get_test_client  # noqa: PLC0415 - real frappe only

	return get_test_client()


def _in_thread(target: Callable[[], Any]) -> Any:
	"""Run `target` in a thread of its own, as frappe/tests/test_api.py (v15) make_request does: the
	request's `frappe.init`/`connect`/`destroy` then touch that thread's locals, not the test's,
	and `frappe.app.get_site_name` answers this site."""
	from unittest.mock import patch  # noqa: PLC0415

	site = frappe.local.site
	out: dict[str, Any] = {}

	def run():
		with patch("frappe.app.get_site_name", return_value=site):
			try:
				out["value"] = target()
			except BaseException as e:
				out["error"] = e

	thread = threading.Thread(target=run, name="frappe-request")
	thread.start()
	thread.join()
	if "error" in out:
		raise out["error"]
	return out["value"]


def run_jobs(max_rounds: int = 50) -> int:
	"""Run the background jobs this site has queued (and the ones they queue) to the end, the
	outbox's drain among them, until no delivery is due (a retry scheduled for later is not);
	returns how many ran. On a real site the bench's workers may be running too (`bench start`, as
	Frappe's CI runs tests): a job still queued is taken off its queue here and run, one a worker
	took is waited for, so what the test sees next does not depend on who ran the job."""
	ran = 0
	for _round in range(max_rounds):
		ran += _run_queued()
		if not _deliveries_due():
			return ran
		_enqueue_drain()
	raise AssertionError(f"Slack deliveries still due after {max_rounds} drains")


def _run_queued() -> int:
	frappe.db.commit()
	try:
		if ON_DOUBLE:
			from frappe.utils import background_jobs  # noqa: PLC0415

			background_jobs.run_jobs()
			# With the double's competing worker on, the worker ran some: count every job done.
			return _newly_done(frappe.local.site, {job.id for job in background_jobs.finished_jobs()})
		return _run_rq_jobs()
	finally:
		frappe.db.rollback()  # a fresh snapshot: what the jobs committed is visible


def _deliveries_due() -> bool:
	from frappe_slack_connector.erp import clock, deliveries  # noqa: PLC0415

	return bool(deliveries.due_heads(clock.now(), limit=1))


def _enqueue_drain() -> None:
	"""What the scheduler's safety net does: make sure a drain runs (its job id deduplicates)."""
	from frappe_slack_connector.erp import jobs  # noqa: PLC0415
	from frappe_slack_connector.outbox import relay  # noqa: PLC0415

	jobs.enqueue_deduplicated(relay.DRAIN_METHOD, job_id=relay.DRAIN_JOB_ID)
	frappe.db.commit()


# How long run_jobs waits for the jobs a worker took; a job still queued or started after that
# (a worker killed mid-job leaves one "started") fails the test instead of hanging it.
JOB_WAIT_SECONDS = 120
# More jobs than this in one run_jobs means jobs that keep queueing each other.
MAX_JOBS_PER_RUN = 500
_PENDING = {"queued", "started"}
_DONE = {"finished", "failed"}
# Per site: the jobs already done when run_jobs last looked ((job id, end time) from RQ on a real
# site, job ids on the double); one done after that was a worker's part of what the caller awaits.
_done_before: dict[str, set] = {}


def _run_rq_jobs() -> int:
	# A worker's part (frappe/utils/background_jobs.py v15): each job is RQ's call of
	# execute_job(site, method, …, is_async=True), which does its own frappe.init/connect, commit
	# or rollback + Error Log. It runs in a thread so that its frappe.local is not the test's.
	from frappe.utils.background_jobs import get_queues, get_redis_conn  # noqa: PLC0415

	site = frappe.local.site
	redis = get_redis_conn()
	queues = get_queues()
	ran_here = 0
	deadline = time.monotonic() + JOB_WAIT_SECONDS
	while pending := {
		job_id for job_id, (status, _) in _site_jobs(redis, site).items() if status in _PENDING
	}:
		took = False
		for queue in queues:
			for job in queue.get_jobs():
				# LREM answers 1 to the one caller that took the job off the queue: a worker's
				# dequeue (LPOP) and this cannot both get it.
				if job.id in pending and queue.remove(job):
					took = True
					ran_here += 1
					try:
						_in_thread(lambda job=job: job.func(*job.args, **job.kwargs))
					finally:
						job.delete()
		if ran_here > MAX_JOBS_PER_RUN:
			raise AssertionError(f"more than {MAX_JOBS_PER_RUN} jobs in one run: jobs keep queueing jobs")
		if not took:
			# The rest are a worker's: popped, started or about to be (the job still reads
			# "queued" between the worker's pop and its start).
			if time.monotonic() > deadline:
				raise AssertionError(
					f"jobs still queued or running after {JOB_WAIT_SECONDS}s: {sorted(pending)}"
				)
			time.sleep(0.05)
	return ran_here + _done_by_workers(redis, site)


def _done_by_workers(redis, site: str) -> int:
	"""How many of this site's jobs a worker finished since run_jobs last looked; a job a worker
	failed fails the caller, as it would have had run_jobs run it."""
	from rq.job import Job  # noqa: PLC0415

	done = {
		(job_id, ended): status
		for job_id, (status, ended) in _site_jobs(redis, site).items()
		if status in _DONE
	}
	if site not in _done_before:  # the first look: what is done already belongs to no test
		_done_before[site] = set(done)
		return 0
	new = {key: done[key] for key in done.keys() - _done_before[site]}
	_done_before[site] = set(done)
	failed = [
		Job.fetch(job_id, connection=redis) for (job_id, _), status in new.items() if status == "failed"
	]
	if failed:
		raise AssertionError(
			"a worker failed jobs: " + "\n".join(f"{job.id}: {job.exc_info}" for job in failed)
		)
	return len(new)


def _newly_done(site: str, done: set) -> int:
	"""How many of `done` (this site's finished jobs) were not done when run_jobs last looked."""
	new = done - _done_before.get(site, set())
	_done_before[site] = set(done)
	return len(new)


def _site_jobs(redis, site: str) -> dict[str, tuple[str, str]]:
	"""This site's RQ jobs as stored (frappe's job ids are `<site>::…`): id → (status, ended_at)."""
	prefix = "rq:job:"
	keys = [
		key.decode()
		for key in redis.scan_iter(match=f"{prefix}{_glob_escape(site)}::*", count=1000)
		if not key.endswith((b":dependents", b":dependencies"))
	]
	pipe = redis.pipeline()
	for key in keys:
		pipe.hmget(key, "status", "ended_at")
	jobs = {}
	for key, (status, ended) in zip(keys, pipe.execute(), strict=True):
		if status is not None:  # expired between the scan and the read
			jobs[key.removeprefix(prefix)] = (status.decode(), (ended or b"").decode())
	return jobs


def _glob_escape(text: str) -> str:
	return "".join(f"\\{c}" if c in "*?[]\\" else c for c in text)


# ---------------------------------------------------------------------- the world


class World:
	"""A company with a holiday list, a requester (Employee, 10 days of LEAVE_TYPE) and her leave
	approver, both in Slack — made through the normal document APIs as Administrator, committed
	(requests and jobs run on their own connections), and deleted again by `remove()`."""

	def __init__(self):
		self.created: list[tuple[str, str]] = []
		self.employee = ""
		self.holiday_list = ""
		self.error_logs_before: set[str] = set()
		self.deliveries_before: set[str] = set()

	def _insert(self, values: dict) -> Any:
		doc = frappe.get_doc(values).insert(ignore_permissions=True)
		self.created.append((doc.doctype, doc.name))
		return doc

	def _ensure(self, doctype: str, name: str, values: dict) -> None:
		if not frappe.db.exists(doctype, name):
			self._insert({"doctype": doctype, **values})

	def build(self) -> World:
		frappe.set_user("Administrator")
		self.error_logs_before = set(frappe.get_all("Error Log", pluck="name"))
		self.deliveries_before = set(frappe.get_all("Slack Delivery", pluck="name"))
		today = getdate(nowdate())
		start, end = add_days(today, -60), add_days(today, 120)
		if not ON_DOUBLE:
			# Fresh v15 sites have no genders before the setup wizard (install_fixtures).
			self._ensure("Gender", "Female", {"gender": "Female"})
		holiday_list = self._insert(
			{
				"doctype": "Holiday List",
				"holiday_list_name": f"{COMPANY} {today.year}",
				"from_date": start,
				"to_date": end,
			}
		).name
		company = {"doctype": "Company", "company_name": COMPANY, "abbr": "SCTC"}
		company["default_holiday_list"] = holiday_list
		if not ON_DOUBLE:
			company.update(
				default_currency="EUR",
				country="Germany",
				create_chart_of_accounts_based_on="Standard Template",
				chart_of_accounts="Standard",
			)
		self._insert(company)
		if erp_holidays.assignments_decide():
			# Frappe HR v16 reads holidays only from submitted Holiday List Assignments.
			self.assign_holiday_list(holiday_list, company=COMPANY, from_date=start)
		self.holiday_list = holiday_list
		for email, first, roles in (
			(APPROVER, "Bea", ["Employee", "Leave Approver"]),
			(REQUESTER, "Jane", ["Employee"]),
		):
			self._insert(
				{
					"doctype": "User",
					"email": email,
					"first_name": first,
					"last_name": "Slacktest",
					"send_welcome_email": 0,
					"roles": [{"role": r} for r in roles],
				}
			)
		self.employee = self._insert(
			{
				"doctype": "Employee",
				"first_name": "Jane",
				"last_name": "Slacktest",
				"company": COMPANY,
				"user_id": REQUESTER,
				"leave_approver": APPROVER,
				"gender": "Female",
				"date_of_birth": "1990-05-01",
				"date_of_joining": add_days(today, -400),
				"status": "Active",
			}
		).name
		self._insert({"doctype": "Leave Type", "leave_type_name": LEAVE_TYPE, "max_leaves_allowed": 0})
		allocation = frappe.get_doc(
			{
				"doctype": "Leave Allocation",
				"employee": self.employee,
				"leave_type": LEAVE_TYPE,
				"from_date": start,
				"to_date": end,
				"new_leaves_allocated": 10,
			}
		).insert(ignore_permissions=True)
		allocation.submit()
		self.created.append((allocation.doctype, allocation.name))
		frappe.db.commit()
		return self

	def assign_holiday_list(self, holiday_list: str, *, from_date, company=None, employee=None) -> None:
		"""A submitted Holiday List Assignment (Frappe HR v16), removed with the World."""
		doc = self._insert(
			{
				"doctype": erp_holidays.HOLIDAY_LIST_ASSIGNMENT,
				"applicable_for": "Employee" if employee else "Company",
				"assigned_to": employee or company,
				"holiday_list": holiday_list,
				"from_date": from_date,
			}
		)
		doc.submit()

	def leave(self, day: str, description: str = "Dentist") -> str:
		"""A Leave Application filed from the desk by the requester herself (Open)."""
		frappe.set_user(REQUESTER)
		try:
			doc = frappe.get_doc(
				{
					"doctype": "Leave Application",
					"employee": self.employee,
					"leave_type": LEAVE_TYPE,
					"from_date": day,
					"to_date": day,
					"description": description,
					"leave_approver": APPROVER,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()
		return doc.name

	def remove(self) -> None:
		"""Delete what the class made: its leaves first (cancelled when submitted) and the jobs
		their deletion owed (delivered while the Slack links still exist), then the rest newest first,
		the Slack links of its users, and the Error Logs and Slack Deliveries the class caused.
		Frappe's own trail of the deletions (Deleted Document, "Deleted" comments) stays, as after
		any test."""
		frappe.set_user("Administrator")
		frappe.db.rollback()
		if self.employee:
			for name in frappe.get_all(
				"Leave Application", filters={"employee": self.employee}, pluck="name"
			):
				_delete_document("Leave Application", name)
			run_jobs()
		for doctype, name in reversed(self.created):
			if frappe.db.exists(doctype, name):
				_delete_document(doctype, name)
		unlink_test_users()
		run_jobs()
		for name in set(frappe.get_all("Error Log", pluck="name")) - self.error_logs_before:
			frappe.delete_doc("Error Log", name, ignore_permissions=True, force=True)
		for name in set(frappe.get_all("Slack Delivery", pluck="name")) - self.deliveries_before:
			frappe.delete_doc("Slack Delivery", name, ignore_permissions=True, force=True)
		frappe.db.commit()


def unlink_test_users() -> None:
	"""Delete the Slack links of the World's users (made by the jobs, not by the World)."""
	for user in (REQUESTER, APPROVER):
		for meta in frappe.get_all("Slack User Meta", filters={"user": user}, pluck="name"):
			frappe.delete_doc("Slack User Meta", meta, ignore_permissions=True, force=True)


def _delete_document(doctype: str, name: str) -> None:
	doc = frappe.get_doc(doctype, name)
	if doc.docstatus == 1:
		doc.cancel()
	frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)


def row_counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in WATCHED}


# ---------------------------------------------------------------------- the test case


class SlackAppTestCase(SiteTestCase):
	"""A site talking to the Slack mock, with the World built for the class and removed after it."""

	slack: SlackMock
	world: World

	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		frappe.set_user("Administrator")
		# Counted once the site is quiet: a job of an earlier class or run still going (a worker's)
		# would otherwise change the counts between here and the check.
		run_jobs()
		# A link of the World's users now is an earlier run's (a worker's job that linked them after
		# that run's cleanup): the World starts without it.
		unlink_test_users()
		frappe.db.commit()
		cls._before = row_counts()
		cls.slack = SlackMock().start()
		cls.addClassCleanup(cls.slack.stop)
		_point_site_at(cls.slack.url)
		cls.addClassCleanup(_point_site_at, None)
		previous = save_settings(
			signing_secret=SIGNING_SECRET,
			bot_user_oauth_token=cls.slack.bot_token,
			attendance_channel_id=CHANNEL,
		)
		cls.addClassCleanup(restore_settings, previous)
		cls.world = World()
		# Runs before the settings are restored (cleanups are LIFO): the leftovers check last.
		cls.addClassCleanup(cls._check_leftovers)
		cls.addClassCleanup(cls.world.remove)
		cls.world.build()
		cls.slack.add_user(id=REQUESTER_SLACK, email=REQUESTER, real_name="Jane Slacktest", name="jane")
		cls.slack.add_user(id=APPROVER_SLACK, email=APPROVER, real_name="Bea Slacktest", name="bea")

	@classmethod
	def _check_leftovers(cls) -> None:
		after = row_counts()
		left = {k: after[k] - cls._before[k] for k in WATCHED if after[k] != cls._before[k]}
		if left:
			raise AssertionError(f"{cls.__name__} left records behind: {left}")

	def setUp(self) -> None:
		frappe.set_user("Administrator")
		self.slack.reset_calls()
		self._watch = LockWatch().start() if ON_DOUBLE else None

	def tearDown(self) -> None:
		frappe.db.rollback()
		frappe.set_user("Administrator")
		# The jobs the test queued end with it: left queued, a worker would run them during the
		# next test (its Slack calls after that test's reset_calls).
		run_jobs()
		under_lock = self._watch.stop() if self._watch else []
		report = self.slack.unexpected_violations_report()
		self.assertEqual(under_lock, [], "Slack called under a row lock")
		self.assertIsNone(report, report)

	# ------------------------------------------------------------------ helpers

	send = staticmethod(send)
	run_jobs = staticmethod(run_jobs)

	def posts_to(self, channel: str) -> list:
		return [c for c in self.slack.calls_to("chat.postMessage") if c.args["channel"] == channel]

	def assertAck(self, response) -> None:
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
		self.assertEqual(response.get_data(), b"")


def _point_site_at(url: str | None) -> None:
	"""The site's `slack_api_url` (site_config.json, read by slack/site.py through erp/settings)."""
	from frappe.installer import update_site_config  # noqa: PLC0415

	update_site_config("slack_api_url", url if url else "None")
	if not url:
		frappe.local.conf.pop("slack_api_url", None)


_PASSWORDS = ("signing_secret", "bot_user_oauth_token", "client_secret", "app_level_token")


def save_settings(**values: Any) -> dict:
	"""Save Slack Settings as an admin does; returns the stored state before, for restore_settings."""
	previous = settings_snapshot()
	settings = frappe.get_single("Slack Settings")
	settings.update(values)
	settings.save(ignore_permissions=True)
	frappe.db.commit()
	return previous


def settings_snapshot() -> dict:
	"""Slack Settings as stored: its tabSingles rows (raw text; a field never saved has none) and
	its passwords in __Auth."""
	from frappe.utils.password import get_decrypted_password  # noqa: PLC0415

	return {
		"rows": dict(frappe.db.get_singles_dict("Slack Settings")),
		"passwords": {
			f: get_decrypted_password("Slack Settings", "Slack Settings", f, raise_exception=False)
			for f in _PASSWORDS
		},
	}


def restore_settings(previous: dict) -> None:
	"""Put Slack Settings back exactly as settings_snapshot() found them: the same rows (a field
	without a row reads as its default, a NULL row does not), the same passwords. No controller
	runs: this is the test undoing itself, not an admin saving."""
	from frappe.utils.password import remove_encrypted_password, set_encrypted_password  # noqa: PLC0415

	frappe.db.rollback()
	frappe.db.delete("Singles", {"doctype": "Slack Settings"})
	rows = {k: v for k, v in previous["rows"].items() if k not in ("doctype", "name")}
	if rows:
		frappe.db.set_single_value("Slack Settings", rows)
	for field, password in previous["passwords"].items():
		if password:
			set_encrypted_password("Slack Settings", "Slack Settings", password, field)
		else:
			remove_encrypted_password("Slack Settings", "Slack Settings", field)
	frappe.db.commit()
