"""What every benchmark shares: quick mode, interleaved timing, the bytes a builder puts on the wire,
the byte-equality check made before timing, and the `RESULT` lines `scripts/perf-report` turns into
docs/PERFORMANCE.md's table.

- **Quick mode** (`--quick` on the command line or `BENCH_QUICK=1`): tiny sizes and one short
  measurement, only to prove a benchmark still runs and its equality checks pass (CI). Its numbers
  mean nothing.
- **Wire bytes.** A builder's Rust path ends where the request leaves for Slack: `wire_bytes(built)`,
  the builder's JSON text as it is (docs/ARCHITECTURE.md "One payload form"); the references'
  `reference_bytes` writes that form (compact, UTF-8, keys in the order written, as the core's
  typed blocks give them).
- **Interleaved timing**: the two sides of a comparison are measured in turns (A, B, A, B, …), best
  round of each, so drift and the shared machine's load hit both alike.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
	# This checkout's package first (a shared venv may point elsewhere).
	sys.path.insert(0, str(ROOT))
QUICK = "--quick" in sys.argv or os.environ.get("BENCH_QUICK") == "1"


def args() -> list[str]:
	"""The command line without the options this module reads."""
	return [a for a in sys.argv[1:] if a != "--quick"]


def size(full, quick):
	"""`full` normally, `quick` in quick mode."""
	return quick if QUICK else full


def english_words() -> dict:
	"""The English words of every surface, as the catalogue (flows/words.py) gives them;
	test-suite/test_words.py keeps this copy equal to it."""
	return json.loads((ROOT / "rust/core/tests/fixtures/words_en.json").read_text(encoding="utf-8"))


# --- the bytes on the wire ---------------------------------------------------------------------


def wire_bytes(built: str | bytes) -> bytes:
	"""The body of the request a Rust builder's result becomes: its JSON text as is
	(`core.request_body`'s bytes pass through)."""
	if isinstance(built, bytes):
		return built
	if not isinstance(built, str):
		raise TypeError(f"a builder returns its JSON text, not {type(built).__name__}")
	return built.encode()


def reference_bytes(obj) -> bytes:
	"""A plain-Python reference's dicts serialised the way the core writes its text: compact,
	UTF-8, keys in the order written."""
	return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def check_identical(what: str, rust: bytes | list[bytes], reference: bytes | list[bytes]) -> None:
	"""Stop the benchmark (exit 1) unless both sides put the same bytes on the wire."""
	if rust == reference:
		return
	if isinstance(rust, list) and isinstance(reference, list):
		if len(rust) != len(reference):
			sys.exit(f"MISMATCH {what}: {len(rust)} bodies from Rust, {len(reference)} from the reference")
		at = next(i for i, (a, b) in enumerate(zip(rust, reference, strict=True)) if a != b)
		check_identical(f"{what}, body {at}", rust[at], reference[at])
		return
	at = next((i for i, (a, b) in enumerate(zip(rust, reference, strict=False)) if a != b), None)
	at = min(len(rust), len(reference)) if at is None else at
	lo = max(0, at - 120)
	sys.exit(
		f"MISMATCH {what}: the bytes differ at {at}\n  rust:      {rust[lo : at + 120]!r}\n"
		f"  reference: {reference[lo : at + 120]!r}"
	)


# --- timing ------------------------------------------------------------------------------------


def per_call(fn: Callable[[], object], budget: float = 0.5) -> float:
	"""Best-of-5 seconds per call, auto-ranged to roughly `budget` seconds per repeat."""
	timer = timeit.Timer(fn)
	if QUICK:
		return min(timer.repeat(repeat=2, number=1))
	number, _ = timer.autorange()
	number = max(1, int(number * budget / 0.2))
	return min(timer.repeat(repeat=5, number=number)) / number


def interleaved(
	sides: dict[str, Callable[[], object]], rounds: int = 7, budget: float = 0.15
) -> dict[str, float]:
	"""Best seconds per call of each side, measured in turns: each round times every side once
	(about `budget` seconds each), so load and drift are shared."""
	timers = {name: timeit.Timer(fn) for name, fn in sides.items()}
	if QUICK:
		return {name: min(t.repeat(repeat=2, number=1)) for name, t in timers.items()}
	numbers = {}
	for name, timer in timers.items():
		number, took = timer.autorange()
		numbers[name] = max(1, int(number * budget / max(took, 1e-9)))
	best = dict.fromkeys(sides, float("inf"))
	for _ in range(rounds):
		for name, timer in timers.items():
			best[name] = min(best[name], timer.timeit(numbers[name]) / numbers[name])
	return best


# --- results -----------------------------------------------------------------------------------


def result(name: str, **fields) -> None:
	"""One `RESULT name=… key=value …` line (values shell-quoted) for scripts/perf-report: `what`
	(the row's text), `rust` / `ref` (measured, as shown), `ratio`, `goal`, `met` (yes / no / -)."""
	parts = [f"name={name}"] + [f"{key}={shlex.quote(str(value))}" for key, value in fields.items()]
	print("RESULT " + " ".join(parts), flush=True)


def ms(seconds: float) -> str:
	return f"{seconds * 1e3:.3f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.1f} µs"


def builder_result(name: str, what: str, rust_s: float, ref_s: float, goal_ratio: float | None) -> None:
	"""A row comparing the Rust path with plain Python; goal: the Rust path `goal_ratio` times
	faster (reference time / Rust time), or no goal (None)."""
	ratio = ref_s / rust_s
	goal = f"≥ {goal_ratio:g}x" if goal_ratio else "-"
	print(f"{what}: rust {ms(rust_s)}, plain Python {ms(ref_s)}, {ratio:.2f}x (goal {goal})")
	result(
		name,
		what=what,
		rust=ms(rust_s),
		ref=ms(ref_s),
		rust_ms=f"{rust_s * 1e3:.4f}",
		ref_ms=f"{ref_s * 1e3:.4f}",
		ratio=f"{ratio:.2f}",
		goal=goal,
		met=("yes" if ratio >= goal_ratio else "no") if goal_ratio else "-",
	)


# --- the Frappe test double --------------------------------------------------------------------


class MetaCache:
	"""Real Frappe serves Meta from a cache; the double builds (deep-copies) it on every `get_meta`,
	which made the double's own cost quadratic in a benchmark's setup. `install()` caches it for
	the run (no DocType changes in one); `clear()` after each `reset_site`."""

	def __init__(self) -> None:
		self.metas: dict = {}

	def install(self) -> None:
		import frappe.model.meta  # noqa: PLC0415 - the double, once the caller put it on sys.path

		build = frappe.model.meta.get_meta

		def cached(doctype):
			meta = self.metas.get(doctype)
			if meta is None:
				meta = self.metas[doctype] = build(doctype)
			return meta

		frappe.model.meta.get_meta = cached

	def clear(self) -> None:
		self.metas.clear()


META_CACHE = MetaCache()
