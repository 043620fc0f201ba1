// Loads the function's handler as Lambda's Node.js runtime does (aws-lambda-nodejs-runtime-interface-client,
// src/function/: handler-resolver, module-loader, callback-deprecation): `<path/module>.<export path>` in
// LAMBDA_TASK_ROOT, the module tried as is, then with .js, .mjs and .cjs; the export looked up on the module,
// then on its default export.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

export type Handler = (event: unknown, context: object) => unknown;

/** A failure of the Init phase, named as the runtime names it (e.g. `Runtime.ImportModuleError`). */
export class RuntimeInitError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

const EXTENSIONS = ["", ".js", ".mjs", ".cjs"];

export async function loadHandler(taskRoot: string, handlerString: string): Promise<Handler> {
  if (handlerString.includes("..")) {
    throw new RuntimeInitError(
      "Runtime.MalformedHandlerName",
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const lastSlash = handlerString.lastIndexOf("/");
  const firstDot = handlerString.indexOf(".", lastSlash + 1);
  if (firstDot === -1) throw new RuntimeInitError("Runtime.MalformedHandlerName", "Bad handler");
  const modulePath = handlerString.slice(0, firstDot);
  const exportPath = handlerString.slice(firstDot + 1);
  const module = await importModule(resolve(taskRoot, modulePath), modulePath);
  const handler = find(exportPath, module) ?? find(exportPath, (module as { default?: unknown }).default);
  if (handler === undefined)
    throw new RuntimeInitError("Runtime.HandlerNotFound", `${handlerString} is undefined or not exported`);
  if (typeof handler !== "function")
    throw new RuntimeInitError("Runtime.HandlerNotFound", `${handlerString} is not a function`);
  // Node.js 24 dropped callback-style handlers (three parameters) in favour of async ones.
  if (handler.length >= 3)
    throw new RuntimeInitError(
      "Runtime.CallbackHandlerDeprecated",
      "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later.",
    );
  return handler as Handler;
}

async function importModule(pathWithoutExtension: string, moduleName: string): Promise<unknown> {
  const file = EXTENSIONS.map((extension) => pathWithoutExtension + extension).find((path) =>
    existsSync(path),
  );
  if (!file)
    throw new RuntimeInitError("Runtime.ImportModuleError", `Error: Cannot find module '${moduleName}'`);
  try {
    return await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new RuntimeInitError("Runtime.UserCodeSyntaxError", String(error));
    throw error;
  }
}

function find(exportPath: string, module: unknown): unknown {
  return exportPath
    .split(".")
    .reduce<unknown>(
      (nested, key) =>
        nested && typeof nested === "object" ? (nested as Record<string, unknown>)[key] : undefined,
      module,
    );
}
