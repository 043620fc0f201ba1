// One sandbox (`npm start`) and one Chromium per test file, and a fresh browser context per test. Each person
// signs in through the issuer's page once per file; later contexts start from that session (the issuer's
// cookies, and the tokens the app keeps in sessionStorage, which Playwright's storage state leaves out).
import type { Browser, BrowserContextOptions } from "playwright-core";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { type AppPage, DESKTOP_VIEWPORT, launchBrowser, usersLoaded, watchedPage } from "./browser";
import { type SandboxPersonName, signInThroughIssuer } from "./issuer-sign-in";
import { type SandboxProcess, startSandboxProcess } from "./sandbox-process";

export interface OpenOptions {
  /** Who is signed in; nobody when omitted, so the page shows its sign-in screen. */
  readonly as?: SandboxPersonName;
  readonly viewport?: { width: number; height: number };
  /** The path and query to open. @default "/" */
  readonly path?: string;
}

export interface UiUnderTest {
  /** The sandbox's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Opens the UI in a new context, closed after the test; a test may open several. */
  open(options?: OpenOptions): Promise<AppPage>;
}

interface SavedSession {
  readonly storageState: Awaited<ReturnType<import("playwright-core").BrowserContext["storageState"]>>;
  readonly sessionStorage: Record<string, string>;
}

/** Marks a tab already given the saved session, so a sign-out in it is not undone by the next navigation. */
const SEEDED_MARK = "test:session-seeded";

export interface UiUnderTestOptions {
  /** Who signs in before the first test, in a hook of their own, so no test pays for it. @default nobody */
  readonly signIn?: readonly SandboxPersonName[];
  /** Environment of the sandbox process, e.g. a short access-token lifetime. @default none added */
  readonly sandboxEnv?: Readonly<Record<string, string>>;
}

/** Registers the hooks that start and stop the sandbox and the browser around a test file. */
export function useUiUnderTest({ signIn = [], sandboxEnv = {} }: UiUnderTestOptions = {}): UiUnderTest {
  // A page's answer takes a request or two (token, API, table reload): on a busy two-core machine that can
  // exceed expect.poll's default second without anything being wrong.
  vi.setConfig({ expect: { poll: { timeout: 10_000 } } });
  let sandbox: SandboxProcess | undefined;
  let browser: Browser | undefined;
  let opened: AppPage[] = [];
  const sessions = new Map<SandboxPersonName, Promise<SavedSession>>();

  beforeAll(async () => {
    sandbox = await withEnv(sandboxEnv, () => startSandboxProcess());
    browser = await launchBrowser();
  });
  beforeAll(async () => {
    for (const person of signIn) sessions.set(person, signInOnce(person));
    await Promise.all(sessions.values());
  });
  afterEach(async () => {
    await Promise.all(opened.map((app) => app.context.close()));
    opened = [];
  });
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await sandbox?.stop();
    }
  });

  const started = () => {
    if (!browser || !sandbox) throw new Error("the sandbox and the browser have not started");
    return { browser, url: sandbox.url };
  };

  async function signInOnce(person: SandboxPersonName): Promise<SavedSession> {
    const { browser, url } = started();
    const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    try {
      const { page } = await watchedPage(context);
      await page.goto(`${url}/`);
      await signInThroughIssuer(page, url, person);
      const sessionStorage = await page.evaluate(() => ({ ...window.sessionStorage }));
      return { storageState: await context.storageState(), sessionStorage };
    } finally {
      await context.close();
    }
  }

  return {
    get url() {
      return started().url;
    },
    async open({ as, viewport = DESKTOP_VIEWPORT, path = "/" } = {}) {
      const { browser, url } = started();
      let saved: SavedSession | undefined;
      if (as) {
        if (!sessions.has(as)) sessions.set(as, signInOnce(as));
        saved = await sessions.get(as);
      }
      const options: BrowserContextOptions = {
        viewport,
        ...(saved ? { storageState: saved.storageState } : {}),
      };
      const context = await browser.newContext(options);
      if (saved) {
        await context.addInitScript(
          ({ origin, items, mark }) => {
            if (window.location.origin !== origin || window.sessionStorage.getItem(mark)) return;
            for (const [key, value] of Object.entries(items)) window.sessionStorage.setItem(key, value);
            window.sessionStorage.setItem(mark, "1");
          },
          { origin: url, items: saved.sessionStorage, mark: SEEDED_MARK },
        );
      }
      const app = await watchedPage(context);
      opened.push(app);
      await app.page.goto(`${url}${path}`);
      if (as) await usersLoaded(app.page);
      else await app.page.getByRole("button", { name: "Sign in" }).waitFor();
      return app;
    },
  };
}

/** Runs `start` with `env` added to this process's environment, which the sandbox process inherits. */
async function withEnv<T>(env: Readonly<Record<string, string>>, start: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await start();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
