#!/usr/bin/env bash
# Every benchmark of the project in one run, raw output to stdout (docs/PERFORMANCE.md appendix).
#   . .venv/bin/activate && CARGO_TARGET_DIR=target/py maturin develop --release
#   bash test-suite/benchmarks/run_all.sh 2>&1 | tee /tmp/bench.txt
set -u
cd "$(dirname "$0")/../.."
echo "## machine"
date -u
echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo)"
grep -m1 -o -w 'sha_ni' /proc/cpuinfo | sed 's/^/cpu flag: /'
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python --version
echo
echo "## python test-suite/benchmarks/verify.py"
python test-suite/benchmarks/verify.py
echo
echo "## python test-suite/benchmarks/attendance.py"
python test-suite/benchmarks/attendance.py
echo
echo "## python test-suite/benchmarks/route_build.py"
python test-suite/benchmarks/route_build.py
echo
echo "## python test-suite/benchmarks/routes_e2e.py 1000"
python test-suite/benchmarks/routes_e2e.py 1000
echo
echo "## python test-suite/benchmarks/socket_mode.py 1000"
python test-suite/benchmarks/socket_mode.py 1000
echo
echo "## python test-suite/benchmarks/timesheet_reminder.py 5000"
python test-suite/benchmarks/timesheet_reminder.py 5000
echo
echo "## python test-suite/benchmarks/outbox.py 1000"
python test-suite/benchmarks/outbox.py 1000
echo
echo "## cargo bench -p slack-connector-core --bench verify --bench attendance --bench route -- --quick"
cargo bench -p slack-connector-core --bench verify --bench attendance --bench route -- --quick 2>&1 \
	| grep -E '^[a-z_]+/|time:|thrpt:'
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
