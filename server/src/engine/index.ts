/**
 * The OBEC Evidence engine: one facade for the CLI, the language server and the tests.
 * Pure: no `vscode`, no `vscode-languageserver`; files and workbooks come through the
 * injected {@link EngineHost}. Packs are parsed from texts the caller provides.
 */
import { checkManifest, type ManifestCheckResult } from './checks/manifestCheck';
import { compareFindings, finding, type Finding } from './diagnostics';
import type { EngineHost } from './host';
import { PackRegistry, parsePack } from './packs/loader';
import { isRoundsPack, type Pack, type TableLayout } from './packs/model';
import type { RawWorkbook } from './workbook/model';
import { extractTable, type TableResult } from './tables/extract';

export * from './diagnostics';
export type { EngineHost, FileStat } from './host';
export type { ManifestCheckResult, ManifestSummary } from './checks/manifestCheck';
export type { TableResult, MeasureValue } from './tables/extract';
export type { RoundScore, OverallScore, FigureValue, PointStatus, Gap, LevelEvaluation } from './scoring';
export { PackRegistry, parsePack } from './packs/loader';
export type { Pack, MaturityPack, AnyPack } from './packs/model';
export { isMaturityPack, isRoundsPack } from './packs/model';
export { manifestJsonSchema } from './manifest/model';
export { MESSAGES, type MessageCode } from './messages';

/** A pack file's text and path, as the caller read it. */
export interface PackSource {
  readonly path: string;
  readonly text: string;
}

export interface EngineOptions {
  /** Pack files (e.g. every `schemas/*.pack.yaml`). */
  readonly packs: readonly PackSource[];
}

export interface CheckOptions {
  /** Evidence files must lie inside this folder (symlinks resolved). */
  readonly workspaceRoot?: string;
}

export interface EvidenceEngine {
  readonly packs: PackRegistry;
  /** Findings on the pack files themselves (empty when all packs are valid). */
  packFindings(): readonly Finding[];
  /** Checks a manifest's text (the editor's buffer or the file's content). Never throws. */
  checkManifest(path: string, text: string, options?: CheckOptions): Promise<ManifestCheckResult>;
  /**
   * Checks one workbook as a given table (`X2.1`…) of a framework (default: the first
   * framework that defines that table). Never throws: unreadable files are findings.
   */
  checkTable(path: string, tableId: string, frameworkId?: string): Promise<TableResult>;
  /** Table ids the packs define, sorted. */
  tableIds(): string[];
}

export function createEvidenceEngine(host: EngineHost, options: EngineOptions): EvidenceEngine {
  const packs = new PackRegistry().add(options.packs.map((p) => parsePack(p.text, p.path)));
  const extracted = new WeakMap<RawWorkbook, Map<TableLayout, TableResult>>();
  const packForTable = (tableId: string, frameworkId?: string): Pack | undefined => {
    const ids = frameworkId ? [frameworkId] : packs.frameworks();
    for (const id of ids) {
      const pack = packs.editions(id).filter(isRoundsPack).find((p) => p.tables.some((t) => t.id === tableId));
      if (pack) return pack;
    }
    return undefined;
  };
  return {
    packs,
    packFindings: () => packs.findings,
    async checkManifest(path, text, opts = {}) {
      const result = await checkManifest({ host, packs, extracted, ...(opts.workspaceRoot ? { workspaceRoot: opts.workspaceRoot } : {}) }, path, text);
      return { ...result, findings: [...result.findings].sort(compareFindings) };
    },
    async checkTable(path, tableId, frameworkId) {
      const pack = packForTable(tableId, frameworkId);
      const layout = pack?.tables.find((t) => t.id === tableId);
      if (!pack || !layout) {
        return { table: tableId, path, columns: {}, rows: [], measures: {}, schools: new Map(), findings: [] };
      }
      const wb = await host.readWorkbook(path);
      if (!wb.ok) {
        const name = path.split(/[\\/]/).pop() ?? path;
        return { table: tableId, path, columns: {}, rows: [], measures: {}, schools: new Map(), findings: [finding(wb.code, { kind: 'cell', path }, { file: name, detail: wb.detail ?? '' })] };
      }
      const r = extractTable(wb, layout, pack, path);
      return { ...r, findings: [...r.findings].sort(compareFindings) };
    },
    tableIds: () => [...new Set(packs.frameworks().flatMap((id) => packs.editions(id).filter(isRoundsPack).flatMap((p) => p.tables.map((t) => t.id))))].sort(),
  };
}
