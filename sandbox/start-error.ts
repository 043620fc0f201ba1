// A failure to start the sandbox that the developer can act on; `npm start` prints its message alone, in one
// line, instead of a stack trace.
export class SandboxStartError extends Error {
  override name = "SandboxStartError";
}
