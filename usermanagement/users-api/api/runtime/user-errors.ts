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
