//! Slack request signing (v0): HMAC-SHA256 over `v0:{timestamp}:{raw body}`.
//!
//! Follows Slack's "Verifying requests from Slack" rules; the comparison is constant time and the
//! timestamp window is enforced in both directions so a captured request cannot be replayed later
//! and a forged far-future timestamp cannot extend a request's life.

use hmac::{KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = hmac::Hmac<Sha256>;

/// Slack's documented replay window.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

const VERSION_PREFIX: &str = "v0=";
const DIGEST_HEX_LEN: usize = 64;

/// Why a request was rejected. `reason()` is a stable code for logs and the Python API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("no signing secret is configured")]
    NoSecret,
    #[error("request lacks the {0} header")]
    MissingHeader(&'static str),
    #[error("request timestamp is not a whole number of seconds")]
    MalformedTimestamp,
    #[error("request timestamp is {skew_secs} s away from now (allowed: {tolerance_secs} s)")]
    StaleTimestamp { skew_secs: u64, tolerance_secs: u64 },
    #[error("signature is not of the form v0=<64 hex digits>")]
    MalformedSignature,
    #[error("signature does not match the request")]
    BadSignature,
    /// HMAC takes keys of any length, so this is not expected; typed rather than hidden.
    #[error("the signing secret cannot key HMAC-SHA256")]
    UnusableSecret,
}

impl SignatureError {
    /// Stable machine-readable reason code.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::NoSecret => "no_secret",
            Self::MissingHeader(_) => "missing_header",
            Self::MalformedTimestamp => "malformed_timestamp",
            Self::StaleTimestamp { .. } => "stale_timestamp",
            Self::MalformedSignature => "malformed_signature",
            Self::BadSignature => "bad_signature",
            Self::UnusableSecret => "unusable_secret",
        }
    }
}

/// Header names, as Slack sends them (HTTP header names are case-insensitive).
pub const TIMESTAMP_HEADER: &str = "X-Slack-Request-Timestamp";
pub const SIGNATURE_HEADER: &str = "X-Slack-Signature";

/// Verifies Slack request signatures with one signing secret.
#[derive(Clone)]
pub struct Verifier {
    /// HMAC state already keyed with the secret; each request clones it (no key schedule per
    /// request).
    keyed: HmacSha256,
    tolerance_secs: u64,
}

impl std::fmt::Debug for Verifier {
    // The secret must never reach a log line, even through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("secret", &"<redacted>")
            .field("tolerance_secs", &self.tolerance_secs)
            .finish()
    }
}

impl Verifier {
    /// A verifier for `secret`; an empty (or all-whitespace) secret is refused so that a site that
    /// was never configured rejects requests instead of trusting them.
    pub fn new(secret: &str, tolerance_secs: u64) -> Result<Self, SignatureError> {
        if secret.trim().is_empty() {
            return Err(SignatureError::NoSecret);
        }
        let keyed = HmacSha256::new_from_slice(secret.as_bytes())
            .map_err(|_| SignatureError::UnusableSecret)?;
        Ok(Self {
            keyed,
            tolerance_secs,
        })
    }

    /// Checks one request. `now` is the current Unix time in seconds.
    pub fn verify(
        &self,
        timestamp: Option<&str>,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<(), SignatureError> {
        let timestamp = timestamp.ok_or(SignatureError::MissingHeader(TIMESTAMP_HEADER))?;
        let signature = signature.ok_or(SignatureError::MissingHeader(SIGNATURE_HEADER))?;
        let sent_at = parse_timestamp(timestamp)?;
        let skew_secs = now.abs_diff(sent_at);
        if skew_secs > self.tolerance_secs {
            return Err(SignatureError::StaleTimestamp {
                skew_secs,
                tolerance_secs: self.tolerance_secs,
            });
        }
        let claimed = decode_signature(signature)?;
        let expected = self.digest(timestamp, body);
        if bool::from(expected.as_slice().ct_eq(&claimed)) {
            Ok(())
        } else {
            Err(SignatureError::BadSignature)
        }
    }

    /// `v0=<hex>` for a request: what Slack would send. **Testing only** (Rust unit, integration
    /// and fuzz tests, benches): built with `cfg(test)` or the `testing` feature, never into the
    /// Python extension, so production code has no way to mint signatures.
    #[cfg(any(test, feature = "testing"))]
    pub fn sign(&self, timestamp: &str, body: &[u8]) -> String {
        format!(
            "{VERSION_PREFIX}{}",
            hex::encode(self.digest(timestamp, body))
        )
    }

    fn digest(&self, timestamp: &str, body: &[u8]) -> [u8; 32] {
        let mut mac = self.keyed.clone();
        mac.update(b"v0:");
        mac.update(timestamp.as_bytes());
        mac.update(b":");
        mac.update(body);
        mac.finalize().into_bytes().into()
    }
}

/// Slack sends whole seconds as ASCII digits; anything else (signs, spaces, fractions) is refused.
fn parse_timestamp(raw: &str) -> Result<i64, SignatureError> {
    if raw.is_empty() || raw.len() > 18 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SignatureError::MalformedTimestamp);
    }
    raw.parse().map_err(|_| SignatureError::MalformedTimestamp)
}

fn decode_signature(raw: &str) -> Result<[u8; 32], SignatureError> {
    let hex_part = raw
        .strip_prefix(VERSION_PREFIX)
        // Slack sends lower-case hex; anything else is not a Slack signature.
        .filter(|h| {
            h.len() == DIGEST_HEX_LEN && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        })
        .ok_or(SignatureError::MalformedSignature)?;
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex_part, &mut out).map_err(|_| SignatureError::MalformedSignature)?;
    Ok(out)
}

/// One-shot helper: build a verifier and check a request.
pub fn verify_request(
    secret: &str,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: i64,
    tolerance_secs: u64,
) -> Result<(), SignatureError> {
    Verifier::new(secret, tolerance_secs)?.verify(timestamp, signature, body, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Slack's documented example (docs.slack.dev/authentication/verifying-requests-from-slack),
    // also used verbatim by slack_sdk's signature tests.
    const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
    const TS: &str = "1531420618";
    const BODY: &str = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const SIG: &str = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    const NOW: i64 = 1_531_420_618;

    fn check(
        ts: Option<&str>,
        sig: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<(), SignatureError> {
        verify_request(SECRET, ts, sig, body, now, DEFAULT_TOLERANCE_SECS)
    }

    #[test]
    fn slack_documented_example_verifies() {
        assert_eq!(check(Some(TS), Some(SIG), BODY.as_bytes(), NOW), Ok(()));
        let v = Verifier::new(SECRET, 300)
            .map_err(|e| e.reason())
            .unwrap_or_else(|r| unreachable!("{r}"));
        assert_eq!(v.sign(TS, BODY.as_bytes()), SIG);
    }

    #[test]
    fn reason_codes_are_stable() {
        let cases = [
            (SignatureError::NoSecret, "no_secret"),
            (
                SignatureError::MissingHeader(TIMESTAMP_HEADER),
                "missing_header",
            ),
            (SignatureError::MalformedTimestamp, "malformed_timestamp"),
            (
                SignatureError::StaleTimestamp {
                    skew_secs: 1,
                    tolerance_secs: 0,
                },
                "stale_timestamp",
            ),
            (SignatureError::MalformedSignature, "malformed_signature"),
            (SignatureError::BadSignature, "bad_signature"),
        ];
        for (err, code) in cases {
            assert_eq!(err.reason(), code);
        }
    }

    #[test]
    fn empty_secret_is_no_secret() {
        for secret in ["", "   ", "\n"] {
            let r = verify_request(secret, Some(TS), Some(SIG), BODY.as_bytes(), NOW, 300);
            assert_eq!(r, Err(SignatureError::NoSecret));
        }
    }

    #[test]
    fn missing_headers() {
        assert_eq!(
            check(None, Some(SIG), b"", NOW),
            Err(SignatureError::MissingHeader(TIMESTAMP_HEADER))
        );
        assert_eq!(
            check(Some(TS), None, b"", NOW),
            Err(SignatureError::MissingHeader(SIGNATURE_HEADER))
        );
    }

    #[test]
    fn malformed_timestamps() {
        for ts in [
            "",
            "abc",
            "-1531420618",
            "+1531420618",
            " 1531420618",
            "1531420618.5",
            "99999999999999999999",
        ] {
            assert_eq!(
                check(Some(ts), Some(SIG), BODY.as_bytes(), NOW),
                Err(SignatureError::MalformedTimestamp),
                "{ts:?}"
            );
        }
    }

    #[test]
    fn window_is_enforced_both_ways() {
        let body = BODY.as_bytes();
        assert_eq!(check(Some(TS), Some(SIG), body, NOW + 300), Ok(()));
        assert_eq!(check(Some(TS), Some(SIG), body, NOW - 300), Ok(()));
        assert!(matches!(
            check(Some(TS), Some(SIG), body, NOW + 301),
            Err(SignatureError::StaleTimestamp { skew_secs: 301, .. })
        ));
        assert!(matches!(
            check(Some(TS), Some(SIG), body, NOW - 301),
            Err(SignatureError::StaleTimestamp { skew_secs: 301, .. })
        ));
        // The window is checked before the signature, so a replay is reported as stale.
        assert_eq!(
            check(Some(TS), Some("v0=zz"), body, NOW + 10_000).map_err(|e| e.reason()),
            Err("stale_timestamp")
        );
    }

    #[test]
    fn malformed_signatures() {
        let short = &SIG[..SIG.len() - 2];
        let upper_prefix = SIG.replacen("v0=", "V0=", 1);
        let v1 = SIG.replacen("v0=", "v1=", 1);
        let non_hex = format!("v0={}", "g".repeat(64));
        let long = format!("{SIG}00");
        for sig in [
            "",
            "v0=",
            short,
            &upper_prefix,
            &v1,
            &non_hex,
            &long,
            "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
        ] {
            assert_eq!(
                check(Some(TS), Some(sig), BODY.as_bytes(), NOW),
                Err(SignatureError::MalformedSignature),
                "{sig:?}"
            );
        }
    }

    #[test]
    fn tampering_is_detected() {
        let mut body = BODY.as_bytes().to_vec();
        body[10] ^= 1;
        assert_eq!(
            check(Some(TS), Some(SIG), &body, NOW),
            Err(SignatureError::BadSignature)
        );
        let other_secret = verify_request(
            "8f742231b10e8888abcd99yyyzzz85a6",
            Some(TS),
            Some(SIG),
            BODY.as_bytes(),
            NOW,
            300,
        );
        assert_eq!(other_secret, Err(SignatureError::BadSignature));
        let flipped = SIG.replacen("a2114d", "a2114e", 1);
        assert_eq!(
            check(Some(TS), Some(&flipped), BODY.as_bytes(), NOW),
            Err(SignatureError::BadSignature)
        );
        // The timestamp is part of the signed string.
        assert_eq!(
            check(Some("1531420619"), Some(SIG), BODY.as_bytes(), NOW),
            Err(SignatureError::BadSignature)
        );
    }

    #[test]
    fn a_digest_one_hex_digit_off_is_refused() {
        // Slack's example digest with only its last digit changed (…503 → …502), then only its
        // first (a2… → b2…): same length, same alphabet, so well-formed and refused as a mismatch.
        let last = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b502";
        let first = "v0=b2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        for sig in [last, first] {
            assert_eq!(
                check(Some(TS), Some(sig), BODY.as_bytes(), NOW),
                Err(SignatureError::BadSignature),
                "{sig}"
            );
        }
        // And every other single-digit change, at every position.
        for (i, digit) in SIG.char_indices().skip(VERSION_PREFIX.len()) {
            for other in "0123456789abcdef".chars().filter(|&c| c != digit) {
                let mut sig = SIG.to_owned();
                sig.replace_range(i..=i, &other.to_string());
                assert_eq!(
                    check(Some(TS), Some(&sig), BODY.as_bytes(), NOW),
                    Err(SignatureError::BadSignature),
                    "{sig}"
                );
            }
        }
    }

    #[test]
    fn uppercase_hex_digest_is_malformed() {
        // Slack's rule is lower-case hex, and slack_sdk compares the strings: stay in step.
        let upper = format!("v0={}", SIG[3..].to_uppercase());
        assert_eq!(
            check(Some(TS), Some(&upper), BODY.as_bytes(), NOW),
            Err(SignatureError::MalformedSignature)
        );
    }

    #[test]
    fn empty_non_utf8_and_large_bodies() -> Result<(), SignatureError> {
        let v = Verifier::new(SECRET, 300)?;
        let mut one_mib = vec![0u8; 1 << 20];
        for (i, b) in one_mib.iter_mut().enumerate() {
            *b = (i % 251) as u8;
        }
        for body in [&b""[..], &[0xff, 0xfe, 0x00, 0x80][..], &one_mib[..]] {
            let sig = v.sign(TS, body);
            assert_eq!(v.verify(Some(TS), Some(&sig), body, NOW), Ok(()));
            let mut tampered = body.to_vec();
            tampered.push(b'x');
            assert_eq!(
                v.verify(Some(TS), Some(&sig), &tampered, NOW),
                Err(SignatureError::BadSignature)
            );
        }
        Ok(())
    }

    #[test]
    fn debug_never_shows_the_secret() -> Result<(), SignatureError> {
        let v = Verifier::new(SECRET, 300)?;
        assert!(!format!("{v:?}").contains(SECRET));
        Ok(())
    }
}
