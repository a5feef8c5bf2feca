/**
 * A small LSP client for the protocol tests and the LSP bench: starts `dist/server.js
 * --stdio` as a child process and speaks real JSON-RPC to it through
 * `vscode-languageserver-protocol/node`. It records every `textDocument/publishDiagnostics`
 * and `obecEvidence/manifestStatus` notification per URI (with the time it arrived), answers
 * the server's requests (`workspace/configuration` with `[{}]`, capability registration),
 * and waits for diagnostics by polling (no fixed sleeps).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { ManifestStatusNotification } from '../../server/src/shared/protocol';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type MessageConnection,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export type Lang = 'en' | 'th';

/** The server's status notification, as the shared protocol defines it. */
export type ManifestStatus = ManifestStatusNotification.Params;

/** One `publishDiagnostics` received: its sequence number (per URI), arrival time and content. */
export interface Publish {
  readonly seq: number;
  readonly at: number;
  readonly version?: number;
  readonly diagnostics: Diagnostic[];
}

export interface StartOptions {
  /** Workspace folder (rootUri and the only workspace folder). */
  readonly root: string;
  readonly language?: Lang;
  readonly validationDelay?: number;
  readonly schemaPacks?: readonly string[];
  /** The server script (default `dist/server.js` of this repository). */
  readonly server?: string;
  /** The server's working directory (default the repository root). */
  readonly cwd?: string;
}

export function uriOf(p: string): string {
  return pathToFileURL(p).toString();
}

// ---------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.isFile()) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

let built = false;

/** Builds `dist/` when `dist/server.js` is missing or older than anything under server/src. */
export function ensureBuilt(): void {
  if (built) return;
  const stale = !existsSync(SERVER) || statSync(SERVER).mtimeMs < newestMtime(path.join(ROOT, 'server', 'src'));
  if (stale) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`build failed (${r.status}): ${r.stderr}${r.stdout}`);
  }
  built = true;
}

// ---------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------

export class LspClient {
  /** Every publish per URI, in arrival order. */
  readonly publishes = new Map<string, Publish[]>();
  /** Every manifest status per URI, in arrival order. */
  readonly statuses = new Map<string, ManifestStatus[]>();
  /** The server's stderr (and window/logMessage), for failure messages. */
  log = '';
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private seq = 0;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();

  private constructor(
    readonly proc: ChildProcess,
    readonly connection: MessageConnection,
    readonly spawnedAt: number,
  ) {}

  /** Spawns the server and completes `initialize` / `initialized`. */
  static async start(o: StartOptions): Promise<LspClient> {
    const spawnedAt = performance.now();
    const proc = spawn(process.execPath, [o.server ?? SERVER, '--stdio'], { cwd: o.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, connection, spawnedAt);
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (d: string) => {
      client.log += d;
    });
    proc.on('exit', (code, signal) => {
      client.exited = { code, signal };
    });
    proc.stdin!.on('error', () => undefined); // the server may be gone when we write
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      const list = client.publishes.get(p.uri) ?? [];
      list.push({ seq: client.seq++, at: performance.now(), ...(p.version !== undefined ? { version: p.version } : {}), diagnostics: p.diagnostics });
      client.publishes.set(p.uri, list);
    });
    connection.onNotification('obecEvidence/manifestStatus', (p: ManifestStatus) => {
      const list = client.statuses.get(p.uri) ?? [];
      list.push(p);
      client.statuses.set(p.uri, list);
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      client.log += `${p.message}\n`;
    });
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/workspaceFolders', () => [{ uri: uriOf(o.root), name: path.basename(o.root) }]);
    connection.listen();

    const rootUri = uriOf(o.root);
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(o.root) }],
      initializationOptions: { language: o.language ?? 'en', schemaPacks: o.schemaPacks ?? [], validationDelay: o.validationDelay ?? 50 },
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.exited === undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-content change event); `version` defaults to the next one. */
  async change(uri: string, version: number | undefined, text: string): Promise<number> {
    const v = version ?? this.version(uri) + 1;
    this.versions.set(uri, v);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    return v;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** The sequence number the next publish will carry (to wait only for later ones). */
  mark(): number {
    return this.seq;
  }

  /** Every publish for `uri` at or after `since` (a {@link mark}). */
  publishesFor(uri: string, since = 0): Publish[] {
    return (this.publishes.get(uri) ?? []).filter((p) => p.seq >= since);
  }

  latest(uri: string): Publish | undefined {
    const list = this.publishes.get(uri);
    return list?.[list.length - 1];
  }

  latestStatus(uri: string): ManifestStatus | undefined {
    const list = this.statuses.get(uri);
    return list?.[list.length - 1];
  }

  /**
   * Polls until the latest publish for `uri` (one received at or after `since`) satisfies
   * `predicate`; resolves with it, or rejects after `timeoutMs` describing what was seen.
   */
  async waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000, since = 0): Promise<Publish> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const last = this.latest(uri);
      if (last && last.seq >= since && predicate(last.diagnostics)) return last;
      if (!this.alive) throw new Error(`the server exited (${JSON.stringify(this.exited)}) while waiting for diagnostics on ${uri}\n${this.log.slice(-4000)}`);
      if (performance.now() > deadline) {
        const seen = last && last.seq >= since ? last.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).join(', ') || '(none)' : '(no publish)';
        throw new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${uri}; latest: ${seen}\n${this.log.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Polls until a manifest status for `uri` satisfying `predicate` has arrived. */
  async waitForStatus(uri: string, predicate: (s: ManifestStatus) => boolean = () => true, timeoutMs = 10_000): Promise<ManifestStatus> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const s = this.latestStatus(uri);
      if (s && predicate(s)) return s;
      if (!this.alive) throw new Error(`the server exited while waiting for a status on ${uri}\n${this.log.slice(-4000)}`);
      if (performance.now() > deadline) throw new Error(`timed out waiting for a status on ${uri}; latest: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** `shutdown` then `exit`; kills the process if it does not end on its own. */
  async stop(timeoutMs = 5000): Promise<void> {
    if (!this.alive) {
      this.connection.dispose();
      return;
    }
    const gone = new Promise<void>((r) => (this.alive ? this.proc.once('exit', () => r()) : r()));
    let wait: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => (wait = setTimeout(r, timeoutMs)))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    } finally {
      clearTimeout(wait);
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    await gone;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

// ---------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------

/** `code@line:character` (0-based) of each diagnostic, sorted. */
export function where(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).sort();
}

function offsetAt(text: string, p: Position): number {
  let line = 0;
  let i = 0;
  while (line < p.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  const end = text.indexOf('\n', i);
  return Math.min(i + p.character, end < 0 ? text.length : end); // past the line's end: the line's end (LSP)
}

/** Applies LSP text edits (non-overlapping) to `text`, from the last to the first. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const withOffsets = edits.map((e, i) => ({ i, start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  withOffsets.sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The edits of a workspace edit for `uri` (`changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const out: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
  }
  return out;
}

export { locate } from '../support/locate';

/** The whole document as a range (for code-action requests over everything). */
export function wholeRange(text: string): Range {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } };
}
