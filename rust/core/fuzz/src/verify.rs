//! `verify_request` on arbitrary secret / headers / body, with an exact oracle.

use slack_connector_core::signature::{verify_request, SignatureError, Verifier};

/// Where the fields of a `verify_request` input start. Layout (chosen so seeds stay readable):
///
/// ```text
/// byte 0     flags: 1 = no timestamp header, 2 = no signature header,
///                   4 = replace the signature with the correct one for (secret, timestamp, body)
/// bytes 1-2  i16 LE: now − timestamp (seconds), so both edges of the 300 s window are reachable
/// then       secret \n timestamp \n signature \n body (the body is the rest, newlines and all)
/// ```
struct VerifyInput<'a> {
    flags: u8,
    skew: i64,
    secret: &'a str,
    timestamp: &'a str,
    signature: &'a str,
    body: &'a [u8],
}

fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

fn parse_verify_input(data: &[u8]) -> Option<VerifyInput<'_>> {
    let (&flags, rest) = data.split_first()?;
    let (skew, rest) = rest.split_at_checked(2)?;
    let skew = i64::from(i16::from_le_bytes([skew[0], skew[1]]));
    let (secret, rest) = split_line(rest);
    let (timestamp, rest) = split_line(rest);
    let (signature, body) = split_line(rest);
    Some(VerifyInput {
        flags,
        skew,
        // Headers and the secret are `str` on both sides of the FFI; the body is raw bytes.
        secret: std::str::from_utf8(secret).ok()?,
        timestamp: std::str::from_utf8(timestamp).ok()?,
        signature: std::str::from_utf8(signature).ok()?,
        body,
    })
}

const TOLERANCE: u64 = 300;
/// Used as "now" when the timestamp is not a number at all.
const FALLBACK_NOW: i64 = 1_531_420_618;

/// `verify_request` on arbitrary secret / headers / body: never panics, and
/// - accepts exactly when the signature equals `sign(secret, timestamp, body)` and the timestamp is
///   well-formed and within ±300 s (a forged signature is never accepted);
/// - `sign` → `verify` is `Ok` within the window, `stale_timestamp` outside it;
/// - flipping any one bit of the body, or of the signature, of an accepted request is rejected.
pub fn check_verify(data: &[u8]) {
    let Some(inp) = parse_verify_input(data) else {
        return;
    };
    let ts_value: Option<i64> = (!inp.timestamp.is_empty()
        && inp.timestamp.len() <= 18
        && inp.timestamp.bytes().all(|b| b.is_ascii_digit()))
    .then(|| inp.timestamp.parse().ok())
    .flatten();
    let now = ts_value.unwrap_or(FALLBACK_NOW).saturating_add(inp.skew);
    let verifier = Verifier::new(inp.secret, TOLERANCE);
    let blank_secret = inp.secret.trim().is_empty();
    assert_eq!(verifier.is_err(), blank_secret);

    let expected = verifier
        .as_ref()
        .ok()
        .map(|v| v.sign(inp.timestamp, inp.body));
    let signature = match (&expected, inp.flags & 4 != 0) {
        (Some(good), true) => good.as_str(),
        _ => inp.signature,
    };
    let ts_header = (inp.flags & 1 == 0).then_some(inp.timestamp);
    let sig_header = (inp.flags & 2 == 0).then_some(signature);
    let result = verify_request(inp.secret, ts_header, sig_header, inp.body, now, TOLERANCE);

    // The one-shot helper and a reused verifier agree.
    if let Ok(v) = &verifier {
        assert_eq!(v.verify(ts_header, sig_header, inp.body, now), result);
    }

    let in_window = ts_value.is_some_and(|t| now.abs_diff(t) <= TOLERANCE);
    let should_pass = !blank_secret
        && ts_header.is_some()
        && sig_header.is_some()
        && in_window
        && expected.as_deref() == Some(signature);
    assert_eq!(result.is_ok(), should_pass, "{result:?}");

    // The first failing check decides the reason, in a fixed order.
    let expected_reason = if blank_secret {
        Some("no_secret")
    } else if ts_header.is_none() || sig_header.is_none() {
        Some("missing_header")
    } else if ts_value.is_none() {
        Some("malformed_timestamp")
    } else if !in_window {
        Some("stale_timestamp")
    } else {
        None
    };
    if let Some(reason) = expected_reason {
        assert_eq!(result.as_ref().map_err(SignatureError::reason), Err(reason));
    }

    if result.is_ok() {
        let Ok(v) = &verifier else {
            unreachable!("accepted without a verifier")
        };
        // One flipped bit in the body (first, middle and last byte) or the signature's hex.
        let mut body = inp.body.to_vec();
        for i in [0, body.len() / 2, body.len().saturating_sub(1)] {
            if let Some(b) = body.get_mut(i) {
                let bit = 1u8 << (inp.flags >> 5);
                *b ^= bit;
                assert_eq!(
                    v.verify(ts_header, sig_header, &body, now),
                    Err(SignatureError::BadSignature)
                );
                body[i] ^= bit;
            }
        }
        let mut sig = signature.as_bytes().to_vec();
        let i = 3 + usize::from(inp.flags >> 2) % 64;
        // Flip to another lower-case hex digit so the signature stays well-formed.
        sig[i] = if sig[i] == b'0' { b'1' } else { b'0' };
        let sig = String::from_utf8(sig).unwrap_or_default();
        assert_eq!(
            v.verify(ts_header, Some(&sig), inp.body, now),
            Err(SignatureError::BadSignature)
        );
    }
}
