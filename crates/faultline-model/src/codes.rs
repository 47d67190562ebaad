//! Small validated text types: ISO 3166 country codes, http(s) URLs and SHA-256 digests.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a text is not a valid code or URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Not three upper-case ASCII letters.
    #[error(
        "`{0}` is not an ISO 3166 alpha-3 country code (three upper-case letters, e.g. ARM, AZE)"
    )]
    Country(String),
    /// Not an absolute http or https URL.
    #[error("`{0}` is not an http or https URL")]
    Url(String),
    /// Not 64 lower-case hexadecimal digits.
    #[error("`{0}` is not a SHA-256 digest (64 lower-case hexadecimal digits)")]
    Sha256(String),
}

/// An ISO 3166-1 alpha-3 country code such as `ARM` or `AZE`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 3]);

impl CountryCode {
    /// Checks and wraps a code.
    pub fn new(code: &str) -> Result<Self, CodeError> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Self([a, b, c])),
            _ => Err(CodeError::Country(code.to_owned())),
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // The bytes are ASCII upper-case letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(&s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for CountryCode {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("CountryCode")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "An ISO 3166-1 alpha-3 country code, e.g. ARM or AZE."
        })
    }
}

/// An absolute `http://` or `https://` URL. Other schemes (`file:`, `javascript:`) are refused.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HttpUrl(String);

/// The pattern every [`HttpUrl`] matches.
pub const URL_PATTERN: &str = "^https?://[^\\s/?#]+[^\\s]*$";

impl HttpUrl {
    /// Checks and wraps a URL: scheme `http` or `https` (lower case), a non-empty host, no white space.
    pub fn new(url: impl Into<String>) -> Result<Self, CodeError> {
        let url = url.into();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        let ok = rest.is_some_and(|r| {
            let host_end = r.find(['/', '?', '#']).unwrap_or(r.len());
            host_end > 0 && !url.chars().any(char::is_whitespace)
        });
        if ok {
            Ok(Self(url))
        } else {
            Err(CodeError::Url(url))
        }
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl Serialize for HttpUrl {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for HttpUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for HttpUrl {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("HttpUrl")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": URL_PATTERN,
            "description": "An absolute http or https URL."
        })
    }
}

/// A SHA-256 digest written as 64 lower-case hexadecimal digits (what `sha256sum` prints).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sha256(String);

/// The pattern every [`Sha256`] matches.
pub const SHA256_PATTERN: &str = "^[0-9a-f]{64}$";

impl Sha256 {
    /// Checks and wraps a digest.
    pub fn new(hex: impl Into<String>) -> Result<Self, CodeError> {
        let hex = hex.into();
        if hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(Self(hex))
        } else {
            Err(CodeError::Sha256(hex))
        }
    }

    /// The digest as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl Serialize for Sha256 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Sha256 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Sha256 {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Sha256")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": SHA256_PATTERN,
            "description": "A SHA-256 digest: 64 lower-case hexadecimal digits."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes() {
        assert_eq!(CountryCode::new("ARM").unwrap().as_str(), "ARM");
        for bad in ["AM", "arm", "ARME", "A1M", ""] {
            assert!(CountryCode::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(HttpUrl::new("https://jamestown.org/program/x/").is_ok());
        assert!(HttpUrl::new("http://a.b").is_ok());
        for bad in [
            "ftp://a.b",
            "javascript:alert(1)",
            "https://",
            "https:// a",
            "file:///etc/passwd",
            "a.b",
        ] {
            assert!(HttpUrl::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sha256_digests() {
        let ok = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(Sha256::new(ok).unwrap().as_str(), ok);
        for bad in [&ok[1..], &ok.to_uppercase(), &format!("{}g", &ok[1..]), ""] {
            assert!(Sha256::new(bad).is_err(), "{bad}");
        }
    }
}
