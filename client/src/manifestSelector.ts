/** Which documents are evidence manifests, for the client, the status item and lazy start. */
import * as vscode from 'vscode';

/**
 * Manifests on disk only: evidence paths are relative to the manifest's folder, so an
 * untitled manifest could not be checked (and `capabilities.virtualWorkspaces` is false).
 */
export const manifestSelector: { scheme: string; language: string; pattern: string }[] = [
  // A plain-string pattern: the one shape both VS Code's and the LSP client's selectors accept.
  { scheme: 'file', language: 'yaml', pattern: '**/*.evidence.{yaml,yml}' },
];

/** True when `document` is an evidence manifest the server checks. */
export function isManifest(document: vscode.TextDocument): boolean {
  return vscode.languages.match(manifestSelector, document) > 0;
}
