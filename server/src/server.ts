/**
 * The OBEC Evidence language server: wires the LSP connection to the pure engine.
 * `node dist/server.js --stdio` (or `--node-ipc`, as the VS Code client starts it).
 *
 * Validation is debounced per document; a result whose document changed meanwhile is
 * dropped (never published stale). Linked workbooks, evidence files and schema packs
 * are watched through the client (`workspace/didChangeWatchedFiles`): open manifests are
 * re-validated when they change on disk. The server never writes a user's file: quick
 * fixes are workspace edits the user chooses, templates go back to the client as bytes.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEvidenceEngine, isRoundsPack, type EvidenceEngine, type ManifestCheckResult } from './engine/index';
import { quickFixes } from './engine/language/codeActions';
import { completeAt, frameworkNamedIn } from './engine/language/completion';
import { hoverAt } from './engine/language/hover';
import { manifestTemplate, maturityManifestTemplate } from './engine/language/manifestTemplate';
import { evidenceLinks, maturityLenses, outline, roundLenses } from './engine/language/outline';
import { fileUri, toCodeAction, toCompletionItem, toDiagnostic, toDocumentSymbol, type Lang } from './lsp/convert';
import { NodeHost, defaultSchemasDir, readPackSources } from './node/nodeHost';
import { buildScorePayload, maturityLevelText } from './report/scorePayload';
import {
  CheckWorkspaceRequest,
  ManifestStatusNotification,
  ManifestTemplateRequest,
  ScorePreviewChangedNotification,
  ScorePreviewRequest,
  TableIdsRequest,
  TableTemplateRequest,
  type InitializationOptions,
  type ServerSettings,
} from './shared/protocol';
import { writeTableTemplate } from './templates/templateWriter';

const MANIFEST = /\.evidence\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);
const MAX_WORKSPACE_FILES = 20_000;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const host = new NodeHost();
  let lang: Lang = 'th';
  let extraPacks: string[] = [];
  let delay = 250;
  let roots: string[] = [];
  let engine: EvidenceEngine = makeEngine();
  let hasConfigurationCapability = false;
  let hasWorkspaceFoldersCapability = false;
  /** Latest result per document URI, with the version it was computed for. */
  const results = new Map<string, { version: number; result: ManifestCheckResult }>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** Manifests published by "check workspace" that are not open (their diagnostics stay). */
  const published = new Set<string>();
  /** Paths of every manifest "check workspace" covered. */
  const workspaceChecked = new Set<string>();
  const schemasDir = defaultSchemasDir();
  // Every code is documented in docs/diagnostics.md (shipped in the .vsix beside schemas/).
  const docsFile = path.join(path.dirname(schemasDir), 'docs', 'diagnostics.md');
  const docsUri = (code: string): string | undefined => `${fileUri(docsFile)}#${code}`;

  function makeEngine(): EvidenceEngine {
    return createEvidenceEngine(host, { packs: readPackSources([defaultSchemasDir(), ...extraPacks]) });
  }

  const pathOf = (uri: string): string | undefined => {
    try {
      return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      return undefined;
    }
  };
  /**
   * The workspace root of a manifest: the innermost workspace folder holding it, else (a
   * manifest opened from elsewhere) its own folder — evidence outside it is still reported.
   */
  const rootFor = (p: string): string => roots.filter((r) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep)).sort((a, b) => b.length - a.length)[0] ?? path.dirname(p);
  const setRoots = (uris: readonly string[]): void => {
    roots = [...new Set(uris.map((u) => pathOf(u)).filter((x): x is string => !!x).map((x) => path.resolve(x)))];
  };
  /** The open document for a file path, whatever spelling of its URI the client used. */
  const openDocumentFor = (p: string): TextDocument | undefined => documents.all().find((d) => pathOf(d.uri) === p);

  connection.onInitialize((params: InitializeParams) => {
    const opts = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    if (opts.language === 'en' || opts.language === 'th') lang = opts.language;
    if (Array.isArray(opts.schemaPacks)) extraPacks = opts.schemaPacks.filter((x): x is string => typeof x === 'string');
    if (typeof opts.validationDelay === 'number' && opts.validationDelay >= 0) delay = Math.min(opts.validationDelay, 5000);
    setRoots((params.workspaceFolders ?? []).map((f) => f.uri));
    if (roots.length === 0 && params.rootUri) setRoots([params.rootUri]);
    hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    hasWorkspaceFoldersCapability = !!params.capabilities.workspace?.workspaceFolders;
    if (extraPacks.length) engine = makeEngine();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '/', '"'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'obec-evidence', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (hasWorkspaceFoldersCapability) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = await connection.workspace.getWorkspaceFolders().catch(() => null);
        setRoots((folders ?? []).map((f) => f.uri));
        for (const d of documents.all()) if (isManifest(d.uri)) schedule(d.uri, 0);
      });
    }
    // Registered without a section: the client then pushes no raw settings (which would
    // bypass its workspace-trust rules); we pull the resolved values instead.
    if (hasConfigurationCapability) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    for (const f of engine.packFindings()) connection.console.error(`${f.location.path}: ${f.code} ${f.message.en}`);
  });

  connection.onDidChangeConfiguration(async () => {
    if (!hasConfigurationCapability) return;
    try {
      const s = (await connection.workspace.getConfiguration('obecEvidence')) as ServerSettings | null;
      const d = s?.validation?.delay;
      if (typeof d === 'number' && d >= 0) delay = Math.min(d, 5000);
    } catch {
      // A client that cannot answer keeps the initialization options.
    }
  });

  /** Checks a document now and publishes, unless it changed while we worked. */
  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    const p = pathOf(uri);
    if (!doc || !p) return;
    const version = doc.version;
    let result: ManifestCheckResult;
    try {
      result = await engine.checkManifest(p, doc.getText(), { workspaceRoot: rootFor(p) });
    } catch (err) {
      // The engine reports bad input as findings; anything thrown is our bug: log it, keep serving.
      connection.console.error(`check failed for ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return;
    }
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // stale: a newer validation follows
    results.set(uri, { version, result });
    publish(uri, result);
  }

  function publish(uri: string, result: ManifestCheckResult): void {
    const diagnostics = result.findings.map((f) => toDiagnostic(f, result.path, lang, docsUri)).filter((d): d is Diagnostic => !!d);
    const version = documents.get(uri)?.version;
    void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
    const status: ManifestStatusNotification.Params = {
      uri,
      ...(result.framework ? { framework: result.framework.id, edition: result.framework.edition } : {}),
      levels: (result.score?.rounds ?? []).map((r) => ({ round: r.round, title: r.title[lang], level: r.level })),
      ...(result.score?.overall ? { overall: { score: result.score.overall.score, ...(result.score.overall.descriptor ? { descriptor: result.score.overall.descriptor[lang] } : {}) } } : {}),
      // A maturity framework (PMQA): its total in points and the level it reaches.
      ...(result.maturity?.total !== undefined ? { overall: { score: result.maturity.total, max: result.maturity.max, descriptor: maturityLevelText(result.maturity, lang) } } : {}),
      errors: diagnostics.filter((d) => d.severity === 1).length,
      warnings: diagnostics.filter((d) => d.severity === 2).length,
    };
    void connection.sendNotification(ManifestStatusNotification.method, status);
    const doc = documents.get(uri);
    void connection.sendNotification(ScorePreviewChangedNotification.method, buildScorePayload(result, doc?.version ?? 0, lang));
  }

  function schedule(uri: string, wait = delay): void {
    const old = timers.get(uri);
    if (old) clearTimeout(old);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri);
      }, wait),
    );
  }

  const isManifest = (uri: string): boolean => MANIFEST.test(uri);
  documents.onDidOpen((e) => isManifest(e.document.uri) && schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => isManifest(e.document.uri) && schedule(e.document.uri));
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    results.delete(e.document.uri);
    // A manifest the workspace check covers goes back to its result on disk (edits may be
    // discarded); any other closed manifest has no diagnostics.
    const p = pathOf(e.document.uri);
    if (p && workspaceChecked.has(p)) {
      published.add(e.document.uri);
      void recheckFromDisk(e.document.uri);
    } else void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => /\.pack\.ya?ml$/i.test(c.uri))) engine = makeEngine();
    if (params.changes.every((c) => c.type !== FileChangeType.Changed && c.type !== FileChangeType.Created && c.type !== FileChangeType.Deleted)) return;
    // Workbooks are cached by path, size and mtime: a changed file is re-read on the next check.
    for (const d of documents.all()) if (isManifest(d.uri)) schedule(d.uri, 0);
    // Manifests published by "check workspace" but not open are re-checked from disk.
    for (const uri of [...published]) void recheckFromDisk(uri);
  });

  async function recheckFromDisk(uri: string): Promise<void> {
    const p = pathOf(uri);
    // An open document's own validation wins, now and after this read.
    if (p && openDocumentFor(p)) return;
    const text = p ? await fs.readFile(p, 'utf8').catch(() => undefined) : undefined;
    if (!p || text === undefined) {
      published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    try {
      const result = await engine.checkManifest(p, text, { workspaceRoot: rootFor(p) });
      if (openDocumentFor(p)) return; // opened while we read the disk
      publish(uri, result);
    } catch (err) {
      connection.console.error(`check failed for ${uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The latest result for a document, checking it now if the stored one is stale. */
  async function current(uri: string): Promise<ManifestCheckResult | undefined> {
    const doc = documents.get(uri);
    const p = pathOf(uri);
    if (!doc || !p || !isManifest(uri)) return undefined;
    const stored = results.get(uri);
    if (stored && stored.version === doc.version) return stored.result;
    try {
      const result = await engine.checkManifest(p, doc.getText(), { workspaceRoot: rootFor(p) });
      if (documents.get(uri)?.version === doc.version) results.set(uri, { version: doc.version, result });
      return result;
    } catch {
      return undefined;
    }
  }

  connection.onHover(async (params, token) => {
    const result = await current(params.textDocument.uri);
    if (!result?.document || token.isCancellationRequested) return null;
    const h = hoverAt(result, result.document.offsetAt(params.position), lang);
    return h ? { contents: { kind: 'markdown', value: h.markdown }, ...(h.range ? { range: h.range } : {}) } : null;
  });

  connection.onCompletion(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    const p = pathOf(params.textDocument.uri);
    if (!doc || !p) return [];
    const result = results.get(params.textDocument.uri)?.result;
    // Listing the workspace is only worth it on a `file:` value.
    const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
    // `file:` at the start of a line or of a list item, or inside a flow mapping (`- { kind: x, file: | }`).
    const files = /(?:^\s*(?:-\s+)?|[{,]\s*)file:/.test(line) ? await workspaceFiles(rootFor(p), path.dirname(p)) : [];
    if (token.isCancellationRequested) return [];
    const frameworks = engine.packs.frameworks();
    // The framework the buffer names (half-typed YAML included), else X2 as before.
    const named = frameworkNamedIn(doc.getText());
    const fallback = (named && frameworks.includes(named) ? engine.packs.resolve(named, undefined)?.pack : undefined) ?? engine.packs.resolve(frameworks.includes('obec-x2') ? 'obec-x2' : frameworks[0] ?? '', undefined)?.pack;
    return completeAt({ text: doc.getText(), position: params.position, ...(result ? { result } : {}), ...(fallback ? { fallbackPack: fallback } : {}), frameworks, files, lang }).map(toCompletionItem);
  });

  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    const result = await current(params.textDocument.uri);
    if (!doc || !result || token.isCancellationRequested) return [];
    return quickFixes(result, doc.getText(), params.range, lang).map((f) => toCodeAction(f, params.textDocument.uri, params.context.diagnostics));
  });

  connection.onDocumentSymbol(async (params) => {
    const result = await current(params.textDocument.uri);
    return result ? outline(result, lang).map(toDocumentSymbol) : [];
  });

  connection.onDocumentLinks(async (params) => {
    const result = await current(params.textDocument.uri);
    return result ? evidenceLinks(result).map((l) => ({ range: l.range, target: fileUri(l.target) })) : [];
  });

  connection.onCodeLens(async (params) => {
    const result = await current(params.textDocument.uri);
    return result ? [...roundLenses(result, lang), ...maturityLenses(result, lang)].map((l) => ({ range: l.range, command: { title: l.title, command: '' } })) : [];
  });

  connection.onRequest(CheckWorkspaceRequest.method, async (_params: CheckWorkspaceRequest.Params, token): Promise<CheckWorkspaceRequest.Result> => {
    let manifests = 0;
    let errors = 0;
    let warnings = 0;
    // Nested workspace folders list the same files: check each once, with its innermost root.
    const files = new Set<string>();
    for (const root of roots) for (const f of await findFiles(root, (n) => MANIFEST.test(n))) files.add(f);
    for (const file of [...files].sort()) {
      if (token.isCancellationRequested) return { manifests, errors, warnings };
      const open = openDocumentFor(file);
      const text = open ? open.getText() : await fs.readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const result = await engine.checkManifest(file, text, { workspaceRoot: rootFor(file) });
      manifests++;
      errors += result.findings.filter((f) => f.severity === 'error').length;
      warnings += result.findings.filter((f) => f.severity === 'warning').length;
      workspaceChecked.add(file);
      // Publish under the client's own spelling of an open document's URI.
      const uri = open?.uri ?? fileUri(file);
      if (open) results.set(uri, { version: open.version, result });
      else published.add(uri);
      publish(uri, result);
    }
    return { manifests, errors, warnings };
  });

  connection.onRequest(ScorePreviewRequest.method, async (params: ScorePreviewRequest.Params): Promise<ScorePreviewRequest.Result> => {
    const result = await current(params.uri);
    if (result) return buildScorePayload(result, documents.get(params.uri)?.version ?? 0, lang);
    // A manifest that is not open (e.g. a preview restored after a reload): check the file on disk.
    const p = pathOf(params.uri);
    if (!p || !isManifest(params.uri)) return null;
    const text = await fs.readFile(p, 'utf8').catch(() => undefined);
    if (text === undefined) return null;
    const r = await engine.checkManifest(p, text, { workspaceRoot: rootFor(p) });
    return buildScorePayload(r, 0, lang);
  });

  connection.onRequest(ManifestTemplateRequest.method, (params: ManifestTemplateRequest.Params): ManifestTemplateRequest.Result => {
    const pack = engine.packs.resolve(params.framework, params.fiscalYear)?.pack;
    if (!pack) throw new Error(`unknown framework ${params.framework}`);
    if (!isRoundsPack(pack)) return { text: maturityManifestTemplate(pack, { fiscalYear: params.fiscalYear, officeName: params.officeName, lang: params.language }) };
    return { text: manifestTemplate(pack, { fiscalYear: params.fiscalYear, officeName: params.officeName, rounds: params.rounds, lang: params.language }) };
  });

  connection.onRequest(TableIdsRequest.method, (): TableIdsRequest.Result => {
    const tables = engine.packs.frameworks().flatMap((id) => engine.packs.editions(id).filter(isRoundsPack)[0]?.tables ?? []);
    return { tables: tables.map((t) => ({ id: t.id, title: t.title[lang] })) };
  });

  connection.onRequest(TableTemplateRequest.method, async (params: TableTemplateRequest.Params): Promise<TableTemplateRequest.Result> => {
    const pack = engine.packs.frameworks().map((id) => engine.packs.editions(id).filter(isRoundsPack)[0]).find((p) => p?.tables.some((t) => t.id === params.table));
    if (!pack) throw new Error(`unknown table ${params.table}`);
    const buf = await writeTableTemplate(pack, params.table, { lang: params.language, ...(params.officeName ? { officeName: params.officeName } : {}) });
    return { base64: buf.toString('base64'), fileName: `${params.table}-template.xlsx` };
  });

  connection.onShutdown(async () => {
    for (const t of timers.values()) clearTimeout(t);
    await host.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

/** Workspace files (paths relative to `from`, '/'-separated) for `file:` completion. */
async function workspaceFiles(root: string, from: string): Promise<string[]> {
  const files = await findFiles(root, (n) => /\.(pdf|png|jpe?g|docx?|xlsx|xlsm)$/i.test(n));
  return files.map((f) => path.relative(from, f).split(path.sep).join('/')).sort();
}

async function findFiles(dir: string, keep: (name: string) => boolean, out: string[] = []): Promise<string[]> {
  if (out.length >= MAX_WORKSPACE_FILES) return out;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await findFiles(p, keep, out);
    else if (e.isFile() && keep(e.name)) out.push(p);
    if (out.length >= MAX_WORKSPACE_FILES) break;
  }
  return out;
}

startServer(createConnection(ProposedFeatures.all));
