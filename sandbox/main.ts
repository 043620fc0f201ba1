// `npm start`: runs the whole workload locally until Ctrl-C or SIGTERM.
import { startSandbox } from "./sandbox";
import { SandboxStartError } from "./start-error";

// The pinned AWS SDK warns on every start that its releases after January 2027 want Node 22; the sandbox
// supports Node 20 on purpose (see README), so the warning is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sandbox: PORT must be a whole number from 0 to 65535, not '${process.env.PORT}'.`);
  process.exit(1);
}

try {
  const sandbox = await startSandbox({ port, logLevel: process.env.LOG_LEVEL ?? "INFO" });
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
