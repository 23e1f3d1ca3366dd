//! Pure-Rust core of frappe_slack_connector: everything security- or logic-heavy, no Python.
//!
//! - [`signature`]: Slack v0 request verification.
//! - [`mrkdwn`] and [`limits`]: escaping user text and fitting Slack's limits.
//! - [`delivery`]: the outbox's rules: retry or not, when, and finding a post after an unknown
//!   outcome.
//! - [`dates`]: the one strict `YYYY-MM-DD` parser and the display format of every message.
//! - [`slack_id`] and [`half_period`]: the Slack user id rule and the half-day period, shared by
//!   routing, the leave messages and the summary.
//! - [`interaction`]: parsing and routing of interaction payloads, leave form validation.
//! - [`absence`]: who is out today, and the daily summary's send gate.
//! - [`blocks`]: Block Kit builders for every message and modal the app sends.
//! - [`render`]: block JSON back into typed blocks, rendered as Markdown for dry runs.
//! - [`manifest`]: the Slack app manifest for a site and the bot scopes (single source).
//! - [`socket_mode`]: Socket Mode frames read and envelopes acknowledged.
//! - [`words`]: the words of every surface, handed in by the caller in the reader's language, and
//!   the template filler.

pub mod absence;
pub mod blocks;
pub mod dates;
pub mod delivery;
pub mod half_period;
pub mod interaction;
pub mod limits;
pub mod manifest;
pub mod mrkdwn;
pub mod render;
pub mod signature;
pub mod slack_id;
pub mod socket_mode;
pub mod words;
