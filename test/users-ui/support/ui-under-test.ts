// One sandbox (`npm start`) and one Chromium per test file, and a fresh browser context per test.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { type SandboxProcess, startSandboxProcess } from "../../support/sandbox-process";
import { type AppPage, launchBrowser, openApp } from "./browser";

export interface UiUnderTest {
  /** The sandbox's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Opens the UI in a new context, closed after the test. */
  open(viewport?: { width: number; height: number }): Promise<AppPage>;
}

/** Registers the hooks that start and stop the sandbox and the browser around a test file. */
export function useUiUnderTest(): UiUnderTest {
  let sandbox: SandboxProcess | undefined;
  let browser: Browser | undefined;
  let current: AppPage | undefined;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await current?.context.close();
    current = undefined;
  });
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await sandbox?.stop();
    }
  });

  return {
    get url() {
      if (!sandbox) throw new Error("the sandbox has not started");
      return sandbox.url;
    },
    async open(viewport) {
      if (!browser || !sandbox) throw new Error("the browser has not started");
      current = await openApp(browser, sandbox.url, viewport);
      return current;
    },
  };
}
