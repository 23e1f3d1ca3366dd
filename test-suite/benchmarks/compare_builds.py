"""The attendance summary of two builds of the extension in one process, interleaved by size.

    python test-suite/benchmarks/compare_builds.py BEFORE/_core.abi3.so AFTER/_core.abi3.so [rounds]

Same rows and timing as test-suite/benchmarks/attendance.py. A build whose `build_attendance_summary` takes
`words` (issue 12 on) gets the English words of the catalogue, converted on every call as the
scheduler's call does; an older one is called without. Both must give the same messages.
Get a build with e.g. `git archive <commit> | tar -x -C /tmp/base && cd /tmp/base && maturin
build --release`, then unzip `frappe_slack_connector/_core.abi3.so` from the wheel.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import inspect
import os
import sys

import attendance as bench  # this directory, on sys.path as the script's own


def load(path: str):
	loader = importlib.machinery.ExtensionFileLoader("_core", path)
	spec = importlib.util.spec_from_file_location("_core", path, loader=loader)
	module = importlib.util.module_from_spec(spec)
	loader.exec_module(module)
	return module


def summary_of(module):
	takes_words = "words" in inspect.signature(module.build_attendance_summary).parameters
	extra = {"words": bench.WORDS} if takes_words else {}

	def call(rows):
		return module.build_attendance_summary(rows, today=bench.TODAY, title=bench.TITLE, **extra)

	return call


def main() -> int:
	before, after = (summary_of(load(path)) for path in sys.argv[1:3])
	rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
	for n in bench.SIZES:
		rows = bench.make_rows(n)
		if before(rows) != after(rows):
			print(f"MISMATCH at {n} rows", file=sys.stderr)
			return 1
	print("check: before == after (same messages) at", bench.SIZES)
	print(f"load: {os.getloadavg()}")
	print(f"{'round':>5} | {'rows':>6} | {'before ms':>9} | {'after ms':>9} | after/before")
	for r in range(rounds):
		for n in bench.SIZES:
			rows = bench.make_rows(n)
			t_before = bench.per_call(lambda rows=rows: before(rows))
			t_after = bench.per_call(lambda rows=rows: after(rows))
			print(
				f"{r + 1:>5} | {n:>6} | {t_before * 1e3:>9.3f} | {t_after * 1e3:>9.3f} | {t_after / t_before:>8.3f}"
			)
	print(f"load: {os.getloadavg()}")
	return 0


if __name__ == "__main__":
	sys.exit(main())
