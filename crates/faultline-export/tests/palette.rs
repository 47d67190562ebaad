//! The chart palette stays readable for readers with colour-vision deficiencies: every two
//! kind colours, and every two category colours, remain apart when protanopia, deuteranopia
//! and tritanopia are simulated (Machado, Oliveira and Fernandes 2009, severity 1.0), measured
//! as CIE 1976 colour differences in CIELAB.

#![allow(clippy::unwrap_used)]

use faultline_export::svg::palette::{self, CATEGORY, MUTED, Texture};
use faultline_model::EventKind;

type Matrix = [[f64; 3]; 3];

const VISIONS: [(&str, Matrix); 4] = [
    (
        "normal",
        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
    ),
    (
        "protanopia",
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
    ),
    (
        "deuteranopia",
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
    ),
    (
        "tritanopia",
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ),
];

/// `#RRGGBB` as linear-light RGB.
fn linear(hex: &str) -> [f64; 3] {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    [channel(1), channel(3), channel(5)]
}

fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb;
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

fn seen(hex: &str, m: &Matrix) -> [f64; 3] {
    let c = linear(hex);
    let mut out = [0.0; 3];
    for (i, row) in m.iter().enumerate() {
        out[i] = (row[0] * c[0] + row[1] * c[1] + row[2] * c[2]).clamp(0.0, 1.0);
    }
    lab(out)
}

fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// The smallest difference between two of `colours` under any of the simulated visions.
fn closest(colours: &[&str]) -> (f64, String) {
    let mut worst = (f64::MAX, String::new());
    for (vision, m) in &VISIONS {
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                let d = distance(seen(a, m), seen(b, m));
                if d < worst.0 {
                    worst = (d, format!("{a} and {b} under {vision}"));
                }
            }
        }
    }
    worst
}

#[test]
fn kind_colours_stay_apart_for_colour_blind_readers() {
    let (d, which) = closest(&MUTED);
    assert!(d >= 15.0, "{which} differ by only {d:.1}");
}

#[test]
fn category_colours_stay_apart_for_colour_blind_readers() {
    let (d, which) = closest(&CATEGORY);
    assert!(d >= 12.0, "{which} differ by only {d:.1}");
}

#[test]
fn kinds_that_share_a_colour_differ_in_texture() {
    // The issue that led here: two browns and two blues a reader could not tell apart.
    for (i, a) in EventKind::ALL.iter().enumerate() {
        for b in &EventKind::ALL[i + 1..] {
            let (sa, sb) = (palette::kind(*a), palette::kind(*b));
            if sa.colour == sb.colour {
                assert_ne!(sa.texture, sb.texture, "{a:?} and {b:?}");
            }
        }
    }
    assert_eq!(palette::kind(EventKind::ALL[0]).texture, Texture::Solid);
}
