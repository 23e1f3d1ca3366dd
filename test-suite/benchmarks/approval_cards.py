"""The approval engine's cards, from the dicts the app hands the core to the bytes on the wire: Rust
core vs a plain-Python reference producing the same bytes, in one run.

    python test-suite/benchmarks/approval_cards.py [--quick]

Run from the repository root. For each surface the Rust path is the app's call (the card dict as
flows/approvals/cards.card makes it of an `erp/approvals.details` answer, the words dict passed on
every call as the app does) followed by `benchlib.wire_bytes`, the body slack_sdk sends; the
reference builds the same dicts in plain Python (`reference_blocks.py` and the builders below) and
serialises them the same way. Before timing, each case checks both sides give byte-identical
bodies, and stops (exit 1) if not. Both sides are timed in turns (benchlib.interleaved).

- **approval request**: the approver's DM (`core.build_approval_request`, flows/approvals/jobs.py)
  of an Expense Claim with 10 expense lines, 2 advances allocated and 3 attachments (linked), its
  facts formatted as Frappe formats them, some text to escape;
- **approval outcome**: the same DM rewritten once decided (`core.build_approval_outcome`),
  approved with a reason;
- **approval notice**: the requester's DM (`core.build_approval_notice`), rejected with a reason;
- **reject modal**: the reject-with-reason modal (`core.build_approval_reject_modal`,
  flows/approvals/handlers.py);
- **approval reminder**: one approver's daily reminder (`core.build_approval_reminder`,
  flows/approvals/reminders.py) listing 12 documents of the five kinds, some with a workflow
  state, some with only Approve, one decided since it went out.
"""

from __future__ import annotations

import json
import sys

import benchlib  # this directory, on sys.path as the script's own
from reference_blocks import (
	NAME_CHARS,
	SECTION_TEXT,
	actions,
	button,
	esc_cut,
	header,
	link,
	md,
	message,
	person,
	plain,
	section,
	text_object,
	truncate,
)

from frappe_slack_connector import core

WORDS = benchlib.english_words()["approvals"]
SITE = "https://hr.example.com"
# The engine's table (ids of each document's buttons and blocks): data the reference reads too.
ROWS = {row["key"]: row for row in core.APPROVABLES}
REMINDER_DOCS = benchlib.size(12, 3)
EN_DASH = "\u2013"  # as erp/approvals writes date ranges and shift hours

# --- the cards, as flows/approvals/cards.card makes them of erp/approvals.details -----------------


def form_url(doctype: str, name: str) -> str:
	return f"{SITE}/app/{doctype.lower().replace(' ', '-')}/{name}"


def expense_claim_card(i: int) -> dict:
	"""An Expense Claim with 10 expense lines, 2 advances allocated and 3 attachments."""
	name = f"HR-EXP-2026-{i:05d}"
	expenses = [
		{
			"text": f"2026-11-{1 + n:02d} · {('Travel', 'Food', 'Calls & Data')[n % 3]} · $ {120 + n * 17:,}.50"
			+ (f" · Taxi <airport> & back, trip {n}" if n % 2 else "")
		}
		for n in range(10)
	]
	advances = [
		{
			"text": f"HR-EAD-2026-{n:05d} · $ {200 * (n + 1):,}.00",
			"url": form_url("Employee Advance", f"HR-EAD-2026-{n:05d}"),
		}
		for n in range(2)
	]
	attachments = [
		{"text": f"receipt-{n} (Nov & Dec).pdf", "url": f"{SITE}/private/files/receipt-{n}.pdf?fid={n}&v=2"}
		for n in range(3)
	]
	return {
		"document": "expense_claim",
		"name": name,
		"form_url": form_url("Expense Claim", name),
		"requester_name": f"Person{i} O'Neil & Sons",
		"requester_slack_id": f"U{i:09d}",
		"summary": "$ 2,755.00",
		"kind": "Expense Claim",
		"facts": [
			{"label": "Posting Date", "value": "2026-11-30"},
			{"label": "Total Claimed", "value": "$ 2,755.00"},
			{"label": "Total Sanctioned", "value": "$ 2,755.00"},
			{"label": "Advances Allocated", "value": "$ 600.00"},
			{"label": "Grand Total", "value": "$ 2,155.00"},
			{"label": "Remark", "value": "Client visit <Berlin> & Hamburg"},
		],
		"sections": [
			{"label": "Expenses", "lines": expenses},
			{"label": "Advances", "lines": advances},
			{"label": "Attachments", "lines": attachments},
		],
	}


def other_card(i: int) -> dict:
	"""One of the four other kinds, with their facts and (attendance) warnings."""
	key, doctype = (
		("employee_advance", "Employee Advance"),
		("shift_request", "Shift Request"),
		("attendance_request", "Attendance Request"),
		("compensatory_leave_request", "Compensatory Leave Request"),
	)[i % 4]
	name = f"HR-{key[:3].upper()}-2026-{i:05d}"
	facts = {
		"employee_advance": [
			("Posting Date", "2026-11-28"),
			("Advance Amount", "$ 900.00"),
			("Purpose", "Trip"),
		],
		"shift_request": [("Shift Type", f"Night (22:00 {EN_DASH} 06:00)"), ("From Date", "2026-12-07")],
		"attendance_request": [("From Date", "2026-12-01"), ("To Date", "2026-12-03"), ("Reason", "On Duty")],
		"compensatory_leave_request": [("Leave Type", "Comp Off"), ("Work From Date", "2026-11-29")],
	}[key]
	sections = []
	if key == "attendance_request":
		sections = [{"label": "Attendance Warnings", "lines": [{"text": "2026-12-02 · Holiday · Skip"}]}]
	summary = {
		"employee_advance": "$ 900.00",
		"shift_request": f"Night (22:00 {EN_DASH} 06:00) · 2026-12-07 {EN_DASH} 2026-12-11",
		"attendance_request": f"On Duty · 2026-12-01 {EN_DASH} 2026-12-03",
		"compensatory_leave_request": "Comp Off · 2026-11-29",
	}[key]
	return {
		"document": key,
		"name": name,
		"form_url": form_url(doctype, name),
		"requester_name": f"Person{i} <Test>",
		"requester_slack_id": None if i % 3 == 0 else f"U{i:09d}",
		"summary": summary,
		"kind": doctype,
		"facts": [{"label": label, "value": value} for label, value in facts],
		"sections": sections,
	}


def reminder_rows(n: int) -> list[dict]:
	rows = []
	for i in range(n):
		card = expense_claim_card(i) if i % 5 == 0 else other_card(i)
		if i == 3:
			rows.append({"card": card, "outcome": {"kind": "approved", "by": "Bea Boss", "reason": None}})
			continue
		rows.append(
			{
				"card": card,
				"decisions": ["approve"] if i % 4 == 2 else ["approve", "reject"],
				"workflow_state": "Pending HR" if i % 3 == 1 else None,
			}
		)
	return rows


# --- the references -------------------------------------------------------------------------------

FACT_CHARS = SECTION_TEXT // 4
MAX_SECTION_LINES = 10
MAX_REMINDER_ROWS = 20


def bold(text: str) -> str:
	return f"*{esc_cut(text, NAME_CHARS)}*"


def facts_section(card: dict) -> dict | None:
	lines = [
		f"*{esc_cut(f['label'], NAME_CHARS)}:* {esc_cut(f['value'], FACT_CHARS)}"
		for f in card.get("facts", [])
		if f["value"].strip()
	]
	return section("\n".join(lines)) if lines else None


def card_sections(card: dict) -> list[dict]:
	out = []
	for s in card.get("sections", []):
		if not s["lines"]:
			continue
		text = f"*{esc_cut(s['label'], NAME_CHARS)}:*"
		for line in s["lines"][:MAX_SECTION_LINES]:
			url = line.get("url")
			text += "\n• " + (link(url, line["text"]) if url else esc_cut(line["text"], NAME_CHARS))
		out.append(section(text))
	return out


def card_blocks(card: dict, w: dict) -> list[dict]:
	who = person(card.get("requester_slack_id"), card["requester_name"])
	kind = esc_cut(card["kind"], NAME_CHARS)
	blocks = [
		header(plain(w["request_header"], card["kind"])),
		section(md(w["requested"], who, kind, link(card.get("form_url"), card["name"]))),
	]
	facts = facts_section(card)
	if facts:
		blocks.append(facts)
	blocks.extend(card_sections(card))
	return blocks


def buttons(row: dict, name: str, decisions: list[str], w: dict) -> list[dict]:
	made = {
		"approve": lambda: button(plain(w["approve"]), row["approve"], name, "primary"),
		"reject": lambda: button(plain(w["reject"]), row["reject"], name, "danger"),
	}
	return [made[d]() for d in dict.fromkeys(decisions)]


def approval_request(card: dict, choices: dict, w: dict) -> dict:
	"""`core.build_approval_request` without a workflow state."""
	row = ROWS[card["document"]]
	blocks = card_blocks(card, w)
	elements = buttons(row, card["name"], choices.get("decisions", ["approve", "reject"]), w)
	if elements:
		blocks.append(actions(row["actions_block"], elements))
	return message(blocks)


EMOJI = {"approved": "✅", "rejected": "❌", "cancelled": "🚫", "deleted": "🗑️"}


def outcome_line(o: dict, w: dict) -> str:
	if o["kind"] == "reassigned":
		return "↪️ " + md(w["reassigned_to_by"], bold(o["to"]), bold(o["by"]))
	return f"{EMOJI[o['kind']]} " + md(w[f"{o['kind']}_by"], bold(o["by"]))


def reason_section(o: dict, w: dict) -> dict | None:
	reason = (o.get("reason") or "").strip() if o["kind"] in ("approved", "rejected") else ""
	if not reason:
		return None
	prefix = f"*{md(w['outcome_reason'])}:*\n"
	return section(prefix + esc_cut(reason, SECTION_TEXT - len(prefix)))


def approval_outcome(card: dict, o: dict, w: dict) -> dict:
	blocks = [*card_blocks(card, w), section(outcome_line(o, w))]
	reason = reason_section(o, w)
	if reason:
		blocks.append(reason)
	return message(blocks)


def approval_notice(card: dict, o: dict, w: dict) -> dict:
	kind = esc_cut(card["kind"], NAME_CHARS)
	doc = link(card.get("form_url"), card["name"])
	if o["kind"] == "reassigned":
		sentence = md(w["request_reassigned"], kind, doc, bold(o["to"]), bold(o["by"]))
	else:
		sentence = md(w["request_decided"], kind, doc, f"*{md(w[o['kind']])}*", bold(o["by"]))
	blocks = [header(plain(w[f"{o['kind']}_header"], card["kind"])), section(sentence)]
	for block in (reason_section(o, w), facts_section(card)):
		if block:
			blocks.append(block)
	return message(blocks)


REJECT_REASON_CHARS = 500


def reject_modal(spec: dict, w: dict) -> dict:
	metadata = {
		"channel_id": spec.get("channel_id"),
		"message_ts": spec.get("message_ts"),
		"name": spec["name"],
	}
	reason = {
		"type": "plain_text_input",
		"action_id": "reject_reason_input",
		"placeholder": text_object(truncate(plain(w["reason_placeholder"]), 150)),
		"multiline": True,
		"max_length": REJECT_REASON_CHARS,
	}
	return {
		"type": "modal",
		"title": text_object(truncate(plain(w["modal_title"]), 24)),
		"blocks": [
			section(md(w["modal_intro"], bold(spec["name"]), bold(spec["requester_name"]))),
			{
				"type": "input",
				"block_id": "reject_reason",
				"label": text_object(truncate(plain(w["reason"]), 2000)),
				"element": reason,
				"hint": text_object(truncate(plain(w["reason_hint"]), 2000)),
				"optional": True,
			},
		],
		"close": text_object(truncate(plain(w["close"]), 24)),
		"submit": text_object(truncate(plain(w["submit"]), 24)),
		"private_metadata": json.dumps(metadata, separators=(",", ":"), ensure_ascii=False),
		"callback_id": ROWS[spec["document"]]["reject_reason"],
	}


def row_line(card: dict, w: dict) -> str:
	who = person(card.get("requester_slack_id"), card["requester_name"])
	line = md(
		w["reminder_item"], esc_cut(card["kind"], NAME_CHARS), link(card.get("form_url"), card["name"]), who
	)
	summary = (card.get("summary") or "").strip()
	if summary:
		line += " · " + esc_cut(summary, NAME_CHARS)
	return line


def approval_reminder(rows: list[dict], w: dict) -> dict:
	open_rows = sum(1 for r in rows if not r.get("outcome"))
	intro = md(w["reminder_intro"], str(open_rows)) if open_rows else md(w["reminder_none_left"])
	blocks = [header(plain(w["reminder_header"])), section(intro)]
	for n, r in enumerate(rows[:MAX_REMINDER_ROWS]):
		card = r["card"]
		line = row_line(card, w)
		state = (r.get("workflow_state") or "").strip()
		if r.get("outcome"):
			line += "\n" + outcome_line(r["outcome"], w)
		elif state:
			line += "\n" + md(w["workflow_state"], bold(state))
		blocks.append(section(line))
		if not r.get("outcome"):
			row = ROWS[card["document"]]
			elements = buttons(row, card["name"], r.get("decisions", ["approve", "reject"]), w)
			if elements:
				blocks.append(actions(f"{row['reminder_block_prefix']}{n}", elements))
	if len(rows) > MAX_REMINDER_ROWS:
		blocks.append(section(md(w["reminder_more"], str(len(rows) - MAX_REMINDER_ROWS))))
	return message(blocks)


# --- the cases ----------------------------------------------------------------------------------


def cases() -> list[tuple[str, str, object, object, float]]:
	"""(name, what, Rust path, reference, goal ratio): each side returns the body it sends."""
	w = WORDS
	card = expense_claim_card(7)
	choices = {"decisions": ["approve", "reject"]}
	approved = {"kind": "approved", "by": "Bea Boss", "reason": "Within the travel policy & budget"}
	rejected = {"kind": "rejected", "by": "Bea Boss", "reason": "Receipts <missing> for the taxi"}
	reject = {
		"document": "expense_claim",
		"name": card["name"],
		"requester_name": card["requester_name"],
		"channel_id": "D0123456789",
		"message_ts": "1764979200.000100",
	}
	rows = reminder_rows(REMINDER_DOCS)
	wire, ref = benchlib.wire_bytes, benchlib.reference_bytes
	return [
		(
			"approval_request",
			"approval request: the approver DM, Expense Claim with 10 lines, advances, attachments",
			lambda: wire(core.build_approval_request(card, words=w, choices=choices)),
			lambda: ref(approval_request(card, choices, w)),
			2,
		),
		(
			"approval_outcome",
			"approval outcome: the approver DM rewritten, approved with a reason",
			lambda: wire(core.build_approval_outcome(card, approved, words=w)),
			lambda: ref(approval_outcome(card, approved, w)),
			2,
		),
		(
			"approval_notice",
			"approval notice: the requester DM, rejected with a reason",
			lambda: wire(core.build_approval_notice(card, rejected, words=w)),
			lambda: ref(approval_notice(card, rejected, w)),
			2,
		),
		(
			"approval_reject_modal",
			"approval reject-with-reason modal (views.open)",
			lambda: wire(core.build_approval_reject_modal(reject, words=w)),
			lambda: ref(reject_modal(reject, w)),
			2,
		),
		(
			"approval_reminder",
			f"approval reminder, {REMINDER_DOCS} documents of five kinds",
			lambda: wire(core.build_approval_reminder(rows, words=w)),
			lambda: ref(approval_reminder(rows, w)),
			2,
		),
	]


def main() -> int:
	all_cases = cases()
	for name, _what, rust, reference, _goal in all_cases:
		benchlib.check_identical(name, rust(), reference())
	print(f"check: reference bytes == Rust bytes for {len(all_cases)} cases")
	for name, what, rust, reference, goal in all_cases:
		best = benchlib.interleaved({"rust": rust, "reference": reference})
		benchlib.builder_result(name, what, best["rust"], best["reference"], goal)
	return 0


if __name__ == "__main__":
	sys.exit(main())
