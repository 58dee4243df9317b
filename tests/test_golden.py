# The golden site: tests/golden/input/ (a small invented project) must build to exactly
# tests/golden/expected/, byte for byte. After an intended change to templates/ or rendering,
# regenerate the expected site, review the diff, and commit it with the change:
#
#     .venv/bin/python -m pytest tests/test_golden.py --regen-golden
#     git diff --stat tests/golden/expected/
#
# (--regen-golden is declared in tests/conftest.py, as pytest only reads options from there.)
"""The whole built site of a small project, compared byte for byte with a reviewed copy."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden"
INPUT = GOLDEN / "input"
EXPECTED = GOLDEN / "expected"
REGEN = ".venv/bin/python -m pytest tests/test_golden.py --regen-golden"
MAX_DIFF_LINES = 120


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Return {relative path: bytes} of every file under folder."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_golden(tmp_path: Path) -> Path:
    """Build the golden input with the repository's templates; return the built site folder."""
    root = tmp_path / "golden"
    shutil.copytree(INPUT, root)
    shutil.copytree(REPO / "templates", root / "templates")
    result = run_cli(["build", "--root", str(root)])
    assert result.code == 0, result.err
    return root / "site"


def readable_diff(name: str, expected: bytes, actual: bytes) -> str:
    """Return a unified diff of two versions of a file, shortened; sizes for binary files."""
    try:
        old, new = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        return f"--- {name}: binary, {len(expected)} bytes expected, {len(actual)} built\n"
    lines = list(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"expected/{name}", tofile=f"built/{name}", n=2,
    ))
    if not lines and old != new:
        return f"--- {name}: differs only in line endings or a final newline\n"
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"... {len(lines) - MAX_DIFF_LINES} more diff lines\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def test_golden_input_covers_every_kind_of_event():
    """The input keeps the variety the golden site is there to pin down."""
    text = {p.name: p.read_text(encoding="utf-8") for p in sorted((INPUT / "events").glob("*.md"))}
    joined = "\n".join(text.values())
    assert any(name.startswith("bc") for name in text), "a BC event"
    assert "approximate: true" in joined
    assert "\nend: " in joined, "a range"
    assert "draft: true" in joined
    assert "display_date:" in joined
    assert any(name[4] == "-" and name[7] == "-" and name[10] == "-" for name in text), "a day-precision event"
    assert any(name[4] == "-" and name[7] == "-" and not name[8].isdigit() for name in text), "a month-precision one"
    assert any(name[:4].isdigit() and name[4] == "-" and not name[5].isdigit() for name in text), "a year-precision one"
    assert any(ord(c) > 0x2000 for c in joined), "a tag in a non-Latin script"
    assert "?\n" in joined and "\nend: ongoing" in joined and "date: autumn" in joined, "issue 20's date forms"
    assert "\nthread: " in joined and "relation: follows" in joined, "a thread and related events"
    assert "aliases" in (INPUT / "entities.toml").read_text(encoding="utf-8"), "a name spelt two ways"
    assert "src: media/" in joined and "src: https://" in joined, "a local picture and one from an address"
    result = run_cli(["check", "--root", str(INPUT)])
    assert result.code == 0 and "no problems" in result.out, result.out


def test_golden_site_matches_byte_for_byte(tmp_path, request):
    site = build_golden(tmp_path)
    built = tree_bytes(site)
    if request.config.getoption("--regen-golden"):
        if EXPECTED.exists():
            shutil.rmtree(EXPECTED)
        shutil.copytree(site, EXPECTED)
        pytest.skip(f"rewrote tests/golden/expected/ ({len(built)} files); review it with git diff")
    assert EXPECTED.is_dir(), f"there is no tests/golden/expected/ yet; create it with: {REGEN}"
    expected = tree_bytes(EXPECTED)
    report = []
    for name in sorted(set(expected) - set(built)):
        report.append(f"--- {name}: expected but not built\n")
    for name in sorted(set(built) - set(expected)):
        report.append(f"+++ {name}: built but not expected\n")
    for name in sorted(set(expected) & set(built)):
        if expected[name] != built[name]:
            report.append(readable_diff(name, expected[name], built[name]))
    if report:
        changed = len(report)
        pytest.fail(
            f"the built golden site differs from tests/golden/expected/ in {changed} file(s).\n"
            f"If the change is intended, regenerate with:\n    {REGEN}\nand review git diff.\n\n" + "".join(report),
            pytrace=False,
        )


def test_golden_site_is_well_formed_and_every_link_resolves(tmp_path):
    from tests.test_render import assert_links_resolve, assert_nothing_active, check_page_structure, html_pages

    site = build_golden(tmp_path)
    pages = html_pages(site)
    assert_links_resolve(site, "/timeline/", pages)
    for path, doc in pages.items():
        check_page_structure(path, doc)
        assert_nothing_active(path, doc)
    assert not (site / "2024-06-01-unfinished-notes").exists()  # the draft
