// CDK apps for tests, with the same feature flags as `cdk.json` so templates match what `cdk synth` produces.
import { readFileSync } from "node:fs";
import { App } from "aws-cdk-lib";

const cdkJson = JSON.parse(readFileSync(new URL("../../cdk.json", import.meta.url), "utf8")) as {
  context: Record<string, unknown>;
};

/**
 * An App with the project's context. Bundling is skipped unless a test needs the assets: esbuild is fast, but
 * dozens of synths would still bundle dozens of times.
 */
export function testApp(options: { bundle?: boolean; context?: Record<string, unknown> } = {}): App {
  return new App({
    context: {
      ...cdkJson.context,
      ...(options.bundle ? {} : { "aws:cdk:bundling-stacks": [] }),
      ...options.context,
    },
  });
}
