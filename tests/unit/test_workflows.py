"""Offline checks of the project infrastructure: GitHub workflows, .ci/run, README, pins.

- both workflows validate against check-jsonschema's vendored GitHub-workflow schema;
- zizmor (offline audits) finds nothing of high severity;
- the workflows keep the properties we rely on (pinned actions, no persisted credentials,
  minimal permissions, Pages deploy wiring, PR job runs the same commands as contributors);
- .ci/run runs exactly the test command the README gives;
- constraints.txt pins every declared dependency.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
PR = WORKFLOWS / "pr.yml"
ALL_WORKFLOWS = [PAGES, PR]
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

SHA_PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def run_commands(workflow: dict) -> list[str]:
    return [line.strip() for _, step in steps(workflow) for line in step.get("run", "").splitlines()]


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(path):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"{path.name} is not a valid workflow:\n{result.stdout}{result.stderr}"
    assert "ok -- validation done" in result.stdout


def zizmor_executable() -> str:
    candidate = Path(sys.executable).with_name("zizmor")
    found = str(candidate) if candidate.exists() else shutil.which("zizmor")
    if not found:
        message = "zizmor is not installed (it is in the [test] extra: python3 dev.py test installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def test_zizmor_offline_finds_nothing_of_high_severity():
    result = subprocess.run(
        [zizmor_executable(), "--offline", "--format", "json", "--no-progress", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    # zizmor exits non-zero when it has findings; the JSON on stdout is what we judge.
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"zizmor did not produce JSON (exit {result.returncode}):\n{result.stderr}")
    high = [
        f"{f['ident']}: {f['desc']} at "
        + ", ".join(
            loc["symbolic"]["key"]["Local"]["verbatim_path"]
            for loc in f["locations"]
            if "Local" in loc["symbolic"]["key"]
        )
        for f in findings
        if not f.get("ignored") and f["determinations"]["severity"] == "High"
    ]
    assert high == [], "zizmor high-severity findings:\n" + "\n".join(high)


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_checkout_keeps_no_credentials(path):
    workflow = load(path)
    uses = [(job, step) for job, step in steps(workflow) if "uses" in step]
    assert uses, f"{path.name} uses no actions?"
    for job, step in uses:
        ref = step["uses"]
        assert SHA_PINNED.match(ref), f"{path.name} job {job}: pin {ref!r} to a full commit SHA"
        if ref.startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, (
                f"{path.name} job {job}: actions/checkout needs `persist-credentials: false`"
            )
    # A human-readable version comment next to every SHA pin.
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        if "uses:" in line and "@" in line:
            assert re.search(r"#\s*v\d", line), f"{path.name}: add a `# vX.Y.Z` comment: {line.strip()}"


def test_pages_workflow_builds_strict_and_deploys():
    workflow = load(PAGES)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {}, "grant permissions per job, none at the top"
    assert workflow["concurrency"]["group"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert "python3 dev.py build" in run_commands({"jobs": {"build": build}})
    # the deployed site's anchors.lock is fetched first: the build refuses to publish fewer anchors
    names = [s.get("name", "") for s in build["steps"]]
    fetch = next(s for s in build["steps"] if "api/anchors.lock" in s.get("run", ""))
    assert "PALIMPSEST_PREVIOUS_LOCK" in fetch["run"] and names.index(fetch["name"]) < names.index(
        "Build the site (strict)"
    )
    setup = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_pull_request_workflow_runs_tests_build_and_checks():
    workflow = load(PR)
    assert "pull_request" in workflow["on"]
    assert "pull_request_target" not in workflow["on"], "never run PR code with a privileged token"
    assert workflow["permissions"] == {"contents": "read"}
    commands = run_commands(workflow)
    for expected in (
        "bash .ci/run",
        "python3 dev.py build",
        ".venv/bin/palimpsest check --github --against FETCH_HEAD",
    ):
        assert expected in commands, f"pr.yml does not run `{expected}`"
    # .ci/run installs Chromium (and Java) when missing, then runs the README's test command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y" in ci and "chromium" in ci and "default-jre-headless" in ci
    for job in workflow["jobs"].values():
        assert str(job.get("env", {}).get("CI")) == "true", "browser tests must run (CI=true), not skip"


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```[a-z]*\n(.*?)```", text, re.S)
    assert match, "README.md must open with a code block holding the set-up commands"
    commands = [" ".join(shlex.split(line, comments=True)) for line in match.group(1).splitlines()]
    return [command for command in commands if command]


def test_readme_starts_with_serve_and_test_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.index("```")
    assert first_block < 800, "the set-up commands must come first in README.md"
    assert readme_commands()[:2] == ["python3 dev.py serve", "python3 dev.py test"]


def test_ci_run_calls_the_readme_test_command():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK), ".ci/run must be executable"
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    test_command = readme_commands()[1]
    assert test_command in lines, f".ci/run must run `{test_command}` (the README's test command)"
    assert lines[-1] == test_command, "the test command must be the last thing .ci/run does"
    syntax = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_constraints_pin_every_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    pins = {}
    for number, line in enumerate((ROOT / "constraints.txt").read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep and version and re.fullmatch(r"[\w.+!-]+", version), (
            f"constraints.txt:{number}: {line!r} is not an exact `name==version` pin"
        )
        assert normalize(name) not in pins, f"constraints.txt:{number}: {name} pinned twice"
        pins[normalize(name)] = version
    assert "palimpsest" not in pins, "constraints.txt must not pin the project itself"
    missing = [req for req in declared if normalize(re.match(r"[A-Za-z0-9_.-]+", req).group(0)) not in pins]
    assert missing == [], (
        f"constraints.txt has no pin for {missing}: run `python3 dev.py lock` (or add the "
        "`name==version` line from `.venv/bin/pip freeze`)"
    )


def test_dev_py_is_stdlib_only_and_parses():
    source = (ROOT / "dev.py").read_text(encoding="utf-8")
    compile(source, "dev.py", "exec")
    imported = set(re.findall(r"^\s*(?:import|from)\s+([A-Za-z_][\w]*)", source, re.M))
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported - set(sys.stdlib_module_names)
    usage = subprocess.run([sys.executable, str(ROOT / "dev.py"), "--help"], capture_output=True, text=True)
    assert usage.returncode == 0
    for command in ("serve", "test", "build", "lock"):
        assert f"dev.py {command}" in usage.stdout
