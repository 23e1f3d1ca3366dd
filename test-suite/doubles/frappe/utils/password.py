"""# frappe/utils/password.py (v15): __Auth storage of Password fields.

The double keeps the plain value in the transactional store (real Frappe Fernet-encrypts it with
the site's encryption_key); rolled back with the rest of the transaction.
"""

import frappe
from frappe import _


def set_encrypted_password(doctype, name, pwd, fieldname="password"):
	frappe.local.db._auth_set((doctype, name, fieldname), pwd)


def remove_encrypted_password(doctype, name, fieldname="password"):
	frappe.local.db._auth_set((doctype, name, fieldname), None)


def get_decrypted_password(doctype, name, fieldname="password", raise_exception=True):
	# frappe/utils/password.py (v15): missing -> AuthenticationError "Password not found for ..."
	# when raise_exception, else None
	value = frappe.local.db._auth_get((doctype, name, fieldname))
	if value is not None:
		return value
	if raise_exception:
		frappe.throw(
			_("Password not found for {0} {1} {2}").format(doctype, name, fieldname),
			frappe.AuthenticationError,
		)
	return None
