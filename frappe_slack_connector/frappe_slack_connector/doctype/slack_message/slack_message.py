"""Slack Message: what the app posted in Slack about a document (channel + ts), so a later change
to the document — from Slack, the desk, a workflow or the API — can rewrite that message.
Written by the app only (the DocType is read-only for people)."""

from frappe.model.document import Document


class SlackMessage(Document):
	pass
