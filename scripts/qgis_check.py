#!/usr/bin/python3
"""Opens mentionmap layers in QGIS (PyQGIS, headless) and checks that they arrive styled.

For the seed articles it makes two layers with the mentionmap binary: places.geojson (one point
per place) and months.geojson (`--by month`, from a JSON Lines copy of the seeds with dates),
each with the .qml that mentionmap writes beside it. For each it checks the feature count, the
field types (mentions Integer, period_start/period_end Date), that the sidecar style was applied
on opening and also loads without error through loadNamedStyle(), that the renderer sizes the
circles by "mentions", that labels are enabled and rule-based, and for the --by layer that the
temporal properties use period_start/period_end. Then it renders each layer over the country
outlines of assets/ to a PNG (the month layer for one month through the temporal range).

Needs Debian's qgis and python3-qgis (apt-get install -y qgis python3-qgis) and runs with
/usr/bin/python3 (PyQGIS is not importable from other Pythons):

    cargo build --release
    /usr/bin/python3 scripts/qgis_check.py [--bin target/release/mentionmap]
        [--seeds ../shared/corpus/seeds] [--out DIR]

Exit status 0 when every check passes; the PNGs are left in DIR (default: a new temporary
folder, printed) to be looked at.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATES = ["2019-01-03", "2019-01-20", "2019-02-14", "2019-03-01", "2019-03-31"]


def make_layers(binary, seeds, out):
    """Runs mentionmap on the seeds; returns the paths of the two layers."""
    texts = sorted(glob.glob(os.path.join(seeds, "*.txt")))
    if not texts:
        sys.exit(f"no .txt files in {seeds}")
    jsonl = os.path.join(out, "seeds.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        for i, path in enumerate(texts):
            with open(path, encoding="utf-8") as t:
                doc = {"id": os.path.basename(path), "date": DATES[i % len(DATES)], "text": t.read()}
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    places = os.path.join(out, "places.geojson")
    months = os.path.join(out, "months.geojson")
    subprocess.run([binary, "count", "-q", seeds, "-o", places], check=True)
    subprocess.run([binary, "count", "-q", jsonl, "--by", "month", "-o", months], check=True)
    return places, months


def outlines_geojson(out):
    """Writes assets/countries-110m.txt as a GeoJSON polygon layer for the background."""
    features = []
    with open(os.path.join(ROOT, "assets", "countries-110m.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, geometry = line.rstrip("\n").split("\t")
            polygons = []
            for poly in geometry.split("|"):
                rings = []
                for ring in poly.split(";"):
                    x = y = 0
                    pts = []
                    for pair in ring.split(" "):
                        dx, dy = pair.split(",")
                        x += int(dx)
                        y += int(dy)
                        pts.append([x / 100, y / 100])
                    rings.append(pts)
                polygons.append(rings)
            features.append({"type": "Feature", "properties": {"name": name},
                             "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    path = os.path.join(out, "countries.geojson")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f)
    return path


class Checks:
    """Collects failed checks."""

    def __init__(self):
        self.failed = []
        self.passed = 0

    def check(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if ok:
            self.passed += 1
        else:
            self.failed.append(what)


def check_layer(qgis, checks, path, temporal):
    from qgis.core import QgsVectorLayer, QgsRuleBasedLabeling
    from qgis.PyQt.QtCore import QVariant

    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        expected = len(json.load(f)["features"])
    layer = QgsVectorLayer(path, name, "ogr")
    checks.check(layer.isValid(), f"{name}: opens")
    checks.check(layer.featureCount() == expected, f"{name}: {layer.featureCount()} features, file has {expected}")
    fields = {f.name(): f for f in layer.fields()}
    mentions = fields.get("mentions")
    checks.check(mentions is not None and mentions.type() in (QVariant.Int, QVariant.LongLong),
                 f"{name}: mentions is Integer ({mentions.typeName() if mentions else 'missing'})")
    if temporal:
        for field in ("period_start", "period_end"):
            fd = fields.get(field)
            checks.check(fd is not None and fd.type() == QVariant.Date,
                         f"{name}: {field} is Date ({fd.typeName() if fd else 'missing'})")
    # The sidecar .qml was applied when the layer was opened (QGIS's default style has neither a
    # data-defined size nor labels)...
    renderer = layer.renderer()
    checks.check(renderer is not None and renderer.type() == "singleSymbol", f"{name}: renderer {renderer.type() if renderer else None}")
    size = renderer.symbol().dataDefinedSize() if renderer else None
    checks.check(size is not None and size.isActive() and "sqrt(\"mentions\")" in size.expressionString(),
                 f"{name}: circle size from sqrt(\"mentions\") ({size.expressionString() if size else None})")
    checks.check(layer.labelsEnabled(), f"{name}: labels enabled")
    labeling = layer.labeling()
    checks.check(isinstance(labeling, QgsRuleBasedLabeling) and len(labeling.rootRule().children()) == 1,
                 f"{name}: rule-based labels")
    # ...and loads without error when asked for by name.
    qml = os.path.splitext(path)[0] + ".qml"
    message, ok = layer.loadNamedStyle(qml)
    checks.check(ok, f"{name}: loadNamedStyle({os.path.basename(qml)}): {message}")
    tp = layer.temporalProperties()
    if temporal:
        checks.check(tp.isActive() and tp.startField() == "period_start" and tp.endField() == "period_end",
                     f"{name}: temporal on period_start/period_end")
    else:
        checks.check(not tp.isActive(), f"{name}: not temporal")
    return layer


def render(layer, background, png, extent, time_range=None):
    from qgis.core import (QgsMapSettings, QgsMapRendererParallelJob, QgsRectangle,
                           QgsCoordinateReferenceSystem)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    settings = QgsMapSettings()
    settings.setLayers([layer, background])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    settings.setOutputSize(QSize(1000, 700))
    settings.setBackgroundColor(QColor(219, 233, 241))
    from qgis.core import QgsCoordinateTransform, QgsProject
    tr = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                QgsCoordinateReferenceSystem("EPSG:3857"), QgsProject.instance())
    settings.setExtent(tr.transformBoundingBox(QgsRectangle(*extent)))
    if time_range is not None:
        settings.setIsTemporal(True)
        settings.setTemporalRange(time_range)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(png)
    # Not blank: the picture has more than the background colour and the land colour.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mentionmap"))
    ap.add_argument("--seeds", default=os.path.join(ROOT, "..", "shared", "corpus", "seeds"))
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="qgis-check-")
    os.makedirs(out, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    runtime = tempfile.mkdtemp(prefix="xdg-")
    os.environ.setdefault("XDG_RUNTIME_DIR", runtime)

    places, months = make_layers(args.bin, args.seeds, out)
    countries = outlines_geojson(out)

    from qgis.core import (QgsApplication, QgsVectorLayer, QgsProject, QgsFillSymbol,
                           QgsSingleSymbolRenderer, QgsDateTimeRange)
    from qgis.PyQt.QtCore import QDateTime, QDate, QTime

    QgsApplication.setPrefixPath("/usr", True)
    qgs = QgsApplication([], False)
    qgs.initQgis()
    checks = Checks()
    try:
        background = QgsVectorLayer(countries, "countries", "ogr")
        background.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
            {"color": "243,240,232", "outline_color": "169,162,148", "outline_width": "0.2"})))
        layer = check_layer(qgs, checks, places, temporal=False)
        by_month = check_layer(qgs, checks, months, temporal=True)
        # Syria and Iraq with a margin.
        extent = (33.0, 29.0, 50.0, 39.5)
        n = render(layer, background, os.path.join(out, "qgis_places.png"), extent)
        checks.check(n > 10, f"qgis_places.png: {n} colours")
        # A frame as the temporal controller makes them: the end is excluded, like period_end.
        feb = QgsDateTimeRange(QDateTime(QDate(2019, 2, 1), QTime(0, 0)),
                               QDateTime(QDate(2019, 3, 1), QTime(0, 0)), True, False)
        n = render(by_month, background, os.path.join(out, "qgis_months_2019-02.png"), extent, feb)
        checks.check(n > 10, f"qgis_months_2019-02.png: {n} colours")
        del layer, by_month, background
    finally:
        QgsProject.instance().clear()
        qgs.exitQgis()
    print(f"PNGs in {out}")
    print(f"{checks.passed} passed, {len(checks.failed)} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
