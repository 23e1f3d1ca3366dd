"""The double's opt-in competing worker: a bench worker running beside the tests (`bench start`
while `bench run-tests` runs, as Frappe's CI does) takes each job once the enqueuing transaction
commits, before the test can. The package tests must hold with it: they may not depend on who
runs a job (issue 22)."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import frappe
import pytest
from frappe.utils import background_jobs

from frappe_slack_connector.tests.support.dispatch import post

API = "/api/method/harness.sample_api."
ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture
def worker(site):
	background_jobs.competing_worker(True)
	yield
	background_jobs.competing_worker(False)


def test_the_worker_takes_a_job_once_its_request_commits(site, worker):
	resp = post(API + "create_todo", data={"text": "one"})
	assert resp.status_code == 200
	assert site.queued_jobs() == []
	[job] = site.finished_jobs()
	assert (job.method, job.status) == ("harness.sample_api.job_note", "finished")
	frappe.db.rollback()
	assert frappe.get_all("ToDo", filters={"description": "job:one"}, pluck="name")
	assert site.run_jobs() == []  # nothing left for the test to run


def test_a_job_queued_mid_transaction_waits_for_its_commit(site, worker):
	frappe.set_user("Administrator")
	frappe.enqueue("harness.sample_api.job_note", text="two")
	assert len(site.queued_jobs()) == 1  # the worker cannot see the enqueuer's open transaction
	frappe.db.commit()
	assert site.queued_jobs() == []
	assert frappe.get_all("ToDo", filters={"description": "job:two"}, pluck="name")


def test_a_failing_job_is_logged_not_raised_as_by_a_worker(site, worker):
	frappe.enqueue("harness.sample_api.failing_job")
	frappe.db.commit()
	[job] = site.finished_jobs()
	assert job.status == "failed"
	assert site.error_logs()[0].method == "harness.sample_api.failing_job"


def test_the_package_tests_hold_when_a_worker_runs_their_jobs():
	env = {**os.environ, "DOUBLE_COMPETING_WORKER": "1"}
	run = subprocess.run(
		[sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "frappe_slack_connector"],
		check=False,  # the assertion shows the output
		cwd=ROOT,
		env=env,
		capture_output=True,
		text=True,
		timeout=600,
	)
	assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
