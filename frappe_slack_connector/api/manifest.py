"""The "Copy Slack app manifest" button of Slack Settings."""

from __future__ import annotations

import frappe

from frappe_slack_connector import core
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users


@frappe.whitelist(methods=["GET", "POST"])
def get_manifest() -> dict:
	"""The Slack app manifest for this site's public URL (`frappe.utils.get_url()`); in Socket Mode
	(Slack Settings → Connection) without request URLs."""
	frappe.only_for(erp_users.SYSTEM_MANAGER)
	site = erp_settings.site_url()
	try:
		return core.build_app_manifest(site, socket_mode=erp_settings.socket_mode())
	except core.ManifestError as err:
		erp_log.fail(
			title=f"Slack app manifest: bad site URL ({err.reason})",
			log_message=f"{err} (site URL {site!r})",
			user_message=frappe._(
				"This site's public URL ({0}) cannot be used in a Slack app manifest: {1}. "
				"Set host_name in site_config.json."
			).format(site, err),
		)
