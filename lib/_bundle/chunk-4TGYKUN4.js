// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/fs/_dir.ts
function splitPath(path) {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? {
    dir: ".",
    base: path
  } : {
    dir: path.slice(0, slash) || "/",
    base: path.slice(slash + 1)
  };
}
function parentDir(path) {
  return splitPath(path).dir;
}
async function syncDir(dir) {
  using handle = await Deno.open(dir, {
    read: true
  });
  await handle.sync();
}

// lib/fs/_permission.ts
function isNotCapable(error) {
  return error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied && /^Requires \w+ access/.test(error.message);
}
function needsGrant(error, why, grant) {
  const message = `${why}: grant ${grant.flag}=${grant.path}${grant.otherwise === void 0 ? "" : `, or ${grant.otherwise}`}`;
  const Ctor = error instanceof Error ? error.constructor : Error;
  const wrapped = new Ctor(message, {
    cause: error
  });
  if (error instanceof Error) wrapped.name = error.name;
  return wrapped;
}

export {
  splitPath,
  parentDir,
  syncDir,
  isNotCapable,
  needsGrant
};
