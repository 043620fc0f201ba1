// The part of wink's stemmer (CommonJS, untyped) this engine uses.

declare module "wink-porter2-stemmer" {
  /** Porter2 stem of one lowercase English word: "users" → "user", "deleting" → "delet". */
  export default function stem(word: string): string;
}
