//! The words of "While you are away": the Home tab's section, the consent modal, and the status
//! template an admin sets in Slack Settings (`{date}`: the last day of the leave).

use serde::de::{self, Deserializer};
use serde::Deserialize;

use super::dates::DateWords;
use super::template::{parse_parts, Part};
use super::{Surface, TemplateError, Text};

/// The Home tab's "While you are away" section and the consent modal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwayWords {
    pub header: Text,
    /// Not consented yet: what showing leave in Slack does.
    pub offer: Text,
    pub show: Text,
    /// Consented: what happens during leave.
    pub on: Text,
    pub stop: Text,
    pub dnd_on: Text,
    pub dnd_off: Text,
    pub dnd_turn_on: Text,
    pub dnd_turn_off: Text,
    /// Slack did not grant `dnd:write`: how to get it.
    pub dnd_unavailable: Text,
    pub modal_title: Text,
    pub modal_text: Text,
    pub authorize: Text,
    pub close: Text,
}

impl Surface for AwayWords {
    const NAME: &'static str = "away";
}

/// The status text with its one named placeholder `{date}` (any number of times, or none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusTemplate {
    parts: Vec<Part<()>>,
}

impl StatusTemplate {
    pub fn parse(s: &str) -> Result<Self, TemplateError> {
        let parts = parse_parts(s, |name| (name == "date").then_some(()))?;
        Ok(Self { parts })
    }

    /// The status text with `date` in place of `{date}`.
    pub fn fill(&self, date: &str) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Arg(()) => out.push_str(date),
            }
        }
        out
    }
}

impl<'de> Deserialize<'de> for StatusTemplate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        StatusTemplate::parse(&s).map_err(|e| de::Error::custom(format!("{e} in {s:?}")))
    }
}

/// What the status says, from Slack Settings (the defaults translated) and the person's language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwayStatusWords {
    pub text: StatusTemplate,
    /// `:name:`; anything else falls back to `:palm_tree:`.
    pub emoji: String,
    pub dates: DateWords,
}

impl Surface for AwayStatusWords {
    const NAME: &'static str = "away status";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_template_takes_date_only() {
        let t = StatusTemplate::parse("On leave until {date}")
            .unwrap_or_else(|_| StatusTemplate { parts: vec![] });
        assert_eq!(t.fill("Fri, Dec 11"), "On leave until Fri, Dec 11");
        assert_eq!(
            StatusTemplate::parse("Away").map(|t| t.fill("x")),
            Ok("Away".to_owned())
        );
        assert_eq!(
            StatusTemplate::parse("Back {0}"),
            Err(TemplateError::UnknownPlaceholder("0".into()))
        );
    }
}
