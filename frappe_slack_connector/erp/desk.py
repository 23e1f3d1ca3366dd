"""Links into Frappe's desk, every one the app builds, made by the installed Frappe.

The desk's prefix depends on the Frappe major: v15 serves it at `/app/...`, v16 at `/desk/...`
(frappe/frappe PR #35330 moved `get_url_to_form` / `get_url_to_list` in frappe/utils/data.py
there, issue #35180). Frappe's own helpers are asked for the path, so a link opens on either
without a redirect and the app holds no prefix of its own.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

import frappe


def form_url(doctype: str, name: str) -> str:
	"""The full URL of one document's form."""
	return frappe.utils.get_url_to_form(doctype, name)


def list_url(doctype: str, **filters: str) -> str:
	"""The full URL of a DocType's list, filtered by `filters` (field=value) in that order."""
	url = frappe.utils.get_url_to_list(doctype)
	if not filters:
		return url
	# `@` stays readable in a user id filter, as the desk itself writes it.
	return f"{url}?{urlencode(filters, quote_via=quote, safe='@')}"


def route(doctype: str) -> str:
	"""The path of a DocType's desk page on this site, without the host: for a redirect that stays
	on the site whatever host the request came in on (a Single DocType's path opens its form)."""
	return urlsplit(frappe.utils.get_url_to_list(doctype)).path
