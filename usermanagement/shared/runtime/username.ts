// The username rule, in a module of its own so the Chatbot API and the SPA can apply it without bundling the
// Users API's schemas.

/** 3–32 characters of a-z 0-9 . _ -, starting with a letter or digit (after lowercasing: names are case-insensitive). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export const USERNAME_MESSAGE =
  "must be 3–32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit";

/** The start of some username: 1–32 characters of the same alphabet, starting with a letter or digit. */
export const USERNAME_PREFIX_PATTERN = /^[a-z0-9][a-z0-9._-]{0,31}$/;

export const USERNAME_PREFIX_MESSAGE =
  "must be 1–32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit";
