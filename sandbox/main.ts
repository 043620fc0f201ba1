// `npm start`: runs the whole workload locally until Ctrl-C or SIGTERM.
import { startSandbox } from "./sandbox";
import { SandboxStartError } from "./start-error";

// The pinned AWS SDK warns on every start that its releases after January 2027 want Node 22; the sandbox
// supports Node 20 on purpose (see README), so the warning is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** A whole-number setting from the environment, or the sandbox refuses to start with the reason. */
function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(
      `sandbox: ${name} must be a whole number from ${min} to ${max}, not '${process.env[name]}'.`,
    );
    process.exit(1);
  }
  return value;
}

const port = wholeNumber("PORT", 3000, 0, 65535);
const issuerPort = wholeNumber("ISSUER_PORT", 0, 0, 65535);
// Short access tokens let a browser test see what happens when one expires.
const accessTokenTtlSeconds = wholeNumber("SANDBOX_ACCESS_TOKEN_TTL", 3600, 1, 86400);

try {
  const sandbox = await startSandbox({
    port,
    issuerPort,
    accessTokenTtlSeconds,
  });
  console.log(`Issuer: ${sandbox.issuerUrl}`);
  console.log(`User Management sandbox ready at ${sandbox.url}/ (Ctrl-C to stop)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sandbox.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(
    `sandbox: ${error instanceof SandboxStartError ? error.message : `could not start: ${(error as Error).message}`}`,
  );
  process.exit(1);
}
