// A user's record dates as an operator reads them, in their own locale and time zone: when it was added, when it
// last changed, and how many times it has (the API's version, whose only other use is the ETag).
import type { User } from "./users-client";

const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

/** The table's short form: the time of day for a change made today, the date for an older one. */
export function shortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return dateOnly.format(date) === dateOnly.format(now) ? timeOnly.format(date) : dateOnly.format(date);
}

export const longDate = (iso: string) => dateAndTime.format(new Date(iso));

/** E.g. "Added 3 Mar 2025, 14:05; changed twice since, last on 5 Mar 2025, 09:12." */
export function recordHistory(user: User): string {
  const added = `Added ${longDate(user.createdAt)}`;
  const changes = user.version - 1;
  if (changes < 1) return `${added}; not changed since.`;
  const times = changes === 1 ? "once" : changes === 2 ? "twice" : `${changes} times`;
  return `${added}; changed ${times} since, last on ${longDate(user.updatedAt)}.`;
}
