//! The columns of UCDP GED's CSV.

/// The 49 columns of UCDP GED 23.1, in the order of the official CSV.
pub const GED_COLUMNS: [&str; 49] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
];

/// Columns every GED release has; a header without them is not GED's.
pub const REQUIRED: [&str; 6] = [
    "id",
    "date_start",
    "latitude",
    "longitude",
    "side_a",
    "best",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_required_columns_are_ged_columns() {
        assert!(REQUIRED.iter().all(|c| GED_COLUMNS.contains(c)));
    }
}
