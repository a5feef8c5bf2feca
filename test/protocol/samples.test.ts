/**
 * The language server over real LSP (stdio, a child process) on the committed samples:
 * every sample manifest is opened and its published diagnostics are compared with the
 * findings samples/README.md lists (converted to 0-based positions; workbook findings
 * appear on the manifest at the `file:` value that links the workbook, prefixed
 * `[file!Sheet!Cell]`, with related information pointing at the workbook), and the
 * `obecEvidence/manifestStatus` notification with the README's levels. For a maturity
 * framework (PMQA) that notification has no rounds; its `overall` is the total in points
 * with the level the total reaches. The category points are asserted by test/cli/cli.test.ts.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, locate, LspClient, ROOT, uriOf, where } from './lspClient';

interface WorkbookFinding {
  readonly code: string;
  /** The workbook, relative to the manifest's folder, as the manifest's `file:` names it. */
  readonly file: string;
  /** `Sheet!Cell`, `Sheet` or '' (the message prefix after the file name). */
  readonly cell: string;
}

interface Sample {
  readonly manifest: string;
  /** `code line:column` (1-based), as samples/README.md writes them. */
  readonly text: readonly string[];
  readonly workbook?: readonly WorkbookFinding[];
  /** Default obec-x2. */
  readonly framework?: string;
  /** Round ids in pack order; default ['6m', '12m']; none for a maturity framework. */
  readonly rounds?: readonly string[];
  /** A level per round. */
  readonly levels: readonly number[];
  /** The overall score; for a maturity framework, the total in points (undefined: not computable, no `overall`). */
  readonly overall: number | undefined;
  /** For a maturity framework: the level the total reaches, in Thai (the server's language here). */
  readonly descriptor?: string;
}

/** PMQA: no rounds in manifestStatus. */
const PMQA = { framework: 'obec-pmqa', rounds: [], levels: [] } as const;

/** samples/README.md, transcribed. */
const SAMPLES: readonly Sample[] = [
  { manifest: 'srinakhara-1/x2.evidence.yaml', text: [], levels: [4, 5], overall: 4.5 },
  {
    manifest: 'broken/yaml-syntax.evidence.yaml',
    text: ['manifest.yaml.tab-indent 10:1', 'manifest.schema.unknown-key 10:2', 'rubric.figure.mismatch 73:21', 'manifest.yaml.duplicate-key 73:7'],
    levels: [4, 5],
    overall: 4.5,
  },
  {
    manifest: 'broken/shape.evidence.yaml',
    text: ['manifest.schema.unknown-key 10:3', 'manifest.schema.missing-key 11:1', 'manifest.schema.wrong-type 21:21', 'rubric.point.missing-evidence 44:7', 'manifest.evidence.unknown-kind 46:19'],
    levels: [4, 5],
    overall: 4.5,
  },
  { manifest: 'broken/missing-evidence.evidence.yaml', text: ['rubric.point.missing-evidence 17:3', 'rubric.point.missing-evidence 50:7'], levels: [3, 5], overall: 4 },
  { manifest: 'broken/figure-mismatch.evidence.yaml', text: ['rubric.figure.mismatch 22:24', 'rubric.figure.mismatch 73:29'], levels: [4, 5], overall: 4.5 },
  {
    manifest: 'broken/files-and-links.evidence.yaml',
    text: [
      'evidence.file.missing 27:19',
      'evidence.file.empty 47:19',
      'evidence.file.wrong-type 67:19',
      'evidence.link.malformed 85:18',
      'evidence.file.content-mismatch 90:19',
      'evidence.file.outside-workspace 99:19',
      'evidence.file.wrong-type 99:19',
    ],
    levels: [3, 1],
    overall: 2,
  },
  { manifest: 'broken/password.evidence.yaml', text: ['manifest.password.plain-text 59:25'], levels: [4, 5], overall: 4.5 },
  {
    manifest: 'broken/dates-and-years.evidence.yaml',
    text: ['manifest.fiscal-year.common-era 5:13', 'evidence.date.era-mixed 49:19', 'evidence.date.outside-fiscal-year 65:19'],
    levels: [4, 5],
    overall: 4.5,
  },
  {
    manifest: 'broken/school-codes/x2.evidence.yaml',
    text: ['rubric.figure.mismatch 22:24', 'rubric.school-usage.unknown-school 40:21'],
    workbook: [
      { code: 'table.school-code.duplicate', file: 'X2.2-school-systems.xlsx', cell: 'X2.2!B10' },
      { code: 'table.school-code.malformed', file: 'X2.2-school-systems.xlsx', cell: 'X2.2!B14' },
      { code: 'table.school-code.malformed', file: 'X2.2-school-systems.xlsx', cell: 'X2.2!B20' },
      { code: 'table.area.empty', file: 'X2.2-school-systems.xlsx', cell: 'X2.2!E25' },
    ],
    levels: [4, 5],
    overall: 4.5,
  },
  {
    manifest: 'broken/workbooks.evidence.yaml',
    text: [],
    workbook: [
      { code: 'workbook.not-zip', file: 'workbooks/X2.1-not-a-workbook.xlsx', cell: '' },
      { code: 'table.header.not-found', file: 'workbooks/X2.2-wrong-layout.xlsx', cell: 'Sheet1' },
      { code: 'table.formula.not-calculated', file: 'workbooks/X2.3-not-calculated.xlsx', cell: 'X2.3!D4' },
    ],
    levels: [1, 1],
    overall: 1,
  },
  { manifest: 'esao-2557/standard-1.evidence.yaml', text: ['evidence.file.missing 67:19'], framework: 'esao-2557', rounds: ['annual'], levels: [4], overall: 4 },
  { manifest: 'srinakhara-1/pmqa.evidence.yaml', text: [], ...PMQA, overall: 402.08, descriptor: 'Advance' },
  {
    manifest: 'broken/pmqa-levels.evidence.yaml',
    text: ['pmqa.project.mismatch 54:122', 'pmqa.level.skipped 61:12', 'pmqa.level.unsupported 106:12', 'pmqa.attachment.missing 150:3', 'pmqa.level.unknown 159:12'],
    ...PMQA,
    overall: 384.13,
    descriptor: 'Basic',
  },
  {
    manifest: 'broken/pmqa-sources.evidence.yaml',
    text: ['pmqa.source.invalid 23:43', 'pmqa.source.missing 24:3', 'pmqa.item.not-reported 37:3', 'pmqa.item.not-reported 138:3'],
    ...PMQA,
    overall: undefined, // categories 4 and 6 have no source result: the total is unknown, not 0
  },
  {
    manifest: 'broken/pmqa-results.evidence.yaml',
    text: ['pmqa.indicator.count 183:5', 'pmqa.indicator.type-mismatch 197:23', 'pmqa.indicator.duplicate 203:14', 'pmqa.indicator.baseline-missing 214:7', 'pmqa.indicator.not-achieved 222:39'],
    ...PMQA,
    overall: 272.92,
    descriptor: 'ต่ำกว่า Basic',
  },
  { manifest: 'broken/pmqa-totals.evidence.yaml', text: ['pmqa.total.mismatch 225:22', 'pmqa.total.mismatch 226:10'], ...PMQA, overall: 402.08, descriptor: 'Advance' },
];

const WARNINGS = new Set([
  'evidence.file.content-mismatch',
  'manifest.password.plain-text',
  'evidence.date.era-mixed',
  'evidence.date.outside-fiscal-year',
  'table.area.empty',
  'pmqa.item.not-reported',
  'pmqa.indicator.not-achieved',
  'pmqa.total.mismatch',
]);

const abs = (s: Sample): string => path.join(ROOT, 'samples', s.manifest);
const textOf = (s: Sample): string => readFileSync(abs(s), 'utf8');

/** The expected `code@line:character` (0-based) list of a sample. */
function expected(s: Sample): string[] {
  const text = textOf(s);
  const out = s.text.map((e) => {
    const [code, pos] = e.split(' ');
    const [line, col] = pos!.split(':').map(Number);
    return `${code}@${line! - 1}:${col! - 1}`;
  });
  for (const w of s.workbook ?? []) {
    const anchor = locate(text, `file: ${w.file}`);
    out.push(`${w.code}@${anchor.line}:${anchor.character + 'file: '.length}`);
  }
  return out.sort();
}

describe('protocol: the samples over LSP', function () {
  this.timeout(60_000);
  let client: LspClient;
  const published = new Map<string, Diagnostic[]>();

  before(async () => {
    ensureBuilt();
    client = await LspClient.start({ root: ROOT, language: 'th', validationDelay: 50 });
    await Promise.all(SAMPLES.map((s) => client.open(uriOf(abs(s)), textOf(s))));
    for (const s of SAMPLES) {
      const p = await client.waitForDiagnostics(uriOf(abs(s)), () => true, 30_000);
      published.set(s.manifest, p.diagnostics);
    }
  });

  after(async () => {
    await client?.stop();
  });

  for (const s of SAMPLES) {
    it(`${s.manifest}: ${s.text.length + (s.workbook?.length ?? 0) === 0 ? 'no diagnostics' : 'the README findings, 0-based'}`, () => {
      assert.deepEqual(where(published.get(s.manifest)!), expected(s));
    });

    const rounds = s.rounds ?? ['6m', '12m'];
    it(`${s.manifest}: manifestStatus ${s.framework ?? 'obec-x2'}, levels ${s.levels.join(' / ') || 'none'} → ${s.overall}${s.descriptor ? ` ${s.descriptor}` : ''}`, async () => {
      const uri = uriOf(abs(s));
      const status = await client.waitForStatus(uri);
      assert.equal(status.framework, s.framework ?? 'obec-x2');
      assert.deepEqual(
        status.levels.map((l) => [l.round, l.level]),
        rounds.map((r, i) => [r, s.levels[i]]),
      );
      assert.equal(status.overall?.score, s.overall);
      if (s.overall === undefined) assert.equal(status.overall, undefined);
      // A maturity total is out of the pack's scale (the status item shows "402.08 / 500"); a rounds score has none.
      else assert.equal((status.overall as { max?: number } | undefined)?.max, s.framework === 'obec-pmqa' ? 500 : undefined);
      if (s.descriptor !== undefined) assert.equal(status.overall?.descriptor, s.descriptor);
      const diags = published.get(s.manifest)!;
      assert.equal(status.errors, diags.filter((d) => d.severity === 1).length);
      assert.equal(status.warnings, diags.filter((d) => d.severity === 2).length);
    });
  }

  it('the clean sample: zero diagnostics, 6m = 4, 12m = 5, overall 4.5 (ดีเยี่ยม)', async () => {
    const uri = uriOf(path.join(ROOT, 'samples/srinakhara-1/x2.evidence.yaml'));
    assert.deepEqual(client.latest(uri)?.diagnostics, []);
    const status = await client.waitForStatus(uri);
    assert.deepEqual(Object.fromEntries(status.levels.map((l) => [l.round, l.level])), { '6m': 4, '12m': 5 });
    assert.deepEqual(status.overall, { score: 4.5, descriptor: 'ดีเยี่ยม' });
    assert.equal(status.errors, 0);
    assert.equal(status.warnings, 0);
  });

  it('every diagnostic: source obec-evidence, a string code, data.code, the README severity', () => {
    let n = 0;
    for (const [manifest, diags] of published) {
      for (const d of diags) {
        n++;
        const label = `${manifest} ${String(d.code)}@${d.range.start.line}`;
        assert.equal(d.source, 'obec-evidence', label);
        assert.equal(typeof d.code, 'string', label);
        assert.equal((d.data as { code?: unknown } | undefined)?.code, d.code, label);
        assert.equal(d.severity, WARNINGS.has(String(d.code)) ? 2 : 1, label);
        assert.ok(d.message.length > 0, label);
      }
    }
    assert.equal(n, SAMPLES.reduce((k, s) => k + s.text.length + (s.workbook?.length ?? 0), 0));
  });

  const mismatchAt = (manifest: string, line: number): Diagnostic => {
    const d = published.get(manifest)!.find((x) => x.code === 'rubric.figure.mismatch' && x.range.start.line === line);
    assert.ok(d, `no rubric.figure.mismatch on line ${line} of ${manifest}`);
    return d;
  };

  it('rubric.figure.mismatch (a count): related information points at the X2.2 workbook', () => {
    const d = mismatchAt('broken/figure-mismatch.evidence.yaml', 21);
    const x22 = uriOf(path.join(ROOT, 'samples/srinakhara-1/tables/X2.2-school-systems.xlsx'));
    assert.ok(d.relatedInformation?.some((r) => r.location.uri === x22), JSON.stringify(d.relatedInformation));
    // The declared value's range: `108` on line 22 (1-based).
    assert.deepEqual(d.range, { start: { line: 21, character: 23 }, end: { line: 21, character: 26 } });
    assert.equal((d.data as Record<string, unknown>)['expected'], 104);
    const sc = mismatchAt('broken/school-codes/x2.evidence.yaml', 21);
    const scX22 = uriOf(path.join(ROOT, 'samples/broken/school-codes/X2.2-school-systems.xlsx'));
    assert.ok(sc.relatedInformation?.some((r) => r.location.uri === scX22), JSON.stringify(sc.relatedInformation));
    const ys = mismatchAt('broken/yaml-syntax.evidence.yaml', 72);
    const x23 = uriOf(path.join(ROOT, 'samples/srinakhara-1/tables/X2.3-realtime-use.xlsx'));
    assert.ok(ys.relatedInformation?.some((r) => r.location.uri === x23), JSON.stringify(ys.relatedInformation));
  });

  it('rubric.figure.mismatch (a percent computed from X2.3): related information points at the X2.3 workbook', () => {
    const d = mismatchAt('broken/figure-mismatch.evidence.yaml', 72);
    assert.deepEqual(d.range, { start: { line: 72, character: 28 }, end: { line: 72, character: 33 } });
    assert.equal((d.data as Record<string, unknown>)['expected'], 87.5);
    const x23 = uriOf(path.join(ROOT, 'samples/srinakhara-1/tables/X2.3-realtime-use.xlsx'));
    assert.ok(d.relatedInformation?.some((r) => r.location.uri === x23), `no related information to X2.3: ${JSON.stringify(d.relatedInformation)}`);
  });

  it('workbook findings: on the linking file: value, prefixed [file!Sheet!Cell], related to the workbook', () => {
    for (const s of SAMPLES.filter((x) => x.workbook)) {
      const diags = published.get(s.manifest)!;
      const dir = path.dirname(abs(s));
      for (const w of s.workbook!) {
        const prefix = `[${[path.basename(w.file), w.cell].filter(Boolean).join('!')}] `;
        const d = diags.find((x) => x.code === w.code && x.message.startsWith(prefix));
        assert.ok(d, `${s.manifest}: no ${w.code} starting ${prefix} in ${JSON.stringify(diags.map((x) => x.message))}`);
        const text = textOf(s);
        const value = locate(text, `file: ${w.file}`);
        assert.deepEqual(d.range.start, { line: value.line, character: value.character + 6 });
        assert.deepEqual(d.range.end, { line: value.line, character: value.character + 6 + w.file.length });
        const wbUri = uriOf(path.join(dir, w.file));
        assert.equal(d.relatedInformation?.[0]?.location.uri, wbUri, JSON.stringify(d.relatedInformation));
      }
    }
  });
});
