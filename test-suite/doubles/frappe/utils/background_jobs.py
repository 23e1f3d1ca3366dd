"""# frappe/utils/background_jobs.py (v15): enqueue + execute_job, with an in-memory queue.

Jobs run when the test calls ``run_jobs()`` (a worker), inline with ``now=True``, or inline at
enqueue time with ``is_async=False`` (RQ's synchronous queue). Opt-in competing worker
(``competing_worker(True)``, or DOUBLE_COMPETING_WORKER=1 in the environment): a bench worker
running beside the tests, which takes every queued job as soon as the enqueuing transaction
commits, before the test can run it itself. ``enqueue_after_commit=True`` registers
on ``frappe.db.after_commit`` and returns None (dropped on rollback). A failing job is rolled back,
``log_error(title=method_name)``-ed and committed, like ``execute_job``.
"""

import itertools
import os
from functools import partial

import frappe
from frappe import _
from frappe.utils import cstr

QUEUES = {"short": 300, "default": 300, "long": 1500}
_queue: list = []
_finished: list = []
_ids = itertools.count(1)
_worker = {"competing": os.environ.get("DOUBLE_COMPETING_WORKER") == "1", "busy": False}


def competing_worker(on: bool) -> None:
	"""Double-only: switch the competing worker on or off (see the module's docstring)."""
	_worker["competing"] = on


def reset():
	_queue.clear()
	_finished.clear()


def queued_jobs():
	return list(_queue)


def finished_jobs():
	return list(_finished)


def enqueue(
	method,
	queue="default",
	timeout=None,
	event=None,
	is_async=True,
	job_name=None,
	now=False,
	enqueue_after_commit=False,
	*,
	on_success=None,
	on_failure=None,
	at_front=False,
	job_id=None,
	deduplicate=False,
	**kwargs,
):
	is_async = kwargs.pop("async", is_async)
	if deduplicate:
		if not job_id:
			frappe.throw(_("`job_id` paramater is required for deduplication."))
		if any(j["job_id"] == job_id and j["status"] in ("queued", "started") for j in _queue):
			return None
	if now:
		return frappe.call(method, **kwargs)
	if queue not in QUEUES:
		frappe.throw(_("Queue should be one of {0}").format(", ".join(QUEUES)))
	job = frappe._dict(
		id=f"job-{next(_ids)}",
		job_id=job_id,
		method=method,
		method_name=method if isinstance(method, str) else cstr(getattr(method, "__name__", method)),
		queue=queue,
		timeout=timeout or QUEUES[queue],
		event=event,
		job_name=job_name or (method if isinstance(method, str) else cstr(getattr(method, "__name__", ""))),
		kwargs=kwargs,
		user=frappe.session.user,
		site=frappe.local.site,
		is_async=is_async,
		at_front=at_front,
		on_success=on_success,
		on_failure=on_failure,
		status="queued",
	)

	def _push():
		if at_front:
			_queue.insert(0, job)
		else:
			_queue.append(job)
		if not is_async:
			run_jobs()
		elif _worker["competing"]:
			if enqueue_after_commit:
				_worker_takes_jobs()  # _push runs after the commit: the job is visible now
			else:
				frappe.db.after_commit.add(_worker_takes_jobs)

	if enqueue_after_commit:
		frappe.db.after_commit.add(_push)
		return None
	_push()
	return job


def _worker_takes_jobs():
	# A worker sees a job once the enqueuing transaction has committed, and takes the queue in
	# order; the jobs its own jobs queue land in the loop, as a worker would take them next.
	if _worker["busy"]:
		return
	_worker["busy"] = True
	try:
		while _queue:
			job = _queue.pop(0)
			_finished.append(execute_job(job))
	finally:
		_worker["busy"] = False


def execute_job(job, raise_exceptions=False):
	# frappe/utils/background_jobs.py (v15): execute_job — fresh local state as `user` (language:
	# conf.lang or "en", not the user's), method(**kwargs),
	# commit on success; on failure rollback, log_error(title=method_name), commit, re-raise
	saved = {
		k: getattr(frappe.local, k)
		for k in ("session", "form_dict", "request", "response", "flags", "job", "lang")
	}
	saved_logs = (frappe.local.message_log, frappe.local.error_log)
	frappe.local.session = frappe._dict(user="Guest", sid="Guest", data=frappe._dict())
	frappe.local.request = None
	frappe.local.response = frappe._dict({"docs": []})
	frappe.local.flags = frappe._dict(saved["flags"], currently_saving=[])
	frappe.local.message_log, frappe.local.error_log = [], []
	# execute_job -> frappe.init(site) (local.lang = conf.lang or "en") + connect + set_user(user):
	# nothing sets the job user's language (frappe/utils/background_jobs.py, frappe/__init__.py v15)
	frappe.local.lang = frappe.local.conf.lang or "en"
	frappe.set_user(job.user or "Administrator")
	job.status = "started"
	try:
		method = frappe.get_attr(job.method) if isinstance(job.method, str) else job.method
		frappe.local.job = frappe._dict(
			site=job.site, method=job.method_name, job_name=job.job_name, kwargs=job.kwargs, user=job.user
		)
		try:
			job.result = method(**job.kwargs)
		except Exception as e:
			frappe.db.rollback()
			frappe.log_error(title=job.method_name)
			frappe.db.commit()
			job.status = "failed"
			job.exc_info = frappe.get_traceback()
			job.exception = e
			if job.on_failure:
				job.on_failure(job, None, type(e), e, None)
			if raise_exceptions:
				raise
		else:
			frappe.db.commit()
			job.status = "finished"
			if job.on_success:
				job.on_success(job, None, job.result)
	finally:
		for k, v in saved.items():
			setattr(frappe.local, k, v)
		frappe.local.message_log, frappe.local.error_log = saved_logs
	return job


def run_jobs(queue=None, raise_exceptions=False, max_rounds=100):
	"""Double-only: act as a worker until the queue (or the named queue) is empty."""
	ran = []
	for _round in range(max_rounds):
		pending = [j for j in _queue if queue is None or j.queue == queue]
		if not pending:
			break
		job = pending[0]
		_queue.remove(job)
		_finished.append(execute_job(job, raise_exceptions=raise_exceptions))
		ran.append(job)
	return ran


partial  # noqa: B018
