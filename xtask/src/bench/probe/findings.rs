//! `bench findings FILE`: the findings of a `faultline lint --format json` output, counted by
//! rule. The output is streamed (a dirty input's can hold millions of findings, gigabytes of
//! JSON): only the `rule` of each diagnostic is kept.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};

/// The part of the JSON output read here.
#[derive(Deserialize)]
struct Output {
    diagnostics: ByRule,
}

/// The rule of one diagnostic (its other fields are skipped).
#[derive(Deserialize)]
struct Diagnostic {
    rule: String,
}

/// Diagnostics counted by rule.
#[derive(Default)]
struct ByRule(BTreeMap<String, u64>);

impl<'de> Deserialize<'de> for ByRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Counter;
        impl<'de> Visitor<'de> for Counter {
            type Value = ByRule;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of diagnostics")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ByRule, A::Error> {
                let mut counts = ByRule::default();
                while let Some(d) = seq.next_element::<Diagnostic>()? {
                    *counts.0.entry(d.rule).or_default() += 1;
                }
                Ok(counts)
            }
        }
        deserializer.deserialize_seq(Counter)
    }
}

/// Prints `{"rule": count, ...}` for the lint output at `path`.
pub(super) fn run(path: &Path) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let reader = std::io::BufReader::with_capacity(1 << 20, file);
    let output: Output =
        serde_json::from_reader(reader).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = serde_json::to_string(&output.diagnostics.0).map_err(|e| e.to_string())?;
    #[allow(clippy::print_stdout)]
    {
        println!("{text}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_rules_and_skips_everything_else() {
        let text = r#"{"diagnostics":[{"rule":"a","related":[{"x":1}]},{"message":"m","rule":"b"},{"rule":"a"}],"summary":{"errors":3}}"#;
        let out: Output = serde_json::from_str(text).unwrap();
        assert_eq!(out.diagnostics.0.get("a"), Some(&2));
        assert_eq!(out.diagnostics.0.get("b"), Some(&1));
    }
}
