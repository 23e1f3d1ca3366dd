//! The "send today's summary now?" gate, as a pure function of the clock and the settings.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// The Slack Settings that decide whether the summary goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateSettings {
    pub enabled: bool,
    /// Site-local time of day from which today's summary may be sent.
    pub send_time: NaiveTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    Disabled,
    Holiday,
    AlreadySent,
    BeforeTime,
}

/// The gate's verdict for one scheduler tick (not to be confused with an approver's
/// `interaction::Decision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendVerdict {
    Send,
    Skip(SkipReason),
}

impl SendVerdict {
    /// Stable code: `ok`, `disabled`, `holiday`, `already_sent`, `before_time`.
    pub fn reason(self) -> &'static str {
        match self {
            Self::Send => "ok",
            Self::Skip(SkipReason::Disabled) => "disabled",
            Self::Skip(SkipReason::Holiday) => "holiday",
            Self::Skip(SkipReason::AlreadySent) => "already_sent",
            Self::Skip(SkipReason::BeforeTime) => "before_time",
        }
    }

    pub fn is_send(self) -> bool {
        self == Self::Send
    }
}

/// Whether the scheduler tick at `now` (site-local) should send today's summary.
///
/// Checks in the order disabled → holiday → already sent → before time, so the reason names the
/// most permanent obstacle. A `last_sent` after today (clock or timezone moved back) also counts
/// as already sent: a skipped day is better than a duplicate.
pub fn should_send(
    now: NaiveDateTime,
    settings: GateSettings,
    is_holiday: bool,
    last_sent: Option<NaiveDate>,
) -> SendVerdict {
    let today = now.date();
    if !settings.enabled {
        SendVerdict::Skip(SkipReason::Disabled)
    } else if is_holiday {
        SendVerdict::Skip(SkipReason::Holiday)
    } else if last_sent.is_some_and(|d| d >= today) {
        SendVerdict::Skip(SkipReason::AlreadySent)
    } else if now.time() < settings.send_time {
        SendVerdict::Skip(SkipReason::BeforeTime)
    } else {
        SendVerdict::Send
    }
}
