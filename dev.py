#!/usr/bin/env python3
"""Palimpsest developer commands (standard library only, Python 3.11+).

    python3 dev.py serve [--dev-addr HOST:PORT] [mkdocs serve args]   build and serve the site
    python3 dev.py test  [pytest args]                                  ruff, mypy, then the whole test suite
    python3 dev.py build [mkdocs build args]                            strict build into site/
    python3 dev.py lock                                                 re-resolve and rewrite constraints.txt

Every command first makes sure ``.venv`` exists and holds the project (``pip install -e .[test]``
constrained by ``constraints.txt``). A stamp file inside ``.venv`` records a hash of
``pyproject.toml`` + ``constraints.txt``; while it matches, the install step is skipped, so only
the first run (or the first run after a dependency change) touches the network.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MIN_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYPROJECT = ROOT / "pyproject.toml"
CONSTRAINTS = ROOT / "constraints.txt"
STAMP = VENV / ".palimpsest-requirements-stamp"
EXTRAS = "test"

# Never written to constraints.txt: the project itself, installer tooling, and a bogus
# entry some Debian/Ubuntu pips emit.
LOCK_EXCLUDE = {"palimpsest", "pip", "setuptools", "wheel", "distribute", "pkg-resources"}

CONSTRAINTS_HEADER = """\
# Exact versions of every package installed into .venv (used as `pip install -c constraints.txt`).
# Do not edit by hand. To upgrade, run:
#
#     python3 dev.py lock
#
# which installs the project's declared dependencies (pyproject.toml: [project.dependencies] and
# the [test] extra) unpinned into a scratch virtual environment, then rewrites this file from
# `pip freeze`. Review the diff, run `python3 dev.py test`, and commit both files together.
"""


def say(message: str) -> None:
    print(f"[dev.py] {message}", flush=True)


def die(message: str, code: int = 1) -> None:
    print(f"[dev.py] error: {message}", file=sys.stderr, flush=True)
    raise SystemExit(code)


def venv_bin(name: str, venv: Path = VENV) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return venv / folder / f"{name}{suffix}"


def run(cmd: list[str], **kwargs) -> int:
    # Material prints a long notice about MkDocs 2 on every build; keep the output readable.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    say("$ " + shlex.join(str(c) for c in cmd))
    try:
        return subprocess.call([str(c) for c in cmd], **kwargs)
    except KeyboardInterrupt:
        return 130


def check(cmd: list[str], what: str, **kwargs) -> None:
    code = run(cmd, **kwargs)
    if code != 0:
        die(f"{what} failed (exit code {code}); see the output above.", code)


def requirements_hash() -> str:
    digest = hashlib.sha256()
    for path in (PYPROJECT, CONSTRAINTS):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def create_venv(venv: Path) -> None:
    say(f"creating virtual environment {venv} with {sys.executable}")
    code = run([sys.executable, "-m", "venv", str(venv)])
    if code != 0 or not venv_bin("python", venv).exists():
        die(
            "could not create the virtual environment. On Debian/Ubuntu install the venv module "
            "first: `apt-get install python3-venv` (then delete .venv and retry)."
        )


def ensure_venv() -> Path:
    """Create .venv if needed and install the project into it unless the stamp is current."""
    python = venv_bin("python")
    if not python.exists():
        if VENV.exists():
            say(f"{VENV} exists but has no Python interpreter; recreating it")
            shutil.rmtree(VENV)
        create_venv(VENV)
    wanted = requirements_hash()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not CONSTRAINTS.exists():
        die(f"{CONSTRAINTS.name} is missing; run `python3 dev.py lock` to create it.")
    say("installing the project and its pinned dependencies into .venv (first run or changed pins)")
    check(
        [
            python,
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--quiet",
            "-c",
            CONSTRAINTS,
            "-e",
            f".[{EXTRAS}]",
        ],
        "pip install",
        cwd=ROOT,
    )
    STAMP.write_text(wanted + "\n")
    say("virtual environment ready")
    return python


def cmd_serve(args: list[str]) -> int:
    python = ensure_venv()
    if not (ROOT / "mkdocs.yml").exists():
        die("mkdocs.yml not found at the repository root.")
    say("serving the site (Ctrl+C to stop); default address http://127.0.0.1:8000/palimpsest/ (the path of site_url)")
    return run([python, "-m", "mkdocs", "serve", *args], cwd=ROOT)


def cmd_build(args: list[str]) -> int:
    python = ensure_venv()
    if not (ROOT / "mkdocs.yml").exists():
        die("mkdocs.yml not found at the repository root.")
    code = run([python, "-m", "mkdocs", "build", "--strict", *args], cwd=ROOT)
    if code == 0:
        say("site built (strict) into site/")
    else:
        say(f"strict build failed (exit code {code}); every warning above is an error.")
    return code


STATIC_CHECKS = (
    ("ruff check", ["-m", "ruff", "check", "."]),
    ("ruff format --check", ["-m", "ruff", "format", "--check", "."]),
    ("mypy", ["-m", "mypy"]),  # files = plugins/palimpsest (pyproject.toml)
)


def cmd_test(args: list[str]) -> int:
    python = ensure_venv()
    # Lint, format and types first (seconds); only for the whole suite, not `dev.py test -k x`.
    if not args:
        for name, cmd in STATIC_CHECKS:
            code = run([python, *cmd], cwd=ROOT)
            if code != 0:
                say(f"{name} failed (exit code {code}); fix it (`.venv/bin/python {' '.join(cmd[1:])}`) and run again.")
                return code
    # -ra: summary of skips/failures with reasons; --durations: keep an eye on slow tests.
    code = run([python, "-m", "pytest", "-ra", "--durations=10", *args], cwd=ROOT)
    if code == 5:
        say(
            "pytest collected no tests (exit code 5): treated as a failure. Check the -k/path "
            "arguments or the test layout."
        )
    elif code != 0:
        say(f"tests failed (exit code {code})")
    else:
        say("all tests passed")
    return code


def read_declared_requirements() -> list[str]:
    import tomllib  # stdlib from Python 3.11

    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    project = data["project"]
    requirements = list(project.get("dependencies", []))
    requirements += list(project.get("optional-dependencies", {}).get(EXTRAS, []))
    return requirements


def freeze_lines(python: Path) -> list[str]:
    out = subprocess.run(
        [str(python), "-m", "pip", "freeze", "--exclude-editable", "--disable-pip-version-check"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = []
    for line in out.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "==" not in line:
            continue  # comments, editable installs, direct URLs
        name = line.split("==", 1)[0].strip().lower().replace("_", "-")
        if name in LOCK_EXCLUDE:
            continue
        lines.append(line)
    return sorted(lines, key=str.lower)


def cmd_lock(args: list[str]) -> int:
    requirements = read_declared_requirements()
    with tempfile.TemporaryDirectory(prefix="palimpsest-lock-") as tmp:
        scratch = Path(tmp) / "venv"
        create_venv(scratch)
        python = venv_bin("python", scratch)
        say("resolving the declared dependencies (unpinned) in a scratch environment")
        check(
            [python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "--upgrade", "pip"],
            "pip upgrade",
        )
        check([python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", *requirements], "pip install")
        pins = freeze_lines(python)
    CONSTRAINTS.write_text(CONSTRAINTS_HEADER + "\n" + "\n".join(pins) + "\n", encoding="utf-8")
    say(f"wrote {len(pins)} pins to {CONSTRAINTS.name}; the next dev.py command updates .venv")
    return 0


COMMANDS = {"serve": cmd_serve, "test": cmd_test, "build": cmd_build, "lock": cmd_lock}


def main(argv: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        die(f"Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]}+ is required (this is {sys.version.split()[0]}).")
    if not argv or argv[0] in {"-h", "--help", "help"} or argv[0] not in COMMANDS:
        print(__doc__.strip())
        return 0 if argv and argv[0] in {"-h", "--help", "help"} else 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
