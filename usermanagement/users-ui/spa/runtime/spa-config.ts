// Reads the deploy-time settings (config.json) the UI stack, or the sandbox, puts beside index.html.
import { SPA_CONFIG_PATH, type SpaConfig } from "../config";

const UNAVAILABLE = "The sign-in settings could not be loaded. Reload the page to try again.";

export async function loadSpaConfig(): Promise<SpaConfig> {
  const response = await fetch(SPA_CONFIG_PATH, { headers: { accept: "application/json" } }).catch(() => {
    throw new Error(UNAVAILABLE);
  });
  // A missing file comes back as index.html from the SPA fallback: only JSON with the settings will do.
  const config: unknown = response.ok ? await response.json().catch(() => undefined) : undefined;
  if (!isSpaConfig(config)) throw new Error(UNAVAILABLE);
  return config;
}

function isSpaConfig(value: unknown): value is SpaConfig {
  if (typeof value !== "object" || value === null) return false;
  const { authority, clientId, scope, signOutEndpoint } = value as Record<string, unknown>;
  return (
    typeof authority === "string" &&
    typeof clientId === "string" &&
    typeof scope === "string" &&
    (signOutEndpoint === undefined || typeof signOutEndpoint === "string")
  );
}
