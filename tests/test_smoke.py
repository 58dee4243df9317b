"""The seed site builds and shows both seed events."""

from tests.conftest import REPO, run_cli


def test_seed_events_check_cleanly():
    result = run_cli(["check", "--root", str(REPO)])
    assert result.code == 0, result.out
    assert result.out == "Checked 2 files: no problems.\n"


def test_project_fixture_builds(project):
    project.event()
    result = project.run("build")
    assert result.code == 0, result.err
    files = [p for p in (project.root / "site").rglob("*") if p.is_file()]
    assert result.err == f"Built site/: 1 event, {len(files)} files.\n"
    assert '<time datetime="2024-11-04">4 November 2024</time>' in project.site()
