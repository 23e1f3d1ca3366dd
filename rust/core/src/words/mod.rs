//! The words of every surface, handed in by the caller (the Python catalogue
//! `frappe_slack_connector/slack/words.py`, translated with Frappe's `_()`), and the template
//! filler that puts values into them.
//!
//! One serde struct per surface; every field is required and unknown fields are refused, so a
//! catalogue that drifts from the builders is a typed error ([`WordsError`]), never a silent
//! English default. Words are plain text: a builder escapes them for mrkdwn like any user text
//! ([`Template::push_md`]) or only length-limits them in plain_text ([`Template::push_plain`]),
//! and adds Slack syntax (bold, mentions, links, emoji codes) itself.
//!
//! Templates use Frappe's positional placeholders `{0}`, `{1}` … (`{{` / `}}` for literal braces).
//! A [`Template<N>`] takes exactly `N` values: a template lacking one of `{0}`…`{N-1}` or naming
//! any other placeholder does not parse ([`TemplateError`]). [`Text`] is a template without
//! placeholders. Dates have their own named pattern ([`DateWords`]).
//!
//! Per surface: [`leave`], [`home`], [`channel`], [`timesheet`], [`who`], [`away`], [`digest`]; the filler is [`template`] and the
//! date words are [`dates`]; [`Catalogue`] holds them all.

use serde::Deserialize;
use serde_json::Value;

pub mod away;
pub mod channel;
pub mod dates;
pub mod digest;
pub mod home;
pub mod leave;
pub mod template;
pub mod timesheet;
pub mod who;

pub use away::{AwayStatusWords, AwayWords, StatusTemplate};
pub use channel::{KindWords, LateLeaveWords, SummaryWords, TestMessageWords};
pub use dates::{DateField, DatePattern, DateWords};
pub use digest::DigestWords;
pub use home::HomeWords;
pub use leave::{
    LeaveWords, LineWords, ModalWords, NoticeWords, PeriodWords, RejectWords, ReminderWords,
    StatusWords, UnfurlWords, ViewErrorWords,
};
pub use template::{Template, Text};
pub use timesheet::TimesheetWords;
pub use who::WhoIsOutWords;

/// A template that does not parse, or does not take the placeholders its word needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("the placeholder {{{0}}} is missing")]
    MissingPlaceholder(String),
    #[error("unknown placeholder {{{0}}}")]
    UnknownPlaceholder(String),
    #[error(
        "an unmatched `{{` or `}}` at character {0} (write `{{{{` / `}}}}` for a literal brace)"
    )]
    UnmatchedBrace(usize),
}

/// A words dict that does not fit its surface: a missing or unknown key, a value of the wrong
/// type, or a template error (the message names the key).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid words for {surface}: {detail}")]
pub struct WordsError {
    pub surface: &'static str,
    pub detail: String,
}

impl WordsError {
    /// Stable reason code (Python: `InputError.reason`).
    pub fn reason(&self) -> &'static str {
        "bad_words"
    }
}

/// A words struct for one surface.
pub trait Surface: for<'de> Deserialize<'de> {
    /// The surface's name in errors (`"modal"`, `"summary"` …).
    const NAME: &'static str;

    /// The words of this surface from their JSON form.
    fn from_value(value: Value) -> Result<Self, WordsError> {
        serde_json::from_value(value).map_err(|e| WordsError {
            surface: Self::NAME,
            detail: e.to_string(),
        })
    }
}

/// Every surface's words of one language, as the catalogue returns them (`words.catalogue(lang)`
/// in Python); the Rust tests read the English and German ones from `tests/fixtures`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub modal: ModalWords,
    pub reject_modal: RejectWords,
    pub view_errors: ViewErrorWords,
    pub leave_messages: LeaveWords,
    pub notices: NoticeWords,
    pub summary: SummaryWords,
    pub late_leave_note: LateLeaveWords,
    pub test_message: TestMessageWords,
    pub home: HomeWords,
    pub timesheet: TimesheetWords,
    pub reminder: ReminderWords,
    pub who_is_out: WhoIsOutWords,
    pub away: AwayWords,
    pub unfurl: UnfurlWords,
    pub digest: DigestWords,
}

impl Surface for Catalogue {
    const NAME: &'static str = "catalogue";
}

/// The catalogues of `tests/fixtures` (written from the Python catalogue; a pytest checks they
/// still match it), for tests, benches and the fuzz crate.
#[cfg(any(test, feature = "testing"))]
pub mod fixtures {
    use super::{Catalogue, Surface, WordsError};

    fn load(json: &str) -> Result<Catalogue, WordsError> {
        let value = serde_json::from_str(json).map_err(|e| WordsError {
            surface: Catalogue::NAME,
            detail: e.to_string(),
        })?;
        Catalogue::from_value(value)
    }

    /// English, as `words.catalogue("en")` returns it.
    pub fn english() -> Result<Catalogue, WordsError> {
        load(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/words_en.json"
        )))
    }

    /// German, as `words.catalogue("de")` returns it with `translations/de.csv`.
    pub fn german() -> Result<Catalogue, WordsError> {
        load(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/words_de.json"
        )))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::borrow::Cow;

    use serde_json::json;

    use super::*;

    #[test]
    fn templates_fill_positional_placeholders() {
        let t = Template::<2>::parse("{1} before {0}, {0} again").unwrap();
        assert_eq!(t.plain(["a", "b"]), "b before a, a again");
        let t = Text::parse("no {{braces}} here").unwrap();
        assert_eq!(t.as_plain(), "no {braces} here");
        assert_eq!(Template::<1>::parse("{0}").unwrap().plain(["x"]), "x");
        assert_eq!(Text::parse("").unwrap().as_plain(), "");
    }

    #[test]
    fn a_missing_or_unknown_placeholder_is_an_error() {
        assert_eq!(
            Template::<2>::parse("only {0}"),
            Err(TemplateError::MissingPlaceholder("1".into()))
        );
        assert_eq!(
            Template::<1>::parse("{0} and {1}"),
            Err(TemplateError::UnknownPlaceholder("1".into()))
        );
        assert_eq!(
            Text::parse("stray {0}"),
            Err(TemplateError::UnknownPlaceholder("0".into()))
        );
        for bad in ["{name}", "{}", "{ 0}", "{+0}", "{0:>3}"] {
            assert!(
                matches!(
                    Template::<1>::parse(bad),
                    Err(TemplateError::UnknownPlaceholder(_))
                ),
                "{bad}"
            );
        }
        assert_eq!(
            Template::<1>::parse("{0"),
            Err(TemplateError::UnmatchedBrace(1))
        );
        assert_eq!(
            Template::<1>::parse("{0} }"),
            Err(TemplateError::UnmatchedBrace(5))
        );
        assert_eq!(
            Template::<1>::parse("a {{0}"),
            Err(TemplateError::UnmatchedBrace(6))
        );
    }

    #[test]
    fn mrkdwn_escapes_the_words_not_the_values() {
        let t = Template::<1>::parse("<b>Tom & {0}</b>").unwrap();
        assert_eq!(t.md(["*<@U1>*"]), "&lt;b&gt;Tom &amp; *<@U1>*&lt;/b&gt;");
        // plain_text is shown verbatim: nothing to escape.
        assert_eq!(t.plain(["*x*"]), "<b>Tom & *x*</b>");
        // A word cannot ping anyone.
        assert_eq!(
            Text::parse("<!channel>").unwrap().as_md(),
            "&lt;!channel&gt;"
        );
    }

    #[test]
    fn escaped_templates_write_what_push_md_writes() {
        let t = Template::<1>::parse("a <b> & {0} {{c}}").unwrap();
        let mut written = String::new();
        t.escaped_md()
            .write(&mut written, |i, out| out.push_str(&i.to_string()));
        assert_eq!(written, t.md(["0"]));
        assert_eq!(written, "a &lt;b&gt; &amp; 0 {c}");
    }

    #[test]
    fn date_words_are_escaped_only_when_needed() {
        let en = fixtures::english().unwrap().summary.dates;
        assert!(matches!(en.escaped_md(), Cow::Borrowed(_)));
        let mut odd = en.clone();
        odd.months[11] = "D<e>c".into();
        odd.pattern = DatePattern::parse("{month} & {day} {year}").unwrap();
        let escaped = odd.escaped_md();
        assert_eq!(escaped.months[11], "D&lt;e&gt;c");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(
            crate::dates::display_date(day, &escaped),
            "D&lt;e&gt;c &amp; 04 2026"
        );
    }

    #[test]
    fn date_patterns_need_month_day_and_year() {
        let p = DatePattern::parse("{weekday}, {day}. {month} {year}").unwrap();
        let pieces: Vec<_> = p.pieces().collect();
        assert_eq!(
            pieces,
            [
                Err(DateField::Weekday),
                Ok(", "),
                Err(DateField::Day),
                Ok(". "),
                Err(DateField::Month),
                Ok(" "),
                Err(DateField::Year)
            ]
        );
        assert!(DatePattern::parse("{day}.{month}.{year}").is_ok());
        assert_eq!(
            DatePattern::parse("{day} {month}"),
            Err(TemplateError::MissingPlaceholder("year".into()))
        );
        assert_eq!(
            DatePattern::parse("{day} {month} {year} {0}"),
            Err(TemplateError::UnknownPlaceholder("0".into()))
        );
    }

    #[test]
    fn a_missing_or_unknown_key_is_a_words_error() {
        let mut value = serde_json::to_value(json!({
            "can_post": "{0} can post.",
            "can_post_from": "{0} can post from {1}.",
            "sent_by": "Sent."
        }))
        .unwrap();
        assert!(TestMessageWords::from_value(value.clone()).is_ok());

        value.as_object_mut().unwrap().remove("sent_by");
        let err = TestMessageWords::from_value(value.clone()).unwrap_err();
        assert_eq!(err.surface, "test message");
        assert!(err.detail.contains("missing field `sent_by`"), "{err}");
        assert_eq!(err.reason(), "bad_words");

        value["sent_by"] = json!("Sent.");
        value["extra"] = json!("?");
        let err = TestMessageWords::from_value(value.clone()).unwrap_err();
        assert!(err.detail.contains("unknown field `extra`"), "{err}");

        value.as_object_mut().unwrap().remove("extra");
        value["can_post_from"] = json!("{0} can post.");
        let err = TestMessageWords::from_value(value.clone()).unwrap_err();
        assert!(
            err.detail.contains("the placeholder {1} is missing"),
            "{err}"
        );

        value["can_post_from"] = json!(3);
        let err = TestMessageWords::from_value(value).unwrap_err();
        assert!(
            err.detail
                .contains("a template with the placeholders {0} to {1}"),
            "{err}"
        );
    }

    #[test]
    fn dates_take_exactly_12_months_and_7_weekdays() {
        let months: Vec<String> = (1..=12).map(|m| format!("M{m}")).collect();
        let days: Vec<String> = (1..=7).map(|d| format!("D{d}")).collect();
        let ok = json!({"months": months, "weekdays": days, "pattern": "{day} {month} {year}"});
        assert!(DateWords::from_value(ok).is_ok());
        let short =
            json!({"months": &months[..11], "weekdays": days, "pattern": "{day} {month} {year}"});
        assert!(DateWords::from_value(short).is_err());
    }

    #[test]
    fn the_fixtures_are_complete_catalogues() {
        let en = fixtures::english().unwrap();
        assert_eq!(en.modal.title.as_plain(), "Apply for Leave");
        let de = fixtures::german().unwrap();
        assert_ne!(de.modal.title, en.modal.title);
    }
}
