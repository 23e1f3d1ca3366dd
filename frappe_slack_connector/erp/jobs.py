"""Background jobs. Every job runs after the enqueuing transaction commits, so a rolled-back
request never reaches Slack and the request itself is not held up by Slack."""

from __future__ import annotations

import frappe


def enqueue_after_commit(method: str, **kwargs) -> None:
	"""Run `method(**kwargs)` on the default queue once this transaction commits."""
	frappe.enqueue(method, enqueue_after_commit=True, **kwargs)


def enqueue_long(method: str, *, job_id: str, **kwargs) -> None:
	"""Run `method` on the long queue after this request commits; one such job at a time."""
	frappe.enqueue(
		method,
		queue="long",
		job_id=job_id,
		deduplicate=True,
		enqueue_after_commit=True,
		**kwargs,
	)


def enqueue_once_after_commit(method: str, *, job_id: str, queue: str = "default", **kwargs) -> None:
	"""Run `method` once this transaction commits, unless a job with `job_id` is already queued
	or running; however often a transaction asks, it registers once (nothing on rollback)."""
	registered = frappe.local.flags.setdefault("slack_connector_after_commit_jobs", set())
	if job_id in registered:
		return
	registered.add(job_id)

	def enqueue() -> None:
		registered.discard(job_id)
		enqueue_deduplicated(method, job_id=job_id, queue=queue, **kwargs)

	frappe.db.after_commit.add(enqueue)
	frappe.db.after_rollback.add(lambda: registered.discard(job_id))


def enqueue_deduplicated(method: str, *, job_id: str, queue: str = "default", **kwargs) -> None:
	"""Run `method` now on `queue` unless a job with `job_id` is already queued or running."""
	frappe.enqueue(method, queue=queue, job_id=job_id, deduplicate=True, **kwargs)
