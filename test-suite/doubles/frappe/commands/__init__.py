"""# frappe/commands/__init__.py (v15): what app commands use to get the site from bench.

`bench --site S <command>` runs frappe/utils/bench_helper.py: its `app_group` stores
`{"sites": [S], "force", "verbose", "profile"}` in the click context's `obj`, and every app's
`<app>.commands.commands` list is added to the `frappe` group. A command decorated with
`pass_context` receives that obj as a `frappe._dict`; `get_site(context)` is its first site.
"""

import sys
from functools import wraps

import click

import frappe


def pass_context(f):
	# frappe/commands/__init__.py (v15): click.pass_context, handing f `frappe._dict(ctx.obj)`
	# (profiling left out); SiteNotSpecifiedError → message + exit 1.
	@wraps(f)
	def _func(ctx, *args, **kwargs):
		try:
			return f(frappe._dict(ctx.obj), *args, **kwargs)
		except frappe.SiteNotSpecifiedError as e:
			click.secho(str(e), fg="yellow")
			sys.exit(1)

	return click.pass_context(_func)


def get_site(context, raise_err=True):
	# frappe/commands/__init__.py (v15): context.sites[0], else SiteNotSpecifiedError (or None)
	try:
		return context.sites[0]
	except (IndexError, TypeError):
		if raise_err:
			raise frappe.SiteNotSpecifiedError from None
		return None
