// BucketDeployment, done as its handler does it: the sandbox app's site lands in the bucket with the metadata
// each deployment sets, config.json with its markers resolved; filters and pruning as `aws s3 sync` applies them.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deploy } from "../../../../sandbox/cloudformation/deployment";
import { deployToBuckets } from "../../../../sandbox/cloudformation/resources/bucket-deployment";
import { createBuckets } from "../../../../sandbox/s3/buckets";
import { sandboxDeployment } from "../../../support/sandbox-assembly";

const uiStack = () => {
  const stack = sandboxDeployment().stacks.find((s) => s.stackName.endsWith("-UsersUI"));
  if (!stack) throw new Error("no UI stack");
  return stack;
};
const siteBucket = () => {
  const [bucket] = uiStack().resources.filter((r) => r.type === "AWS::S3::Bucket");
  return bucket.physicalId;
};

describe("the sandbox app's site deployment", () => {
  const buckets = createBuckets();
  deployToBuckets(uiStack(), buckets, (text) => text);

  it("puts index.html, config.json and the hashed assets in the site bucket, each deployment's Cache-Control on its own", () => {
    const keys = buckets.keys(siteBucket()).sort();
    expect(keys).toContain("index.html");
    expect(keys).toContain("config.json");
    const assets = keys.filter((key) => key.startsWith("assets/"));
    expect(assets.length).toBeGreaterThanOrEqual(2);
    expect(buckets.get(siteBucket(), "index.html")?.cacheControl).toBe("no-cache");
    for (const key of assets)
      expect(buckets.get(siteBucket(), key)?.cacheControl).toBe("public, max-age=31536000, immutable");
    expect(buckets.get(siteBucket(), assets.find((key) => key.endsWith(".js")) ?? "")?.contentType).toBe(
      "text/javascript",
    );
  });

  it("writes config.json as the template does: every marker replaced by the value the stack resolved", () => {
    const config = JSON.parse(buckets.get(siteBucket(), "config.json")?.body.toString() ?? "{}");
    const [pool] = sandboxDeployment().resourcesOfType("AWS::Cognito::UserPool");
    const spaClient = sandboxDeployment()
      .resourcesOfType("AWS::Cognito::UserPoolClient")
      .find((client) => (client.properties.AllowedOAuthFlows as string[]).includes("code"));
    expect(config).toMatchObject({
      authority: pool.attribute("ProviderURL"),
      clientId: spaClient?.physicalId,
    });
    expect(JSON.stringify(config)).not.toContain("<<marker");
  });

  it("hands the files it wrote markers into to what stands in for their values", () => {
    const standIn = createBuckets();
    deployToBuckets(uiStack(), standIn, (text) =>
      text.replace(/https:\/\/cognito-idp\.[^"/]+\/[^"]+/, "http://issuer"),
    );
    expect(JSON.parse(standIn.get(siteBucket(), "config.json")?.body.toString() ?? "{}").authority).toBe(
      "http://issuer",
    );
    expect(standIn.get(siteBucket(), "index.html")?.body).toEqual(
      buckets.get(siteBucket(), "index.html")?.body,
    );
  });
});

describe("a deployment's filters and pruning", () => {
  /** A stack with one deployment of a directory holding `files` into `bucket`, with `properties`. */
  function stackDeploying(files: string[], properties: Record<string, unknown>) {
    const source = mkdtempSync(join(tmpdir(), "bucket-source-"));
    for (const file of files) {
      mkdirSync(join(source, file, ".."), { recursive: true });
      writeFileSync(join(source, file), file);
    }
    const [stack] = deploy([
      {
        stackName: "Site",
        template: {
          Resources: {
            Deployment: {
              Type: "Custom::CDKBucketDeployment",
              Properties: {
                SourceObjectKeys: ["source.zip"],
                DestinationBucketName: "bucket",
                ...properties,
              },
            },
          },
        },
        assetPath: (key) => (key === "source.zip" ? source : undefined),
      },
    ]).stacks;
    return stack;
  }

  it("syncs what the last matching filter includes, excludes first and includes after", () => {
    const buckets = createBuckets();
    deployToBuckets(
      stackDeploying(["index.html", "assets/app.js", "assets/deep/x.css", "notes.txt"], {
        Exclude: ["*"],
        Include: ["assets/*"],
        Prune: false,
      }),
      buckets,
      (text) => text,
    );
    expect(buckets.keys("bucket").sort()).toEqual(["assets/app.js", "assets/deep/x.css"]);
  });

  it("prunes what the sources no longer hold, unless told not to", () => {
    const buckets = createBuckets();
    buckets.put("bucket", "stale.html", { body: Buffer.from("old"), contentType: "text/html" });
    buckets.put("bucket", "kept.html", { body: Buffer.from("old"), contentType: "text/html" });
    deployToBuckets(stackDeploying(["index.html"], { Exclude: ["kept.html"] }), buckets, (text) => text);
    expect(buckets.keys("bucket").sort()).toEqual(["index.html", "kept.html"]);
  });
});
