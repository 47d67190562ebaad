//! What a rule is: its metadata (name, area, default severity, documentation) and its check.

use crate::context::Context;
use crate::diagnostic::Severity;

/// The group a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// Files, records and references between them.
    Records,
    /// Sources and sourcing.
    Sources,
    /// Dates.
    Dates,
    /// Casualty figures.
    Casualties,
    /// Suppression comments.
    Suppressions,
}

impl Area {
    /// The area's name, as used in `rules/<area>/`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Records => "records",
            Self::Sources => "sources",
            Self::Dates => "dates",
            Self::Casualties => "casualties",
            Self::Suppressions => "suppressions",
        }
    }
}

/// A rule's metadata. The documentation is the rule's doc comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// The stable kebab-case name.
    pub name: &'static str,
    /// The group.
    pub area: Area,
    /// The severity unless configured otherwise.
    pub default_severity: Severity,
    /// Whether the rule offers a safe fix.
    pub fixable: bool,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// The doc comment as written (each line with the one leading space rustdoc keeps).
    pub(crate) raw_docs: &'static str,
}

impl RuleMeta {
    /// The documentation in Markdown: what it checks, why it matters, a bad and a fixed example.
    pub fn docs(&self) -> String {
        let mut out = String::new();
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_owned() + "\n"
    }
}

/// A check over a loaded dataset.
pub(crate) trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Reports every finding that one dataset — the registries, or the registries with a
    /// batch of events — shows on its own.
    fn check(&self, cx: &mut Context<'_>);

    /// Reports the findings that need every event of the run at once (duplicate ids,
    /// possible duplicates, references between events, unused records), from the compact
    /// summary the engine keeps while events stream past.
    fn finish(&self, _cx: &mut crate::engine::FinishCx<'_>) {}
}

/// Declares a rule: its struct, documented by its doc comment, and its [`RuleMeta`].
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub(crate) struct $name:ident {
            name: $rule_name:literal,
            area: $area:ident,
            severity: $sev:ident,
            fixable: $fix:literal,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub(crate) struct $name;

        impl $name {
            pub(crate) const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                name: $rule_name,
                area: $crate::rule::Area::$area,
                default_severity: $crate::diagnostic::Severity::$sev,
                fixable: $fix,
                summary: $summary,
                raw_docs: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub(crate) use declare_rule;
