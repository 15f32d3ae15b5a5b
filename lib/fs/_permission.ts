// Copyright 2026 the sluice authors. MIT license.
// A missing Deno permission, told as what to grant. Deno's own message says
// "run again with the --allow-write flag", which grants everything of its
// kind; the narrowest grant names the path.

/** Whether `error` is Deno's refusal for want of a permission. */
export function isNotCapable(error: unknown): boolean {
  return error instanceof Deno.errors.NotCapable ||
    error instanceof Deno.errors.PermissionDenied &&
      /^Requires \w+ access/.test(error.message);
}

/**
 * The error of a missing permission, said as the grant that fixes it: `why`
 * (what needs it and where), then the flag with its path
 * (`grant --allow-write=DIR`), then `otherwise`, another way out, if any.
 * Keeps the class, with `error` as the cause.
 */
export function needsGrant(
  error: unknown,
  why: string,
  grant: { flag: string; path: string; otherwise?: string },
): Error {
  const message = `${why}: grant ${grant.flag}=${grant.path}${
    grant.otherwise === undefined ? "" : `, or ${grant.otherwise}`
  }`;
  const Ctor = error instanceof Error
    ? error.constructor as ErrorConstructor
    : Error;
  const wrapped = new Ctor(message, { cause: error });
  if (error instanceof Error) wrapped.name = error.name;
  return wrapped;
}
