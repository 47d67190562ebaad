//! What a rule is: its metadata (name, area, default severity, phase, documentation) and its
//! check.

use crate::context::Context;
use crate::diagnostic::Severity;
use crate::engine::FinishCx;

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

/// When a rule reports: what the engine calls, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// While records are read: the rule's `check` runs on each batch of events (with the
    /// registries beside it) and on the registries' own files. The default.
    Record,
    /// Also once every event of the run has been read: the rule's `finish` runs on the run's
    /// summary after the last batch (and `check` still runs on each batch). For rules that
    /// compare events with each other: duplicate ids, references between events.
    Finish,
    /// Last, once every other rule has reported and the suppression comments have been
    /// applied: the rule's `finish` judges the run itself (which suppressions suppressed
    /// nothing). Its findings cannot be suppressed.
    Audit,
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
    /// When the rule reports.
    pub phase: Phase,
    /// Whether the rule runs whatever the configuration says (it can be made a warning, but
    /// never switched off): its findings mean that a record did not load, and so is missing
    /// from every other check and export. `--fix` leaves a file with such a finding alone.
    pub always_on: bool,
    /// Whether the rule reads the archived copies of the sources: without an archive root it
    /// does not run, and suppressions of it wait for one (they are not unused).
    pub needs_archive: bool,
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

/// What [`declare_rule!`] generates for a rule: access to its metadata.
pub(crate) trait Declared {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
}

/// A check over a loaded dataset. Implement the methods of the rule's [`Phase`]: `check`
/// (any rule may), and `finish` for a `Finish` or `Audit` rule.
pub(crate) trait Rule: Declared + Send + Sync {
    /// Reports every finding that one dataset — the registries, or the registries with a
    /// batch of events — shows on its own.
    fn check(&self, _cx: &mut Context<'_>) {}

    /// Reports the findings that need every event of the run at once (duplicate ids,
    /// possible duplicates, references between events, unused records), from the compact
    /// summary the engine keeps while events stream past. Called only for rules declared
    /// with `phase: Finish` (or `phase: Audit`, last).
    fn finish(&self, _cx: &mut FinishCx<'_>) {}
}

/// The declared value, or `default` when the field was left out of [`declare_rule!`].
pub(crate) const fn declared_or<T: Copy>(declared: &[T], default: T) -> T {
    match declared {
        [value] => *value,
        _ => default,
    }
}

/// Declares a rule: its struct, documented by its doc comment, its [`RuleMeta`] (as the
/// constant `META`) and the [`Declared`] impl that gives the engine its metadata. The rule
/// then implements [`Rule`], with `check` and/or `finish`.
///
/// The fields, in this order (those in brackets may be left out):
///
/// ```text
/// declare_rule! {
///     /// ## What it checks  (then ## Why it matters, ## Example, ## Use instead)
///     pub(crate) struct UnusedRecord {
///         name: "unused-record",   // stable kebab-case name (docs page, fixtures folder)
///         area: Records,           // an `Area`
///         severity: Warning,       // default severity: Error, Warning or Info
///         [phase: Finish,]         // a `Phase`; default Record
///         [always_on: true,]       // cannot be switched off; default false
///         [needs_archive: true,]   // reads the archived sources; default false
///         [fixable: true,]         // offers a safe fix (a fixture must show it); default false
///         summary: "a source, place or actor no record refers to",
///     }
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub(crate) struct $name:ident {
            name: $rule_name:literal,
            area: $area:ident,
            severity: $sev:ident,
            $(phase: $phase:ident,)?
            $(always_on: $always_on:literal,)?
            $(needs_archive: $needs_archive:literal,)?
            $(fixable: $fix:literal,)?
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
                phase: $crate::rule::declared_or(
                    &[$($crate::rule::Phase::$phase)?],
                    $crate::rule::Phase::Record,
                ),
                always_on: $crate::rule::declared_or(&[$($always_on)?], false),
                needs_archive: $crate::rule::declared_or(&[$($needs_archive)?], false),
                fixable: $crate::rule::declared_or(&[$($fix)?], false),
                summary: $summary,
                raw_docs: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::rule::Declared for $name {
            fn meta(&self) -> &'static $crate::rule::RuleMeta {
                &Self::META
            }
        }
    };
}

pub(crate) use declare_rule;
