//! The colours of every chart: one swatch per event kind, one colour per casualty category.
//!
//! Kinds take Paul Tol's *muted* scheme, nine colours chosen to stay apart for readers with
//! any of the common colour-vision deficiencies (a test checks it by simulation). There are
//! more kinds than colours that can be told apart, so the kinds after the ninth repeat the
//! colours with a texture — hatched, then dotted: every kind keeps a swatch of its own, and
//! a reader who cannot tell two colours apart can still tell a solid from a hatched bar.
//! Swatches follow the order of [`EventKind::ALL`], so a kind added to the model gets one
//! without a change here.

use std::fmt::Write;

use faultline_model::{Category, EventKind};

/// Paul Tol's muted scheme: rose, indigo, sand, green, cyan, wine, teal, olive, purple.
pub const MUTED: [&str; 9] = [
    "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933",
    "#AA4499",
];

/// The casualty categories in Okabe and Ito's colour-blind-safe colours, in
/// [`Category::ALL`] order: killed vermillion, wounded orange, captured blue, missing
/// reddish purple, unspecified grey.
pub const CATEGORY: [&str; 5] = ["#D55E00", "#E69F00", "#0072B2", "#CC79A7", "#777777"];

/// How a swatch fills its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Texture {
    /// The colour alone.
    Solid,
    /// Diagonal stripes of the colour on a pale tint of it.
    Hatched,
    /// Dots of the colour on a pale tint of it.
    Dotted,
}

/// The look of one event kind in every chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Swatch {
    /// The kind.
    pub kind: EventKind,
    /// Its colour (`#RRGGBB`).
    pub colour: &'static str,
    /// Its texture.
    pub texture: Texture,
}

impl Swatch {
    /// The SVG `fill` value: the colour, or a reference to the kind's pattern in [`defs`].
    pub fn fill(&self) -> String {
        match self.texture {
            Texture::Solid => self.colour.to_owned(),
            _ => format!("url(#{})", self.pattern_id()),
        }
    }

    /// The CSS `background` that draws the same swatch in HTML (for small legend boxes).
    pub fn css_background(&self) -> String {
        let c = self.colour;
        match self.texture {
            Texture::Solid => c.to_owned(),
            Texture::Hatched => {
                format!("repeating-linear-gradient(45deg, {c} 0 2.2px, {c}4d 2.2px 4.2px)")
            }
            Texture::Dotted => {
                format!("radial-gradient({c} 38%, transparent 42%) 0 0/4px 4px, {c}4d")
            }
        }
    }

    /// The id of the kind's pattern in [`defs`].
    pub fn pattern_id(&self) -> String {
        format!("fl-kind-{}", self.kind.as_str())
    }
}

/// The swatch of an event kind.
pub fn kind(kind: EventKind) -> Swatch {
    let i = EventKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    let texture = match (i / MUTED.len()) % 3 {
        0 => Texture::Solid,
        1 => Texture::Hatched,
        _ => Texture::Dotted,
    };
    Swatch {
        kind,
        colour: MUTED[i % MUTED.len()],
        texture,
    }
}

/// The colour of a casualty category.
pub fn category(category: Category) -> &'static str {
    let i = Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0);
    CATEGORY[i % CATEGORY.len()]
}

/// The `<defs>` element with a pattern for every textured kind: include it once per SVG
/// document (once per HTML page, for the inline SVGs of a page).
pub fn defs() -> String {
    let mut out = String::from("<defs>");
    for k in EventKind::ALL {
        let s = kind(k);
        let id = s.pattern_id();
        let c = s.colour;
        match s.texture {
            Texture::Solid => {}
            Texture::Hatched => {
                let _ = write!(
                    out,
                    r#"<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{c}" fill-opacity="0.3"/><rect width="3.2" height="6" fill="{c}"/></pattern>"#
                );
            }
            Texture::Dotted => {
                let _ = write!(
                    out,
                    r#"<pattern id="{id}" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="{c}" fill-opacity="0.3"/><circle cx="2.5" cy="2.5" r="1.6" fill="{c}"/></pattern>"#
                );
            }
        }
    }
    out.push_str("</defs>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_swatch_of_its_own() {
        let swatches: Vec<(&str, Texture)> = EventKind::ALL
            .iter()
            .map(|k| {
                let s = kind(*k);
                (s.colour, s.texture)
            })
            .collect();
        for (i, a) in swatches.iter().enumerate() {
            for (j, b) in swatches.iter().enumerate().skip(i + 1) {
                assert_ne!(
                    a,
                    b,
                    "{} and {} look alike",
                    EventKind::ALL[i].as_str(),
                    EventKind::ALL[j].as_str()
                );
            }
        }
        let defs = defs();
        for k in EventKind::ALL {
            let s = kind(k);
            assert_eq!(
                defs.contains(&format!("id=\"{}\"", s.pattern_id())),
                s.texture != Texture::Solid
            );
        }
    }
}
