"""The approval engine: its table and its cards (rust/python/src/approvals.rs,
rust/core/src/blocks/approval.rs). Every approvable document but leave, whose cards are in `leave`."""

from typing import Literal, TypedDict

from .blocks import SlackMessage, SlackView
from .leave import ApprovalChoices
from .words import ApprovalWords

class Approvable(TypedDict):
	"""One row of rust/core/src/interaction/approvals.rs `APPROVABLES` (leave first, its ids as
	they always were)."""

	key: str  # e.g. "expense_claim"; the key erp/approvals.py REGISTRY names it by
	doctype: str
	approve: str  # Approve's action_id (value = the document name)
	reject: str  # Reject's action_id: opens the reason modal
	reject_reason: str  # the reason modal's callback_id
	actions_block: str  # the approver's DM's actions block
	reminder_block_prefix: str  # the reminder's rows: block `<prefix><n>`
	home_block_prefix: str  # the Home tab's rows: block `<prefix><n>`

APPROVABLES: tuple[Approvable, ...]

class CardFact(TypedDict):
	label: str  # in the reader's words
	value: str  # plain text, amounts already formatted (frappe.utils.fmt_money)

class CardLine(TypedDict, total=False):
	text: str  # required; plain text
	url: str | None  # linked when http(s)

class CardSection(TypedDict):
	label: str
	lines: list[CardLine]  # the first 10 are shown

class ApprovalCard(TypedDict, total=False):
	document: str  # required: a key of APPROVABLES (its ids go on the buttons)
	name: str  # required: the document name, the buttons' value (≤ 2000 characters)
	kind: str  # required: the document's kind in the reader's words
	form_url: str | None
	requester_name: str  # required
	requester_slack_id: str | None  # mentioned when well-formed, else the name in bold
	facts: list[CardFact]
	sections: list[CardSection]
	summary: str | None  # one line for the reminder and the Home tab (e.g. the total)

class ApprovalOutcome(TypedDict, total=False):
	kind: Literal["approved", "rejected", "cancelled", "deleted", "reassigned"]  # required
	by: str  # required: who did it (a name)
	reason: str | None  # approved / rejected only
	to: str  # reassigned only: the new approver

class ApprovalReminderRow(TypedDict, total=False):
	card: ApprovalCard  # required
	outcome: ApprovalOutcome | None  # decided since the reminder went out: no buttons
	decisions: list[Literal["approve", "reject"]]  # default both
	workflow_state: str | None

class ApprovalRejectInput(TypedDict, total=False):
	document: str  # required
	name: str  # required
	requester_name: str  # required
	channel_id: str | None  # of the message Reject was clicked on (back in the route)
	message_ts: str | None

def build_approval_request(
	card: ApprovalCard, *, words: ApprovalWords, choices: ApprovalChoices | None = None
) -> SlackMessage:
	"""The approver's DM: "<kind> to approve", "<requester> asks you to approve <kind> <name>"
	(the name linked to its form), the facts one per line, each non-empty section (≤ 10 lines,
	linked lines for attachments and advances), the workflow state when `choices` has one, and
	the actions block of the document's row (`actions_block`) with Approve (primary) / Reject
	(danger) — the decisions of `choices` (default both; none: no actions block).

	Raises:
		InputError: bad input or words, an unknown document, a name longer than a button value.
	"""

def build_approval_outcome(
	card: ApprovalCard, outcome: ApprovalOutcome, *, words: ApprovalWords
) -> SlackMessage:
	"""The approver's DM in its final state, for `chat.update`: the card, then "✅ Approved by
	…" (❌ rejected, 🚫 cancelled, 🗑️ deleted, ↪️ reassigned to …) and the reason given; no buttons.

	Raises:
		InputError: as `build_approval_request`.
	"""

def build_approval_notice(
	card: ApprovalCard, outcome: ApprovalOutcome, *, words: ApprovalWords
) -> SlackMessage:
	"""The requester's DM: "<kind> Approved" (Rejected, …), "Your <kind> <name> was approved by
	<who>.", the reason given, then the facts.

	Raises:
		InputError: as `build_approval_request`.
	"""

def build_approval_reject_modal(input: ApprovalRejectInput, *, words: ApprovalWords) -> SlackView:
	"""The reject-with-reason modal for `views.open`: callback the document's row's
	`reject_reason`, an optional multiline reason (block `reject_reason`, action
	`reject_reason_input`, ≤ 500 characters); the name and the clicked message in private_metadata.

	Raises:
		InputError: bad input or words, an unknown document, private_metadata over 3000 characters.
	"""

def build_approval_reminder(rows: list[ApprovalReminderRow], *, words: ApprovalWords) -> SlackMessage:
	"""The approver's daily reminder of the engine's documents (or its rebuilt form): a header,
	how many are still open, then per row (≤ 20) a section "<kind> <name>, requested by <who> ·
	<summary>" and, while open, the row's buttons in block `<reminder_block_prefix><n>`; a
	decided row shows its outcome instead; "+N more" past 20.

	Raises:
		InputError: bad input or words, no rows, an unknown document.
	"""
