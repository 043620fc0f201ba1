// Free text (display names, chat slots) may hold any character but the C0/C1 controls: they break logs and
// terminals, and no one types them into a name on purpose.

export const CONTROL_CHARACTERS = /\p{Cc}/u;
