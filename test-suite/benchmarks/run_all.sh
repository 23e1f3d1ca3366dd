#!/usr/bin/env bash
# Every benchmark of the project in one run, raw output to stdout; each prints `RESULT` lines that
# scripts/perf-report turns into docs/PERFORMANCE.md's table (run that, not this, to regenerate it).
#   bash test-suite/benchmarks/run_all.sh [--quick] [--cargo]
# --quick (or BENCH_QUICK=1): tiny sizes, only to prove each benchmark still runs and its
#   equality checks pass (CI); its numbers mean nothing.
# --cargo: also the criterion benches of the core (Rust only, no reference; a release build).
# Python: $PYTHON, else `python` (an activated .venv with the extension built into this checkout).
# Each benchmark runs even when one before it failed; the exit status is 1 if any failed.
set -u
cd "$(dirname "$0")/../.."
quick=0
cargo=0
for arg in "$@"; do
	case "$arg" in
	--quick) quick=1 ;;
	--cargo) cargo=1 ;;
	*) echo "run_all.sh: unknown option $arg" >&2 && exit 2 ;;
	esac
done
[ "${BENCH_QUICK:-0}" = "1" ] && quick=1
export BENCH_QUICK=$quick
# This checkout's package first, whatever the venv's .pth points at.
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
python=${PYTHON:-python}
failed=()

bench() {
	echo
	echo "## python $*"
	"$python" "$@" || failed+=("$*")
}

# Full-mode sizes; quick mode lets each script pick its tiny ones (unquoted: empty is no argument).
size() { [ "$quick" = 1 ] || echo "$1"; }
# shellcheck disable=SC2046

echo "## machine"
date -u
echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" --version
[ "$quick" = 1 ] && echo "quick mode: tiny sizes, the numbers mean nothing"

bench test-suite/benchmarks/verify.py
bench test-suite/benchmarks/attendance.py
bench test-suite/benchmarks/digest.py
bench test-suite/benchmarks/leave_builders.py
bench test-suite/benchmarks/approval_cards.py
bench test-suite/benchmarks/app_home.py
bench test-suite/benchmarks/timesheet_reminder.py $(size 1000)
bench test-suite/benchmarks/route_build.py
bench test-suite/benchmarks/routes_e2e.py $(size 300)
bench test-suite/benchmarks/socket_mode.py $(size 500)
bench test-suite/benchmarks/outbox.py $(size 300)

if [ "$cargo" = 1 ]; then
	echo
	echo "## cargo bench -p slack-connector-core --bench verify --bench attendance --bench route -- --quick"
	cargo bench -p slack-connector-core --bench verify --bench attendance --bench route -- --quick 2>&1 |
		grep -E '^[a-z_]+/|time:|thrpt:' || failed+=("cargo bench")
fi

echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ${#failed[@]} -gt 0 ]; then
	printf 'FAILED: %s\n' "${failed[@]}" >&2
	exit 1
fi
