#!/usr/bin/env bash
# Every benchmark of the project in one run, raw output to stdout (docs/PERFORMANCE.md appendix).
#   . .venv/bin/activate && CARGO_TARGET_DIR=target/py maturin develop --release
#   bash benchmarks/run_all.sh 2>&1 | tee /tmp/bench.txt
set -u
cd "$(dirname "$0")/.."
echo "## machine"
date -u
echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo)"
grep -m1 -o -w 'sha_ni' /proc/cpuinfo | sed 's/^/cpu flag: /'
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python --version
echo
echo "## python benchmarks/verify.py"
python benchmarks/verify.py
echo
echo "## python benchmarks/attendance.py"
python benchmarks/attendance.py
echo
echo "## python benchmarks/route_build.py"
python benchmarks/route_build.py
echo
echo "## python benchmarks/routes_e2e.py 1000"
python benchmarks/routes_e2e.py 1000
echo
echo "## python benchmarks/socket_mode.py 1000"
python benchmarks/socket_mode.py 1000
echo
echo "## python benchmarks/timesheet_reminder.py 5000"
python benchmarks/timesheet_reminder.py 5000
echo
echo "## cargo bench -p slack-connector-core --bench verify --bench attendance --bench route -- --quick"
cargo bench -p slack-connector-core --bench verify --bench attendance --bench route -- --quick 2>&1 \
	| grep -E '^[a-z_]+/|time:|thrpt:'
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
