"""Slack Delivery: one Slack write the app owes (a post, an update, a delete, an ephemeral, a
Home tab), recorded in the transaction that owes it and delivered by the outbox's relay
(`outbox/relay.py`). Written by the app only; the desk shows the state and offers "Retry now".

Names sort in the order deliveries were owed (a nanosecond clock, strictly increasing within a
process, plus a random tail): the relay orders a sequence by name, which a frozen or coarse
`creation` timestamp could not guarantee."""

import secrets
import threading
import time

from frappe.model.document import Document

_last_ns = [0]  # the last value handed out in this process
_last_lock = threading.Lock()


def _owed_order_ns() -> int:
	with _last_lock:
		_last_ns[0] = max(time.time_ns(), _last_ns[0] + 1)
		return _last_ns[0]


class SlackDelivery(Document):
	def autoname(self):
		# 16 hex digits of nanoseconds (fixed width until 2554) + 4 random: sortable, unique.
		self.name = f"SD-{_owed_order_ns():016x}-{secrets.token_hex(2)}"
