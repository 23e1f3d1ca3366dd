"""Regenerate docs/PERFORMANCE.md's table from ONE run of every benchmark (no hand-copied numbers).

    scripts/perf-report                  # run_all.sh, then rewrite the generated sections of the doc
    scripts/perf-report --from RUN.txt   # the same from a run saved earlier (its MACHINE lines too)
    scripts/perf-report --quick          # run_all.sh --quick; prints the table, leaves the doc alone

It records the machine (CPU model, cores, load before and after, Python, rustc, date, commit), runs
`test-suite/benchmarks/run_all.sh` with this interpreter, keeps the raw output (written to
`--save`, default target/perf-run.txt), parses every `RESULT name=… key=value …` line the benchmarks
print (test-suite/benchmarks/benchlib.py), and replaces what stands between the doc's markers: the
machine and the table (`perf-report:table`), and the raw output (`perf-report:raw`). A row whose
goal is not met says why from `NOTES` below. A failed run (a benchmark's exit status, e.g. a
reference that no longer matches the core byte for byte) writes nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs/PERFORMANCE.md"
RUN_ALL = "test-suite/benchmarks/run_all.sh"
SAVED = ROOT / "target/perf-run.txt"  # git-ignored

# Why a goal is not met, by the row's name or its prefix (the longest matching key wins); a builder
# row without one asks for its callgrind explanation.
BUILDERS = (
	"leave_",
	"requester_",
	"approver_reminder",
	"home_approver",
	"home_employee",
	"timesheet_reminder",
	"attendance_",
	"digest_",
)
_UNEXPLAINED_BUILDER = (
	"not explained yet: profile this builder (callgrind, as the attendance rounds did) and say why in "
	"NOTES (test-suite/benchmarks/perf_report.py)"
)
_MODAL_ROUTES = (
	"measured (2026-12-07, routes_e2e 200, probes around each piece, 2 shared cores under load): "
	"the p50 over 1 ms was the benchmark's accounting — views.open/views.update go through "
	"slack_client.call_json since the one-payload-form merge and only `call` was counted as Slack, "
	"so the mock's HTTP round trip and Block Kit validation were 'own'; counted now, own p50 is "
	"0.65-1.0 ms: the double's dispatcher 0.13 (the trivial row), Frappe's form parse of the "
	"signed body (make_form_dict: 0.12 ms, 0.27 ms for the toggle, whose payload echoes the whole "
	"view; the trivial row's body is empty), the modal's words 0.10 (27 `_` lookups), "
	"core.build_leave_modal 0.06-0.09, route_interaction 0.04, the guard 0.02-0.03, request_body "
	"0.02, and the handlers' Python between the ERP calls; no single piece to cut. The p99 over "
	"1 ms is the shared machine's tail (other processes, the collector), as for every route_ row"
)
# Measured with callgrind (instructions inside the builder's PyO3 function, release build,
# 2026-12-07): where each builder under its goal spends them.
NOTES = {
	"leave_request": (
		"was the words: converting the leave words dict on every call was 36% of the call's "
		"instructions and dropping them 7% more; the core now converts each catalogue once "
		"(1.33x -> 2.24x in one A/B run). The rest: the blocks 20%, the input dict 9%, the JSON "
		"text 9%, the notification text 8%, the str back to Python 9%"
	),
	"requester_outcome": (
		"was the words: the leave words dict converted on every call was 42% of its instructions "
		"(and 8% to drop them) for a message of two sections; converted once now (1.11x -> 1.99x "
		"in one A/B run). The rest: the two input dicts 10%, the details section 13%, the str back "
		"to Python 9%, notification text and JSON text 13%"
	),
	"approver_reminder": (
		"the inputs: the request dicts through a serde Value into the typed items are 28% of its "
		"instructions and the two words dicts were 10% (converted once now: 1.87x -> 2.10x); the "
		"JSON text 14%, the notification text 10%, the blocks the rest (a few format! per row)"
	),
	"home_employee": (
		"the input: the tab's dicts (balances, own leave, colleagues out) through a serde Value "
		"into the typed input are 48% of its instructions (24% building the Value, 24% the typed "
		"input with its dates); the blocks 31%, the words 7% (converted once now), the JSON text "
		"6%. Only the 30 colleagues shown cross now (out_total counts the rest: 174 out went "
		"0.52x -> 1.84x, 20 out 1.76x -> 1.91x with the words converted once); reading the dicts "
		"without the Value (pythonize's depythonize, tried) was slower"
	),
	"approval_": (
		"not profiled yet (the reject modal, whose input is small, is 3.2x). Timed apart "
		"(2026-12-08): the Rust call for the full Expense Claim card is 24.5 us, the reference's "
		"dicts 24.7 us, its json.dumps the rest; the call grows with the card's content (5.5 us for "
		"a bare card), so the likely cost is the card dict read through a serde Value into the typed "
		"card, as home_employee measured — to profile with callgrind before changing the reader"
	),
	"attendance_10000": (
		"reading 10,000 dicts under the GIL is most of the call (History: the attendance rounds)"
	),
	"route_": (
		"a p99 on 2 shared cores: other processes, the garbage collector and the double's own work "
		"(its commit deep-copies the store) land in whichever request runs"
	),
	"route_slash_command": _MODAL_ROUTES,
	"route_half_day_toggle": _MODAL_ROUTES,
	"verify_4k": "slack_sdk's per-call overhead is the only room at 4 KiB (SHA-256 is the same speed)",
	"verify_4k_strict": (
		"the reference is this guard with only the verifier swapped for slack_sdk's is_valid, so the "
		"ratio is (shared Python + Rust) against (shared Python + slack_sdk): the Rust call (about "
		"2.7 µs) is already at the SHA-256 floor and about 1.9 µs of the guard is Python both share "
		"(get_data, header reads, mimetype, the form Frappe already parsed, the result); 2x would need "
		"that shared part under 0.6 µs, and re-parsing the form in Rust costs more than reading it"
	),
}
# Rows the benchmarks name without a `what` (the verify benchmark's).
WHAT = {
	"verify_1k": "request verification, 1 KiB body, vs slack_sdk",
	"verify_4k": "request verification, 4 KiB body (the guard's whole path), vs slack_sdk",
	"verify_4k_strict": (
		"request verification, 4 KiB body: the guard vs the same guard with slack_sdk's verifier"
	),
	"verify_1m": "request verification, 1 MiB body, vs OpenSSL SHA-256 (hashlib)",
}

TABLE = ("<!-- perf-report:table:begin -->", "<!-- perf-report:table:end -->")
RAW = ("<!-- perf-report:raw:begin -->", "<!-- perf-report:raw:end -->")


def sh(*cmd: str) -> str:
	try:
		return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
	except OSError:
		return ""


def load() -> str:
	return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine_before() -> dict[str, str]:
	cpu = next(
		(
			line.split(":", 1)[1].strip()
			for line in Path("/proc/cpuinfo").read_text().splitlines()
			if line.startswith("model name")
		),
		platform.processor(),
	)
	dirty = sh("git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no")
	return {
		"date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
		"cpu": cpu,
		"cores": str(os.cpu_count()),
		"python": platform.python_version(),
		"rustc": sh("rustc", "--version") or "not found",
		"commit": sh("git", "-C", str(ROOT), "rev-parse", "--short", "HEAD")
		+ (" + uncommitted changes" if dirty else ""),
		"load_before": load(),
	}


def run(quick: bool) -> tuple[str, int]:
	"""run_all.sh with this interpreter, echoed as it goes; (its output with MACHINE lines, status)."""
	machine = machine_before()
	cmd = ["bash", RUN_ALL] + (["--quick"] if quick else [])
	env = {**os.environ, "PYTHON": sys.executable}
	lines = [f"MACHINE {key}={shlex.quote(value)}" for key, value in machine.items()]
	with subprocess.Popen(
		cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
	) as proc:
		for line in proc.stdout:
			sys.stdout.write(line)
			lines.append(line.rstrip("\n"))
	lines.append(f"MACHINE load_after={shlex.quote(load())}")
	return "\n".join(lines) + "\n", proc.returncode


def parse(output: str) -> tuple[dict[str, str], list[dict[str, str]], list[str]]:
	"""(machine, results in run order, each with the `command` it came from, the commands that
	printed no result)."""
	machine: dict[str, str] = {}
	results: list[dict[str, str]] = []
	commands: list[str] = []
	command = ""
	for line in output.splitlines():
		if line.startswith("MACHINE "):
			key, _, value = line[len("MACHINE ") :].partition("=")
			machine[key] = shlex.split(value)[0] if value else ""
		elif line.startswith("## python "):
			command = line[len("## python ") :].strip()
			commands.append(command)
		elif line.startswith("RESULT "):
			fields = dict(token.partition("=")[::2] for token in shlex.split(line[len("RESULT ") :]))
			fields["command"] = command
			results.append(fields)
	silent = [c for c in commands if not any(r["command"] == c for r in results)]
	return machine, results, silent


def note(r: dict[str, str]) -> str:
	name = r["name"]
	keys = [key for key in NOTES if name.startswith(key)]
	if keys:
		return NOTES[max(keys, key=len)]
	if name.startswith(BUILDERS):
		return _UNEXPLAINED_BUILDER
	return "see the prose below the table"


def measured(r: dict[str, str], side: str) -> str:
	"""A side as shown: its text, else its number with the unit its key names (rust_ms, ref_us…)."""
	if r.get(side):
		return r[side]
	for unit, scale in (("ms", 1.0), ("us", 1e-3)):
		value = r.get(f"{side}_{unit}")
		if value:
			ms = float(value) * scale
			return f"{ms:.3f} ms" if ms >= 1 else f"{ms * 1e3:.1f} µs"
	return ""


def goal_text(goal: str) -> str:
	try:
		return f"≥ {float(goal):g}x"
	except ValueError:
		return goal


def cell(text: str) -> str:
	return "—" if text in ("", "-") else text.replace("|", "\\|")


def table(machine: dict[str, str], results: list[dict[str, str]], silent: list[str], quick: bool) -> str:
	out = [
		f"Generated by `scripts/perf-report` from one run of `bash {RUN_ALL}`"
		+ (" **in quick mode (the numbers mean nothing)**" if quick else "")
		+ f" on {machine.get('date', '?')}, commit `{machine.get('commit', '?')}`.",
		"",
		f"**Machine:** {machine.get('cores', '?')} cores, `{machine.get('cpu', '?')}`; Python "
		f"{machine.get('python', '?')}, {machine.get('rustc', '?')}; load average (1/5/15 min) "
		f"{machine.get('load_before', '?')} before the run, {machine.get('load_after', '?')} after.",
		"",
		"| # | What | Command | Rust / this app | Reference | Ratio | Goal | Met? |",
		"|---|---|---|---|---|---|---|---|",
	]
	whys: list[str] = []  # each reason once, as a footnote
	for i, r in enumerate(results, 1):
		met = r.get("met", "-")
		if met == "no":
			why = note(r)
			if why not in whys:
				whys.append(why)
			shown = f"**not met** [{chr(ord('a') + whys.index(why))}]"
		else:
			shown = "met" if met == "yes" else "—"
		ratio = f"{float(r['ratio']):.2f}x" if r.get("ratio") else ""
		what = r.get("what") or WHAT.get(r["name"], r["name"])
		out.append(
			f"| {i} | {cell(what)} | `{cell(r['command'].removeprefix('test-suite/benchmarks/'))}` | "
			f"{cell(measured(r, 'rust'))} | {cell(measured(r, 'ref'))} | {cell(ratio)} | "
			f"{cell(goal_text(r.get('goal', '-')))} | {shown} |"
		)
	if silent:
		names = ", ".join(f"`{c.removeprefix('test-suite/benchmarks/')}`" for c in silent)
		out += ["", f"No `RESULT` lines from {names} in this run: its rows appear once it prints them."]
	if whys:
		out += ["", "Why a goal is not met:", ""]
		out += [f"- [{chr(ord('a') + i)}] {why}." for i, why in enumerate(whys)]
	return "\n".join(out)


def replace_between(doc: str, markers: tuple[str, str], body: str) -> str:
	begin, end = markers
	pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
	if not pattern.search(doc):
		sys.exit(f"perf-report: {DOC} has no {begin} … {end} markers")
	return pattern.sub(lambda _: f"{begin}\n{body}\n{end}", doc, count=1)


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("--from", dest="saved", help="a run saved earlier (--save's file)")
	parser.add_argument("--quick", action="store_true", help="run_all.sh --quick; print, do not write")
	parser.add_argument("--save", default=str(SAVED), help="where the raw output goes")
	opts = parser.parse_args()
	if opts.saved:
		output, status = Path(opts.saved).read_text(encoding="utf-8"), 0
	else:
		output, status = run(opts.quick)
		Path(opts.save).parent.mkdir(parents=True, exist_ok=True)
		Path(opts.save).write_text(output, encoding="utf-8")
		print(f"perf-report: raw output saved to {opts.save}")
	if status != 0:
		print(f"perf-report: run_all.sh failed (exit {status}); {DOC.name} left as it was", file=sys.stderr)
		return 1
	machine, results, silent = parse(output)
	if not results:
		print("perf-report: no RESULT lines in the run", file=sys.stderr)
		return 1
	generated = table(machine, results, silent, opts.quick)
	if opts.quick:
		print(generated)
		return 0
	raw = "\n".join(line for line in output.splitlines() if not line.startswith(("MACHINE ", "RESULT ")))
	doc = DOC.read_text(encoding="utf-8")
	doc = replace_between(doc, TABLE, generated)
	doc = replace_between(doc, RAW, f"```\n{raw.strip()}\n```")
	DOC.write_text(doc, encoding="utf-8")
	print(f"perf-report: {DOC.relative_to(ROOT)} regenerated ({len(results)} rows)")
	return 0


if __name__ == "__main__":
	sys.exit(main())
