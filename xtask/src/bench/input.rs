//! What a benchmark input is: where its records come from, its format and its size
//! (`jsonl:1m`, `dirty-toml:100k`), and where it lives under `target/bench-data/`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The file format of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// A dataset directory of TOML files, one event per file.
    Toml,
    /// A JSON Lines file of events.
    Jsonl,
    /// An ACLED CSV export.
    Acled,
}

impl Format {
    /// `toml`, `jsonl` or `acled`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Toml => "toml",
            Self::Jsonl => "jsonl",
            Self::Acled => "acled",
        }
    }

    /// What one record of the format is called in throughput figures.
    pub fn unit(self) -> &'static str {
        match self {
            Self::Toml => "files",
            Self::Jsonl => "events",
            Self::Acled => "rows",
        }
    }
}

/// Where the records of an input come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Records {
    /// The deterministic generator: realistic events, one in 50 with a planted defect.
    Generated,
    /// The bundled records (`data/`) copied over and over, each copy with its id suffixed and
    /// its dates shifted back one day per copy: near-duplicates and id/date mismatches abound.
    Dirty,
    /// One bundled event copied again and again on the same day at the same place: the
    /// pathological cluster of possible duplicates.
    Cluster,
}

impl Records {
    /// The prefix of the input's name: ``, `dirty-`, `cluster-`.
    fn prefix(self) -> &'static str {
        match self {
            Self::Generated => "",
            Self::Dirty => "dirty-",
            Self::Cluster => "cluster-",
        }
    }
}

/// One benchmark input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Set {
    /// Where the records come from.
    pub records: Records,
    /// The format.
    pub format: Format,
    /// Events (TOML files, JSON lines, CSV rows).
    pub events: usize,
}

impl FromStr for Set {
    type Err = String;

    /// Parses `toml:10k`, `jsonl:1m`, `acled:1000000`, `dirty-jsonl:100k`, `cluster-jsonl:10k`.
    fn from_str(text: &str) -> Result<Set, String> {
        let (kind, count) = text
            .trim()
            .split_once(':')
            .ok_or_else(|| format!("`{text}`: write KIND:COUNT, e.g. jsonl:1m"))?;
        let (records, format) = kind
            .strip_prefix("dirty-")
            .map(|f| (Records::Dirty, f))
            .or_else(|| kind.strip_prefix("cluster-").map(|f| (Records::Cluster, f)))
            .unwrap_or((Records::Generated, kind));
        let format = match format {
            "toml" => Format::Toml,
            "jsonl" => Format::Jsonl,
            "acled" if records == Records::Generated => Format::Acled,
            _ => {
                return Err(format!(
                    "`{kind}`: the kinds are toml, jsonl, acled, dirty-toml, dirty-jsonl, cluster-toml and cluster-jsonl"
                ));
            }
        };
        Ok(Set {
            records,
            format,
            events: parse_count(count)?,
        })
    }
}

impl fmt::Display for Set {
    /// The spelling [`Set::from_str`] reads: `dirty-jsonl:100k`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}:{}",
            self.records.prefix(),
            self.format.as_str(),
            human(self.events)
        )
    }
}

impl Set {
    /// `toml-10k`, `jsonl-1m`, `dirty-jsonl-100k`: the name of its file or folder.
    pub fn name(&self) -> String {
        format!(
            "{}{}-{}",
            self.records.prefix(),
            self.format.as_str(),
            human(self.events)
        )
    }

    /// Where the set lives under the data folder.
    pub fn path(&self, data: &Path) -> PathBuf {
        match self.format {
            Format::Toml => data.join(self.name()),
            Format::Jsonl => data.join(format!("{}.jsonl", self.name())),
            Format::Acled => data.join(format!("{}.csv", self.name())),
        }
    }

    /// The registry folder a JSON Lines set refers to (`--data`), relative to the data folder.
    pub fn registry(&self) -> &'static str {
        match self.records {
            Records::Generated => "registry",
            Records::Dirty | Records::Cluster => "bundled",
        }
    }

    /// Whether outside validators run on this set too: the dirty sets of up to
    /// [`BASELINE_MAX_EVENTS`] events.
    pub fn has_baseline(&self) -> bool {
        self.records == Records::Dirty && self.events <= BASELINE_MAX_EVENTS
    }

    /// The same records as one JSON array, for validators that read no JSON Lines: written
    /// beside a JSON Lines set that [has a baseline](Set::has_baseline).
    pub fn json_array_path(&self, data: &Path) -> PathBuf {
        data.join(format!("{}.array.json", self.name()))
    }
}

/// The largest input outside validators run on. They hold a whole JSON document in memory
/// (1.7 GB at a million events: more than Node.js can hold in one string, and several times
/// that as Python objects), so at a million events they only measure the memory limit.
pub const BASELINE_MAX_EVENTS: usize = 100_000;

/// `10k`, `1m`, `2500`.
pub fn human(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}m", n / 1_000_000)
    } else if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

/// Parses `10k`, `1m`, `2500`.
pub fn parse_count(text: &str) -> Result<usize, String> {
    let t = text.trim().to_ascii_lowercase();
    let (digits, factor) = match t.strip_suffix('k') {
        Some(d) => (d, 1000),
        None => match t.strip_suffix('m') {
            Some(d) => (d, 1_000_000),
            None => (t.as_str(), 1),
        },
    };
    digits
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .map(|n| n * factor)
        .ok_or_else(|| format!("`{text}` is not a count such as 10k, 1m or 2500"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for text in [
            "toml:10k",
            "jsonl:1m",
            "acled:2500",
            "dirty-jsonl:100k",
            "dirty-toml:100k",
            "cluster-jsonl:10k",
        ] {
            let set: Set = text.parse().unwrap();
            assert_eq!(set.to_string(), text);
        }
        let set: Set = "dirty-jsonl:1000000".parse().unwrap();
        assert_eq!(set.name(), "dirty-jsonl-1m");
        assert_eq!(set.registry(), "bundled");
        assert_eq!(
            set.path(Path::new("d")),
            Path::new("d/dirty-jsonl-1m.jsonl")
        );
        for bad in ["csv:1k", "dirty-acled:1k", "jsonl", "jsonl:0", "jsonl:many"] {
            assert!(bad.parse::<Set>().is_err(), "{bad}");
        }
    }
}
