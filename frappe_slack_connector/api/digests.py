"""Digest rules from the desk and `bench execute`: the form's Preview, and a rule sent now.

bench --site S execute frappe_slack_connector.api.digests.send_digest --kwargs "{'rule': 'Team'}"
"""

from __future__ import annotations

import json

import frappe
from frappe import _

from frappe_slack_connector.api import attendance_summary
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import deliveries as erp_deliveries
from frappe_slack_connector.erp import digests as erp_digests
from frappe_slack_connector.flows.attendance import digests, summary
from frappe_slack_connector.outbox import relay


def _known(rule: str) -> None:
	if not rule or not erp_digests.exists(rule):
		raise frappe.DoesNotExistError(_("Slack Digest {0} not found").format(rule))


@frappe.whitelist(methods=["POST"])
def preview(rule: str) -> dict:
	"""The rule's post of today as Slack would render it (`markdown`), its channel and its
	messages' JSON; nothing is sent or claimed. For whoever may read the rule."""
	_known(rule)
	if not erp_digests.can_read(rule):
		raise frappe.PermissionError(_("Not permitted to read Slack Digest {0}").format(rule))
	today = erp_clock.now().date()
	if erp_digests.is_settings_summary(rule):
		return summary.dry_run(today, summary.DAILY.read_settings())
	return digests.preview(rule, today)


@frappe.whitelist(methods=["POST"])
def send_digest(rule: str, dry_run: bool | str | int = False):
	"""Send the rule's post now, whatever the gate says (its period claimed all the same), and
	return its ts; the outbox is drained here, so the caller sees Slack's answer. Slack Settings'
	summary goes the way `attendance_summary.send_notification` sends it. With `dry_run=True`
	nothing is posted: the Markdown and the JSON are printed and returned."""
	frappe.only_for("System Manager")
	_known(rule)
	if erp_digests.is_settings_summary(rule):
		return attendance_summary.send_notification(dry_run=dry_run)
	today = erp_clock.now().date()
	if frappe.utils.sbool(dry_run):
		shown = digests.preview(rule, today)
		print(shown["markdown"])
		print(json.dumps(shown["messages"], indent=1))
		return shown
	result = digests.send_now(rule, today)
	if not result["sent"]:
		frappe.throw(_("Digest {0} was not sent ({1}); see Error Log.").format(rule, result["reason"]))
	relay.drain()
	delivery = erp_deliveries.get(result["delivery"])
	if delivery.status == erp_deliveries.DELIVERED:
		return delivery.result_ts
	if delivery.status == erp_deliveries.PENDING:
		frappe.throw(
			_("Digest {0} is not sent yet ({1}); the outbox keeps trying (Slack Delivery {2}).").format(
				rule, delivery.last_error, delivery.name
			)
		)
	frappe.throw(_("Digest {0} was not sent ({1}); see Error Log.").format(rule, delivery.last_error))
