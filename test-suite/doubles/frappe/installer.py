"""frappe/installer.py (v15), the part tests use: update_site_config."""

import frappe


def update_site_config(key, value, validate=True, site_config_path=None):
	"""v15 `update_site_config` → `_update_config_file`: "0"/"1" become ints, "false"/"true"
	booleans, the string "None" removes the key from the file; then frappe.local.conf[key] = value
	(v15 sets it even for "None")."""
	if value in ("0", "1"):
		value = int(value)
	if value == "false":
		value = False
	if value == "true":
		value = True
	config = frappe.local.site_config_file
	if value == "None":
		config.pop(key, None)
	else:
		config[key] = value
	frappe.local.conf[key] = value
