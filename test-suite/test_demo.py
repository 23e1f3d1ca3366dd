"""`./scripts/demo`, the README's first screen, tells the whole leave story and finishes in seconds."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_demo_tells_the_leave_story():
	started = time.monotonic()
	result = subprocess.run(
		[str(REPO / "scripts" / "demo")],
		cwd=REPO,
		env=dict(os.environ, DEMO_PYTHON=sys.executable),
		capture_output=True,
		text=True,
		timeout=120,
		check=False,
	)
	assert result.returncode == 0, result.stdout + result.stderr
	assert time.monotonic() - started < 60
	out = result.stdout
	steps = [
		"1. Jane types /apply-leave",
		"[modal: Apply for Leave]",
		"2. Jane picks 2026-12-01 to 2026-12-02, Casual Leave, a reason, and submits",
		"Your leave request was submitted and sent to *Bea Boss* for approval.",
		"3. Bea, the leave approver, gets a DM with Approve and Reject",
		"@Jane Doe has requested leave.",
		"[Approve]  [Reject]",
		"4. Bea clicks Approve",
		"is now Approved in Frappe HR.",
		"Approved by *Bea Boss*",
		"5. Jane is told",
		"Your leave request was *approved* by *Bea Boss*.",
		"6. The next working morning (2026-12-01, 09:00) the attendance channel gets its summary",
		"1. @Jane Doe _until Dec 02, 2026 (Wed)_",
		"passed the mock's Block Kit checks; no Error Log.",
	]
	positions = [out.find(step) for step in steps]
	assert -1 not in positions, [s for s, p in zip(steps, positions, strict=True) if p == -1]
	assert positions == sorted(positions), out  # in the story's order
	assert "Family trip" in out and "*Total Days:* 2" in out


def test_without_an_environment_the_demo_says_what_to_run(tmp_path):
	missing = tmp_path / "no-python"
	result = subprocess.run(
		[str(REPO / "scripts" / "demo")],
		cwd=REPO,
		env=dict(os.environ, DEMO_PYTHON=str(missing)),
		capture_output=True,
		text=True,
		timeout=60,
		check=False,
	)
	assert result.returncode == 1
	assert "run ./scripts/test once first" in result.stderr
