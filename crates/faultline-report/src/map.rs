//! The places: a map of their coordinates (an equirectangular projection, scaled for the
//! latitude), each place a circle sized by its number of events and drawn by how precisely
//! its coordinate is known, the places with the most events labelled; then the places as a
//! table with their events.
//!
//! No country borders are drawn: no well-kept crate ships boundaries to draw offline, and
//! the line between Armenia and Azerbaijan is itself contested. Lines of latitude and
//! longitude give the bearings instead, and the page says so.

use std::collections::HashMap;
use std::fmt::Write;

use faultline_export::svg::text::{count, shorten, thousands};
use faultline_model::{Event, GeoPrecision, Place};

use crate::context::Cx;
use crate::html::{esc, event_links, more, place_anchor, tag};
use crate::timeline::CHART_WIDTH;

const PAD: f64 = 46.0;
const MAX_HEIGHT: f64 = 600.0;
/// The radius of the place with the most events (the others scale by area).
const MAX_RADIUS: f64 = 18.0;
const MIN_RADIUS: f64 = 3.5;
/// Places labelled on the map, those with the most events first.
const MAX_LABELS: usize = 40;
/// Places in the table; the map links the others to their first event.
const MAX_ROWS: usize = 150;
/// Events linked from one row of the table.
const MAX_LINKS: usize = 5;
const INK: &str = "#1f4e79";

/// A place and the events that name it.
struct Row<'a> {
    place: &'a Place,
    events: Vec<&'a Event>,
    /// Whether the table lists it (else the map links to its first event).
    listed: bool,
}

/// A circle on the map: the places at one coordinate (a lake and the height above it share
/// one), with the number of distinct events that name any of them.
struct Marker<'a, 'r> {
    rows: Vec<&'r Row<'a>>,
    lat: f64,
    lon: f64,
    events: usize,
}

impl Marker<'_, '_> {
    /// The finest precision among its places.
    fn precision(&self) -> GeoPrecision {
        self.rows
            .iter()
            .map(|r| r.place.precision)
            .min()
            .unwrap_or(GeoPrecision::Country)
    }

    fn href(&self) -> String {
        let first = self.rows[0];
        if first.listed {
            place_anchor(first.place.id.as_str())
        } else {
            esc(first.events[0].id.as_str())
        }
    }

    fn label(&self) -> String {
        let name = shorten(&self.rows[0].place.name, 28);
        match self.rows.len() {
            1 => format!("{name} ({})", self.events),
            n => format!("{name} +{} ({})", n - 1, self.events),
        }
    }
}

pub(crate) fn render(cx: &Cx<'_>) -> String {
    let mut by_place: HashMap<&str, Vec<&Event>> = HashMap::new();
    let mut unknown = 0usize;
    for e in &cx.records.events {
        let mut seen: Vec<&str> = Vec::new();
        for p in &e.places {
            match cx.index.place(p.place.as_str()) {
                Some(place) if !seen.contains(&place.id.as_str()) => {
                    seen.push(place.id.as_str());
                    by_place.entry(place.id.as_str()).or_default().push(e);
                }
                Some(_) => {}
                None => unknown += 1,
            }
        }
    }
    let mut rows: Vec<Row<'_>> = cx
        .records
        .places
        .iter()
        .filter_map(|place| {
            by_place.remove(place.id.as_str()).map(|events| Row {
                place,
                events,
                listed: false,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.events
            .len()
            .cmp(&a.events.len())
            .then_with(|| a.place.name.cmp(&b.place.name))
    });
    for row in rows.iter_mut().take(MAX_ROWS) {
        row.listed = true;
    }
    let mut out = String::new();
    let unused = cx.records.places.len() - rows.len();
    let _ = writeln!(
        out,
        "<p class=\"hint\">{} named by events{}. Circles are sized by the number of events and drawn by how precisely the coordinate is known; places that share a coordinate share a circle (“+1”). Click a circle for the place and its events.</p>",
        count(rows.len(), "place"),
        if unused > 0 {
            format!(
                " ({} more in the gazetteer are named by none)",
                thousands(unused as u64)
            )
        } else {
            String::new()
        }
    );
    if rows.is_empty() {
        out.push_str("<p>No event names a place of the gazetteer.</p>\n");
        return out;
    }
    let markers = markers(&rows);
    let (inside, beyond) = split_outliers(markers);
    out.push_str(&map(&inside));
    out.push_str(&legend());
    if !beyond.is_empty() {
        let list: Vec<String> = beyond
            .iter()
            .map(|m| {
                format!(
                    r##"<a href="#{}">{}</a> ({}, {:.2}°, {:.2}°)"##,
                    m.href(),
                    esc(&m.rows[0].place.name),
                    count(m.events, "event"),
                    m.lat,
                    m.lon
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"note\">Far from the others and left off the map so that the rest stay legible: {}.</p>",
            list.join("; ")
        );
    }
    out.push_str("<p class=\"note\">No country borders are drawn: no well-kept source of boundaries ships with faultline to draw them offline, and the border between Armenia and Azerbaijan is itself contested. The grey lines are degrees of latitude and longitude.</p>\n");
    if unknown > 0 {
        let _ = writeln!(
            out,
            "<p class=\"warn\">{} to places not in the gazetteer are not on the map (<code>faultline lint</code> reports them).</p>",
            count(unknown, "reference")
        );
    }
    out.push_str(&table(&rows));
    out
}

/// One marker per coordinate (to about 10 m), the most events first.
fn markers<'a, 'r>(rows: &'r [Row<'a>]) -> Vec<Marker<'a, 'r>> {
    let mut at: HashMap<(i64, i64), usize> = HashMap::new();
    let mut markers: Vec<Marker<'a, 'r>> = Vec::new();
    let mut events: Vec<Vec<&str>> = Vec::new();
    for row in rows {
        let key = (
            (row.place.lat * 10_000.0).round() as i64,
            (row.place.lon * 10_000.0).round() as i64,
        );
        let i = *at.entry(key).or_insert_with(|| {
            markers.push(Marker {
                rows: Vec::new(),
                lat: row.place.lat,
                lon: row.place.lon,
                events: 0,
            });
            events.push(Vec::new());
            markers.len() - 1
        });
        markers[i].rows.push(row);
        events[i].extend(row.events.iter().map(|e| e.id.as_str()));
    }
    for (m, mut ids) in markers.iter_mut().zip(events) {
        ids.sort_unstable();
        ids.dedup();
        m.events = ids.len();
    }
    markers.sort_by_key(|m| std::cmp::Reverse(m.events));
    markers
}

/// Splits off the markers far from all the others (more than five times as far from the
/// median position as four in five markers are), which would shrink the rest to a dot.
fn split_outliers<'a, 'r>(
    markers: Vec<Marker<'a, 'r>>,
) -> (Vec<Marker<'a, 'r>>, Vec<Marker<'a, 'r>>) {
    if markers.len() < 5 {
        return (markers, Vec::new());
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let lat0 = median(markers.iter().map(|m| m.lat).collect());
    let lon0 = median(markers.iter().map(|m| m.lon).collect());
    let k = lat0.to_radians().cos().max(0.2);
    let distance =
        |m: &Marker<'_, '_>| ((m.lat - lat0).powi(2) + ((m.lon - lon0) * k).powi(2)).sqrt();
    let mut distances: Vec<f64> = markers.iter().map(distance).collect();
    distances.sort_by(f64::total_cmp);
    let p80 = distances[distances.len() * 4 / 5].max(0.5);
    markers.into_iter().partition(|m| distance(m) <= 5.0 * p80)
}

/// The projection: longitude scaled by the cosine of the middle latitude.
struct Projection {
    /// Where the westernmost x falls on the page (the map is centred when narrower).
    left: f64,
    min_x: f64,
    max_y: f64,
    k: f64,
    scale: f64,
    width: f64,
    height: f64,
}

impl Projection {
    fn fit(markers: &[Marker<'_, '_>]) -> Self {
        let lats = markers.iter().map(|m| m.lat);
        let (min_lat, max_lat) = lats.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
        let k = ((min_lat + max_lat) / 2.0).to_radians().cos().max(0.2);
        let xs = markers.iter().map(|m| m.lon * k);
        let (mut min_x, mut max_x) =
            xs.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
        let (mut min_y, mut max_y) = (min_lat, max_lat);
        // At least a third of a degree across, so that one place is not a whole map.
        let grow = |lo: &mut f64, hi: &mut f64| {
            let need = 0.33 - (*hi - *lo);
            if need > 0.0 {
                *lo -= need / 2.0;
                *hi += need / 2.0;
            }
        };
        grow(&mut min_x, &mut max_x);
        grow(&mut min_y, &mut max_y);
        let inner_w = CHART_WIDTH - 2.0 * PAD;
        let scale = (inner_w / (max_x - min_x)).min((MAX_HEIGHT - 2.0 * PAD) / (max_y - min_y));
        Self {
            left: PAD + (inner_w - (max_x - min_x) * scale).max(0.0) / 2.0,
            min_x,
            max_y,
            k,
            scale,
            width: CHART_WIDTH,
            height: ((max_y - min_y) * scale + 2.0 * PAD).ceil(),
        }
    }

    fn x(&self, lon: f64) -> f64 {
        self.left + (lon * self.k - self.min_x) * self.scale
    }

    fn y(&self, lat: f64) -> f64 {
        PAD + (self.max_y - lat) * self.scale
    }

    fn lon_at(&self, x: f64) -> f64 {
        ((x - self.left) / self.scale + self.min_x) / self.k
    }

    fn lat_at(&self, y: f64) -> f64 {
        self.max_y - (y - PAD) / self.scale
    }
}

/// A step for lines of latitude and longitude giving a handful across `extent` degrees.
fn grid_step(extent: f64) -> f64 {
    [0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0]
        .into_iter()
        .find(|s| extent / s <= 8.0)
        .unwrap_or(45.0)
}

fn degrees(v: f64, pos: char, neg: char, step: f64) -> String {
    let decimals = if step < 0.1 {
        2
    } else if step < 1.0 {
        1
    } else {
        0
    };
    format!(
        "{:.*}°{}",
        decimals,
        v.abs(),
        if v < 0.0 { neg } else { pos }
    )
}

fn radius(n: usize, max: usize) -> f64 {
    MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * (n as f64 / max.max(1) as f64).sqrt()
}

/// How a circle shows its coordinate's precision: fill opacity, stroke dashes, and whether a
/// dashed ring surrounds it.
fn style(precision: GeoPrecision) -> (f64, &'static str, bool) {
    match precision {
        GeoPrecision::Exact => (0.8, "", false),
        GeoPrecision::Near => (0.55, "", true),
        GeoPrecision::District => (0.3, "3 2", false),
        GeoPrecision::Province => (0.15, "1.5 2", false),
        GeoPrecision::Country => (0.0, "1 3", false),
    }
}

fn circle(x: f64, y: f64, r: f64, precision: GeoPrecision) -> String {
    let (opacity, dash, ring) = style(precision);
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{dash}""#)
    };
    let mut out = format!(
        r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{INK}" fill-opacity="{opacity}" stroke="{INK}" stroke-width="1.2"{dash}/>"#
    );
    if ring {
        let _ = write!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="none" stroke="{INK}" stroke-width="0.8" stroke-dasharray="2 2"/>"#,
            r + 4.0
        );
    }
    out
}

fn map(markers: &[Marker<'_, '_>]) -> String {
    let p = Projection::fit(markers);
    let max = markers.iter().map(|m| m.events).max().unwrap_or(1);
    let mut body = String::new();
    let _ = write!(
        body,
        r##"<rect width="{:.0}" height="{:.0}" fill="#f7f9fb"/>"##,
        p.width, p.height
    );
    // Graticule.
    let (west, east) = (p.lon_at(0.0), p.lon_at(p.width));
    let (south, north) = (p.lat_at(p.height), p.lat_at(0.0));
    let step = grid_step((east - west).max(north - south));
    let mut lon = (west / step).ceil() * step;
    while lon <= east {
        let x = p.x(lon);
        let _ = write!(
            body,
            r##"<line x1="{x:.1}" y1="0" x2="{x:.1}" y2="{:.0}" stroke="#d5dbe1"/><text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#778">{}</text>"##,
            p.height,
            p.height - 6.0,
            degrees(lon, 'E', 'W', step)
        );
        lon += step;
    }
    let mut lat = (south / step).ceil() * step;
    while lat <= north {
        let y = p.y(lat);
        let _ = write!(
            body,
            r##"<line x1="0" y1="{y:.1}" x2="{:.0}" y2="{y:.1}" stroke="#d5dbe1"/><text x="4" y="{:.1}" font-size="10" fill="#778">{}</text>"##,
            p.width,
            y - 3.0,
            degrees(lat, 'N', 'S', step)
        );
        lat += step;
    }
    // Circles, the largest first so that small ones stay on top.
    for m in markers.iter().rev() {
        let (x, y) = (p.x(m.lon), p.y(m.lat));
        let names: Vec<String> = m
            .rows
            .iter()
            .map(|r| {
                format!(
                    "{} ({}): {}, {}",
                    r.place.name,
                    r.place.country.as_str(),
                    count(r.events.len(), "event"),
                    tag(&r.place.precision)
                )
            })
            .collect();
        let _ = write!(
            body,
            r##"<a href="#{}"><title>{}</title>{}</a>"##,
            m.href(),
            esc(&names.join("; ")),
            circle(x, y, radius(m.events, max), m.precision())
        );
    }
    // Labels for the markers with the most events, where they cover no other label and no
    // circle.
    let circles: Vec<(f64, f64, f64, f64)> = markers
        .iter()
        .map(|m| {
            let r = radius(m.events, max);
            (p.x(m.lon) - r, p.y(m.lat) - r, 2.0 * r, 2.0 * r)
        })
        .collect();
    let mut taken: Vec<(f64, f64, f64, f64)> = Vec::new();
    for m in markers.iter().take(MAX_LABELS) {
        let (x, y) = (p.x(m.lon), p.y(m.lat));
        let r = radius(m.events, max) + 2.5;
        let text = m.label();
        let w = text.chars().count() as f64 * 6.1;
        let h = 12.0;
        let candidates = [
            (x + r, y + 4.0, "start", x + r, y - 8.0),
            (x - r, y + 4.0, "end", x - r - w, y - 8.0),
            (x, y - r - 3.0, "middle", x - w / 2.0, y - r - 14.0),
            (x, y + r + 11.0, "middle", x - w / 2.0, y + r),
        ];
        let overlaps = |bx: f64, by: f64| {
            taken.iter().chain(&circles).any(|(tx, ty, tw, th)| {
                bx < tx + tw && *tx < bx + w && by < ty + th && *ty < by + h
            })
        };
        let free = candidates.into_iter().find(|(_, _, _, bx, by)| {
            *bx >= 0.0
                && bx + w <= p.width
                && *by >= 0.0
                && by + h <= p.height
                && !overlaps(*bx, *by)
        });
        if let Some((lx, ly, anchor, bx, by)) = free {
            taken.push((bx, by, w, h));
            let _ = write!(
                body,
                r##"<text x="{lx:.1}" y="{ly:.1}" font-size="11" text-anchor="{anchor}" fill="#123" stroke="#f7f9fb" stroke-width="3" paint-order="stroke">{}</text>"##,
                esc(&text)
            );
        }
    }
    format!(
        r#"<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-label="Map of the places named by events" font-family="Helvetica, Arial, sans-serif">{body}</svg></figure>
"#,
        w = p.width,
        h = p.height
    )
}

fn legend() -> String {
    let mut out = String::from(r#"<ul class="legend">"#);
    for (precision, words) in [
        (GeoPrecision::Exact, "the place itself"),
        (GeoPrecision::Near, "within about 25 km"),
        (GeoPrecision::District, "only the district"),
        (GeoPrecision::Province, "only the province"),
        (GeoPrecision::Country, "only the country"),
    ] {
        let _ = write!(
            out,
            r#"<li><svg width="26" height="26" aria-hidden="true">{}</svg> {}: {words}</li>"#,
            circle(13.0, 13.0, 7.0, precision),
            esc(&tag(&precision))
        );
    }
    out.push_str("</ul>\n");
    out
}

fn table(rows: &[Row<'_>]) -> String {
    let mut out = String::from(
        r#"<div class="scroll"><table class="places"><thead><tr><th>Place</th><th>Kind</th><th>Country, region</th><th>Coordinates</th><th>Precision</th><th class="n">Events</th><th>Events</th></tr></thead><tbody>"#,
    );
    for s in rows.iter().filter(|r| r.listed) {
        let place = s.place;
        let others: Vec<&str> = place
            .all_names()
            .skip(1)
            .filter(|n| *n != place.name)
            .collect();
        let others = if others.is_empty() {
            String::new()
        } else {
            format!(
                r#"<br><span class="muted">also {}</span>"#,
                esc(&others.join(", "))
            )
        };
        let region: Vec<&str> = [place.admin1.as_deref(), place.admin2.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let _ = write!(
            out,
            r#"<tr id="{}"><td><strong>{}</strong>{others}</td><td>{}</td><td>{}{}</td><td class="num">{:.4}, {:.4}</td><td>{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            place_anchor(place.id.as_str()),
            esc(&place.name),
            esc(&tag(&place.kind)),
            esc(place.country.as_str()),
            if region.is_empty() {
                String::new()
            } else {
                format!(", {}", esc(&region.join(", ")))
            },
            place.lat,
            place.lon,
            esc(&tag(&place.precision)),
            s.events.len(),
            event_links(&s.events, MAX_LINKS)
        );
    }
    out.push_str("</tbody></table></div>\n");
    if rows.len() > MAX_ROWS {
        let _ = writeln!(
            out,
            "<p>{} with fewer events: each event's section names its places.</p>",
            more(rows.len() - MAX_ROWS, "place")
        );
    }
    out
}
