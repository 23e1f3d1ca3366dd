#!/usr/bin/env bash
# Replays a corpus through a built fuzz target, one input at a time, and reports the slowest
# inputs (libFuzzer prints "Executed <file> in <N> ms" for each file it is given).
#
#   RUSTC_BOOTSTRAP=1 cargo fuzz build -O            # from rust/core
#   rust/core/fuzz/time_corpus.sh route_interaction [corpus dir...]
#
# Defaults to fuzz/corpus/<target> and fuzz/seeds/<target>. Each input is run RUNS times (default
# 20) and its mean time per run compared with LIMIT_MS (default 10): a single run is at the mercy
# of the scheduler on a shared machine, the mean is not. Fails if any input's mean exceeds it.
set -euo pipefail
cd "$(dirname "$0")"
target=$1
shift
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=("corpus/$target" "seeds/$target")
bin=target/x86_64-unknown-linux-gnu/release/$target
[ -x "$bin" ] || { echo "build it first: RUSTC_BOOTSTRAP=1 cargo fuzz build -O" >&2; exit 2; }
limit_ms=${LIMIT_MS:-10}
runs=${RUNS:-20}
find "${dirs[@]}" -type f -print0 |
	xargs -0 -n 500 "$bin" -timeout=1 -runs="$runs" 2>&1 |
	awk -v limit="$limit_ms" -v runs="$runs" '
		/^Executed / {
			n++; ms = $(NF-1) / runs; sum += ms
			if (ms > max) { max = ms; slowest = $2 }
			if (ms > limit) slow++
		}
		END {
			printf "inputs: %d  runs each: %d  mean per input: %.3f ms  slowest: %.2f ms (%s)  over %d ms: %d\n",
				n, runs, (n ? sum / n : 0), max, slowest, limit, slow
			exit (slow > 0 || n == 0)
		}'
