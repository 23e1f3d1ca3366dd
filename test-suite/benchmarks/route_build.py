"""Route + build for a ~10 KiB view_submission payload: Rust core vs json.loads + Python dicts.

    python test-suite/benchmarks/route_build.py

The payload is the leave modal as Slack echoes it on submit (the view we built with
`core.build_leave_modal`, 90 leave types, plus `state.values`), about 10 KiB of JSON — the kind of
body the interactivity route sees most. Two cases, each measured on both sides in the same run:

- invalid: end date before start date → `route_interaction` gives inline `errors` (codes) →
  `build_view_errors` with the English words (the body of the HTTP 200 Slack shows in the modal);
- valid: → `route_interaction` gives the typed `form` → no `build_view_errors` (it refuses `{}`);
  the work measured is route + nothing else (what the handler does before the ERP call).

`python_route` below is a straightforward Python version of the same routing and validation (the
same rules as rust/core/src/interaction/, minus its nesting/size guards); it is checked to
give the same result as the core before timing.
"""

from __future__ import annotations

import datetime
import json
import sys

import benchlib  # this directory, on sys.path as the script's own

from frappe_slack_connector import core
from frappe_slack_connector.tests.support.slack_requests import (
	state_checkboxes,
	state_datepicker,
	state_plain_text,
	state_static_select,
	view_payload,
	view_submission,
)

MAX_REASON = 1000
# The English words, as the catalogue (flows/words.py) gives them; test-suite/test_words.py keeps this
# copy equal to it. The handlers build them once per request; here once per run.
WORDS = benchlib.english_words()


def payload(start: str, end: str) -> str:
	built = core.build_leave_modal(
		{
			"leave_types": [
				{"name": f"Leave Type {i:02}", "label": f"Leave Type {i:02} ({i} left)"} for i in range(90)
			],
			"today": "2026-12-01",
			"half_day_checked": False,
		},
		words=WORDS["modal"],
	)
	modal = json.loads(benchlib.wire_bytes(built))  # the view as Slack got it
	values = {
		"start_date": {"start_date_picker": state_datepicker(start)},
		"end_date": {"end_date_picker": state_datepicker(end)},
		"leave_type": {"leave_type_select": state_static_select("Leave Type 07", "Leave Type 07 (7 left)")},
		"half_day_checkbox": {"half_day_checkbox": state_checkboxes([])},
		"reason": {"reason_input": state_plain_text("Family trip to see my grandparents " * 3)},
	}
	view = view_payload(
		callback_id="apply_leave_application",
		blocks=modal["blocks"],
		state_values=values,
		private_metadata=json.dumps({"employee": "HR-EMP-00001"}),
	)
	return json.dumps(view_submission(view), separators=(",", ":"))


# --- the reference: straightforward Python routing + validation + building --------------------


def _get(values: dict, block: str, action: str) -> dict:
	return (values.get(block) or {}).get(action) or {}


def _date(values: dict, block: str, action: str) -> datetime.date | None:
	s = _get(values, block, action).get("selected_date")
	return datetime.date.fromisoformat(s) if s else None


def python_route(raw: str) -> dict:
	env = json.loads(raw)
	if env.get("type") != "view_submission":
		raise ValueError("unknown_type")
	view = env["view"]
	if view.get("callback_id") != "apply_leave_application":
		raise ValueError("unknown_callback")
	values = view["state"]["values"]
	start = _date(values, "start_date", "start_date_picker")
	end = _date(values, "end_date", "end_date_picker")
	leave_type = (_get(values, "leave_type", "leave_type_select").get("selected_option") or {}).get("value")
	reason = (_get(values, "reason", "reason_input").get("value") or "").strip()
	half_day = bool(_get(values, "half_day_checkbox", "half_day_checkbox").get("selected_options"))
	errors = {}
	if start is None:
		errors["start_date"] = "Pick the first day of your leave."
	if end is None:
		errors["end_date"] = "Pick the last day of your leave."
	if not (leave_type or "").strip():
		errors["leave_type"] = "Choose a leave type."
	if not reason:
		errors["reason"] = "Tell your approver the reason for your leave."
	elif len(reason) > MAX_REASON:
		errors["reason"] = f"Keep the reason within {MAX_REASON} characters (it has {len(reason)})."
	if start and end and end < start:
		errors["end_date"] = "The end date cannot be before the start date."
	form = None
	if not errors:
		form = {
			"start_date": start.isoformat(),
			"end_date": end.isoformat(),
			"leave_type": leave_type,
			"reason": reason,
			"half_day": half_day,
			"half_day_date": None,
			"half_period": None,
			"half_period_label": None,
		}
	return {
		"handler": "leave_submission",
		"user_id": env["user"]["id"],
		"view_id": view["id"],
		"private_metadata": view.get("private_metadata") or "",
		"form": form,
		"errors": errors or None,
	}


def python_view_errors(errors: dict) -> dict:
	return {"errors": {k: v[:2000] for k, v in errors.items()}, "response_action": "errors"}


def rust_invalid(raw: str) -> bytes:
	"""The route, then the body of the HTTP 200 that shows the errors."""
	errors = core.route_interaction(raw)["errors"]
	return benchlib.wire_bytes(core.build_view_errors(errors, words=WORDS["view_errors"]))


def python_invalid(raw: str) -> bytes:
	return benchlib.reference_bytes(python_view_errors(python_route(raw)["errors"]))


def main() -> int:
	invalid = payload("2026-12-03", "2026-12-02")
	valid = payload("2026-12-02", "2026-12-03")
	benchlib.check_identical("invalid submission", rust_invalid(invalid), python_invalid(invalid))
	r, p = core.route_interaction(valid), python_route(valid)
	if r["form"] != p["form"] or r["errors"] != p["errors"] or r["user_id"] != p["user_id"]:
		print("MISMATCH (valid):", r, p, file=sys.stderr)
		return 1
	print("check: Python reference == core for both payloads")
	cases = [
		(
			"route_invalid",
			f"route + build_view_errors, {len(invalid):,}-byte view_submission",
			invalid,
			rust_invalid,
			python_invalid,
		),
		(
			"route_valid",
			f"route, valid {len(valid):,}-byte view_submission (typed form)",
			valid,
			core.route_interaction,
			python_route,
		),
	]
	for name, what, raw, rust_fn, py_fn in cases:
		best = benchlib.interleaved(
			{"rust": lambda raw=raw, f=rust_fn: f(raw), "python": lambda raw=raw, f=py_fn: f(raw)}
		)
		benchlib.builder_result(name, what, best["rust"], best["python"], None)
	return 0


if __name__ == "__main__":
	sys.exit(main())
