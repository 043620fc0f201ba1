// The issuer's own pages: sign-in, sign-out and errors. Plain server-rendered HTML with label-associated
// fields, one heading per page and no inline script or style, so the pages pass an accessibility audit and a
// strict CSP.

/**
 * The pages' Content-Security-Policy: their script and stylesheet come from the issuer itself. No `form-action`:
 * browsers apply it to the redirects after a form is posted, and sign-in ends with a redirect to the SPA.
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The pages' stylesheet, served by the issuer from its own origin so that the CSP needs no 'unsafe-inline'. */
export const STYLESHEET_PATH = "/sandbox-assets/issuer.css";
export const STYLESHEET = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1b1f24; }
  main { max-width: 22rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px;
         box-shadow: 0 1px 3px rgb(0 0 0 / 20%); }
  h1 { font-size: 1.5rem; margin-top: 0; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { display: block; width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem;
          font: inherit; border: 1px solid #59636e; border-radius: 4px; }
  button { margin-top: 1.5rem; width: 100%; padding: .6rem; font: inherit; font-weight: 600; color: #fff;
           background: #0b5cad; border: 0; border-radius: 4px; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .error { color: #a40e26; background: #fdecee; padding: .5rem .75rem; border-radius: 4px; }
  .note { color: #4a525c; font-size: .9rem; }
`;

function page(title: string, body: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · User Management sandbox</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">${head}
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export interface SignInPageProps {
  readonly action: string;
  readonly username?: string;
  /**
   * Why the last attempt failed: a wrong username or password, or too many of them (Cognito's lockout).
   * @default - no failure: a fresh page
   */
  readonly failure?: "wrong" | "locked-out";
}

/** What the page says after a failure, in Cognito's words where it has them ("Password attempts exceeded"). */
const FAILURE_MESSAGES = {
  wrong: "Incorrect username or password.",
  "locked-out": "Password attempts exceeded. Wait a moment, then try again.",
};

export function signInPage({ action, username = "", failure }: SignInPageProps): string {
  const error = failure
    ? `<p class="error" id="sign-in-error" role="alert">${FAILURE_MESSAGES[failure]}</p>`
    : "";
  const describedBy = failure ? ` aria-describedby="sign-in-error" aria-invalid="true"` : "";
  return page(
    "Sign in",
    `<h1>Sign in to User Management</h1>
${error}
<form method="post" action="${escapeHtml(action)}">
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(username)}"${describedBy}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
  <button type="submit">Sign in</button>
</form>
<p class="note">This is the sandbox's own OpenID issuer; its accounts are listed in the README.</p>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

/** Path of the script that submits the sign-out form at once, as Cognito's logout does without asking. */
export const AUTO_SUBMIT_SCRIPT_PATH = "/sandbox-assets/submit-sign-out.js";
// Clicking the button (rather than `form.submit()`) sends its `logout=yes`, which ends the whole session.
export const AUTO_SUBMIT_SCRIPT = `document.querySelector('button[name="logout"]').click();\n`;

/**
 * Sign-out: oidc-provider asks the person to confirm with `form`; a script served from the issuer's own origin
 * submits it right away, and the button remains for a browser without scripts.
 */
export function signOutPage(form: string): string {
  return page(
    "Sign out",
    `<h1>Signing out</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
    `\n<script src="${AUTO_SUBMIT_SCRIPT_PATH}" defer></script>`,
  );
}

export function signedOutPage(): string {
  return page("Signed out", "<h1>You are signed out</h1>\n<p>You may close this page.</p>");
}
