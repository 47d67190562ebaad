//! ACLED's column sets, one per generation of its exports, and telling the generation of a
//! file from its header.

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

/// The 31 columns of the exports from 2019 to early 2023, in ACLED's order.
pub const PRE2023_COLUMNS: [&str; 31] = [
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
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
    "timestamp",
    "iso3",
];

/// The 28 columns of the Humanitarian Data Exchange variant (no `fatalities`, no `admin3`,
/// no numeric `iso`); an HXL hashtag row follows the header.
pub const HDX_COLUMNS: [&str; 28] = [
    "data_id",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "timestamp",
    "iso3",
];

/// The HXL hashtags the Humanitarian Data Exchange variant writes under its header, one per
/// column of [`HDX_COLUMNS`] (empty where HDX gives none).
pub const HDX_HXL_TAGS: [&str; 28] = [
    "",
    "#event+code",
    "",
    "#date+occurred",
    "#date+year",
    "",
    "#event+type",
    "",
    "#group+name+first",
    "#group+name+first+assoc",
    "",
    "#group+name+second",
    "#group+name+second+assoc",
    "",
    "",
    "#region+name",
    "#country+name",
    "#adm1+name",
    "#adm2+name",
    "#loc+name",
    "#geo+lat",
    "#geo+lon",
    "",
    "#meta+source",
    "",
    "#description",
    "",
    "#country+code",
];

/// The 26 columns of the 2016-era (version 6/7) files, in the alphabetical order they were
/// distributed in. Files of this era often start with a further, unnamed column: a row index
/// written by the program that saved them.
pub const LEGACY_2016_COLUMNS: [&str; 26] = [
    "actor1",
    "actor2",
    "admin1",
    "admin2",
    "admin3",
    "ally_actor_1",
    "ally_actor_2",
    "country",
    "data_id",
    "event_date",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_type",
    "fatalities",
    "geo_precision",
    "gwno",
    "inter1",
    "inter2",
    "interaction",
    "latitude",
    "location",
    "longitude",
    "notes",
    "source",
    "time_precision",
    "year",
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Every generation, newest first.
    pub const ALL: [Generation; 4] = [Self::Current, Self::Pre2023, Self::Hdx, Self::Legacy2016];

    /// A short description, for the import report.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Current => "ACLED current export (2023-)",
            Self::Pre2023 => "ACLED export before 2023 (data_id, iso3)",
            Self::Hdx => "ACLED HDX export with an HXL hashtag row",
            Self::Legacy2016 => "ACLED 2016-era export (ally_actor, gwno)",
        }
    }

    /// The generation's name on the command line (`faultline export acled --generation`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Current => "current",
            Self::Pre2023 => "pre2023",
            Self::Hdx => "hdx",
            Self::Legacy2016 => "2016",
        }
    }

    /// The HXL hashtag row the generation's files have under the header, if any (one tag per
    /// column of [`Generation::columns`]).
    pub fn hxl_row(self) -> Option<&'static [&'static str]> {
        match self {
            Self::Hdx => Some(&HDX_HXL_TAGS),
            _ => None,
        }
    }

    /// Whether any generation has this (lower-case) column.
    pub fn is_known_column(column: &str) -> bool {
        Self::ALL.iter().any(|g| g.columns().contains(&column))
    }

    /// The generation's columns, in the order its files have them.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Current => &CURRENT_COLUMNS,
            Self::Pre2023 => &PRE2023_COLUMNS,
            Self::Hdx => &HDX_COLUMNS,
            Self::Legacy2016 => &LEGACY_2016_COLUMNS,
        }
    }

    /// The generation of a file, from whether its header `has` a (lower-case) column and
    /// whether an HXL hashtag row follows the header.
    pub fn detect(has: impl Fn(&str) -> bool, hxl_row: bool) -> Self {
        if hxl_row {
            Self::Hdx
        } else if has("disorder_type") || has("civilian_targeting") {
            Self::Current
        } else if has("ally_actor_1") || has("gwno") {
            Self::Legacy2016
        } else {
            Self::Pre2023
        }
    }
}

/// The [`REQUIRED`] columns a header lacks, given whether it `has` a (lower-case) column.
pub fn missing_required(has: impl Fn(&str) -> bool) -> Vec<&'static str> {
    REQUIRED.into_iter().filter(|c| !has(c)).collect()
}

/// Whether a row is an HXL hashtag row (`#event+code`, `#date+occurred`, ...).
pub fn is_hxl_row(cells: &[String]) -> bool {
    let mut tags = cells.iter().filter(|c| !c.trim().is_empty()).peekable();
    tags.peek().is_some() && tags.all(|c| c.trim_start().starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(names: &[&str]) -> impl Fn(&str) -> bool {
        let names: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        move |c| names.iter().any(|n| n == c)
    }

    #[test]
    fn generations() {
        assert_eq!(
            Generation::detect(has(&CURRENT_COLUMNS), false),
            Generation::Current
        );
        assert!(missing_required(has(&CURRENT_COLUMNS)).is_empty());
        assert_eq!(
            Generation::detect(has(&["data_id", "iso3", "event_date"]), false),
            Generation::Pre2023
        );
        assert_eq!(
            Generation::detect(has(&["gwno", "ally_actor_1"]), false),
            Generation::Legacy2016
        );
        assert_eq!(Generation::detect(has(&["data_id"]), true), Generation::Hdx);
        assert_eq!(missing_required(has(&["event_date"])).len(), 4);
        assert!(is_hxl_row(&["".into(), "#event+code".into()]));
        assert!(!is_hxl_row(&["".into(), "".into()]));
        assert!(!is_hxl_row(&["1".into(), "#x".into()]));
    }

    #[test]
    fn each_generation_is_told_from_its_own_columns() {
        for generation in Generation::ALL {
            let columns = generation.columns();
            let hxl = generation == Generation::Hdx;
            assert_eq!(
                Generation::detect(has(columns), hxl),
                generation,
                "{generation:?}"
            );
            assert!(missing_required(has(columns)).is_empty(), "{generation:?}");
            if let Some(tags) = generation.hxl_row() {
                assert_eq!(tags.len(), columns.len());
                let cells: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
                assert!(is_hxl_row(&cells));
            }
            assert_eq!(
                Generation::ALL
                    .into_iter()
                    .find(|g| g.as_str() == generation.as_str()),
                Some(generation)
            );
            let mut unique = columns.to_vec();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), columns.len(), "{generation:?}");
        }
    }
}
