//! Lint configuration: the date "today", per-rule levels, `--select` and `--ignore`, the
//! archive that quotes are checked against, and the `faultline.toml` file that sets them.
//!
//! ```toml
//! archive = "../archive"              # archived copies of the sources (relative to this file)
//!
//! [rules]
//! single-party-sourcing = "off"       # off | info | warning | error
//! possible-duplicate-event = "error"
//!
//! [per-file-ignores]                  # globs relative to the dataset root → rules
//! "events/2021/*.toml" = ["unattributed-casualty"]
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use faultline_dataset::archive::Archive;

use faultline_dataset::Span;
use faultline_model::Date;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Severity;
use crate::per_file_ignores::{self, PerFileIgnores};
use crate::registry;
use crate::rule::RuleMeta;
use crate::suggest::did_you_mean;

/// The level a rule is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Not run.
    Off,
    /// Reported at this severity.
    On(Severity),
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "off" => Ok(Self::Off),
            "info" => Ok(Self::On(Severity::Info)),
            "warning" => Ok(Self::On(Severity::Warning)),
            "error" => Ok(Self::On(Severity::Error)),
            other => Err(format!(
                "`{other}` is not a level; use one of off, info, warning, error"
            )),
        }
    }
}

/// A configuration problem, with the place in the configuration file when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    /// What is wrong.
    pub message: String,
    /// Where, in the configuration file's text.
    pub span: Option<Span>,
    /// How to fix it (e.g. the rule name that was probably meant).
    pub help: Option<String>,
}

impl ConfigError {
    fn new(message: impl Into<String>, span: Option<Span>) -> Self {
        Self {
            message: message.into(),
            span,
            help: None,
        }
    }
}

fn cannot_switch_off(name: &str, span: Option<Span>) -> ConfigError {
    ConfigError {
        message: format!("`{name}` cannot be switched off"),
        span,
        help: Some(
            "a record that does not load is missing from every check and export; fix the file, or set the rule to \"warning\""
                .to_owned(),
        ),
    }
}

/// Builds the error for an unknown rule name, with a did-you-mean.
pub fn unknown_rule(name: &str, span: Option<Span>) -> ConfigError {
    let help = did_you_mean(name, registry::metas().map(|m| m.name))
        .map(|m| format!("did you mean `{m}`? (`faultline rules` lists every rule)"))
        .or_else(|| Some("`faultline rules` lists every rule".to_owned()));
    ConfigError {
        message: format!("unknown rule `{name}`"),
        span,
        help,
    }
}

/// What a lint run checks, and at which severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The date `future-date` compares with.
    pub today: Date,
    levels: BTreeMap<&'static str, Level>,
    select: Option<BTreeSet<&'static str>>,
    ignore: BTreeSet<&'static str>,
    /// `archive = "..."` as written in `faultline.toml`, with the span of its value.
    archive_setting: Option<(String, Span)>,
    /// The archived copies of the sources, read by the caller (the CLI reads them from the
    /// archive root): the texts quotes are checked against.
    archive: Option<Arc<Archive>>,
    /// `[per-file-ignores]`: the rules whose findings are dropped in the files a glob matches.
    per_file_ignores: PerFileIgnores,
}

impl Default for Config {
    /// Every rule at its default severity; today is the system's date (UTC).
    fn default() -> Self {
        Self::with_today(system_today())
    }
}

/// Today's date in UTC, from the system clock.
pub fn system_today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    i64::try_from(days)
        .ok()
        .and_then(Date::from_days)
        .unwrap_or(Date::EPOCH)
}

impl Config {
    /// Every rule at its default severity, with a fixed "today".
    pub fn with_today(today: Date) -> Self {
        Self {
            today,
            levels: BTreeMap::new(),
            select: None,
            ignore: BTreeSet::new(),
            archive_setting: None,
            archive: None,
            per_file_ignores: PerFileIgnores::default(),
        }
    }

    /// `[per-file-ignores]` of the configuration file: which rules' findings are dropped in
    /// which files (globs relative to the dataset root). Applied by the caller to the
    /// findings of a run, by each finding's file.
    pub fn per_file_ignores(&self) -> &PerFileIgnores {
        &self.per_file_ignores
    }

    /// The `archive` setting of the configuration file as written (a folder, relative to the
    /// file), and where it stands in the file.
    pub fn archive_setting(&self) -> Option<(&str, Span)> {
        self.archive_setting
            .as_ref()
            .map(|(s, span)| (s.as_str(), *span))
    }

    /// Sets the archived copies that quotes are checked against
    /// ([`Archive::read`](faultline_dataset::archive::Archive::read)).
    pub fn set_archive(&mut self, archive: Archive) {
        self.archive = Some(Arc::new(archive));
    }

    /// Sets archived copies shared with another reader (an export that anchors quotes in the
    /// same copies the linter checks them against), without reading them again.
    pub fn set_shared_archive(&mut self, archive: Arc<Archive>) {
        self.archive = Some(archive);
    }

    /// The archived copies, when an archive root was given.
    pub fn archive(&self) -> Option<&Archive> {
        self.archive.as_deref()
    }

    /// Reads a `faultline.toml` text (`archive` and the `[rules]` table) on top of this
    /// configuration.
    pub fn merge_toml(&mut self, text: &str) -> Result<(), ConfigError> {
        let doc = DeTable::parse(text)
            .map_err(|e| ConfigError::new(e.message().to_owned(), e.span().map(Span::from)))?;
        for (key, value) in doc.get_ref().iter() {
            let key_span = Some(Span::from(key.span()));
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("rules", DeValue::Table(rules)) => {
                    for (name, level) in rules.iter() {
                        let meta = registry::meta(name.get_ref()).ok_or_else(|| {
                            unknown_rule(name.get_ref(), Some(Span::from(name.span())))
                        })?;
                        let text = level.get_ref().as_str().ok_or_else(|| {
                            ConfigError::new(
                                "a rule's level is a string: \"off\", \"info\", \"warning\" or \"error\"",
                                Some(Span::from(level.span())),
                            )
                        })?;
                        let level_span = Some(Span::from(level.span()));
                        let level = text
                            .parse::<Level>()
                            .map_err(|m| ConfigError::new(m, level_span))?;
                        if level == Level::Off && meta.always_on {
                            return Err(cannot_switch_off(meta.name, level_span));
                        }
                        self.levels.insert(meta.name, level);
                    }
                }
                ("rules", _) => {
                    return Err(ConfigError::new(
                        "`rules` must be a table: [rules]",
                        key_span,
                    ));
                }
                ("per-file-ignores", DeValue::Table(table)) => {
                    self.per_file_ignores = read_per_file_ignores(table)?;
                }
                ("per-file-ignores", _) => {
                    let mut e = ConfigError::new(
                        "`per-file-ignores` must be a table: [per-file-ignores]",
                        key_span,
                    );
                    e.help = Some(
                        "[per-file-ignores]\n\"events/2021/*.toml\" = [\"unattributed-casualty\"]"
                            .into(),
                    );
                    return Err(e);
                }
                ("archive", DeValue::String(folder)) => {
                    self.archive_setting = Some((folder.to_string(), Span::from(value.span())));
                }
                ("archive", _) => {
                    let mut e = ConfigError::new(
                        "`archive` is a string: the folder of archived copies, relative to faultline.toml",
                        Some(Span::from(value.span())),
                    );
                    e.help = Some("archive = \"../archive\"".into());
                    return Err(e);
                }
                (other, _) => {
                    let mut e = ConfigError::new(format!("unknown setting `{other}`"), key_span);
                    e.help = Some("faultline.toml has `archive = \"FOLDER\"` and two tables: [rules], mapping rule names to off, info, warning or error, and [per-file-ignores], mapping globs to lists of rules".into());
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Sets one rule's level.
    pub fn set_level(&mut self, rule: &str, level: Level) -> Result<(), ConfigError> {
        let meta = registry::meta(rule).ok_or_else(|| unknown_rule(rule, None))?;
        if level == Level::Off && meta.always_on {
            return Err(cannot_switch_off(meta.name, None));
        }
        self.levels.insert(meta.name, level);
        Ok(())
    }

    /// Runs only these rules, and the [always-on](RuleMeta::always_on) ones (may be called
    /// several times; the sets add up).
    pub fn select(&mut self, rule: &str) -> Result<(), ConfigError> {
        let meta = registry::meta(rule).ok_or_else(|| unknown_rule(rule, None))?;
        self.select
            .get_or_insert_with(BTreeSet::new)
            .insert(meta.name);
        Ok(())
    }

    /// Never runs this rule (refused for [always-on](RuleMeta::always_on) rules).
    pub fn ignore(&mut self, rule: &str) -> Result<(), ConfigError> {
        let meta = registry::meta(rule).ok_or_else(|| unknown_rule(rule, None))?;
        if meta.always_on {
            return Err(cannot_switch_off(meta.name, None));
        }
        self.ignore.insert(meta.name);
        Ok(())
    }

    /// The severity `rule` reports at in this run, or `None` when it does not run.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        if self.ignore.contains(rule.name) {
            return None;
        }
        if let Some(select) = &self.select
            && !select.contains(rule.name)
            && !rule.always_on
        {
            return None;
        }
        match self.levels.get(rule.name) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None => Some(rule.default_severity),
        }
    }
}

/// Reads the `[per-file-ignores]` table: each key a glob, each value a list of rule names
/// (never an always-on rule).
fn read_per_file_ignores(table: &DeTable<'_>) -> Result<PerFileIgnores, ConfigError> {
    let mut entries = Vec::new();
    for (pattern, rules) in table.iter() {
        let pattern_span = Some(Span::from(pattern.span()));
        let glob = per_file_ignores::compile(pattern.get_ref()).map_err(|why| {
            ConfigError::new(
                format!("`{}` is not a glob: {why}", pattern.get_ref()),
                pattern_span,
            )
        })?;
        let list_error = || {
            let mut e = ConfigError::new(
                "a per-file ignore is a list of rule names",
                Some(Span::from(rules.span())),
            );
            e.help = Some(format!(
                "\"{}\" = [\"unattributed-casualty\"]",
                pattern.get_ref()
            ));
            e
        };
        let DeValue::Array(items) = rules.get_ref() else {
            return Err(list_error());
        };
        let mut names = Vec::new();
        for item in items.iter() {
            let span = Some(Span::from(item.span()));
            let name = item.get_ref().as_str().ok_or_else(list_error)?;
            let meta = registry::meta(name).ok_or_else(|| unknown_rule(name, span))?;
            if meta.always_on {
                return Err(cannot_switch_off(meta.name, span));
            }
            names.push(meta.name);
        }
        entries.push((pattern.get_ref().to_string(), glob, names));
    }
    PerFileIgnores::new(entries).map_err(|why| ConfigError::new(why, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_levels_and_rejects_unknown_names() {
        let mut c = Config::with_today("2026-01-01".parse().unwrap());
        c.merge_toml("[rules]\nfuture-date = \"warning\"\nunused-record = \"off\"\n")
            .unwrap();
        let fd = registry::meta("future-date").unwrap();
        assert_eq!(c.severity(fd), Some(Severity::Warning));
        assert_eq!(c.severity(registry::meta("unused-record").unwrap()), None);

        let err = c.merge_toml("[rules]\nfuture-dat = \"off\"\n").unwrap_err();
        assert_eq!(err.message, "unknown rule `future-dat`");
        assert_eq!(err.span, Some(Span::new(8, 18)));
        assert!(err.help.unwrap().contains("did you mean `future-date`?"));

        let err = c
            .merge_toml("[rules]\nfuture-date = \"loud\"\n")
            .unwrap_err();
        assert!(err.message.contains("not a level"));
        assert!(c.merge_toml("[lint]\n").is_err());
    }

    #[test]
    fn reads_the_archive_setting() {
        let mut c = Config::with_today("2026-01-01".parse().unwrap());
        assert_eq!(c.archive_setting(), None);
        c.merge_toml("archive = \"../seeds\"\n[rules]\n").unwrap();
        assert_eq!(c.archive_setting(), Some(("../seeds", Span::new(10, 20))));
        let err = c.merge_toml("archive = 3\n").unwrap_err();
        assert!(err.message.starts_with("`archive` is a string"));
    }

    #[test]
    fn reads_per_file_ignores() {
        let mut c = Config::with_today("2026-01-01".parse().unwrap());
        assert!(c.per_file_ignores().is_empty());
        c.merge_toml(
            "[per-file-ignores]\n\"events/2021/*.toml\" = [\"future-date\", \"unused-record\"]\n",
        )
        .unwrap();
        assert_eq!(
            c.per_file_ignores()
                .rules_for(std::path::Path::new("events/2021/x.toml")),
            ["future-date", "unused-record"]
        );
        let err = c
            .merge_toml("[per-file-ignores]\n\"*.toml\" = [\"future-dat\"]\n")
            .unwrap_err();
        assert_eq!(err.message, "unknown rule `future-dat`");
        assert_eq!(err.span, Some(Span::new(31, 43)));
        let err = c
            .merge_toml("[per-file-ignores]\n\"*.toml\" = [\"parse-error\"]\n")
            .unwrap_err();
        assert_eq!(err.message, "`parse-error` cannot be switched off");
        let err = c
            .merge_toml("[per-file-ignores]\n\"*.toml\" = \"future-date\"\n")
            .unwrap_err();
        assert_eq!(err.message, "a per-file ignore is a list of rule names");
        let err = c
            .merge_toml("[per-file-ignores]\n\"events/[\" = []\n")
            .unwrap_err();
        assert!(
            err.message.starts_with("`events/[` is not a glob"),
            "{}",
            err.message
        );
        assert!(c.merge_toml("per-file-ignores = 1\n").is_err());
    }

    #[test]
    fn select_and_ignore() {
        let mut c = Config::with_today("2026-01-01".parse().unwrap());
        c.select("future-date").unwrap();
        assert!(c.severity(registry::meta("future-date").unwrap()).is_some());
        assert!(
            c.severity(registry::meta("unused-record").unwrap())
                .is_none()
        );
        c.ignore("future-date").unwrap();
        assert!(c.severity(registry::meta("future-date").unwrap()).is_none());
        assert!(c.select("futuredate").is_err());
    }

    #[test]
    fn parse_errors_cannot_be_switched_off() {
        let mut c = Config::with_today("2026-01-01".parse().unwrap());
        assert!(c.ignore("parse-error").is_err());
        assert!(c.set_level("schema-violation", Level::Off).is_err());
        let err = c
            .merge_toml("[rules]\nparse-error = \"off\"\n")
            .unwrap_err();
        assert_eq!(err.message, "`parse-error` cannot be switched off");
        c.set_level("parse-error", Level::On(Severity::Warning))
            .unwrap();
        c.select("future-date").unwrap();
        assert_eq!(
            c.severity(registry::meta("parse-error").unwrap()),
            Some(Severity::Warning)
        );
        assert!(
            c.severity(registry::meta("schema-violation").unwrap())
                .is_some()
        );
    }
}
