// Drives the UI's chat panel the way an operator does: type in Message, press Send, read the transcript.
import type { Page } from "playwright-core";

/** Sends `text` and returns the transcript lines the turn added after the operator's own line. */
export async function chat(page: Page, text: string): Promise<string[]> {
  const lines = page.locator("#chat-transcript li");
  const before = await lines.count();
  await page.getByLabel("Message").fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  // Send is disabled for the whole turn, fulfilment included.
  await page.locator("#chat-send:enabled").waitFor();
  return (await lines.allTextContents()).slice(before + 1);
}
