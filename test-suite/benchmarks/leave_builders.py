"""The leave builders, from the rows the app reads to the bytes on the wire: Rust core vs a plain-Python
reference producing the same bytes, in one run.

    python test-suite/benchmarks/leave_builders.py [--quick]

Run from the repository root. For each surface the Rust path is the app's call (Python dicts in,
the words dict passed on every call as the app does; the core converts each catalogue once)
followed by `benchlib.wire_bytes`, the body slack_sdk sends; the reference builds the same dicts
in plain Python (`reference_blocks.py` and the builders below) and serialises them the same way.
Before timing, each case checks both sides give byte-identical bodies, and stops (exit 1) if not.
Both sides are timed in turns (benchlib.interleaved).

- **leave request**: the approver DM (`core.build_approver_message`) for a batch of applications as
  `erp/leave.leave_details` reads them (with the balance line, some half days, some reasons to
  escape, some requesters without a Slack id);
- **requester outcome**: the requester's DM once decided (`core.build_requester_outcome`), approved /
  rejected with a reason / cancelled, for the same batch;
- **approvers' reminder**: one approver's daily reminder (`core.build_approver_reminder`) listing
  12 open requests, and one over the cap (25: 20 rows and "+5 more");
- **leave modal**: `/apply-leave`'s view (`core.build_leave_modal`, 12 leave types with their days
  left and one Leave Without Pay type) and its half-day variant (the toggle's `views.update`).
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
	date_text,
	days_text,
	esc,
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

WORDS = benchlib.english_words()
TODAY = "2026-12-01"
BATCH = benchlib.size(50, 3)
SITE = "https://hr.example.com"

# --- the rows, as erp/leave.leave_details gives them --------------------------------------------


def leave_details(i: int) -> dict:
	"""The `builder` dict of one Leave Application (ISO dates), with the approver's balance line."""
	start = f"2026-12-{7 + i % 20:02d}"
	end = f"2026-12-{7 + i % 20 + i % 3:02d}"
	half_day = i % 4 == 1
	days = 1 + i % 3 - (0.5 if half_day else 0)
	return {
		"leave_application": f"HR-LAP-2026-{i:05d}",
		"form_url": f"{SITE}/app/leave-application/HR-LAP-2026-{i:05d}",
		"requester_name": f"Person{i} O'Neil & Sons" if i % 5 == 0 else f"Person{i} Test",
		"requester_slack_id": None if i % 3 == 0 else f"U{i:09d}",
		"leave_type": "Casual Leave" if i % 2 else "Sick Leave",
		"posting_date": "2026-11-30",
		"from_date": start,
		"to_date": end,
		"total_days": float(days),
		"half_day": half_day,
		"half_day_date": start if half_day else None,
		"half_period": ("First Half", "Second Half", None)[i % 3] if half_day else None,
		"reason": None if i % 7 == 0 else f"Family trip <{i}> & a wedding " * (1 + i % 4),
		"balance": {"before": 12.0, "after": 12.0 - days},
	}


def outcome(i: int) -> dict:
	kind = ("approved", "rejected", "cancelled")[i % 3]
	return {"kind": kind, "by": "Bea Boss", "reason": "Team offsite that week" if i % 2 else None}


# --- the references -------------------------------------------------------------------------------

PERIODS = {"First Half": "first_half", "first_half": "first_half", "Second Half": "second_half"}
PERIODS["second_half"] = "second_half"
EMOJI = {
	"approved": "✅",
	"rejected": "❌",
	"cancelled": "🚫",
	"deleted": "🗑️",
	"withdrawn": "↩️",
	"reassigned": "↪️",
	"kept": "👍",
}


def label(word: str) -> str:
	return f"*{md(word)}:* "


def details_section(d: dict, w: dict) -> dict:
	dates = w["dates"]
	lines = [
		label(w["leave_id"]) + link(d.get("form_url"), d["leave_application"]),
		label(w["leave_type"]) + esc_cut(d["leave_type"], NAME_CHARS),
		label(w["from_date"]) + esc(date_text(d["from_date"], dates)),
		label(w["to_date"]) + esc(date_text(d["to_date"], dates)),
	]
	if d.get("total_days") is not None:
		lines.append(label(w["total_days"]) + days_text(d["total_days"]))
	balance = d.get("balance")
	if balance:
		change = md(w["balance_change"], days_text(balance["before"]), days_text(balance["after"]))
		lines.append(label(w["balance"]) + change)
	if d.get("half_day"):
		line = label(w["half_day"]) + esc(date_text(d.get("half_day_date") or d["from_date"], dates))
		if d.get("half_period"):
			line += ", " + esc(w["periods"][PERIODS[d["half_period"]]])
		lines.append(line)
	if d.get("posting_date"):
		lines.append(label(w["submitted_on"]) + esc(date_text(d["posting_date"], dates)))
	return section("\n".join(lines))


def titled_text(word: str, text: str | None) -> dict | None:
	"""`*Reason:*` and the text, escaped and fitted (None when there is no text)."""
	text = (text or "").strip()
	if not text:
		return None
	prefix = f"*{md(word)}:*\n"
	return section(prefix + esc_cut(text, SECTION_TEXT - len(prefix)))


def approver_message(d: dict, w: dict) -> dict:
	"""`core.build_approver_message` on a site without a workflow (both decisions)."""
	name = d["leave_application"]
	blocks = [
		header(plain(w["request_header"])),
		section(md(w["requested"], person(d.get("requester_slack_id"), d["requester_name"]))),
		details_section(d, w),
	]
	reason = titled_text(w["reason"], d.get("reason"))
	if reason:
		blocks.append(reason)
	blocks.append(
		actions(
			"leave_actions_block",
			[
				button(plain(w["approve"]), "leave_approve", name, "primary"),
				button(plain(w["reject"]), "leave_reject", name, "danger"),
			],
		)
	)
	return message(blocks)


def bold(name: str) -> str:
	return f"*{esc_cut(name, NAME_CHARS)}*"


def requester_outcome(d: dict, o: dict, w: dict) -> dict:
	"""`core.build_requester_outcome` for approved / rejected / cancelled, without an offer."""
	kind = o["kind"]
	sentence = md(w["request_decided"], f"*{md(w[kind])}*", bold(o["by"]))
	blocks = [
		header(plain(w[f"{kind}_header"])),
		section(f"{EMOJI[kind]} {sentence}"),
		details_section(d, w),
	]
	reason = titled_text(w["outcome_reason"], o.get("reason"))
	if reason:
		blocks.append(reason)
	return message(blocks)


MAX_REMINDER_ITEMS = 20


def reminder_section(item: dict, lw: dict, rw: dict) -> dict:
	d = item["leave"]
	dates = lw["dates"]
	period = esc(date_text(d["from_date"], dates))
	if d["to_date"] != d["from_date"]:
		period += " \u2013 " + esc(date_text(d["to_date"], dates))
	facts = f"{esc_cut(d['leave_type'], NAME_CHARS)} · {period}"
	if d.get("total_days") is not None:
		facts += " · " + label(lw["total_days"]) + days_text(d["total_days"])
	who = person(d.get("requester_slack_id"), d["requester_name"])
	lines = [md(rw["item"], link(d.get("form_url"), d["leave_application"]), who), facts]
	if d.get("posting_date"):
		lines.append(label(lw["submitted_on"]) + esc(date_text(d["posting_date"], dates)))
	return section("\n".join(lines))


def approver_reminder(spec: dict, rw: dict, lw: dict) -> dict:
	"""`core.build_approver_reminder` for open requests on a site without a workflow."""
	items = spec["items"]
	blocks = [header(plain(rw["header"])), section(md(rw["intro"], str(len(items))))]
	for position, item in enumerate(items[:MAX_REMINDER_ITEMS]):
		name = item["leave"]["leave_application"]
		blocks.append(reminder_section(item, lw, rw))
		blocks.append(
			actions(
				f"leave_reminder_actions_{position}",
				[
					button(plain(lw["approve"]), "leave_approve", name, "primary"),
					button(plain(lw["reject"]), "leave_reject", name, "danger"),
				],
			)
		)
	more = len(items) - MAX_REMINDER_ITEMS
	if more > 0:
		desk = link(spec.get("list_url"), plain(rw["open_in_desk"]))
		blocks.append(section(f"{md(rw['more'], str(more))} — {desk}"))
	return message(blocks)


def option(label_text: str, value: str) -> dict:
	return {"text": text_object(truncate(label_text, 75)), "value": truncate(value, 150)}


def input_block(block_id: str, label_text: str, element: dict, *, optional=False, dispatch=False) -> dict:
	block = {"type": "input", "block_id": block_id, "label": text_object(label_text), "element": element}
	if optional:
		block["optional"] = True
	if dispatch:
		block["dispatch_action"] = True
	return block


def datepicker(action_id: str, initial: str) -> dict:
	return {"type": "datepicker", "action_id": action_id, "initial_date": initial}


def static_select(action_id: str, placeholder: str, options: list[dict], initial: dict | None) -> dict:
	select = {
		"type": "static_select",
		"action_id": action_id,
		"placeholder": text_object(placeholder),
		"options": options,
	}
	if initial:
		select["initial_option"] = initial
	return select


def leave_modal(spec: dict, w: dict) -> dict:
	"""`core.build_leave_modal` for up to 100 leave types (a flat list)."""
	cur = spec.get("current") or {}
	start = cur.get("start_date") or spec["today"]
	end = cur.get("end_date") or spec["today"]
	seen = set()
	options = []
	for t in spec["leave_types"]:
		if t["name"].strip() and t["name"] not in seen:
			seen.add(t["name"])
			options.append(option(t.get("label") or t["name"], t["name"]))
	chosen = next((o for o in options if o["value"] == cur.get("leave_type")), None)
	checked = spec.get("half_day_checked", False)
	half_day = option(plain(w["half_day_option"]), "half_day")
	checkbox = {"type": "checkboxes", "action_id": "half_day_checkbox", "options": [half_day]}
	if checked:
		checkbox["initial_options"] = [half_day]
	blocks = [
		input_block("start_date", plain(w["start_date"]), datepicker("start_date_picker", start)),
		input_block("end_date", plain(w["end_date"]), datepicker("end_date_picker", end)),
		input_block(
			"leave_type",
			plain(w["leave_type"]),
			static_select("leave_type_select", plain(w["leave_type_placeholder"]), options, chosen),
		),
		input_block("half_day_checkbox", plain(w["half_day"]), checkbox, optional=True, dispatch=True),
	]
	if checked:
		if spec.get("show_half_day_date", start != end):
			picker = datepicker("half_day_date_picker", cur.get("half_day_date") or start)
			blocks.append(input_block("half_day_date", plain(w["half_day_date"]), picker))
		if spec.get("has_half_period_field"):
			periods = [option(plain(w["periods"][code]), code) for code in ("first_half", "second_half")]
			current = {"first_half": periods[0], "second_half": periods[1]}.get(cur.get("half_period"))
			placeholder = plain(w["half_period_placeholder"])
			period = static_select("half_day_period_select", placeholder, periods, current)
			blocks.append(input_block("half_day_period", plain(w["half_period"]), period))
	reason = {
		"type": "plain_text_input",
		"action_id": "reason_input",
		"placeholder": text_object(plain(w["reason_placeholder"])),
	}
	if cur.get("reason"):
		reason["initial_value"] = truncate(cur["reason"], 1000)
	reason.update(multiline=True, max_length=1000)
	blocks.append(input_block("reason", plain(w["reason"]), reason))
	view = {
		"type": "modal",
		"title": text_object(truncate(plain(w["title"]), 24)),
		"blocks": blocks,
		"close": text_object(plain(w["close"])),
		"submit": text_object(plain(w["submit"])),
	}
	if spec.get("private_metadata"):
		view["private_metadata"] = spec["private_metadata"]
	view["callback_id"] = "apply_leave_application"
	return view


# --- the cases ----------------------------------------------------------------------------------


def modal_spec(half_day: bool) -> dict:
	types = [
		{"name": f"Leave Type {t:02d}", "label": f"Leave Type {t:02d} ({t + 0.5:g} left)"} for t in range(12)
	]
	spec = {
		"leave_types": [*types, {"name": "Leave Without Pay"}],
		"today": TODAY,
		"half_day_checked": half_day,
		"has_half_period_field": half_day,
		"private_metadata": json.dumps({"employee": "HR-EMP-00042"}, separators=(",", ":")),
	}
	if half_day:
		spec["current"] = {
			"start_date": "2026-12-03",
			"end_date": "2026-12-04",
			"leave_type": "Leave Type 03",
			"reason": "Moving house & <boxes>",
			"half_day": True,
			"half_day_date": None,
			"half_period": "second_half",
			"half_period_label": None,
		}
	return spec


def cases() -> list[tuple[str, str, object, object, float]]:
	"""(name, what, Rust path, reference, goal ratio): each side returns the bodies it sends."""
	lw, rw, mw = WORDS["leave_messages"], WORDS["reminder"], WORDS["modal"]
	details = [leave_details(i) for i in range(BATCH)]
	decided = [({k: v for k, v in d.items() if k != "balance"}, outcome(i)) for i, d in enumerate(details)]
	reminders = {
		(name, n): {
			"items": [{"leave": {k: v for k, v in d.items() if k != "balance"}} for d in details * 25][:n],
			"list_url": f"{SITE}/app/leave-application?status=Open&leave_approver=boss%40example.com",
		}
		for name, n in (("approver_reminder", benchlib.size(12, 2)), ("approver_reminder_capped", 25))
	}
	wire, ref = benchlib.wire_bytes, benchlib.reference_bytes
	out = [
		(
			"leave_request",
			f"leave request: the approver DM, {BATCH} applications",
			lambda: [wire(core.build_approver_message(d, words=lw, choices={})) for d in details],
			lambda: [ref(approver_message(d, lw)) for d in details],
			2,
		),
		(
			"requester_outcome",
			f"requester outcome: approved / rejected / cancelled DM, {BATCH} applications",
			lambda: [wire(core.build_requester_outcome(d, o, words=lw)) for d, o in decided],
			lambda: [ref(requester_outcome(d, o, lw)) for d, o in decided],
			2,
		),
	]
	for (name, n), spec in reminders.items():
		out.append(
			(
				name,
				f"approvers reminder, {n} open requests" + (" (20 shown, +more)" if n > 20 else ""),
				lambda spec=spec: wire(core.build_approver_reminder(spec, words=rw, leave_words=lw)),
				lambda spec=spec: ref(approver_reminder(spec, rw, lw)),
				2,
			)
		)
	for name, half_day in (("leave_modal", False), ("leave_modal_half_day", True)):
		spec = modal_spec(half_day)
		out.append(
			(
				name,
				"leave modal, 13 leave types"
				+ (", half-day variant (views.update)" if half_day else " (views.open)"),
				lambda spec=spec: wire(core.build_leave_modal(spec, words=mw)),
				lambda spec=spec: ref(leave_modal(spec, mw)),
				2,
			)
		)
	return out


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
