/**
 * The extension's settings (`obecEvidence.*`) as the server sees them: in the
 * initialization options and in answers to `workspace/configuration`. Both paths go
 * through here so the workspace-trust rule and path resolution cannot diverge.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ConfigurationMiddleware } from 'vscode-languageclient/node';
import type { InitializationOptions, MessageLanguage, ServerSettings } from '../../server/src/shared/protocol';
import { resolvePackFolder } from './packPaths';

/** The configuration section; also the client id, so `obecEvidence.trace.server` is read by the client library. */
export const SECTION = 'obecEvidence';

/**
 * Settings whose change needs a new server: it reads them once, from the initialization
 * options. (`validation.delay` it reads again on `workspace/didChangeConfiguration`.)
 */
export const RESTART_SETTINGS = [`${SECTION}.language`, `${SECTION}.schemaPacks`] as const;

const DEFAULT_DELAY = 250;
const MAX_DELAY = 5000;

/** The server's message language: the setting, or with `auto` the language VS Code runs in. */
export function messageLanguage(): MessageLanguage {
  const setting = vscode.workspace.getConfiguration(SECTION).get<string>('language', 'auto');
  if (setting === 'th' || setting === 'en') return setting;
  return vscode.env.language.startsWith('th') ? 'th' : 'en';
}

/**
 * Absolute schema-pack folders for `scope` (a document or folder), or for every workspace
 * folder when no scope is given (each folder's own relative paths resolved against it).
 * Empty in an untrusted workspace: a pack decides what counts as valid evidence, so a
 * cloned repository must not bring its own rules before the user trusts it; VS Code only
 * ignores the workspace's value, and we ignore the user's value too, as documented.
 */
export function schemaPackFolders(scope?: vscode.Uri): string[] {
  if (!vscode.workspace.isTrusted) return [];
  const folders: readonly (vscode.WorkspaceFolder | undefined)[] =
    scope !== undefined ? [vscode.workspace.getWorkspaceFolder(scope)] : (vscode.workspace.workspaceFolders ?? [undefined]);
  const home = os.homedir();
  const result = new Set<string>();
  for (const folder of folders) {
    const entries = vscode.workspace.getConfiguration(SECTION, folder?.uri ?? scope).get<unknown>('schemaPacks');
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (typeof entry !== 'string') continue;
      const resolved = resolvePackFolder(entry, folder?.uri.fsPath, home);
      if (resolved !== undefined) result.add(resolved);
    }
  }
  return [...result];
}

/** The debounce before validating, clamped to the range the setting declares. */
export function validationDelay(scope?: vscode.Uri): number {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<unknown>('validation.delay');
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_DELAY;
  return Math.min(MAX_DELAY, Math.max(0, Math.round(value)));
}

/** The initialization options of a new server (read at each start, so a restart sees new settings). */
export function initializationOptions(): InitializationOptions {
  return { language: messageLanguage(), schemaPacks: schemaPackFolders(), validationDelay: validationDelay() };
}

/** The settings section the server reads with `workspace/configuration`, already resolved. */
export function serverSettings(scope?: vscode.Uri): ServerSettings {
  return { language: messageLanguage(), schemaPacks: schemaPackFolders(scope), validation: { delay: validationDelay(scope) } };
}

/**
 * Answers the server's `workspace/configuration` requests for our section with the
 * resolved values: without this the server would read the raw `schemaPacks` (relative
 * paths, and values an untrusted workspace must not apply).
 */
export const configurationMiddleware: NonNullable<ConfigurationMiddleware['configuration']> = async (params, token, next) => {
  const raw = await next(params, token);
  if (!Array.isArray(raw)) return raw; // a ResponseError: pass it on
  return params.items.map((item, i) => {
    const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
    switch (item.section) {
      case SECTION:
        return serverSettings(scope);
      case `${SECTION}.language`:
        return messageLanguage();
      case `${SECTION}.schemaPacks`:
        return schemaPackFolders(scope);
      case `${SECTION}.validation.delay`:
        return validationDelay(scope);
      default:
        return raw[i];
    }
  });
};
