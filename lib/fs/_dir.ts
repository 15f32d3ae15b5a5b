// Copyright 2026 the sluice authors. MIT license.
// Directory entries: where a path's entry lives, and making a change to it
// (a rename, a removal) durable.

/** The directory that holds `path`'s entry, and the entry's name. */
export function splitPath(path: string): { dir: string; base: string } {
  const slash = path.lastIndexOf("/");
  return slash === -1
    ? { dir: ".", base: path }
    : { dir: path.slice(0, slash) || "/", base: path.slice(slash + 1) };
}

/** The directory that holds `path`'s entry. */
export function parentDir(path: string): string {
  return splitPath(path).dir;
}

/** Makes a rename or removal durable: fsync the directory that holds it. */
export async function syncDir(dir: string): Promise<void> {
  using handle = await Deno.open(dir, { read: true });
  await handle.sync();
}
