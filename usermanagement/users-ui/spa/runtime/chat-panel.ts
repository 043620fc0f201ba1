// The chat panel: a transcript (an ARIA log, announced politely) and the Message box. It keeps the Lex
// `sessionState` each reply returns and sends it back with the next message, since the server keeps none.
import {
  type ChatResponse,
  CONFIRMATION_ASKED_AGAIN,
  type SessionState,
  sendChatMessage,
} from "./chat-client";
import { askToDelete, type Fulfilment, fulfil } from "./chat-fulfilment";
import type { Operator } from "./operator";

type Speaker = "you" | "bot" | "outcome" | "error";

const SPEAKER_NAMES: Record<Speaker, string> = {
  you: "You",
  bot: "Assistant",
  outcome: "Done",
  error: "Problem",
};

export interface ChatPanelElements {
  readonly form: HTMLFormElement;
  readonly input: HTMLInputElement;
  readonly send: HTMLButtonElement;
  readonly transcript: HTMLOListElement;
}

export function bindChatPanel(
  elements: ChatPanelElements,
  operator: Operator,
  onFulfilled: (outcome: Fulfilment) => void,
): void {
  const { form, input, send, transcript } = elements;
  const log = transcript.closest<HTMLElement>("[role=log]") ?? transcript;
  const sessionId = newSessionId();
  let sessionState: SessionState | undefined;

  const say = (speaker: Speaker, text: string) => {
    const item = document.createElement("li");
    item.className = `chat-${speaker}`;
    const name = document.createElement("span");
    name.className = "speaker";
    name.textContent = `${SPEAKER_NAMES[speaker]}: `;
    item.append(name, text);
    transcript.append(item);
    item.scrollIntoView({ block: "nearest" });
  };

  /** Shows the bot's answer and carries out what it settled; returns the session state for the next turn. */
  const answer = async (reply: ChatResponse): Promise<SessionState> => {
    const { intent } = reply.sessionState;
    if (asksToDelete(reply)) {
      const askedAgain = CONFIRMATION_ASKED_AGAIN in reply.sessionState.sessionAttributes;
      const question = await askToDelete(intent, askedAgain);
      say("bot", question.message);
      // As a dialog code hook closes an intent it can't go on with: the next message starts afresh.
      return question.ask ? reply.sessionState : closed(reply.sessionState);
    }
    for (const message of reply.messages) say("bot", message.content);
    if (intent.state !== "ReadyForFulfillment") return reply.sessionState;
    const outcome = await fulfil(intent, operator);
    if (!outcome) return reply.sessionState;
    say(outcome.ok ? "outcome" : "error", outcome.message);
    onFulfilled(outcome);
    // As Lex records a fulfilment code hook's result, so the next turn starts from a finished intent.
    return { ...reply.sessionState, intent: { ...intent, state: outcome.ok ? "Fulfilled" : "Failed" } };
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || send.disabled) return;
    say("you", text);
    // The text stays in the box until the turn is over: should the session end on the way, signing in again
    // keeps it (drafts.ts) and the operator can send it again.
    send.disabled = true;
    log.setAttribute("aria-busy", "true");
    try {
      const reply = await sendChatMessage({ sessionId, text, ...(sessionState ? { sessionState } : {}) });
      sessionState = await answer(reply);
      if (input.value.trim() === text) input.value = "";
    } catch (error) {
      say("error", error instanceof Error ? error.message : String(error));
    } finally {
      log.removeAttribute("aria-busy");
      send.disabled = false;
      input.focus();
    }
  });
}

const asksToDelete = ({ sessionState }: ChatResponse) =>
  sessionState.intent.name === "DeleteUser" && sessionState.dialogAction.type === "ConfirmIntent";

const closed = (state: SessionState): SessionState => ({
  ...state,
  dialogAction: { type: "Close" },
  intent: { ...state.intent, state: "Failed", confirmationState: "Denied" },
});

/**
 * 32 random hex digits. Not crypto.randomUUID: it exists only in secure contexts, and a sandbox opened from
 * another machine over plain http is not one.
 */
function newSessionId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
}
