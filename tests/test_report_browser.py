"""The report as people see it: rendered by headless Chromium, checked from the DOM."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import Elements, chromium, dump_dom, pdf_text_operators, png_rows
from helpers import EXAMPLES, invoke, lint_paths

VIEWS = Path(__file__).parent / "views"
PAGES = {
    "healthy": EXAMPLES / "healthy",
    "faulty": EXAMPLES / "logistics-expansion" / "before",
    "hostile": VIEWS / "hostile",
}
HEADINGS = [
    "Health summary",
    "Findings",
    "Decision rights",
    "Reporting and escalation",
    "Load per person",
    "Operating rhythm",
]
# Injected into a copy of the page only: measures what a 1280 px window shows.
PROBE = """<script>
(() => {
  const probe = {width: innerWidth, scrollWidth: document.documentElement.scrollWidth,
                 bodyFont: parseFloat(getComputedStyle(document.body).fontSize), smallest: 1e9,
                 printRules: 0, boxes: []};
  for (const element of document.querySelectorAll("body *")) {
    if (element.closest("svg") || element.tagName === "SCRIPT") continue;
    const text = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (text) probe.smallest = Math.min(probe.smallest, size);
  }
  for (const sheet of document.styleSheets)
    for (const rule of sheet.cssRules)
      if (rule instanceof CSSMediaRule && rule.media.mediaText.includes("print"))
        probe.printRules++;
  for (const rect of document.querySelectorAll("svg rect.node")) {
    const box = rect.getBoundingClientRect();
    probe.boxes.push([box.left, box.top, box.width, box.height]);
  }
  document.body.setAttribute("data-probe", JSON.stringify(probe));
})();
</script>"""
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?')


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    written = {}
    for name, source in PAGES.items():
        target = folder / f"{name}.html"
        result = invoke("report", "-o", str(target), str(source))
        assert result.returncode == 0, result.stderr
        written[name] = target
    return written


def _probed(page: Path) -> tuple[dict, Elements]:  # type: ignore[type-arg]
    """Dump the DOM of a copy of the page with the probe (and without the policy that
    would block it)."""
    copy = page.with_name(page.stem + "-probe.html")
    html = CSP.sub("", page.read_text(encoding="utf-8"))
    copy.write_text(html.replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    dom = Elements(dump_dom(copy, width=1280))
    body = dom.all("body")[0]
    return json.loads(body["data-probe"]), dom


def _overlap(one: list[float], other: list[float]) -> bool:
    return not (
        one[0] + one[2] <= other[0]
        or other[0] + other[2] <= one[0]
        or one[1] + one[3] <= other[1]
        or other[1] + other[3] <= one[1]
    )


@pytest.mark.parametrize("name", ["healthy", "faulty"])
def test_rendered_page_reads_well_at_1280_pixels(name: str, pages: dict[str, Path]) -> None:
    probe, dom = _probed(pages[name])
    text = " ".join(" ".join(dom.text).split())
    for heading in HEADINGS:
        assert heading in text
    report = lint_paths([PAGES[name]])
    for person in report.org.people.values():
        assert person.get("name") in text
    assert probe["width"] == 1280
    assert probe["scrollWidth"] <= probe["width"], "no horizontal scroll"
    assert probe["bodyFont"] >= 16 and probe["smallest"] >= 16, probe
    assert probe["printRules"] >= 1, "a print stylesheet"
    rects = [
        [float(r[k]) for k in ("x", "y", "width", "height")]
        for r in dom.all("rect")
        if "node" in r.get("class", "").split()
    ]
    assert len(rects) == len(report.org.roles) == len(probe["boxes"])
    for boxes in (rects, probe["boxes"]):
        for index, one in enumerate(boxes):
            assert not any(_overlap(one, other) for other in boxes[index + 1 :]), one


def test_no_script_from_the_data_runs_and_it_renders_as_text(pages: dict[str, Path]) -> None:
    copy = pages["hostile"].with_name("hostile-no-policy.html")
    copy.write_text(CSP.sub("", pages["hostile"].read_text(encoding="utf-8")), encoding="utf-8")
    for page in (pages["hostile"], copy):  # with and without the policy: escaping alone holds
        dom = Elements(dump_dom(page))
        assert "data-pwned" not in dom.all("body")[0]
        assert dom.all("script") == [] and dom.all("img") == [] and dom.all("b") == []
        text = "".join(dom.text)
        assert "<script>document.body.setAttribute('data-pwned','yes')</script>" in text
        assert 'Chief "Ops" <b>Officer</b>' in text
        assert "<img src=x onerror=" in text


def test_screenshot_is_not_blank(pages: dict[str, Path], tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    chromium(pages["faulty"], f"--screenshot={shot}", width=1280, height=900)
    rows = png_rows(shot)
    assert len(rows) == 900 and len(rows[0]) == 1280 * 3
    background = rows[0][:3]
    pixels = [row[i : i + 3] for row in rows[::4] for i in range(0, len(row), 12)]
    inked = sum(pixel != background for pixel in pixels)
    assert inked > len(pixels) // 50, "text and boxes cover more than 2% of the window"
    assert len(set(pixels)) > 20, "more than a couple of colours"


def test_print_to_pdf_is_not_blank(pages: dict[str, Path], tmp_path: Path) -> None:
    pdf = tmp_path / "page.pdf"
    chromium(pages["healthy"], f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    page_count, text_operators = pdf_text_operators(pdf)
    assert page_count >= 2, "the whole page, over several sheets"
    assert text_operators > 50, "text was drawn"
