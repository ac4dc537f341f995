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

/// Outline dash pattern: strikes by US/coalition forces get a dashed outline so kind reads without colour.
pub fn kind_dash(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Attack => None,
        Kind::Strike => Some("3 2"),
    }
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
    fn every_weapon_has_its_own_colour() {
        let mut colours: Vec<_> = Weapon::ALL.iter().map(|&w| weapon_color(w)).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), Weapon::ALL.len());
    }
}
