// The user record's contract: what clients may send and what the API returns.
import { z } from "zod";

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** Case-insensitive: `Alice` and `alice` name the same user, stored and returned lowercase. */
export const usernameSchema = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        USERNAME_PATTERN,
        "must be 3–32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
      ),
  );

export const emailSchema = z
  .email("must be a valid email address")
  .max(254, "must be at most 254 characters");

const CONTROL_CHARACTERS = /\p{Cc}/u;

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "must not be blank")
  .max(100, "must be at most 100 characters")
  .refine((value) => !CONTROL_CHARACTERS.test(value), "must not contain control characters");

export const createUserSchema = z.strictObject({
  username: usernameSchema,
  email: emailSchema,
  displayName: displayNameSchema.optional(),
});

export const updateUserSchema = z
  .strictObject({
    email: emailSchema.optional(),
    /** `null` removes the display name. */
    displayName: displayNameSchema.nullable().optional(),
  })
  .refine((body) => body.email !== undefined || body.displayName !== undefined, {
    message: "give at least one of email or displayName",
  });

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export interface User {
  readonly username: string;
  readonly email: string;
  readonly displayName?: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  /** ISO-8601 UTC. */
  readonly updatedAt: string;
  /** Starts at 1 and increments on every change; the ETag. */
  readonly version: number;
}

export interface UserPage {
  readonly items: readonly User[];
  readonly nextCursor: string | null;
}
