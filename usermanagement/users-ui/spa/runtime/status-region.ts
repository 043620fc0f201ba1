// The outcome line beside the users table: what the operator's last action did, or why it failed, shown where
// they act and announced to screen readers (an ARIA status).

export interface StatusRegion {
  success(message: string): void;
  error(message: string): void;
}

export function createStatusRegion(element: HTMLElement): StatusRegion {
  const show = (message: string, kind: "success" | "error") => {
    // Emptying first, then filling on the next frame, makes a repeated message be announced again.
    element.textContent = "";
    requestAnimationFrame(() => {
      element.dataset.kind = kind;
      element.textContent = message;
    });
  };
  return {
    success: (message) => show(message, "success"),
    error: (message) => show(message, "error"),
  };
}
