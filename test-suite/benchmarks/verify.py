"""Request verification, side by side, in one run.

    python test-suite/benchmarks/verify.py

Compares `core.verify_request` (Rust) with slack_sdk's `SignatureVerifier.is_valid` and a plain
`hmac` + `compare_digest` check, at 1 KiB, 4 KiB and 1 MiB bodies; at 1 MiB it also reports
throughput against OpenSSL's SHA-256 (through hashlib, and `openssl speed` when installed).
"""

from __future__ import annotations

import hashlib
import hmac
import shutil
import subprocess
import time
import timeit

from slack_sdk.signature import SignatureVerifier

from frappe_slack_connector import core

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
KEY = SECRET.encode()
SIZES = {"1 KiB": 1 << 10, "4 KiB": 4 << 10, "1 MiB": 1 << 20}


def sign(body: bytes, ts: str) -> str:
	"""What Slack would send (the native module exports no signing: it is not production code)."""
	return "v0=" + hmac.new(KEY, b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()


def per_call(fn, budget: float = 0.6) -> float:
	"""Best-of-5 seconds per call, auto-ranged to roughly `budget` seconds per repeat."""
	timer = timeit.Timer(fn)
	number, _ = timer.autorange()
	number = max(1, int(number * budget / 0.2))
	return min(timer.repeat(repeat=5, number=number)) / number


def openssl_speed_mb_s() -> float | None:
	if not shutil.which("openssl"):
		return None
	out = subprocess.run(
		["openssl", "speed", "-evp", "sha256", "-seconds", "2", "-bytes", str(1 << 20)],
		capture_output=True,
		text=True,
		check=False,
	).stdout
	for line in out.splitlines():
		if line.lower().startswith("sha256"):
			# "sha256  <bytes/s in thousands>k": the last column is in 1000s of bytes per second.
			return float(line.split()[-1].rstrip("k")) * 1000 / 1e6
	return None


def main() -> None:
	now = int(time.time())
	ts = str(now)
	sdk = SignatureVerifier(SECRET)
	print(f"{'body':>6} | {'rust core':>12} | {'slack_sdk':>12} | {'hmac':>12} | rust/sdk | rust/hmac")
	for label, size in SIZES.items():
		body_bytes = (b"payload=%7B%22type%22%3A%22block_actions%22" * (size // 40 + 1))[:size]
		body_text = body_bytes.decode()
		sig = sign(body_bytes, ts)

		def rust(body_bytes=body_bytes, sig=sig):
			core.verify_request(SECRET, ts, sig, body_bytes, now=now)

		def slack(body_text=body_text, sig=sig):
			assert sdk.is_valid(body_text, ts, sig)

		def plain(body_bytes=body_bytes, sig=sig):
			mac = hmac.new(KEY, b"v0:" + ts.encode() + b":" + body_bytes, hashlib.sha256)
			assert hmac.compare_digest("v0=" + mac.hexdigest(), sig)

		r, s, p = per_call(rust), per_call(slack), per_call(plain)
		print(
			f"{label:>6} | {1 / r:>10,.0f}/s | {1 / s:>10,.0f}/s | {1 / p:>10,.0f}/s | {s / r:>7.2f}x | {p / r:>8.2f}x"
		)
		if size == 1 << 20:
			sha = per_call(lambda body_bytes=body_bytes: hashlib.sha256(body_bytes).digest())
			rust_mb_s = size / r / 1e6
			print(
				f"\n1 MiB throughput: rust verify {rust_mb_s:,.0f} MB/s, hashlib (OpenSSL) sha256 {size / sha / 1e6:,.0f} MB/s"
			)
			print(f"  rust / hashlib-OpenSSL = {sha / r:.2f}x")
			speed = openssl_speed_mb_s()
			if speed:
				print(
					f"  openssl speed -evp sha256 (1 MiB blocks): {speed:,.0f} MB/s; rust / openssl = {rust_mb_s / speed:.2f}x"
				)


if __name__ == "__main__":
	main()
