// Loads oidc-provider without the start-up notice that suits a production server but not the sandbox.
import type ProviderClass from "oidc-provider";
import type { errors } from "oidc-provider";

/**
 * oidc-provider warns at import that Node 20 is not a runtime it supports (it tests on Node 22+); the project
 * runs its sandbox on Node 20 on purpose and its tests exercise the issuer there, so that one line is dropped.
 * The in-memory adapter is chosen explicitly (the sandbox keeps nothing between runs by design), which also
 * keeps the "development-only adapter" warning away.
 */
export async function loadOidcProvider(): Promise<{
  Provider: typeof ProviderClass;
  createMemoryAdapter: () => unknown;
  errors: typeof errors;
}> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (String(args[0]).includes("oidc-provider WARNING: Unsupported runtime")) return;
    warn(...args);
  };
  try {
    const [{ default: Provider, errors }, { createMemoryAdapter }] = await Promise.all([
      import("oidc-provider"),
      import("oidc-provider/lib/adapters/memory_adapter.js"),
    ]);
    return { Provider, createMemoryAdapter, errors };
  } finally {
    console.warn = warn;
  }
}
