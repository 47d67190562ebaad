//! Spreadsheet formula neutralisation, and its exact inverse.
//!
//! A CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
//! spreadsheets as a formula (CSV injection). Exports prefix such a cell with `'`
//! ([`guard`]); plain numbers such as `-12.5` are left alone, since a spreadsheet reads them
//! as the number they are. A cell that already starts with `'` followed by such a cell is
//! guarded too, so that [`unguard`], which the importers apply to every cell, restores the
//! exact original text: `unguard(guard(s)) == s` for every `s`.

/// Whether `s` would be read as a formula (and is not a plain number).
fn triggers(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(s)
}

/// A decimal number such as `-12.5`, `+3`, `-1e5`.
fn is_plain_number(s: &str) -> bool {
    s.len() < 40
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
        && s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Whether [`guard`] changes `s`.
pub fn needs_guard(s: &str) -> bool {
    triggers(s) || s.strip_prefix('\'').is_some_and(needs_guard)
}

/// The cell text safe for spreadsheets: `'` + `s` when `s` would start a formula.
pub fn guard(s: &str) -> std::borrow::Cow<'_, str> {
    if needs_guard(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The inverse of [`guard`]: drops the `'` that [`guard`] added.
pub fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("-12.5"), "-12.5");
        assert_eq!(guard("-x"), "'-x");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("'=x"), "''=x");
        assert_eq!(guard("'x"), "'x");
        assert_eq!(guard("plain"), "plain");
        assert_eq!(unguard("'=1+1"), "=1+1");
        assert_eq!(unguard("'x"), "'x");
    }

    proptest! {
        #[test]
        fn unguard_inverts_guard(s in "['=+@\\-\t\r0-9a.eE ]{0,8}") {
            let guarded = guard(&s);
            prop_assert_eq!(unguard(&guarded), s.as_str());
            prop_assert!(!triggers(&guarded));
        }
    }
}
