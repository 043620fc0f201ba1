// Domain failures of the user store; the handler maps each to its HTTP problem.

export class UserNotFoundError extends Error {
  constructor(readonly username: string) {
    super(`No user is named '${username}'.`);
    this.name = "UserNotFoundError";
  }
}

export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`The username '${username}' is already taken.`);
    this.name = "UsernameTakenError";
  }
}

export class EmailTakenError extends Error {
  constructor() {
    // The message never repeats the address: it could end up in logs.
    super("The email address is already used by another user.");
    this.name = "EmailTakenError";
  }
}

export class VersionMismatchError extends Error {
  constructor(
    readonly username: string,
    readonly currentVersion: number,
  ) {
    super(`User '${username}' has changed since that version; it is now at version ${currentVersion}.`);
    this.name = "VersionMismatchError";
  }
}

/** Concurrent writes to one user kept winning over this one; nothing of it was applied. */
export class ConcurrentUpdateError extends Error {
  constructor(readonly username: string) {
    super(
      `User '${username}' is being changed by other requests at the same time; nothing was changed. Try again.`,
    );
    this.name = "ConcurrentUpdateError";
  }
}
