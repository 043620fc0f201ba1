// Outputs read by another stack: weak references, imports and pipeline variables, and what a change does to
// their readers.
import { describe, expect, it } from "vitest";
import type { StackSnapshot, Template } from "../../../bin/cloud-assembly";
import { reviewChanges } from "../../../bin/review/changes";

const snapshot = (stackName: string, template: Template): StackSnapshot => ({
  id: stackName,
  stackName,
  artifactId: stackName.replaceAll("-", ""),
  template,
  acknowledgements: [],
  assets: [],
});

const api = (output: string, value: Template = { Ref: "Api" }, protocol = "HTTP") =>
  snapshot("App-Api", {
    Resources: {
      Api: { Type: "AWS::ApiGatewayV2::Api", Properties: { Name: "api", ProtocolType: protocol } },
    },
    Outputs: { [output]: { Value: value } },
  });

const ui = (output: string, extra: Template = {}) =>
  snapshot("App-Ui", {
    Resources: {
      Config: {
        Type: "AWS::SSM::Parameter",
        Properties: {
          Type: "String",
          Value: { "Fn::GetStackOutput": { StackName: "App-Api", Region: "eu-west-1", OutputName: output } },
          ...extra,
        },
      },
    },
  });

describe("consumed outputs", () => {
  it("calls out a renamed output: removed, with the reader now reading the new name", () => {
    const review = reviewChanges([api("ApiId"), ui("ApiId")], [api("HttpApiId"), ui("HttpApiId")]);

    expect(review.outputs).toEqual([
      {
        stack: "App-Api",
        output: "ApiId",
        change: "removed",
        readers: [
          {
            stack: "App-Ui",
            kind: "Fn::GetStackOutput",
            note: "read it at the base; it now reads `HttpApiId`",
            warning: false,
          },
        ],
      },
    ]);
  });

  it("warns when a reader still reads an output that is removed", () => {
    const review = reviewChanges([api("ApiId"), ui("ApiId")], [api("HttpApiId"), ui("ApiId")]);

    expect(review.outputs).toEqual([
      {
        stack: "App-Api",
        output: "ApiId",
        change: "removed",
        readers: [
          {
            stack: "App-Ui",
            kind: "Fn::GetStackOutput",
            note: "still reads it: its deployment fails",
            warning: true,
          },
        ],
      },
    ]);
  });

  it("warns when a reader reads an output its producer never had", () => {
    const review = reviewChanges([api("ApiId"), ui("ApiId")], [api("ApiId"), ui("ApiID")]);

    expect(review.outputs).toEqual([
      {
        stack: "App-Api",
        output: "ApiID",
        change: "does not exist",
        readers: [
          {
            stack: "App-Ui",
            kind: "Fn::GetStackOutput",
            note: "reads it: its deployment fails",
            warning: true,
          },
        ],
      },
    ]);
  });

  it("warns that a reader whose template stays the same keeps the old value of a changed output", () => {
    const review = reviewChanges(
      [api("Url", { "Fn::Join": ["", ["https://", { Ref: "Api" }, "/v1"]] }), ui("Url")],
      [api("Url", { "Fn::Join": ["", ["https://", { Ref: "Api" }, "/v2"]] }), ui("Url")],
    );

    expect(review.outputs).toEqual([
      {
        stack: "App-Api",
        output: "Url",
        change: "changes value",
        readers: [
          {
            stack: "App-Ui",
            kind: "Fn::GetStackOutput",
            note: "its template does not change, so it keeps the old value until it is deployed with a change",
            warning: true,
          },
        ],
      },
    ]);
  });

  it("sees that an output naming a replaced resource changes value though its text does not", () => {
    const review = reviewChanges(
      [api("ApiId", { Ref: "Api" }, "HTTP"), ui("ApiId")],
      [api("ApiId", { Ref: "Api" }, "WEBSOCKET"), ui("ApiId", { Description: "re-read" })],
    );

    expect(review.outputs).toMatchObject([
      {
        output: "ApiId",
        change: "changes value",
        readers: [
          { note: "its template changes too, so its deployment reads the new value", warning: false },
        ],
      },
    ]);
  });

  it("knows an import locks the export it reads", () => {
    const exporter = (value: string) =>
      snapshot("App-Api", { Outputs: { Id: { Value: value, Export: { Name: "app-api-id" } } } });
    const importer = snapshot("App-Ui", {
      Resources: {
        Config: {
          Type: "AWS::SSM::Parameter",
          Properties: { Type: "String", Value: { "Fn::ImportValue": "app-api-id" } },
        },
      },
    });

    const review = reviewChanges([exporter("a"), importer], [exporter("b"), importer]);

    expect(review.outputs).toMatchObject([
      { output: "Id", readers: [{ kind: "Fn::ImportValue", warning: true }] },
    ]);
  });

  it("reads a pipeline's variables from its deploy actions' namespaces", () => {
    const pipeline = (output: string) =>
      snapshot("Toolchain", {
        Resources: {
          Pipeline: {
            Type: "AWS::CodePipeline::Pipeline",
            Properties: {
              Stages: [
                {
                  Name: "Production",
                  Actions: [
                    { Name: "Deploy", Namespace: "AppApiNs", Configuration: { StackName: "App-Api" } },
                    {
                      Name: "SmokeTest",
                      Configuration: {
                        EnvironmentVariables: `[{"name":"URL","value":"#{AppApiNs.${output}}"}]`,
                      },
                    },
                  ],
                },
              ],
            },
          },
        },
      });

    const review = reviewChanges([api("ApiId"), pipeline("ApiId")], [api("Endpoint"), pipeline("Endpoint")]);

    expect(review.outputs).toMatchObject([
      {
        stack: "App-Api",
        output: "ApiId",
        change: "removed",
        readers: [
          {
            stack: "Toolchain",
            kind: "pipeline variable",
            note: "read it at the base; it now reads `Endpoint`",
          },
        ],
      },
    ]);
  });

  it("says nothing when read outputs keep their values", () => {
    const review = reviewChanges(
      [api("ApiId"), ui("ApiId")],
      [api("ApiId"), ui("ApiId", { Description: "x" })],
    );

    expect(review.outputs).toEqual([]);
  });
});
