// The pull-request workflows in `.github/workflows` (tested from here: tsc skips dot directories): valid for
// GitHub's schema, and wired so that the pull request's code never runs with a token that may write.
import { readFileSync } from "node:fs";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const source = (name: string) => readFileSync(`.github/workflows/${name}`, "utf8");
// biome-ignore lint/suspicious/noExplicitAny: workflow YAML
const workflow = (name: string): any => parse(source(name));
// biome-ignore lint/suspicious/noExplicitAny: workflow YAML
const steps = (file: string): any[] => Object.values<any>(workflow(file).jobs).flatMap((job) => job.steps);

const BUILD = "pull-request.yml";
const COMMENT = "pull-request-comment.yml";

describe("pull-request workflows", () => {
  it.each([BUILD, COMMENT])("%s is valid for GitHub's workflow schema", (name) => {
    expect(validateWorkflow(source(name)).errors).toEqual([]);
  });

  it("builds every pull request with a read-only token: npm ci and npm test through .ci/run, then the review", () => {
    const build = workflow(BUILD);
    expect(Object.keys(build.on)).toEqual(["pull_request"]);
    expect(build.permissions).toEqual({ contents: "read" });
    const commands = steps(BUILD).map((step) => step.run ?? "");
    expect(commands).toContain("bash .ci/run");
    expect(commands.join("\n")).toMatch(
      /npm run review -- --base "origin\/\$BASE_REF" .*\\\n\s+--comment \S+ --report-url "\$RUN_URL"/,
    );
  });

  it("comments from the build's artifact on the build's completion, running none of the pull request's code", () => {
    const comment = workflow(COMMENT);
    expect(comment.on.workflow_run.workflows).toEqual([workflow(BUILD).name]);
    expect(comment.permissions).toEqual({ actions: "read", "pull-requests": "write" });
    for (const step of steps(COMMENT)) {
      expect(step.run, "no shell step").toBeUndefined();
      if (String(step.uses).startsWith("actions/checkout")) expect(step.with.ref).toBeUndefined();
    }
  });

  it("passes the report from one workflow to the other under the same artifact and directory names", () => {
    const upload = steps(BUILD).find((step) => String(step.uses).startsWith("actions/upload-artifact"));
    const download = steps(COMMENT).find((step) => String(step.uses).startsWith("actions/download-artifact"));
    const post = steps(COMMENT).find((step) => String(step.uses).startsWith("actions/github-script"));

    expect(download.with.name).toBe(upload.with.name);
    expect(upload.with.path).toBe(`${download.with.path}/`);
    expect(post.with.script).toContain(`directory: "${download.with.path}"`);
    const review = steps(BUILD).find((step) => String(step.run).includes("npm run review"));
    expect(review.run).toContain(`> ${download.with.path}/pull-request`);
    expect(review.run).toContain(`--comment ${download.with.path}/comment.md`);
  });
});
