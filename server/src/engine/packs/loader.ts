import { finding, type Finding } from '../diagnostics';
import { parseYaml, type PathSegment } from '../yamlDocument';
import { zodIssuesToFindings } from '../zodFindings';
import { MaturityPackSchema, PackSchema, type AnyPack, type MaturityPack, type Pack, type Round, type TableLayout } from './model';

/** A pack text read from `path`: the pack when it is valid, and the findings on it. */
export interface PackParseResult {
  readonly path: string;
  readonly pack?: AnyPack;
  readonly findings: readonly Finding[];
}

/**
 * Parses and validates a pack file (`schemas/*.pack.yaml`). Never throws: YAML errors,
 * zod shape errors and broken cross-references (a level naming an unknown figure, a
 * measure over an unknown column…) come back as findings located in the pack text, and
 * `pack` is then undefined.
 */
export function parsePack(text: string, path: string): PackParseResult {
  const doc = parseYaml(text);
  const findings: Finding[] = doc.problems.map((p) =>
    finding('pack.yaml.syntax', { kind: 'text', path, range: p.range }, { detail: p.kind === 'syntax' ? p.detail : p.kind }),
  );
  if (findings.length > 0 || doc.value === undefined) return { path, findings };
  const raw = doc.value as { model?: unknown } | null;
  const maturity = typeof raw === 'object' && raw !== null && raw.model === 'maturity';
  const parsed = maturity ? MaturityPackSchema.safeParse(doc.value) : PackSchema.safeParse(doc.value);
  if (!parsed.success) {
    return { path, findings: zodIssuesToFindings(parsed.error.issues, doc, path, { pack: 'pack.schema.invalid' }) };
  }
  const data = parsed.data as AnyPack;
  const refs = (maturity ? checkMaturityReferences(data as MaturityPack) : checkReferences(data as Pack)).map((r) =>
    r.what === 'weights'
      ? finding('pack.weights.sum', { kind: 'text', path, range: doc.keyRangeOf(r.path) }, { sum: r.id, path: r.path.join('.') })
      : finding('pack.reference.unknown', { kind: 'text', path, range: doc.rangeOf(r.path) }, { what: r.what, id: r.id, path: r.path.join('.') }),
  );
  if (refs.length > 0) return { path, findings: refs };
  return { path, pack: data, findings: [] };
}

interface BrokenRef {
  /** What is referred to (table, level, source…), or `weights` for weights not summing to 100 (`id` is their sum). */
  readonly what: string;
  readonly id: string;
  readonly path: PathSegment[];
}

/** Every id a pack refers to must exist: tables, columns, measures, vocabularies, figures, points. */
function checkReferences(pack: Pack): BrokenRef[] {
  const broken: BrokenRef[] = [];
  const tables = new Map(pack.tables.map((t) => [t.id, t]));
  pack.tables.forEach((t, ti) => checkTable(pack, t, ['tables', ti], broken));
  pack.rounds.forEach((round, ri) => checkRound(round, ['rounds', ri], tables, broken));
  return broken;
}

function checkTable(pack: Pack, t: TableLayout, at: PathSegment[], broken: BrokenRef[]): void {
  const columns = new Set(t.columns.map((c) => c.id));
  const measures = new Set<string>();
  if (t.keyColumn && !columns.has(t.keyColumn)) broken.push({ what: 'column', id: t.keyColumn, path: [...at, 'keyColumn'] });
  t.columns.forEach((c, ci) => {
    if (c.vocabulary && !pack.vocabularies[c.vocabulary]) {
      broken.push({ what: 'vocabulary', id: c.vocabulary, path: [...at, 'columns', ci, 'vocabulary'] });
    }
  });
  t.measures.forEach((m, mi) => {
    const here = [...at, 'measures', mi];
    const needColumn = (id: string, key: string): void => {
      if (!columns.has(id)) broken.push({ what: 'column', id, path: [...here, key] });
    };
    switch (m.kind) {
      case 'countRows':
        break;
      case 'countRowsAllFilled':
        m.columns.forEach((c) => needColumn(c, 'columns'));
        break;
      case 'countRowsYes':
        needColumn(m.column, 'column');
        break;
      case 'distinctTerms':
        needColumn(m.column, 'column');
        needColumn(m.where, 'where');
        break;
      case 'percent':
        if (!measures.has(m.of)) broken.push({ what: 'measure', id: m.of, path: [...here, 'of'] });
        if (!measures.has(m.over)) broken.push({ what: 'measure', id: m.over, path: [...here, 'over'] });
        break;
    }
    measures.add(m.id);
  });
}

function checkRound(round: Round, at: PathSegment[], tables: Map<string, TableLayout>, broken: BrokenRef[]): void {
  const figures = new Set(round.figures.map((f) => f.id));
  const points = new Set(round.points.map((p) => p.id));
  round.figures.forEach((f, fi) => {
    if (f.measuredBy) {
      const t = tables.get(f.measuredBy.table);
      if (!t) broken.push({ what: 'table', id: f.measuredBy.table, path: [...at, 'figures', fi, 'measuredBy', 'table'] });
      else if (!t.measures.some((m) => m.id === f.measuredBy!.measure)) {
        broken.push({ what: 'measure', id: f.measuredBy.measure, path: [...at, 'figures', fi, 'measuredBy', 'measure'] });
      }
    }
    if (f.percentOf) {
      for (const key of ['of', 'over'] as const) {
        if (!figures.has(f.percentOf[key])) broken.push({ what: 'figure', id: f.percentOf[key], path: [...at, 'figures', fi, 'percentOf', key] });
      }
    }
  });
  round.points.forEach((p, pi) => {
    p.figures.forEach((id) => {
      if (!figures.has(id)) broken.push({ what: 'figure', id, path: [...at, 'points', pi, 'figures'] });
    });
    p.evidence.forEach((e, ei) => {
      for (const key of ['table', 'schoolsTable'] as const) {
        const id = e[key];
        if (id && !tables.has(id)) broken.push({ what: 'table', id, path: [...at, 'points', pi, 'evidence', ei, key] });
      }
    });
  });
  round.levels.forEach((l, li) => {
    l.all.forEach((c, ci) => {
      const here = [...at, 'levels', li, 'all', ci];
      if (c.kind === 'figureAtLeast' && !figures.has(c.figure)) broken.push({ what: 'figure', id: c.figure, path: [...here, 'figure'] });
      if (c.kind === 'pointsClear') c.points.forEach((id) => !points.has(id) && broken.push({ what: 'point', id, path: [...here, 'points'] }));
      if (c.kind === 'clearPoints' || c.kind === 'reportedPoints') c.of?.forEach((id) => !points.has(id) && broken.push({ what: 'point', id, path: [...here, 'of'] }));
    });
  });
}

/**
 * A maturity pack's ids must exist and its weights add up: level ids named by items, bands
 * and groups; sources named by `scoredBy`; sub-items named by weighted inputs; category
 * weights and each weighted source's input weights sum to 100.
 */
function checkMaturityReferences(pack: MaturityPack): BrokenRef[] {
  const broken: BrokenRef[] = [];
  const levels = new Set(pack.levels.map((l) => l.id));
  const sources = new Set(pack.sources.map((s) => s.id));
  const items = new Set(pack.categories.flatMap((c) => c.items.map((i) => i.id)));
  const sumIs100 = (weights: readonly number[]): boolean => Math.abs(weights.reduce((a, b) => a + b, 0) - 100) < 1e-9;
  if (!sumIs100(pack.categories.map((c) => c.weight))) broken.push({ what: 'weights', id: String(pack.categories.reduce((a, c) => a + c.weight, 0)), path: ['categories'] });
  pack.sources.forEach((s, si) => {
    const at: PathSegment[] = ['sources', si];
    if (s.kind === 'weighted') {
      if (!sumIs100(s.inputs.map((i) => i.weight))) broken.push({ what: 'weights', id: String(s.inputs.reduce((a, i) => a + i.weight, 0)), path: [...at, 'inputs'] });
      s.inputs.forEach((inp, ii) => inp.items.forEach((id) => !items.has(id) && broken.push({ what: 'item', id, path: [...at, 'inputs', ii, 'items'] })));
      s.bands.forEach((b, bi) => !levels.has(b.level) && broken.push({ what: 'level', id: b.level, path: [...at, 'bands', bi, 'level'] }));
    }
    if (s.kind === 'group') s.groups.forEach((g, gi) => !levels.has(g.level) && broken.push({ what: 'level', id: g.level, path: [...at, 'groups', gi, 'level'] }));
  });
  pack.categories.forEach((c, ci) => {
    const at: PathSegment[] = ['categories', ci];
    if (c.scoredBy && !sources.has(c.scoredBy)) broken.push({ what: 'source', id: c.scoredBy, path: [...at, 'scoredBy'] });
    c.items.forEach((item, ii) => {
      if (item.scoredBy && !sources.has(item.scoredBy)) broken.push({ what: 'source', id: item.scoredBy, path: [...at, 'items', ii, 'scoredBy'] });
      for (const id of Object.keys(item.levels)) if (!levels.has(id)) broken.push({ what: 'level', id, path: [...at, 'items', ii, 'levels', id] });
    });
  });
  return broken;
}

/**
 * The packs available to the engine, by framework id. `findings` are the problems of
 * packs that failed to load (reported on the pack files; other packs still work).
 */
export class PackRegistry {
  private readonly byId = new Map<string, AnyPack[]>();
  readonly findings: Finding[] = [];
  readonly files: PackParseResult[] = [];

  /** Adds parsed packs; a second pack with the same id and edition is a finding, not an override. */
  add(results: readonly PackParseResult[]): this {
    for (const r of results) {
      this.files.push(r);
      this.findings.push(...r.findings);
      if (!r.pack) continue;
      const list = this.byId.get(r.pack.id) ?? [];
      const dup = list.find((p) => p.edition === r.pack!.edition);
      if (dup) {
        this.findings.push(
          finding('pack.duplicate', { kind: 'text', path: r.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, {
            id: r.pack.id,
            edition: r.pack.edition,
            other: dup.edition,
          }),
        );
        continue;
      }
      list.push(r.pack);
      list.sort((a, b) => b.appliesTo.fromFiscalYear - a.appliesTo.fromFiscalYear);
      this.byId.set(r.pack.id, list);
    }
    return this;
  }

  /** Framework ids, sorted. */
  frameworks(): string[] {
    return [...this.byId.keys()].sort();
  }

  /** All editions of a framework, newest first. */
  editions(id: string): readonly AnyPack[] {
    return this.byId.get(id) ?? [];
  }

  /**
   * The edition of `id` for a fiscal year (Buddhist Era): the newest edition whose
   * `appliesTo` range holds the year. `exact` is false when none does and the nearest
   * edition was chosen instead (the caller reports it). Undefined for an unknown id.
   */
  resolve(id: string, fiscalYear: number | undefined): { pack: AnyPack; exact: boolean } | undefined {
    const list = this.byId.get(id);
    if (!list || list.length === 0) return undefined;
    if (fiscalYear === undefined) return { pack: list[0]!, exact: true };
    const hit = list.find((p) => p.appliesTo.fromFiscalYear <= fiscalYear && (p.appliesTo.toFiscalYear ?? Infinity) >= fiscalYear);
    if (hit) return { pack: hit, exact: true };
    const older = list.find((p) => p.appliesTo.fromFiscalYear <= fiscalYear);
    return { pack: older ?? list[list.length - 1]!, exact: false };
  }
}
