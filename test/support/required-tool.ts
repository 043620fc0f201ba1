// A test that needs a tool a developer's machine may lack skips without it there, saying which; under CI=true
// (`.ci/run` sets it) it fails instead, naming the tool: a check that CI skips is a check that never runs.
import { spawnSync } from "node:child_process";
import type { TestContext } from "vitest";

/** CI=true or CI=1, as CI services and `.ci/run` set it. */
const underCI = (): boolean => /^(true|1)$/i.test(process.env.CI ?? "");

/**
 * Returns when `command --version` runs; otherwise skips the test, or fails it under CI, with a message naming the
 * command and how to install it.
 */
export function requireTool(context: TestContext, command: string, howToInstall: string): void {
  if (spawnSync(command, ["--version"], { stdio: "ignore" }).status === 0) return;
  const missing = `${command} is not installed (${howToInstall})`;
  if (underCI()) throw new Error(`${missing}: under CI=true a test that needs it fails rather than skip`);
  console.warn(`skipped "${context.task.name}": ${missing}`);
  context.skip(missing);
}
