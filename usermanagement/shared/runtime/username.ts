// The username rule, in a module of its own so the Chatbot API can apply it without bundling the Users API's schemas.

/** 3–32 characters of a-z 0-9 . _ -, starting with a letter or digit (after lowercasing: names are case-insensitive). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;
