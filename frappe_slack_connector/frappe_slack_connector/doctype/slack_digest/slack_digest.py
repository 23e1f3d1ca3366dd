"""Slack Digest: one digest rule — a channel, a scope (the whole company, a department with its
sub-departments, a branch or an Employee Group), a horizon (today, tomorrow, this week, next
week), a time (and a weekday for the weekly ones) and what the channel may see. Posted by
`flows/attendance/digests.py`; its state (the period claimed, the post's ts, the last day
celebrated) is written by the app only.

The rule marked `is_settings_summary` is Slack Settings' attendance summary (created by the patch
`v1_1.digest_rules_from_settings`): its channel, time, title, on/off, mentions and claimed day stay
in Slack Settings, the one place they are read from. Only the patch sets that mark (read-only,
not copied by Duplicate), so there is one such rule."""

import frappe
from frappe import _
from frappe.model.document import Document

WEEKLY_HORIZONS = ("This Week", "Next Week")
# Scope → the field naming its target.
SCOPE_FIELDS = {"Department": "department", "Branch": "branch", "Employee Group": "employee_group"}


class SlackDigest(Document):
	def validate(self):
		# Pasted IDs often carry spaces or a leading '#'; Slack wants the bare channel ID.
		self.channel = (self.channel or "").strip().lstrip("#")
		if self.is_settings_summary:
			self._validate_settings_summary()
		elif not self.channel:
			frappe.throw(_("Set the Slack Channel ID the digest is posted to."), title=_("Missing channel"))
		elif not self.send_time:
			frappe.throw(_("Set the time of day the digest is posted at."), title=_("Missing time"))
		self._validate_scope()
		if self.horizon in WEEKLY_HORIZONS and not self.weekday:
			frappe.throw(
				_("A weekly digest ({0}) needs the weekday it is posted on.").format(_(self.horizon)),
				title=_("Missing weekday"),
			)

	def _validate_settings_summary(self):
		if self.horizon != "Today":
			frappe.throw(
				_(
					"The attendance summary of Slack Settings covers today only; add another digest for other horizons."
				),
				title=_("Horizon not allowed"),
			)

	def _validate_scope(self):
		target_field = SCOPE_FIELDS.get(self.scope)
		for field in SCOPE_FIELDS.values():
			if field != target_field:
				self.set(field, None)
		if target_field and not self.get(target_field):
			frappe.throw(
				_("Choose the {0} whose people this digest covers.").format(_(self.scope)),
				title=_("Missing scope"),
			)
