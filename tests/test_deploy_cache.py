"""The publishing cache: what the Pages workflow restores and saves, that nothing but main feeds it, and that a
deploy from it makes the very bytes of a fresh build (the workflows' own steps, run here on a small repository)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_publishing import ALL_WORKFLOWS, load, scratch_clone
from tests.test_site import tree_digest
from timeline.model.digest import short_digest

CACHED = ["site", ".timeline-cache"]
KEY_INPUTS = ["requirements.txt", "constraints.txt", "timeline/**", "templates/**", "timeline.toml", "entities.toml"]
BASE_URL = "https://example.github.io/timeline"
SUBSTITUTIONS = {"steps.pages.outputs.base_url": BASE_URL}


def steps_of(name: str, job: str) -> list[dict]:
    """Return the steps of one job of a workflow."""
    return load(name)["jobs"][job]["steps"]


def step_using(steps: list[dict], action: str, cache: str = "cache") -> dict:
    """Return the one step that uses an action (any version); of the cache actions, the one for a cache (the
    site's, "cache", or the pictures', "pictures")."""
    found = [step for step in steps if step.get("uses", "").split("@")[0] == action
             and (not action.startswith("actions/cache/") or cache in (step.get("id"), _saved_cache(step)))]
    assert len(found) == 1, (action, found)
    return found[0]


def _saved_cache(step: dict) -> str:
    """Return the id of the restore step whose key a save step saves under, or ''."""
    found = re.search(r"steps\.(\w+)\.outputs\.cache-primary-key", step.get("with", {}).get("key", ""))
    return found[1] if found else ""


def position(steps: list[dict], test) -> int:
    """Return the index of the one step for which test is true."""
    found = [index for index, step in enumerate(steps) if test(step)]
    assert len(found) == 1, found
    return found[0]


def runs(text: str):
    """Return a test for a step whose run: holds text."""
    return lambda step: text in step.get("run", "")


def cache_key_parts(key: str) -> list[str]:
    """Return a cache key's ${{ }} expressions, in order."""
    return [expression.strip() for expression in re.findall(r"\$\{\{(.*?)\}\}", key)]


# --- the workflows, read ---------------------------------------------------------------------------------------

def test_pages_restores_then_builds_warm_then_saves_only_on_main():
    steps = steps_of("pages.yml", "build")
    checkout = position(steps, lambda step: step.get("uses", "").startswith("actions/checkout@"))
    assert steps[checkout]["with"]["fetch-depth"] == 0
    guard = position(steps, lambda step: step.get("run", "").strip() == "rm -rf site .timeline-cache")
    restore = position(steps, lambda step: step.get("id") == "cache")
    check = position(steps, runs("build.py check"))
    build = position(steps, runs("build.py build"))
    links = position(steps, runs("build.py links"))
    upload = position(steps, lambda step: step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    spare = position(steps, lambda step: step.get("run", "").strip() == "rm -rf .timeline-cache/spare-site")
    save = position(steps, lambda step: _saved_cache(step) == "cache")
    pictures = position(steps, lambda step: step.get("id") == "pictures")
    pictures_save = position(steps, lambda step: _saved_cache(step) == "pictures")
    # Whatever git put at site/ or .timeline-cache/ is gone before the caches are restored, and before anything runs.
    assert checkout < guard < restore < pictures < check < build < links < upload < spare < save < pictures_save \
        == len(steps) - 1
    # The pictures' files, named by content and encoder, survive a change of code or templates: their own cache,
    # keyed by the libraries and media/ alone, saved by main alone.
    assert steps[pictures]["with"]["path"] == ".timeline-cache/pictures" == steps[pictures_save]["with"]["path"]
    assert steps[pictures]["with"]["key"] == ("pictures-${{ runner.os }}-${{ hashFiles('requirements.txt', "
                                              "'constraints.txt') }}-${{ hashFiles('media/**') }}")
    assert steps[pictures_save]["if"] == \
        "github.ref == 'refs/heads/main' && steps.pictures.outputs.cache-hit != 'true'"
    # A warm build: the restored cache counts (the PR check and the weekly comparison build --fresh).
    assert "--fresh" not in steps[build]["run"] and "--no-cache" not in steps[build]["run"]
    assert steps[restore]["with"]["path"].split() == CACHED == steps[save]["with"]["path"].split()
    assert steps[save]["with"]["key"] == "${{ steps.cache.outputs.cache-primary-key }}"
    assert steps[restore]["id"] == "cache"
    # Saved by a build of main alone, after every step before it passed (no always()), and never over its own key.
    for step in (steps[spare], steps[save]):
        assert step["if"] == "github.ref == 'refs/heads/main' && steps.cache.outputs.cache-hit != 'true'"
    assert "always()" not in str(steps)
    # The combined actions/cache saves in a post step whatever the branch: only the restore/save split is used.
    assert not [step for step in steps if step.get("uses", "").split("@")[0] == "actions/cache"]


def test_pages_cache_key_names_the_inputs_and_the_commit():
    restore = step_using(steps_of("pages.yml", "build"), "actions/cache/restore")
    key, restore_keys = restore["with"]["key"], restore["with"]["restore-keys"].split("\n")
    assert key.startswith("timeline-${{ runner.os }}-py${{ steps.python.outputs.python-version }}-${{ hashFiles(")
    assert key.endswith("}}-${{ github.sha }}")
    parts = cache_key_parts(key)
    assert parts[:2] == ["runner.os", "steps.python.outputs.python-version"] and parts[3] == "github.sha"
    assert re.findall(r"'([^']*)'", parts[2]) == KEY_INPUTS
    # A new commit takes the newest cache of the same inputs; never one of other inputs (no shorter prefix).
    assert [line for line in restore_keys if line] == [key.removesuffix("${{ github.sha }}")]
    python = next(step for step in steps_of("pages.yml", "build") if step.get("id") == "python")
    assert python["uses"].startswith("actions/setup-python@") and python["with"]["python-version"] == "3.11"


def test_only_the_pages_workflow_saves_a_cache_of_the_site():
    for name in ALL_WORKFLOWS:
        for job in load(name)["jobs"].values():
            for step in job["steps"]:
                action = step.get("uses", "").split("@")[0]
                assert action != "actions/cache", (name, step)  # it would save in a post step, on any branch
                if action == "actions/cache/save":
                    assert name == "pages.yml", name
    # A pull request's check builds from the sources alone and touches no cache of ours.
    check = load("check.yml")
    assert not [step for step in check["jobs"]["check"]["steps"] if step.get("uses", "").startswith("actions/cache")]
    assert "pull_request_target" not in check[True]
    # The workflow that saves runs on main alone (and by hand, where the save step asks for main again).
    assert load("pages.yml")[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}


def test_the_weekly_check_compares_a_cached_build_with_a_fresh_one_and_deploys_nothing():
    workflow = load("cache-check.yml")
    assert workflow[True] == {"schedule": [{"cron": "17 4 * * 1"}], "workflow_dispatch": None}
    assert workflow["permissions"] == {"contents": "read", "pages": "read"}
    assert list(workflow["jobs"]) == ["compare"]
    job = workflow["jobs"]["compare"]
    assert "permissions" not in job and "environment" not in job
    steps = job["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/cache/restore", "actions/configure-pages"]
    assert "cache" not in step_using(steps, "actions/setup-python")["with"]  # no pip cache saved either
    assert step_using(steps, "actions/checkout")["with"]["fetch-depth"] == 0
    # The very cache the Pages workflow restores: same paths, key and restore-keys.
    ours, pages = step_using(steps, "actions/cache/restore"), step_using(steps_of("pages.yml", "build"), "actions/cache/restore")
    assert ours["with"] == pages["with"]
    commands = [step["run"].strip() for step in steps if "run" in step and "echo" not in step["run"]]
    assert commands == [
        "rm -rf site .timeline-cache",
        "python -m pip install -r requirements.txt",
        'python build.py build --format github --base-url "${{ steps.pages.outputs.base_url }}/"',
        'mv site "$RUNNER_TEMP/site-from-cache"',
        'python build.py build --fresh --no-cache --base-url "${{ steps.pages.outputs.base_url }}/"',
        'diff --recursive --no-dereference "$RUNNER_TEMP/site-from-cache" site',
    ]
    # The warm build is the Pages workflow's own command.
    assert commands[2] == next(step["run"] for step in steps_of("pages.yml", "build") if "build.py build" in step.get("run", ""))


# --- the workflows, run here -------------------------------------------------------------------------------------

GIT_ENV = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(folder: Path, *args: str) -> str:
    """Run git in folder; return what it prints."""
    return subprocess.run(["git", *args], cwd=folder, env={**os.environ, **GIT_ENV}, check=True,
                          capture_output=True, text=True).stdout


class Runner:
    """Runs a workflow job's steps in a checkout, with GitHub's cache stood in for by a folder per key."""

    def __init__(self, tmp_path: Path, origin: Path):
        self.origin, self.store, self.temp = origin, tmp_path / "cache-store", tmp_path / "runner-temp"
        self.store.mkdir()
        self.checkouts = 0
        self.tmp_path = tmp_path

    def checkout(self) -> Path:
        """Return a new clone of the origin's main, with its whole history (fetch-depth: 0)."""
        self.checkouts += 1
        target = self.tmp_path / f"checkout-{self.checkouts}"
        git(self.tmp_path, "clone", "-q", str(self.origin), str(target))
        return target

    def run(self, workflow: str, job: str, ref: str = "refs/heads/main") -> tuple[Path, str | None]:
        """Run a job's steps in a new checkout; return the checkout and the key of the cache it restored."""
        checkout, restored, primary = self.checkout(), {}, {}
        shutil.rmtree(self.temp, ignore_errors=True)
        self.temp.mkdir()
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               "RUNNER_TEMP": str(self.temp)}
        env.pop("GITHUB_REPOSITORY", None)
        sha = git(checkout, "rev-parse", "HEAD").strip()
        for step in steps_of(workflow, job):
            action = step.get("uses", "").split("@")[0]
            condition = step.get("if", "")
            if condition:  # the conditions our workflows use: on main, and the cache of that id missed
                cache = re.fullmatch(r"github\.ref == 'refs/heads/main' && steps\.(\w+)\.outputs\.cache-hit != 'true'",
                                     condition)[1]
                if ref != "refs/heads/main" or restored.get(cache) == primary.get(cache):
                    continue
            if action == "actions/cache/restore":
                cache = step["id"]
                # the key's inputs are GitHub's hashFiles: the commit for the site's cache, media/ for the pictures'
                inputs = sha if cache == "cache" else tree_digest(checkout / "media") if (checkout / "media").is_dir() \
                    else "none"
                primary[cache] = f"{'timeline' if cache == 'cache' else cache}-test-{inputs}"
                restored[cache] = self._restore(checkout, primary[cache], step["with"]["path"].split())
            elif action == "actions/cache/save":
                cache = _saved_cache(step)
                self._save(checkout, primary[cache], step["with"]["path"].split())
            elif "run" in step and "pip install" not in step["run"]:
                command = step["run"]
                for expression, value in SUBSTITUTIONS.items():
                    command = command.replace("${{ " + expression + " }}", value)
                if "${{" in command:
                    continue  # a step that only prints (its values reach it through env:)
                result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=checkout, env=env,
                                        capture_output=True, text=True)
                assert result.returncode == 0, (workflow, step.get("name"), result.stdout, result.stderr)
        return checkout, restored.get("cache")

    def _restore(self, checkout: Path, key: str, paths: list[str]) -> str | None:
        """Put the cache saved under key in place, or else the newest one whose key has the same prefix."""
        saved = sorted(self.store.iterdir(), key=lambda p: p.stat().st_mtime_ns)
        exact = [p for p in saved if p.name == key]
        found = exact or [p for p in saved if p.name.startswith(key.rpartition("-")[0] + "-")]
        if not found:
            return None
        for name in paths:
            if (found[-1] / name).exists():
                shutil.copytree(found[-1] / name, checkout / name, symlinks=True, dirs_exist_ok=True)
        return found[-1].name

    def _save(self, checkout: Path, key: str, paths: list[str]) -> None:
        """Save the paths under key; a key already saved is kept as it was (GitHub's caches are immutable)."""
        target = self.store / key
        if target.exists() or not any((checkout / name).exists() for name in paths):
            return  # GitHub warns of a path that is not there and saves nothing
        for name in paths:
            if (checkout / name).exists():
                shutil.copytree(checkout / name, target / name, symlinks=True)


def small_repository(tmp_path: Path) -> Path:
    """Return a git repository holding this project's code and templates, with 30 generated events."""
    origin = scratch_clone(tmp_path)
    shutil.rmtree(origin / "events")
    subprocess.run([sys.executable, str(REPO / "bench" / "gen_events.py"), "30", str(origin / "events")], check=True,
                   capture_output=True)
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "Thirty events")
    return origin


def change_one_event(origin: Path) -> str:
    """Change the text of the event in the middle, in a new commit on main; return its id."""
    files = sorted((origin / "events").glob("*.md"))
    changed = files[len(files) // 2]
    changed.write_text(changed.read_text() + "\nOne more sentence.\n")
    git(origin, "commit", "-q", "-am", f"Edit {changed.name}")
    return changed.stem


def fresh_site(runner: Runner) -> dict[str, str]:
    """Return the digests of the site a build of a new checkout from its sources alone makes."""
    checkout = runner.checkout()
    command = f'python build.py build --fresh --no-cache --base-url "{BASE_URL}/"'
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("GITHUB_REPOSITORY", None)
    subprocess.run(["bash", "-c", command], cwd=checkout, env=env, check=True, capture_output=True)
    return tree_digest(checkout / "site")


@pytest.fixture
def runner(tmp_path):
    return Runner(tmp_path, small_repository(tmp_path))


def test_a_deploy_after_one_changed_event_builds_from_main_s_cache_the_bytes_of_a_fresh_build(runner):
    first, restored = runner.run("pages.yml", "build")
    assert restored is None and [p.name for p in runner.store.iterdir()] == [f"timeline-test-{git(first, 'rev-parse', 'HEAD').strip()}"]
    saved = next(runner.store.iterdir())
    assert sorted(p.name for p in saved.iterdir()) == sorted(CACHED)
    assert not (saved / ".timeline-cache" / "spare-site").exists()  # site/ is cached once, not twice
    assert (saved / ".timeline-cache" / "event-pages.json").is_file()

    change_one_event(runner.origin)
    second, restored = runner.run("pages.yml", "build")
    assert restored == saved.name  # the last build's cache, by the restore key's prefix
    assert len(list(runner.store.iterdir())) == 2
    assert tree_digest(second / "site") == fresh_site(runner)

    # The weekly check, run as written: its diff step fails the job on any difference.
    checked, restored = runner.run("cache-check.yml", "compare")
    assert restored == f"timeline-test-{git(checked, 'rev-parse', 'HEAD').strip()}"
    assert len(list(runner.store.iterdir())) == 2  # it saved nothing


def test_a_run_off_main_restores_but_saves_nothing(runner):
    runner.run("pages.yml", "build", ref="refs/heads/feature")
    assert list(runner.store.iterdir()) == []


def test_the_weekly_comparison_fails_when_the_cache_lies(runner):
    runner.run("pages.yml", "build")
    saved = next(runner.store.iterdir())
    # A cache whose record says a changed page is current: the build copies only pages whose bytes match their
    # record, so a lie needs both changed. The comparison must catch it.
    page = next(p for p in (saved / "site").glob("*/index.html") if p.parent.name[:4].isdigit())
    record_file = saved / ".timeline-cache" / "event-pages.json"
    record = json.loads(record_file.read_text())
    lie = page.read_bytes().replace(b"</main>", b"<p>not in any event file</p></main>")
    page.write_bytes(lie)
    record["items"][f"{page.parent.name}/index.html"][1] = short_digest(lie)
    record_file.write_text(json.dumps(record))
    with pytest.raises(AssertionError, match="Compare the two sites byte for byte"):
        runner.run("cache-check.yml", "compare")


def test_one_changed_event_re_renders_only_the_pages_that_show_it(runner, monkeypatch):
    """In process (one worker), to see which event pages are rendered rather than copied from the restored site."""
    from timeline.build.builder import Builder
    from timeline.render.pages import SiteRenderer

    runner.run("pages.yml", "build")
    changed = change_one_event(runner.origin)
    checkout = runner.checkout()
    saved = next(runner.store.iterdir())
    for name in CACHED:
        shutil.copytree(saved / name, checkout / name, symlinks=True)
    rendered = []
    original = SiteRenderer.render

    def render(self, template, **context):
        if template == "event.html":
            rendered.append(context["page_path"].strip("/"))
        return original(self, template, **context)

    monkeypatch.setattr(SiteRenderer, "render", render)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    assert Builder(checkout, base_url=f"{BASE_URL}/", workers=1).build().errors == []
    ids = sorted(p.stem for p in (checkout / "events").glob("*.md"))
    middle = ids.index(changed)
    assert changed in rendered and set(rendered) <= set(ids[middle - 1:middle + 2])  # it and its neighbours
    assert tree_digest(checkout / "site") == fresh_site(runner)
