#!/usr/bin/env python3
"""Writes the seed inputs of each fuzz target into fuzz/seeds/<target>/ (not committed: `make fuzz-seeds`):
the test fixtures, the bundled data, and hostile files written by hand. Each input starts with the byte the
target reads as its choice (fuzz_targets/*.rs). The committed corpus (fuzz/corpus/) was grown from these and
minimised with `cargo fuzz cmin`."""
import json, os, pathlib, shutil

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "seeds"
shutil.rmtree(out, ignore_errors=True)

def put(target, name, data, choice=0):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (d / name).write_bytes(bytes([choice]) + data)

fixtures = root / "tests" / "fixtures"
assets = root / "assets" / "data"
feature = '{"type":"Feature","geometry":{"type":"Point","coordinates":[44.39,33.3]},"properties":{"id":"A1","date":"2021-12-19","weapon":"rocket","launched":2,"sources":[{"outlet":"AP","url":"https://apnews.com/x"}]}}'
record = '{"id":"R1","date":"2021-01-01","latitude":"33.1","longitude":44.2,"launched":"3","country":["Iraq","Syria"]}'
xss = '<img src=x onerror=alert(1)><script>alert(1)</script>'

# GeoJSON: whole files (choice 0) and single features wrapped in a collection (choice 1).
put("geojson", "bundled", (assets / "incidents.geojson").read_bytes())
put("geojson", "mixed", (fixtures / "mixed.geojson").read_bytes())
put("geojson", "feature", feature, 1)
put("geojson", "deep", "[" * 5000 + "]" * 5000)
put("geojson", "deep-geometry", feature.replace("[44.39,33.3]", "[" * 200 + "1" + "]" * 200), 1)
put("geojson", "huge-string", feature.replace('"A1"', json.dumps("x" * 1_000_000)), 1)
for n, num in enumerate(["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-999", "18446744073709551616", "-0"]):
    put("geojson", f"number-{n}", feature.replace("44.39", num).replace('"launched":2', f'"launched":{num}'), 1)
put("geojson", "invalid-utf8", feature.encode().replace(b"rocket", b"rock\xff\xfe\xc3"), 1)
put("geojson", "duplicate-ids", ",".join([feature] * 3), 1)
put("geojson", "wrong-structure", '{"type":"FeatureCollection","features":{"a":1}}')
put("geojson", "wrong-geometry", '{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":null},{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[]}},7,null,"x"', 1)
put("geojson", "xss", feature.replace("rocket", xss).replace("https://apnews.com/x", "javascript:alert(1)"), 1)
put("geojson", "bom-crlf", "\ufeff" + feature.replace(",", ",\r\n"), 1)
put("geojson", "broken", '{"type": "FeatureCollection", "features": [' + feature[:40])

# JSON records: whole files (0), records in a list (1), records in an API answer (2).
put("json", "records", "[" + record + ',{"date":"2021"}]')
put("json", "record", record + "," + record.replace("R1", "R2").replace("2021-01-01", "30 April 2022"), 1)
put("json", "api", record, 2)
put("json", "flat-sources", '{"date":"2021-01","lat":33,"lon":44,"source":"AP; Reuters","source_url":"https://x.org/a","sources":"[{\\"outlet\\":\\"x\\"}]"}', 1)
put("json", "deep", "[" * 5000, 1)
put("json", "numbers", '{"date":"2021","lat":NaN,"lon":1e999,"killed":-1,"wounded":4294967296,"launched":1.5}', 1)
put("json", "not-objects", '1,"a",null,[],{"id":{"x":1},"date":["2021"]}', 1)
put("json", "duplicates", ",".join([record] * 3), 1)
put("json", "invalid-utf8", record.encode().replace(b"Iraq", b"Ir\xc3q\xed\xa0\x80"), 1)

# CSV: choice 0 = no cuts, the true length; files from the fixtures and hostile ones.
for name in ["good.csv", "mixed.csv", "acled-sample.csv"]:
    put("csv", name, (fixtures / name).read_bytes())
put("csv", "cuts", b"id,date,lat,lon\r\nA,2021-01-01,33,44\r\n", 3 | (1 << 3))
put("csv", "ragged", "id,date,lat,lon\nA,2021-01-01,33\nB,2021-01-01,33,44,extra\n\nC\n")
put("csv", "quotes", 'id,date,lat,lon,summary\nA,2021-01-01,33,44,"a ""quoted"", multi\nline"\nB,2021-01-02,33,44,"unterminated\n')
put("csv", "formulas", "id,date,lat,lon,summary\n=cmd|' /C calc'!A0,2021-01-01,33,44,+1+1\n@SUM(1),2021-01-01,33,44,-2\n")
put("csv", "xss", f"id,date,lat,lon,site,source_url\nX,2021-01-01,33,44,{xss},javascript:alert(1)\n")
put("csv", "bom-crlf-semicolon", "\ufeffid;date;lat;lon\r\nA;2021-01-01;33,5;44\r\nB;2021-01-01;33.5;44\r\n")
put("csv", "tabs-cr", "id\tdate\tlat\tlon\rA\t2021\t33\t44\r")
put("csv", "numbers", "date,lat,lon,killed\n2021,NaN,44,1\n2021,33,inf,-1\n2021,1e999,44,99999999999\n2021,-0,-180,0\n")
put("csv", "invalid-utf8", b"id,date,lat,lon\n\xff\xfe,2021-01-01,33,44\n\xe2\x82,2021-01-02,33,44\n")
put("csv", "duplicates", "id,date,lat,lon\n" + "A,2021-01-01,33,44\n" * 3)
put("csv", "huge-field", "id,date,lat,lon,summary\nA,2021-01-01,33,44," + "x" * 200_000 + "\n")
put("csv", "json-cells", 'id,date,lat,lon,sources,reports\nA,2021,33,44,"[{""outlet"":""AP""}]","[[[[["\n')
# A thousand rows announced as far longer than they are (choice: the length is u64::MAX).
put("csv", "thousand-rows", "id,date,lat,lon\n" + "x\n" * 1100, 3 << 3)

# ACLED: rows after the export's header (choice even), or records after a first ACLED record (odd).
acled = (fixtures / "acled-sample.csv").read_text().split("\n", 1)[1]
put("acled", "sample", acled)
put("acled", "cut", acled, 0x20)
put("acled", "weapons", "X1,2023-01-01,2023,2,,,Shelling/artillery/missile attack,Military Forces of the United States,,,,,,,,368,,Iraq,,,,Base,33,44,3,A;B;;,,\"drone, rocket-propelled grenade and Grad rockets (122mm), a UAV, airstrikes\",5,,99999999999999999999\n")
put("acled", "api", '{"event_id_cnty":"IRQ1","event_date":"2023-10-18","time_precision":3,"latitude":33.7,"longitude":"42.4","fatalities":"x","timestamp":-99999999999}', 1)

# URL state: queries.
for n, q in enumerate([
    "?from=2021-07-01&to=2021-12-31&weapon=rocket,drone&site=green-zone,Green+Zone%2C+Baghdad&country=Iraq&kind=attack&outcome=intercepted&claimed=no&q=C-RAM+%26+Katyusha&id=E01&lat=33.3&lng=44.39&zoom=9.5",
    "?from=2021-13-01&to=yesterday&weapon=rocket,trebuchet,ROCKET&kind=raid&claimed=maybe&lat=95&lng=44&zoom=7&q=%3Cscript%3Ealert(1)%3C/script%3E&id=",
    "?embed=1&theme=dark&title=Rockets+on+the+Green+Zone&desc=%3Cb%3Ebold%3C/b%3E&data=javascript%3Aalert(1)",
    "?data=https%3A%2F%2Fh%2Fa+b&lat=-0.00001&lng=179.99999&zoom=19.999&q=%E2%9C%93%00",
    "??%71=x&&=&%zz%&lat=1e999&lng=NaN&zoom=-0&site=" + "a," * 60,
    "?to=0000-01-01&from=9999-12-31&country=%ff%fe,+,%2C&id=" + "%C3%A9" * 150,
]):
    (out / "url_state").mkdir(parents=True, exist_ok=True)
    (out / "url_state" / f"query-{n}").write_bytes(q.encode())
print("seeds in", out)
