"""# frappe/share.py (v15): documents shared with a user (DocShare rows): add_docshare / remove /
get_shared, and what a share grants — read, write, submit or share on that one document (never
cancel, never a higher permlevel: those stay with the roles)."""

import frappe
from frappe import _

SHAREABLE = ("read", "write", "submit", "share")


def add_docshare(
	doctype, name, user=None, read=1, write=0, submit=0, share=0, everyone=0, flags=None, notify=0
):
	"""Share `doctype`/`name` with `user` (or everyone): the existing row updated, else a new one."""
	if not user:
		user = frappe.session.user
	if not (flags or {}).get("ignore_share_permission") and not frappe.has_permission(doctype, "share", name):
		frappe.throw(
			_("No permission to {0} {1} {2}").format("share", _(doctype), name), frappe.PermissionError
		)
	existing = get_share_name(doctype, name, user, everyone)
	doc = frappe.get_doc("DocShare", existing) if existing else frappe.new_doc("DocShare")
	doc.update(
		{
			"user": user,
			"share_doctype": doctype,
			"share_name": name,
			"everyone": int(everyone),
			"read": 1,  # frappe/share.py: "always add read, since you are adding!"
			"write": int(write),
			"submit": int(submit),
			"share": int(share),
		}
	)
	doc.flags.ignore_permissions = True
	doc.save()
	return doc


add = add_docshare


def remove(doctype, name, user, flags=None):
	existing = get_share_name(doctype, name, user, 0)
	if existing:
		frappe.delete_doc("DocShare", existing, ignore_permissions=True)


def get_share_name(doctype, name, user, everyone):
	filters = {"share_doctype": doctype, "share_name": name}
	if int(everyone):
		filters["everyone"] = 1
	else:
		filters["user"] = user
	return frappe.db.get_value("DocShare", filters, "name")


def get_shared(doctype, user=None, rights=None, filters=None, limit=None):
	"""Names of `doctype` shared with `user` (or with everyone) with every right in `rights`."""
	user = user or frappe.session.user
	rights = rights or ["read"]
	rows = frappe.get_all(
		"DocShare",
		filters={"share_doctype": doctype},
		fields=["share_name", "user", "everyone", *SHAREABLE],
	)
	names = [
		r.share_name for r in rows if (r.user == user or r.everyone) and all(r.get(right) for right in rights)
	]
	for fieldname, _op, value in [f[-3:] for f in filters or []]:
		if fieldname == "share_name":
			names = [n for n in names if n == value]
	return names[:limit] if limit else names


def is_shared(doctype, name, user, ptype):
	# frappe/permissions.py (v15) has_permission → false_if_not_shared: email and print count as read
	if ptype not in (*SHAREABLE, "email", "print"):
		return False
	right = "read" if ptype in ("email", "print") else ptype
	return bool(get_shared(doctype, user, [right], filters=[["share_name", "=", name]], limit=1))
