//! ACLED's column sets, and telling the generation of an export from its header.

use serde::Serialize;

use crate::table::Columns;

/// The current export's 31 columns (since March 2023), in ACLED's order.
pub const CURRENT_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// Columns every ACLED generation has; a header without them is not ACLED's.
pub const REQUIRED: [&str; 5] = [
    "event_date",
    "event_type",
    "latitude",
    "longitude",
    "location",
];

/// The generations of ACLED exports seen in the wild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Generation {
    /// Since March 2023: `disorder_type`, `civilian_targeting`, `tags`; dates `28 December 2022`.
    Current,
    /// 2019 to early 2023: `data_id`, `iso3`, `event_id_no_cnty`; dates `9-May-20` or ISO.
    Pre2023,
    /// The Humanitarian Data Exchange variant: an HXL hashtag row under the header, no
    /// `fatalities` and no `admin3`.
    Hdx,
    /// The 2016-era (version 6/7) files: `ally_actor_*`, `gwno`, the old event types.
    Legacy2016,
}

impl Generation {
    /// A short description, for the import report.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Current => "ACLED current export (2023-)",
            Self::Pre2023 => "ACLED export before 2023 (data_id, iso3)",
            Self::Hdx => "ACLED HDX export with an HXL hashtag row",
            Self::Legacy2016 => "ACLED 2016-era export (ally_actor, gwno)",
        }
    }
}

/// Whether a row is an HXL hashtag row (`#event+code`, `#date+occurred`, ...).
pub fn is_hxl_row(cells: &[String]) -> bool {
    let mut tags = cells.iter().filter(|c| !c.trim().is_empty()).peekable();
    tags.peek().is_some() && tags.all(|c| c.trim_start().starts_with('#'))
}

/// The generation of an export, from its header and whether an HXL row follows it.
pub(crate) fn detect(columns: &Columns, hxl_row: bool) -> Generation {
    if hxl_row {
        Generation::Hdx
    } else if columns.has("disorder_type") || columns.has("civilian_targeting") {
        Generation::Current
    } else if columns.has("ally_actor_1") || columns.has("gwno") {
        Generation::Legacy2016
    } else {
        Generation::Pre2023
    }
}

/// The required columns missing from a header.
pub(crate) fn missing(columns: &Columns) -> Vec<String> {
    REQUIRED
        .iter()
        .filter(|c| !columns.has(c))
        .map(|c| (*c).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Columns {
        Columns::new(&names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn generations() {
        let current = cols(&CURRENT_COLUMNS);
        assert_eq!(detect(&current, false), Generation::Current);
        assert!(missing(&current).is_empty());
        assert_eq!(
            detect(&cols(&["data_id", "iso3", "event_date"]), false),
            Generation::Pre2023
        );
        assert_eq!(
            detect(&cols(&["gwno", "ally_actor_1"]), false),
            Generation::Legacy2016
        );
        assert_eq!(detect(&cols(&["data_id"]), true), Generation::Hdx);
        assert_eq!(missing(&cols(&["event_date"])).len(), 4);
        assert!(is_hxl_row(&["".into(), "#event+code".into()]));
        assert!(!is_hxl_row(&["".into(), "".into()]));
        assert!(!is_hxl_row(&["1".into(), "#x".into()]));
    }
}
