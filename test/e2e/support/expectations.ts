/**
 * What `samples/README.md` promises, as data: shared by the Playwright suite (test/e2e)
 * and the in-editor suite (test/vscode/suite). Pure: no Node or vscode imports.
 */

export const CLEAN = 'srinakhara-1/x2.evidence.yaml';
/** The same office's PMQA self-assessment: no findings, total 402.08 of 500. */
export const CLEAN_PMQA = 'srinakhara-1/pmqa.evidence.yaml';

/**
 * Per broken sample: the findings of samples/README.md as "severity code line:col".
 * Workbook findings are shown by VS Code on the manifest line that links the workbook
 * (the anchor), their message prefixed with `[file!Sheet!Cell]`: `cells` lists those.
 */
export const BROKEN: Record<string, { markers: string[]; cells?: string[] }> = {
  // PMQA (maturity framework) and ESAO Standard 2557: the same editor, other packs.
  'broken/pmqa-levels.evidence.yaml': {
    markers: ['error pmqa.project.mismatch 54:122', 'error pmqa.level.skipped 61:12', 'error pmqa.level.unsupported 106:12', 'error pmqa.attachment.missing 150:3', 'error pmqa.level.unknown 159:12'],
  },
  'broken/pmqa-sources.evidence.yaml': {
    markers: ['error pmqa.source.invalid 23:43', 'error pmqa.source.missing 24:3', 'warning pmqa.item.not-reported 37:3', 'warning pmqa.item.not-reported 138:3'],
  },
  'esao-2557/standard-1.evidence.yaml': {
    markers: ['error evidence.file.missing 67:19'],
  },
  'broken/yaml-syntax.evidence.yaml': {
    markers: ['error manifest.yaml.tab-indent 10:1', 'error manifest.schema.unknown-key 10:2', 'error rubric.figure.mismatch 73:21', 'error manifest.yaml.duplicate-key 73:7'],
  },
  'broken/shape.evidence.yaml': {
    markers: [
      'error manifest.schema.unknown-key 10:3',
      'error manifest.schema.missing-key 11:1',
      'error manifest.schema.wrong-type 21:21',
      'error rubric.point.missing-evidence 44:7',
      'error manifest.evidence.unknown-kind 46:19',
    ],
  },
  'broken/missing-evidence.evidence.yaml': {
    markers: ['error rubric.point.missing-evidence 17:3', 'error rubric.point.missing-evidence 50:7'],
  },
  'broken/figure-mismatch.evidence.yaml': {
    markers: ['error rubric.figure.mismatch 22:24', 'error rubric.figure.mismatch 73:29'],
  },
  'broken/files-and-links.evidence.yaml': {
    markers: [
      'error evidence.file.missing 27:19',
      'error evidence.file.empty 47:19',
      'error evidence.file.wrong-type 67:19',
      'error evidence.link.malformed 85:18',
      'warning evidence.file.content-mismatch 90:19',
      'error evidence.file.outside-workspace 99:19',
      'error evidence.file.wrong-type 99:19',
    ],
  },
  'broken/password.evidence.yaml': {
    markers: ['warning manifest.password.plain-text 59:25'],
  },
  'broken/dates-and-years.evidence.yaml': {
    markers: ['error manifest.fiscal-year.common-era 5:13', 'warning evidence.date.era-mixed 49:19', 'warning evidence.date.outside-fiscal-year 65:19'],
  },
  'broken/school-codes/x2.evidence.yaml': {
    // X2.2 is linked on line 43 (column 19): its findings are shown there.
    markers: [
      'error rubric.figure.mismatch 22:24',
      'error rubric.school-usage.unknown-school 40:21',
      'error table.school-code.duplicate 43:19',
      'error table.school-code.malformed 43:19',
      'error table.school-code.malformed 43:19',
      'warning table.area.empty 43:19',
    ],
    cells: ['X2.2!B10', 'X2.2!B14', 'X2.2!B20', 'X2.2!E25'],
  },
  'broken/workbooks.evidence.yaml': {
    // X2.1 linked on line 31, X2.2 on 43, X2.3 on 78.
    markers: ['error workbook.not-zip 31:19', 'error table.header.not-found 43:19', 'error table.formula.not-calculated 78:19'],
    cells: ['X2.1-not-a-workbook.xlsx', 'X2.2-wrong-layout.xlsx!Sheet1', 'X2.3-not-calculated.xlsx!X2.3!D4'],
  },
};

/** The Thai criterion text of a consideration point, from the schema pack's parsed YAML. */
export function criterionFromPack(pack: unknown, round: string, point: string): string {
  const p = pack as { rounds?: { id: string; points?: { id: string; text?: { th?: string } }[] }[] };
  const text = p.rounds?.find((r) => r.id === round)?.points?.find((x) => x.id === point)?.text?.th;
  if (text === undefined) throw new Error(`obec-x2.pack.yaml has no point ${round}/${point}`);
  return text;
}

/**
 * 1-based line numbers of interesting places in a sample manifest's text: each point's
 * `N:` line per round, an evidence entry's first line and length, a `file:` line.
 */
export function manifestLinesOf(text: string, name = 'manifest'): {
  points: Record<string, Record<string, number>>;
  entry(round: string, point: string, kind: string): { line: number; length: number };
  fileLine(file: string): number;
} {
  const lines = text.split('\n');
  const points: Record<string, Record<string, number>> = {};
  let round = '';
  lines.forEach((line, i) => {
    const r = /^ {2}(6m|12m):/.exec(line);
    if (r) round = r[1]!;
    const p = /^ {6}(\d+):/.exec(line);
    if (p && round) (points[round] ??= {})[p[1]!] = i + 1;
  });
  return {
    points,
    entry(r, point, kind) {
      const start = points[r]?.[point];
      if (start === undefined) throw new Error(`${name}: no point ${r}/${point}`);
      for (let i = start; i < lines.length; i++) {
        const m = /^(\s*)- kind: (\S+)/.exec(lines[i]!);
        if (!m || m[2] !== kind) continue;
        const indent = m[1]!.length;
        let end = i + 1;
        while (end < lines.length && lines[end]!.trim() !== '' && lines[end]!.search(/\S/) > indent) end++;
        return { line: i + 1, length: end - i };
      }
      throw new Error(`${name}: no ${kind} entry under ${r}/${point}`);
    },
    fileLine(file) {
      const i = lines.findIndex((l) => l.trim() === `file: ${file}`);
      if (i < 0) throw new Error(`${name}: no "file: ${file}"`);
      return i + 1;
    },
  };
}
