/**
 * Resolution of the `obecEvidence.schemaPacks` setting's entries to absolute folders.
 * Pure (no `vscode`): the caller passes the workspace folder and the home directory.
 */
import * as path from 'node:path';

/**
 * One entry of `obecEvidence.schemaPacks` as an absolute folder, or undefined when it
 * cannot be placed: relative paths and `${workspaceFolder}` need a workspace folder, because
 * the server's working directory is not one the user can predict.
 */
export function resolvePackFolder(entry: string, workspaceFolder: string | undefined, home: string): string | undefined {
  let p = entry.trim();
  if (p === '') return undefined;
  if (p.includes('${workspaceFolder}')) {
    if (workspaceFolder === undefined) return undefined;
    p = p.split('${workspaceFolder}').join(workspaceFolder);
  }
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) p = path.join(home, p.slice(1));
  // resolve() also normalises and drops a trailing separator, so duplicates compare equal.
  if (path.isAbsolute(p)) return path.resolve(p);
  return workspaceFolder === undefined ? undefined : path.resolve(workspaceFolder, p);
}
