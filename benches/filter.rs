//! Host micro-benchmarks of the steps a filter change runs, at 1,000,000 synthetic incidents:
//! `cargo bench --bench filter` (or `make bench-host`). Prints the median of repeated runs per step; no
//! assertion — speed lives here, not in the tests. The incidents are made in memory (deterministic), parsed
//! from CSV once to time the loader too.

use std::hint::black_box;
use std::time::Instant;

use incident_map::cluster::marks;
use incident_map::filter::{apply, Filter};
use incident_map::histogram::{histogram, Binning};
use incident_map::i18n::Locale;
use incident_map::index::Index;
use incident_map::order::{order, select, Ranks, Sort, SortKey};
use incident_map::model::{day_of, Weapon};
use incident_map::parse::parse_named;
use incident_map::summary::{totals, totals_from_index};

/// A small deterministic generator (xorshift), so every run measures the same data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn synthetic_csv(rows: usize) -> String {
    const SITES: [(&str, f64, f64); 6] = [
        ("green-zone", 33.30, 44.39), ("ain-al-asad", 33.79, 42.44), ("baghdad-airport", 33.26, 44.23),
        ("erbil-airport", 36.24, 43.96), ("green-village", 35.22, 40.32), ("taji", 33.52, 44.26),
    ];
    let weapons = ["rocket", "rocket", "rocket", "drone", "drone", "mortar", "ied", "missile", "rpg", "airstrike"];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(rows * 120);
    out.push_str("id,date,lat,lon,weapon,site_id,site,country,launched,intercepted,summary\n");
    for n in 0..rows {
        let (site, lat, lon) = SITES[rng.below(SITES.len() as u64) as usize];
        let (y, m, d) = (2019 + rng.below(7), 1 + rng.below(12), 1 + rng.below(28));
        let jitter = |r: &mut Rng| (r.below(2000) as f64 - 1000.0) / 20_000.0;
        let launched = rng.below(6);
        out.push_str(&format!(
            "SYN-{n:07},{y}-{m:02}-{d:02},{:.4},{:.4},{},{site},{site},Iraq,{launched},{},Synthetic incident\n",
            lat + jitter(&mut rng),
            lon + jitter(&mut rng),
            weapons[rng.below(weapons.len() as u64) as usize],
            rng.below(launched + 1),
        ));
    }
    out
}

/// Runs `f` `runs` times and returns the median in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let rows: usize = std::env::var("BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let text = synthetic_csv(rows);
    let t = Instant::now();
    let data = parse_named(&text, "synthetic.csv", None).expect("synthetic CSV parses");
    println!("rows: {rows}; CSV {:.1} MB parsed in {:.0} ms (once)", text.len() as f64 / 1e6, t.elapsed().as_secs_f64() * 1000.0);
    let all = data.incidents;
    let everything: Vec<usize> = (0..all.len()).collect();
    let filters = [
        ("no filter", Filter::default()),
        ("weapon=drone", Filter { weapons: vec![Weapon::Drone], ..Filter::default() }),
        ("one year", Filter { from: day_of(2021, 1, 1), to: day_of(2021, 12, 31), ..Filter::default() }),
        ("site + weapons", Filter { sites: vec!["green-zone".into()], weapons: vec![Weapon::Rocket, Weapon::Drone], ..Filter::default() }),
        ("free text", Filter { q: "synthetic green".into(), ..Filter::default() }),
    ];
    println!("| step | median ms |\n|---|---:|");
    println!("| index build (once per load) | {:.1} |", median_ms(5, || {
        black_box(Index::build(&all));
    }));
    let index = Index::build(&all);
    for (name, f) in &filters {
        let runs = if f.q.is_empty() { 9 } else { 3 };
        println!("| filter with the index: {name} | {:.1} |", median_ms(runs, || {
            black_box(index.apply(&all, f));
        }));
        println!("| filter without (reference): {name} | {:.1} |", median_ms(runs, || {
            black_box(apply(&all, f));
        }));
    }
    let span = index.extent().expect("dates");
    let one_year = index.apply(&all, &filters[2].1);
    println!("| totals (summary line), reference over the incidents | {:.1} |", median_ms(9, || {
        black_box(totals(&all, &everything));
    }));
    println!("| totals (summary line), from the index | {:.1} |", median_ms(9, || {
        black_box(totals_from_index(&index, &everything));
    }));
    println!("| legend weapon counts, from the index | {:.1} |", median_ms(9, || {
        black_box(index.weapon_counts(&everything));
    }));
    println!("| histogram, reference over the incidents | {:.1} |", median_ms(9, || {
        black_box(histogram(&all, &everything, span));
    }));
    println!("| binning (once per load) | {:.1} |", median_ms(5, || {
        black_box(Binning::new(&index, span));
    }));
    let binning = Binning::new(&index, span);
    println!("| histogram, from the binning | {:.1} |", median_ms(9, || {
        black_box(binning.histogram(&index, &all, &everything));
    }));
    println!("| list: ranks by date (once per load) | {:.1} |", median_ms(3, || {
        black_box(Ranks::new(&all));
    }));
    let ranks = Ranks::new(&all);
    println!("| list: order by date, newest first (once per load and sort) | {:.1} |", median_ms(5, || {
        black_box(order(Locale::EN, &all, &ranks, Sort::default()));
    }));
    println!("| list: order by site (once per load and sort) | {:.1} |", median_ms(3, || {
        black_box(order(Locale::EN, &all, &ranks, Sort { key: SortKey::Site, descending: false }));
    }));
    println!("| list: order by casualties (once per load and sort) | {:.1} |", median_ms(3, || {
        black_box(order(Locale::EN, &all, &ranks, Sort { key: SortKey::Casualties, descending: true }));
    }));
    let by_date = order(Locale::EN, &all, &ranks, Sort::default());
    println!("| list: sorted selection, no filter | {:.1} |", median_ms(9, || {
        black_box(select(&by_date, &everything));
    }));
    println!("| list: sorted selection, one year | {:.1} |", median_ms(9, || {
        black_box(select(&by_date, &one_year));
    }));
    println!("| map marks at zoom 6 | {:.1} |", median_ms(5, || {
        black_box(marks(&all, &index, &everything, 6.0, None));
    }));
    let baghdad = geo::Rect::new(geo::coord! { x: 44.1, y: 33.1 }, geo::coord! { x: 44.6, y: 33.5 });
    println!("| map marks in a view of Baghdad at zoom 12 | {:.1} |", median_ms(5, || {
        black_box(marks(&all, &index, &everything, 12.0, Some(baghdad)));
    }));
}
