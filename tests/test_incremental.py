"""Incremental rebuilds (the preview's) give exactly the site a full build gives, whatever the edits."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from tests.test_site import tree_digest
from timeline.build.builder import Builder
from timeline.build.incremental import IncrementalBuilder

TAGS = ["diplomacy", "war", "trade", "NATO", "summit"]
ACTORS = ["Vladimir Putin", "Choe Son Hui", "Mark Rutte", "Kim Jong Un"]
PLACES = ["Moscow", "Pyongyang", "Budapest", ""]


def random_event(rng: random.Random, project, slug: str, year: int = 2024) -> str:
    """Write an event called slug with a random date, tags, actors and place; return its file name."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = rng.choice([f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}", f"{year}"])
    name = f"{date}-{slug}.md"
    project.event(
        name,
        title=f"Event {slug} v{rng.randint(0, 999)}",
        date=date,
        tags="[" + ", ".join(rng.sample(TAGS, rng.randint(0, 3))) + "]",
        actors="[" + ", ".join(rng.sample(ACTORS, rng.randint(0, 2))) + "]",
        location=rng.choice(PLACES) or None,
        draft="true" if rng.random() < 0.1 else None,
    )
    return name


@pytest.mark.parametrize("order", ["oldest-first", "newest-first"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_rebuilt_incrementally_match_a_full_build(project, tmp_path, order, seed):
    rng = random.Random(seed)
    config = project.root / "timeline.toml"
    config.write_text(config.read_text().replace('order = "oldest-first"', f'order = "{order}"'))
    files = {f"e{i}": random_event(rng, project, f"e{i}") for i in range(12)}
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []
    for step in range(25):
        action = rng.choice(["edit", "edit", "add", "remove", "move", "retitle", "retitle"])
        slug = rng.choice(sorted(files))
        if action == "retitle":  # in place: same file and date, so the search index is patched, not remade
            path = project.root / "events" / files[slug]
            text = path.read_text()
            words = " ".join(rng.sample(["Summit", "talks", "Über", "naïve", "Pyongyang", "troops", "deal"], 3))
            tags = ", ".join(rng.sample(TAGS, rng.randint(0, 3)))
            text = re.sub(r"(?m)^title: .*$", f"title: {words} {step}", text, count=1)
            path.write_text(re.sub(r"(?m)^tags: .*$", f"tags: [{tags}]", text, count=1))
            slug = None
        elif action == "add":
            slug = f"n{step}"
        elif action == "remove" and len(files) > 2:
            (project.root / "events" / files.pop(slug)).unlink()
            slug = None
        else:  # edit in place, or move to another date (a new file name)
            (project.root / "events" / files.pop(slug)).unlink()
        if slug:
            files[slug] = random_event(rng, project, slug, 2023 if action == "move" else 2024)
        result = builder.update()
        assert result.errors == [], (step, result.errors)
        reference = tmp_path / f"reference-{step}"
        shutil.copytree(project.root, reference, ignore=shutil.ignore_patterns("site"))
        assert Builder(reference).build().errors == []
        assert tree_digest(project.root / "site") == tree_digest(reference / "site"), (step, action)
        shutil.rmtree(reference)


def test_a_template_change_rerenders_every_page(project):
    project.event()
    project.event("2024-11-05-second.md", title="Second", tags="[nato]")
    builder = IncrementalBuilder(project.root)
    builder.update()
    base = project.root / "templates" / "base.html"
    base.write_text(base.read_text().replace("</footer>", "<!-- changed --></footer>"))
    result = builder.update()
    pages = sorted(p.relative_to(project.root / "site").as_posix()
                   for p in (project.root / "site").rglob("*.html"))
    assert sorted(result.written) == pages
