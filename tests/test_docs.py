"""Every field, setting and command is documented where a user looks, exactly as the code declares it."""

import re
from dataclasses import fields

import jinja2.defaults
import pytest

from tests.conftest import REPO
from timeline.cli import COMMANDS, parser
from timeline.model.config import Config
from timeline.model.fields import CORRECTION_FIELDS, EVENT_FIELDS, SOURCE_FIELDS, STATUSES

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("spec", EVENT_FIELDS + SOURCE_FIELDS, ids=lambda s: s.name)
def test_every_field_has_its_row_in_contributing(spec):
    row = f"| `{spec.name}` | {spec.kind} | {'yes' if spec.required else 'no'} | {spec.doc} |"
    assert row in CONTRIBUTING


@pytest.mark.parametrize("spec", CORRECTION_FIELDS, ids=lambda s: s.name)
def test_every_correction_field_has_its_row_in_contributing(spec):
    assert f"| `{spec.name}` | {spec.kind} | {'yes' if spec.required else 'no'} | {spec.doc} |" in CONTRIBUTING


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_is_explained_in_contributing(status):
    assert f"| `{status}` | {STATUSES[status]} |" in CONTRIBUTING


@pytest.mark.parametrize("setting", fields(Config), ids=lambda f: f.name)
def test_every_setting_has_its_row_in_contributing(setting):
    row = f"| `{setting.name}` | `{setting.default!r}` | {setting.metadata['doc']} |"
    assert row in CONTRIBUTING


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_its_row_in_readme(command):
    assert f"| `{command}` | {COMMANDS[command]} |" in README


def test_commands_table_matches_the_parser():
    subparsers = next(a for a in parser()._actions if a.dest == "command")
    assert sorted(subparsers.choices) == sorted(COMMANDS)


def command_options() -> list[tuple[str, str]]:
    """Return (command, --option) for every option of every command but --help."""
    subparsers = next(a for a in parser()._actions if a.dest == "command")
    return [(name, option) for name, command in sorted(subparsers.choices.items()) for action in command._actions
            for option in action.option_strings if option.startswith("--") and option != "--help"]


@pytest.mark.parametrize("command, option", command_options(), ids=[" ".join(o) for o in command_options()])
def test_every_option_is_in_readme(command, option):
    assert re.search(re.escape(option) + r"(?![\w-])", README), f"{command} {option} is not in README.md"


def test_readme_quick_start_has_exactly_the_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick_start.splitlines() if line.startswith("python3 ")]
    assert commands == ["python3 dev.py serve", "python3 dev.py test"]


def test_ci_runs_the_readme_test_command():
    assert (REPO / ".ci" / "run").read_text().strip().endswith("exec python3 dev.py test")


def test_contributing_example_is_a_valid_event(project):
    example = CONTRIBUTING.split("```markdown\n", 1)[1].split("```", 1)[0]
    project.write("2024-11-04-putin-meets-choe-son-hui.md", example, dedent=False)
    result = project.run("check")
    assert (result.code, result.out) == (0, "Checked 1 file: no problems.\n")


def test_readme_example_is_a_valid_event(project):
    example = README.split("```markdown\n", 1)[1].split("```", 1)[0]
    project.write("2024-11-04-putin-meets-choe-son-hui.md", example, dedent=False)
    result = project.run("check")
    assert (result.code, result.out) == (0, "Checked 1 file: no problems.\n")


def test_every_template_global_has_its_row_in_contributing(project):
    section = CONTRIBUTING.split("### Templates", 1)[1]
    rows = set(re.findall(r"^\| `([^`(]+)", section, flags=re.MULTILINE))
    renderer = project.renderer()
    ours = set(renderer.env.globals) - set(jinja2.defaults.DEFAULT_NAMESPACE)
    assert rows == ours


def test_contributing_states_the_description_limits_the_check_applies():
    from timeline.model.event_file import MAX_FILE_BYTES
    from timeline.model.validate import MAX_BRACKETS, MAX_DESCRIPTION, MAX_DESCRIPTION_LINES, MAX_NESTING

    text = " ".join(CONTRIBUTING.split())
    assert (f"at most {MAX_DESCRIPTION:,} characters and {MAX_DESCRIPTION_LINES:,} lines, with at most "
            f"{MAX_BRACKETS} `[` and lists or quotes nested at most {MAX_NESTING} deep; a whole file at most "
            f"{MAX_FILE_BYTES // 1024} KiB") in text


def test_contributing_new_commands_work_on_a_fresh_clone(project):
    import shlex
    import shutil

    for event in (REPO / "events").glob("*.md"):
        shutil.copy(event, project.root / "events")
    commands = set(re.findall(r"^\.venv/bin/python build\.py (new .*)$", CONTRIBUTING, flags=re.MULTILINE))
    assert len(commands) == 1
    written = re.search(r"# writes (events/\S+\.md)", CONTRIBUTING)[1]
    result = project.run(*shlex.split(commands.pop()))
    assert (result.code, result.out) == (0, written + "\n")
