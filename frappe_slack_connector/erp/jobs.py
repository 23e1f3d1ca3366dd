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
