//! How someone is out on a given day: what one absence row says, and what the summary groups by.

use std::fmt;

use crate::half_period::HalfPeriod;

/// How someone is out today; the declaration order is the order of the groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AbsenceKind {
    FullDay,
    /// A half day whose period was not recorded.
    HalfDay,
    FirstHalf,
    SecondHalf,
}

impl AbsenceKind {
    pub const ALL: [Self; 4] = [
        Self::FullDay,
        Self::HalfDay,
        Self::FirstHalf,
        Self::SecondHalf,
    ];

    /// A stable code for logs and tests (`full_day` …); what a reader sees are the words of
    /// `blocks::channel::kind_label`.
    pub fn code(self) -> &'static str {
        match self {
            Self::FullDay => "full_day",
            Self::HalfDay => "half_day",
            Self::FirstHalf => "first_half",
            Self::SecondHalf => "second_half",
        }
    }

    pub(super) fn from_half(period: Option<HalfPeriod>) -> Self {
        match period {
            None => Self::HalfDay,
            Some(HalfPeriod::FirstHalf) => Self::FirstHalf,
            Some(HalfPeriod::SecondHalf) => Self::SecondHalf,
        }
    }

    /// Two absences of one person on the same day, combined (see the module docs).
    pub(super) fn merge(self, other: Self) -> Self {
        use AbsenceKind::{FirstHalf, FullDay, HalfDay, SecondHalf};
        match (self, other) {
            (FullDay, _) | (_, FullDay) => FullDay,
            (FirstHalf, SecondHalf) | (SecondHalf, FirstHalf) => FullDay,
            (HalfDay, known) | (known, HalfDay) => known,
            (same, _) => same,
        }
    }
}

impl fmt::Display for AbsenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
