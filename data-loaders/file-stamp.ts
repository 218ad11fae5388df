// Whether a file changed since it was last read, by its stat: size, time and inode (as git
// trusts an unchanged stat). The build's caches of checked or hashed files are keyed on it.
import {statSync} from "node:fs";

export function fileStamp(path: string): string {
  const {size, mtimeMs, ino} = statSync(path);
  return `${size}:${mtimeMs}:${ino}`;
}
