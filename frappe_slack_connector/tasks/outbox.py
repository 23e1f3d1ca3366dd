"""Scheduler entry points of the outbox: every tick makes sure a drain runs (the safety net
behind the drain each owing commit enqueues), and once a day old delivered rows are pruned."""

from __future__ import annotations

from frappe_slack_connector.erp import clock
from frappe_slack_connector.erp import deliveries as erp_deliveries
from frappe_slack_connector.outbox import relay


def tick() -> None:
	relay.tick()


def prune() -> int:
	"""Delete Delivered and Dropped rows older than Slack Settings "Keep delivered for (days)"."""
	return erp_deliveries.prune(clock.now())
