//! `faultline rules` and `faultline explain RULE`.

use std::fmt::Write as _;
use std::io::Write;

use faultline_validate::suggest::did_you_mean;
use miette::{IntoDiagnostic, miette};

use crate::exit::Outcome;

/// Lists every rule: name, default severity, area, whether it has a fix, summary.
pub(crate) fn list() -> miette::Result<Outcome> {
    let metas: Vec<_> = faultline_validate::metas().collect();
    let width = metas.iter().map(|m| m.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for m in metas {
        let fix = if m.fixable { "fix" } else { "   " };
        let _ = writeln!(
            out,
            "{:<width$}  {:<7}  {:<12}  {fix}  {}",
            m.name,
            m.default_severity.as_str(),
            m.area.as_str(),
            m.summary
        );
    }
    out.push_str("\n`faultline explain RULE` shows a rule's documentation.\n");
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .into_diagnostic()?;
    Ok(Outcome::Clean)
}

/// Prints a rule's documentation.
pub(crate) fn explain(name: &str) -> miette::Result<Outcome> {
    let Some(meta) = faultline_validate::meta(name) else {
        let help = did_you_mean(name, faultline_validate::metas().map(|m| m.name)).map_or_else(
            || "`faultline rules` lists every rule".to_owned(),
            |m| format!("did you mean `{m}`?"),
        );
        return Err(miette!(help = help, "unknown rule `{name}`"));
    };
    let text = format!(
        "# {}\n\nDefault severity: {}. Area: {}.{}\n\n{}",
        meta.name,
        meta.default_severity,
        meta.area.as_str(),
        if meta.fixable {
            " Has a safe fix (`faultline lint --fix`)."
        } else {
            ""
        },
        meta.docs()
    );
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .into_diagnostic()?;
    Ok(Outcome::Clean)
}
