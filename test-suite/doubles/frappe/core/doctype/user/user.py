"""# frappe/core/doctype/user/user.py (v15): the bits of the User controller the double needs."""

from frappe.model.document import Document


class User(Document):
	def validate(self):
		# frappe/core/doctype/user/user.py (v15): set_full_name = first + last
		self.full_name = " ".join(filter(None, [self.first_name, self.last_name]))

	def add_roles(self, *roles):
		# frappe/core/doctype/user/user.py (v15): append missing Has Role rows and save
		current = {d.role for d in self.get("roles")}
		for role in roles:
			if role not in current:
				self.append("roles", {"role": role})
		self.save()
