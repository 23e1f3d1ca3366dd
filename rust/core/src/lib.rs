//! Pure-Rust core of frappe_slack_connector: everything security- or logic-heavy, no Python.
//!
//! - [`signature`]: Slack v0 request verification.
//! - [`mrkdwn`] and [`limits`]: escaping user text and fitting Slack's limits.
//! - [`blocks`]: Block Kit builders for every message and modal the app sends.
//! - [`interaction`]: parsing and routing of interaction payloads, leave form validation.
//! - [`attendance`]: who is out today, and the daily summary gate.
//! - [`render`]: block JSON back into typed blocks, rendered as Markdown for dry runs.
//! - [`manifest`]: the Slack app manifest for a site and the bot scopes (single source).

pub mod attendance;
pub mod blocks;
pub mod interaction;
pub mod limits;
pub mod manifest;
pub mod mrkdwn;
pub mod render;
pub mod signature;
