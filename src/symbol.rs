//! How an incident is drawn: colour by weapon (Okabe–Ito, safe for colour-blind readers) and size by the
//! number launched. Pure, so the scale is tested on the host.

use crate::model::{Kind, Weapon};

/// Fill colour of a weapon's markers.
pub fn weapon_color(weapon: Weapon) -> &'static str {
    match weapon {
        Weapon::Rocket => "#D55E00",    // vermillion
        Weapon::Drone => "#0072B2",     // blue
        Weapon::Missile => "#CC79A7",   // reddish purple
        Weapon::Mortar => "#E69F00",    // orange
        Weapon::Rpg => "#F0E442",       // yellow
        Weapon::Ied => "#009E73",       // bluish green
        Weapon::Airstrike => "#56B4E9", // sky blue
        Weapon::Unknown => "#999999",   // grey
    }
}

/// Marker radius in pixels: grows with the square root of the number launched (area ∝ count), capped.
pub fn marker_radius(launched: Option<u32>) -> f64 {
    const BASE: f64 = 6.0;
    const MAX: f64 = 18.0;
    match launched {
        None | Some(0) | Some(1) => BASE,
        Some(n) => (BASE * f64::from(n).sqrt()).min(MAX),
    }
}

/// Side of a site or cluster badge, in pixels: grows with the log of the count, capped.
pub fn badge_size(count: usize) -> f64 {
    (24.0 + 6.0 * (count.max(1) as f64).log2()).min(48.0).round()
}

/// Outline dash pattern: strikes by US/coalition forces get a dashed outline so kind reads without colour.
pub fn kind_dash(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Attack => None,
        Kind::Strike => Some("3 2"),
    }
}

/// The outline of a weapon's marker: shape carries the weapon too, for readers who can't tell the colours apart
/// and for print in black and white.
pub fn weapon_shape(weapon: Weapon) -> &'static str {
    match weapon {
        Weapon::Rocket => "triangle",
        Weapon::Drone => "diamond",
        Weapon::Missile => "star",
        Weapon::Mortar => "square",
        Weapon::Rpg => "pentagon",
        Weapon::Ied => "hexagon",
        Weapon::Airstrike => "cross",
        Weapon::Unknown => "circle",
    }
}

/// An SVG path (`d`) of the weapon's shape, centred on (0, 0), reaching about `r` from the centre.
pub fn shape_path(weapon: Weapon, r: f64) -> String {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};
    // (corners, start angle, inner radius as a share of r for stars and crosses)
    let (corners, start, inner): (usize, f64, Option<f64>) = match weapon {
        Weapon::Rocket => (3, -FRAC_PI_2, None),
        Weapon::Drone => (4, -FRAC_PI_2, None),
        Weapon::Missile => (5, -FRAC_PI_2, Some(0.45)),
        Weapon::Mortar => (4, -FRAC_PI_4, None),
        Weapon::Rpg => (5, -FRAC_PI_2, None),
        Weapon::Ied => (6, 0.0, None),
        Weapon::Airstrike => (4, -FRAC_PI_4, Some(0.38)),
        Weapon::Unknown => {
            return format!("M{:.1} 0A{r:.1} {r:.1} 0 1 0 {:.1} 0A{r:.1} {r:.1} 0 1 0 {:.1} 0Z", -r, r, -r);
        }
    };
    // Polygons look smaller than a circle of the same radius: scale them up a little.
    let r = r * 1.2;
    let steps = if inner.is_some() { corners * 2 } else { corners };
    let mut d = String::new();
    for k in 0..steps {
        let angle = start + 2.0 * PI * k as f64 / steps as f64;
        let radius = match inner {
            Some(share) if k % 2 == 1 => r * share,
            _ => r,
        };
        let (x, y) = (radius * angle.cos(), radius * angle.sin());
        d.push_str(&format!("{}{x:.1} {y:.1}", if k == 0 { 'M' } else { 'L' }));
    }
    d.push('Z');
    d
}

/// Radius of the shape in a swatch (`list::WeaponSwatch`, 14 px square).
pub const SWATCH_RADIUS: f64 = 5.0;

/// `shape_path(weapon, SWATCH_RADIUS)`, formatted once per weapon and kept: swatches are drawn in every list
/// row, and formatting floats is slow in WebAssembly.
pub fn swatch_path(weapon: Weapon) -> &'static str {
    static PATHS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    &PATHS.get_or_init(|| Weapon::ALL.iter().map(|&w| shape_path(w, SWATCH_RADIUS)).collect())[weapon as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radius_grows_with_area_and_is_capped() {
        assert_eq!(marker_radius(None), 6.0);
        assert_eq!(marker_radius(Some(4)), 12.0);
        assert!(marker_radius(Some(2)) > marker_radius(Some(1)));
        assert_eq!(marker_radius(Some(10_000)), 18.0);
    }

    #[test]
    fn every_weapon_has_its_own_shape() {
        let mut shapes: Vec<_> = Weapon::ALL.iter().map(|&w| weapon_shape(w)).collect();
        shapes.sort();
        shapes.dedup();
        assert_eq!(shapes.len(), Weapon::ALL.len());
        assert_eq!(shape_path(Weapon::Mortar, 10.0).matches('L').count(), 3, "a square has four corners");
        assert_eq!(shape_path(Weapon::Missile, 10.0).matches('L').count(), 9, "a star has ten");
        assert!(shape_path(Weapon::Unknown, 5.0).starts_with("M-5.0 0A5.0"));
        for w in Weapon::ALL {
            assert_eq!(swatch_path(w), shape_path(w, SWATCH_RADIUS), "{w:?}");
        }
    }

    #[test]
    fn badges_grow_with_the_log_of_the_count_and_are_capped() {
        assert_eq!(badge_size(1), 24.0);
        assert_eq!(badge_size(2), 30.0);
        assert_eq!(badge_size(100_000), 48.0);
        assert_eq!(badge_size(0), 24.0);
    }

    #[test]
    fn every_weapon_has_its_own_colour() {
        let mut colours: Vec<_> = Weapon::ALL.iter().map(|&w| weapon_color(w)).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), Weapon::ALL.len());
    }
}
