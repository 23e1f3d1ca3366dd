"""An engine document's card in its reader's words: what `erp/approvals.details` read (facts and
sections by label key, amounts formatted by Frappe) with the words of `flows/words.py` put on,
as the Rust card builders take it (`blocks::approval::ApprovalCard`)."""

from __future__ import annotations

from frappe_slack_connector.erp import approvals as erp_approvals
from frappe_slack_connector.flows import words


def _worded(value, labels: dict, lang: str):
	"""A card value with its words in `lang`: Frappe's / hrms's (`erp_approvals.Word`) and the
	app's (`erp_approvals.Label`); a tuple's parts joined."""
	if isinstance(value, tuple):
		return " · ".join(_worded(part, labels, lang) for part in value if part)
	if isinstance(value, erp_approvals.Label):
		return labels[value]
	if isinstance(value, erp_approvals.Word):
		return words.fixed_word(value, lang)
	return value


def card(info: dict, lang: str) -> dict:
	"""The card of `info` (an `erp_approvals.details` answer) in `lang`."""
	labels = words.approval_labels(lang)
	sections = []
	for label, lines in info["sections"]:
		shown = [
			{**line, "text": _worded(line["text"], labels, lang)} for line in lines[: erp_approvals.MAX_LINES]
		]
		if len(lines) > len(shown):
			shown.append({"text": labels["more_lines"].format(len(lines) - len(shown))})
		sections.append({"label": labels[label], "lines": shown})
	return {
		**info["card"],
		"kind": labels[info["kind"].doctype],
		"facts": [
			{"label": labels[label], "value": _worded(value, labels, lang)} for label, value in info["facts"]
		],
		"sections": sections,
	}


def kind_word(kind: erp_approvals.Approvable, lang: str) -> str:
	return words.approval_labels(lang)[kind.doctype]


# The Home tab lists at most this many of the engine's documents (after the leave requests).
MAX_HOME = 20


def waiting_cards(user: str, lang: str) -> list[dict]:
	"""The engine's open documents that go to `user`, as the Home tab's cards, oldest first."""
	cards = []
	for key, name in erp_approvals.waiting_for(user, MAX_HOME):
		info = erp_approvals.details(erp_approvals.BY_KEY[key], name)
		if info is not None:
			cards.append(card(info, lang))
	return cards
