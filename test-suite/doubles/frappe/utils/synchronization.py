"""# frappe/utils/synchronization.py (v15): filelock(name, *, timeout=30, is_global=False).

A real exclusive file lock (fcntl.flock) under <site_path>/locks/<name>.lock (global: under
<sites_path>/locks). Works across threads (one fd per acquisition) and processes. Timeout ->
LockTimeoutError, like the filelock package used by Frappe.
"""

import fcntl
import os
import time
from contextlib import contextmanager

import frappe
from frappe import _

LOCKS_DIR = "locks"


class LockTimeoutError(Exception):
	pass


@contextmanager
def filelock(lock_name, *, timeout=30, is_global=False):
	lock_path = _lock_path(lock_name, is_global)
	os.makedirs(os.path.dirname(lock_path), exist_ok=True)
	fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
	deadline = time.monotonic() + (timeout if timeout is not None else 0)
	try:
		while True:
			try:
				fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
				break
			except BlockingIOError:
				if timeout is not None and time.monotonic() >= deadline:
					# frappe/utils/synchronization.py (v15): log + LockTimeoutError
					frappe.log_error(title="Filelock: Failed to aquire lock", message=lock_path)
					raise LockTimeoutError(
						_("Failed to aquire lock: {}. Lock may be held by another process.").format(lock_name)
						+ "<br>"
						+ _("You can manually remove the lock if you think it's safe: {}").format(lock_path)
					) from None
				time.sleep(0.005)
		yield
	finally:
		try:
			fcntl.flock(fd, fcntl.LOCK_UN)
		finally:
			os.close(fd)


def _lock_path(lock_name, is_global):
	file_name = f"{lock_name}.lock"
	if is_global:
		return os.path.join(frappe.local.sites_path, LOCKS_DIR, file_name)
	return os.path.join(frappe.local.site_path, LOCKS_DIR, file_name)
