"""The GitHub workflows: valid against GitHub's schema (offline) and doing what publishing relies on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PAGES = ROOT / ".github" / "workflows" / "pages.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
# First major of each action that runs on Node 24 (Node 20 actions are deprecated on GitHub's runners).
NODE24_MAJORS = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/cache": 5,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}
# A proxy nobody listens on: check-jsonschema must validate with its vendored schema alone.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": ""}


def load(path: Path) -> dict:
    """Parse a workflow; YAML 1.1 reads the key ``on`` as True, so name it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[tuple[str, dict]]:
    """Return (job id, step) for every step of every job."""
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", ())]


def uses(workflow: dict) -> list[tuple[str, int | None]]:
    """Return (action, major version) of every ``uses:`` step."""
    found = []
    for _, step in steps(workflow):
        if "uses" in step:
            action, _, ref = step["uses"].partition("@")
            major = re.match(r"v(\d+)", ref)
            found.append((action, int(major.group(1)) if major else None))
    return found


def run_steps(workflow: dict, job: str) -> str:
    """Return the shell commands of one job, in order, one per line."""
    return "\n".join(step.get("run", "") for job_id, step in steps(workflow) if job_id == job)


@pytest.fixture(scope="module")
def pages() -> dict:
    return load(PAGES)


def test_workflows_exist():
    assert PAGES in WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_matches_github_schema_offline(path):
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, env={**os.environ, **OFFLINE},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_actions_run_on_node24(path):
    old = [f"{action}@v{major}" for action, major in uses(load(path))
           if action in NODE24_MAJORS and (major is None or major < NODE24_MAJORS[action])]
    assert not old, f"{path.name}: update to a Node 24 major: {', '.join(old)}"


def test_pages_runs_on_main_and_by_hand(pages):
    assert pages["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in pages["on"]


def test_pages_permissions_and_concurrency(pages):
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["concurrency"]["group"]


def test_pages_installs_with_pip_cache_from_pyproject(pages):
    setup = next(step for _, step in steps(pages) if step.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "pyproject.toml"
    assert "make install" in run_steps(pages, "build")


def test_pages_tests_before_strict_build(pages):
    commands = run_steps(pages, "build")
    assert "make test" in commands
    assert re.search(r"mkdocs build --strict --site-dir (\S+)", commands)
    assert commands.index("make test") < commands.index("mkdocs build --strict")


def test_pages_uploads_the_built_folder_and_deploys_it(pages):
    built = re.search(r"mkdocs build --strict --site-dir (\S+)", run_steps(pages, "build")).group(1)
    upload = next(step for job, step in steps(pages)
                  if job == "build" and step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == built
    deploy_jobs = [job for job, step in steps(pages) if step.get("uses", "").startswith("actions/deploy-pages")]
    assert deploy_jobs == ["deploy"]
    assert pages["jobs"]["deploy"]["needs"] == "build"
    assert pages["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_pages_builds_for_its_own_repository(pages):
    """The deployed site's URLs come from configure-pages, not from the example in mkdocs.yml."""
    build = next(step for _, step in steps(pages) if "mkdocs build" in step.get("run", ""))
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    assert "github.repository" in build["env"]["REPO_URL"]
    assert "!ENV [SITE_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_ci_script_installs_chromium_and_ends_with_make_test():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get update" in script and "chromium" in script
    assert script.strip().splitlines()[-1].strip() == "make test"
