// Errors the command line turns into exit codes (see help.ts): a UsageError is
// a mistake in how the command was called (exit 2); an InputError is input
// that was read but cannot be evaluated (exit 1).

export class UsageError extends Error {
  override name = "UsageError";
}

export class InputError extends Error {
  override name = "InputError";
}
