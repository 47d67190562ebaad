//! Record identifiers and references to them.
//!
//! Every record kind has an id type ([`EventId`], [`SourceId`], [`PlaceId`], [`ActorId`]) that
//! only holds a valid slug, and a reference type ([`EventRef`], ...) that holds whatever a
//! record wrote where an id was expected. References are deliberately lenient: a place written
//! by one of its name variants ("Garagol") must still load, so that the linter can point at it
//! and offer the fix, instead of the whole record being rejected.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The regular expression every id matches: lower-case ASCII letters and digits in groups
/// joined by single hyphens.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// The longest id accepted, in bytes. Ids become file names; this keeps them portable.
pub const MAX_ID_LEN: usize = 120;

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The string is empty.
    #[error("an id cannot be empty")]
    Empty,
    /// The string is longer than [`MAX_ID_LEN`].
    #[error("an id is at most {MAX_ID_LEN} bytes long, this one has {0}")]
    TooLong(usize),
    /// The string contains something other than `a-z`, `0-9` and single inner hyphens.
    #[error(
        "`{0}` is not a slug: use lower-case letters a-z, digits and single hyphens between them (pattern {SLUG_PATTERN})"
    )]
    NotASlug(String),
}

/// Checks the slug rule ([`SLUG_PATTERN`] and [`MAX_ID_LEN`]).
pub fn check_slug(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.len() > MAX_ID_LEN {
        return Err(IdError::TooLong(s.len()));
    }
    let bytes = s.as_bytes();
    let ok_chars = bytes
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
    let ok_hyphens = bytes[0] != b'-' && bytes[bytes.len() - 1] != b'-' && !s.contains("--");
    if ok_chars && ok_hyphens {
        Ok(())
    } else {
        Err(IdError::NotASlug(s.to_owned()))
    }
}

/// Turns free text into a slug: "Sev Lake (Garagol)" becomes `sev-lake-garagol`.
///
/// Non-ASCII letters are dropped, so the result may be empty; callers that need an id must
/// check it with [`check_slug`].
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    out.truncate(MAX_ID_LEN);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

macro_rules! id_types {
    ($(#[$idoc:meta] $id:ident, #[$rdoc:meta] $rf:ident, $what:literal;)*) => {$(
        #[$idoc]
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $id(String);

        impl $id {
            /// Checks `s` against the slug rule and wraps it.
            pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
                let s = s.into();
                check_slug(&s)?;
                Ok(Self(s))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// A reference pointing at this record.
            pub fn to_ref(&self) -> $rf {
                $rf(self.0.clone())
            }
        }

        impl fmt::Debug for $id {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl fmt::Display for $id {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $id {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl AsRef<str> for $id {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $id {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $id {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $id {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::new(s).map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $id {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($id))
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "pattern": SLUG_PATTERN,
                    "maxLength": MAX_ID_LEN,
                    "description": concat!("The id of this ", $what, ": a slug (lower-case letters, digits, single hyphens).")
                })
            }
        }

        #[$rdoc]
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $rf(String);

        impl $rf {
            /// Wraps any text written where an id is expected; it is checked at lint time.
            pub fn new(s: impl Into<String>) -> Self {
                Self(s.into())
            }

            /// The reference as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id this reference names, when it is a valid slug.
            pub fn to_id(&self) -> Option<$id> {
                $id::new(self.0.clone()).ok()
            }
        }

        impl PartialEq<$id> for $rf {
            fn eq(&self, other: &$id) -> bool {
                self.0 == other.0
            }
        }

        impl From<$id> for $rf {
            fn from(id: $id) -> Self {
                Self(id.0)
            }
        }

        impl From<&str> for $rf {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl fmt::Debug for $rf {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl fmt::Display for $rf {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $rf {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $rf {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $rf {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $rf {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                if s.is_empty() {
                    return Err(serde::de::Error::custom(concat!("a reference to a ", $what, " cannot be empty")));
                }
                Ok(Self(s))
            }
        }

        impl JsonSchema for $rf {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($rf))
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "minLength": 1,
                    "description": concat!("The id of a ", $what, " record.")
                })
            }
        }
    )*};
}

id_types! {
    /// The id of an event: a slug starting with as much of its start date as the text gives (`2021-11-16-...`, `2021-11-xx-...`, `2021-xx-xx-...`: see `EventDate::id_prefix`), equal to its file stem.
    EventId,
    /// A reference to an event, as written in a record (checked by the linter).
    EventRef, "event";
    /// The id of a source record.
    SourceId,
    /// A reference to a source, as written in a record (checked by the linter).
    SourceRef, "source";
    /// The id of a place in the gazetteer.
    PlaceId,
    /// A reference to a place, as written in a record: an id, or by mistake a name variant.
    PlaceRef, "place";
    /// The id of an actor: a party, body or person.
    ActorId,
    /// A reference to an actor, as written in a record (checked by the linter).
    ActorRef, "actor";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_rule() {
        assert!(check_slug("2021-11-16-border-fighting").is_ok());
        assert!(check_slug("a").is_ok());
        for bad in [
            "", "-a", "a-", "a--b", "A", "a_b", "sev lake", "../x", "a/b",
        ] {
            assert!(check_slug(bad).is_err(), "{bad:?} must be rejected");
        }
        assert_eq!(check_slug(&"a".repeat(121)), Err(IdError::TooLong(121)));
    }

    #[test]
    fn slugify_makes_valid_slugs() {
        assert_eq!(slugify("Sev Lake (Garagol)"), "sev-lake-garagol");
        assert_eq!(slugify("  --Kapan / Kafan-- "), "kapan-kafan");
        assert_eq!(slugify("Սև լիճ"), "");
    }

    #[test]
    fn refs_are_lenient_ids_are_not() {
        let r: PlaceRef = serde_json::from_str("\"Garagol\"").unwrap();
        assert_eq!(r.as_str(), "Garagol");
        assert!(r.to_id().is_none());
        assert!(serde_json::from_str::<PlaceId>("\"Garagol\"").is_err());
        assert!(serde_json::from_str::<PlaceRef>("\"\"").is_err());
        let id = PlaceId::new("sev-lake").unwrap();
        assert_eq!(id.to_ref(), id);
    }
}
