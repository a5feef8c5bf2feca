/**
 * A PMQA manifest (framework obec-pmqa, seed 001) with its evidence files, written into a
 * temporary folder, and the score it must get, worked out by hand from the rules of
 * schemas/obec-pmqa.pack.yaml (Basic 300, Advance 400, Significance 500; levels cumulative;
 * below Basic 300 × share of Basic's requirements; category = mean of its sub-items, 2 dp
 * half-up; total = Σ category × weight / 100). Shared by the CLI and preview tests.
 * Below Basic, the requirements are the sub-item's three attachments, Basic's activity
 * media and a level claimed: five in all.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

type Level = 'basic' | 'advance' | 'significance';

/** A self-assessed sub-item: the level claimed, the levels with activity media, attachments left out. */
interface SelfAssessed {
  readonly claim?: Level;
  readonly media: readonly Level[];
  readonly omit?: readonly ('response-form' | 'approval-letter' | 'summary-report')[];
}

/** A results dimension (category 7): the indicator, typed target and result. */
interface Dimension {
  readonly claim: Level;
  readonly type: 'percent' | 'successLevel' | 'count';
  readonly target: number;
  readonly result: number;
}

/**
 * The sub-items written. Category 1: 1.1 Advance in full (400); 1.2 from the ITA report,
 * Advance (400); 1.3 claims Significance without its media (unsupported → Advance, 400);
 * 1.4 claims Basic without the summary report (below Basic: 4 of Basic's 5 requirements →
 * 300 × 4 / 5 = 240). Category 2: 2.1 Significance (500), 2.2 and 2.3 Basic (300), 2.4 not reported (0).
 * Category 3: all Basic (300). Category 5: 5.1, 5.2 Advance (400), 5.3, 5.4 Basic (300).
 */
const SELF: Readonly<Record<string, SelfAssessed>> = {
  '1.1': { claim: 'advance', media: ['basic', 'advance'] },
  '1.3': { claim: 'significance', media: ['basic', 'advance'] },
  '1.4': { claim: 'basic', media: ['basic'], omit: ['summary-report'] },
  '2.1': { claim: 'significance', media: ['basic', 'advance', 'significance'] },
  '2.2': { claim: 'basic', media: ['basic'] },
  '2.3': { claim: 'basic', media: ['basic'] },
  '3.1': { claim: 'basic', media: ['basic'] },
  '3.2': { claim: 'basic', media: ['basic'] },
  '3.3': { claim: 'basic', media: ['basic'] },
  '3.4': { claim: 'basic', media: ['basic'] },
  '5.1': { claim: 'advance', media: ['basic', 'advance'] },
  '5.2': { claim: 'advance', media: ['basic', 'advance'] },
  '5.3': { claim: 'basic', media: ['basic'] },
  '5.4': { claim: 'basic', media: ['basic'] },
};

/** Category 7: 7.4 misses its target (60 of 80 → 300 × 0.75 = 225); the others reach it. */
const RESULTS: Readonly<Record<string, Dimension>> = {
  '7.1': { claim: 'advance', type: 'percent', target: 80, result: 86.5 },
  '7.2': { claim: 'significance', type: 'percent', target: 90, result: 95 },
  '7.3': { claim: 'basic', type: 'successLevel', target: 4, result: 4 },
  '7.4': { claim: 'advance', type: 'percent', target: 80, result: 60 },
  '7.5': { claim: 'advance', type: 'successLevel', target: 4, result: 5 },
  '7.6': { claim: 'advance', type: 'count', target: 10, result: 12 },
};

export interface ExpectedCategory {
  readonly category: string;
  readonly weight: number;
  readonly level: Level | null;
  readonly points: number;
  readonly weighted: number;
  readonly items: Readonly<Record<string, { readonly claimed: Level | null; readonly level: Level | null; readonly points: number }>>;
}

/**
 * The expected score. หมวด 4: KPI 4.1.2 = 4.25 × 70 % + KPI 8 = 3.80 × 30 % = 4.1150 → Advance
 * (400). หมวด 6: monitoring group B → Advance (400). หมวด 1: (400 + 400 + 400 + 240) / 4 =
 * 360. หมวด 7: (400 + 500 + 300 + 225 + 400 + 400) / 6 = 370.8333… → 370.83. Total: 360 × 0.12
 * + 275 × 0.08 + 300 × 0.11 + 400 × 0.10 + 350 × 0.09 + 400 × 0.10 + 370.83 × 0.40 = 43.2 +
 * 22 + 33 + 40 + 31.5 + 40 + 148.332 = 358.032 → 358.03, Basic.
 */
export const PMQA_EXPECTED = {
  total: 358.03,
  max: 500,
  level: 'basic' as Level,
  categories: [
    {
      category: '1',
      weight: 12,
      level: 'basic',
      points: 360,
      weighted: 43.2,
      items: {
        '1.1': { claimed: 'advance', level: 'advance', points: 400 },
        '1.2': { claimed: null, level: 'advance', points: 400 },
        '1.3': { claimed: 'significance', level: 'advance', points: 400 },
        '1.4': { claimed: 'basic', level: null, points: 240 },
      },
    },
    {
      category: '2',
      weight: 8,
      level: null,
      points: 275,
      weighted: 22,
      items: {
        '2.1': { claimed: 'significance', level: 'significance', points: 500 },
        '2.2': { claimed: 'basic', level: 'basic', points: 300 },
        '2.3': { claimed: 'basic', level: 'basic', points: 300 },
        '2.4': { claimed: null, level: null, points: 0 },
      },
    },
    {
      category: '3',
      weight: 11,
      level: 'basic',
      points: 300,
      weighted: 33,
      items: {
        '3.1': { claimed: 'basic', level: 'basic', points: 300 },
        '3.2': { claimed: 'basic', level: 'basic', points: 300 },
        '3.3': { claimed: 'basic', level: 'basic', points: 300 },
        '3.4': { claimed: 'basic', level: 'basic', points: 300 },
      },
    },
    {
      category: '4',
      weight: 10,
      level: 'advance',
      points: 400,
      weighted: 40,
      items: {
        '4.1': { claimed: null, level: 'advance', points: 400 },
        '4.2': { claimed: null, level: 'advance', points: 400 },
        '4.3': { claimed: null, level: 'advance', points: 400 },
        '4.4': { claimed: null, level: 'advance', points: 400 },
      },
    },
    {
      category: '5',
      weight: 9,
      level: 'basic',
      points: 350,
      weighted: 31.5,
      items: {
        '5.1': { claimed: 'advance', level: 'advance', points: 400 },
        '5.2': { claimed: 'advance', level: 'advance', points: 400 },
        '5.3': { claimed: 'basic', level: 'basic', points: 300 },
        '5.4': { claimed: 'basic', level: 'basic', points: 300 },
      },
    },
    {
      category: '6',
      weight: 10,
      level: 'advance',
      points: 400,
      weighted: 40,
      items: {
        '6.1': { claimed: null, level: 'advance', points: 400 },
        '6.2': { claimed: null, level: 'advance', points: 400 },
        '6.3': { claimed: null, level: 'advance', points: 400 },
        '6.4': { claimed: null, level: 'advance', points: 400 },
      },
    },
    {
      category: '7',
      weight: 40,
      level: 'basic',
      points: 370.83,
      weighted: 148.332,
      items: {
        '7.1': { claimed: 'advance', level: 'advance', points: 400 },
        '7.2': { claimed: 'significance', level: 'significance', points: 500 },
        '7.3': { claimed: 'basic', level: 'basic', points: 300 },
        '7.4': { claimed: 'advance', level: null, points: 225 },
        '7.5': { claimed: 'advance', level: 'advance', points: 400 },
        '7.6': { claimed: 'advance', level: 'advance', points: 400 },
      },
    },
  ] satisfies ExpectedCategory[],
  /** The findings, `code@line` (1-based), sorted. */
  findings: ['pmqa.attachment.missing@28', 'pmqa.indicator.not-achieved@160', 'pmqa.item.missing@9', 'pmqa.level.unsupported@20'],
};

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0b0e60000000049454e44ae426082', 'hex');

export interface FixtureOptions {
  /** Office name (to carry markup in the injection tests). */
  readonly officeName?: string;
  /** The project name of sub-item 1.1. */
  readonly project?: string;
  /** A different project on 1.1's approval letter (pmqa.project.mismatch, whose message names both). */
  readonly otherProject?: string;
  /** The title of dimension 7.1's indicator. */
  readonly indicatorTitle?: string;
  /** Leave out the KPI scores (หมวด 4 then scores 0: pmqa.source.missing). */
  readonly withoutKpi?: boolean;
}

/** Writes the manifest `pmqa.evidence.yaml` and its evidence under `dir`; returns the manifest's path. */
export function writePmqaFixture(dir: string, options: FixtureOptions = {}): string {
  const ev = path.join(dir, 'evidence');
  mkdirSync(ev, { recursive: true });
  const q = (s: string): string => JSON.stringify(s); // JSON strings are YAML strings
  const lines: string[] = [
    'framework: obec-pmqa',
    'fiscalYear: 2567',
    `office: { name: ${q(options.officeName ?? 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาศรีนครา เขต 1')}, code: "9901" }`,
    'reporter: { name: นางสาวสมศรี ใจดี, position: นักวิเคราะห์นโยบายและแผน, phone: 02-000-0000, email: somsri@example.go.th }',
    'sources:',
    '  ita: { level: advance, score: 92.47 }',
    ...(options.withoutKpi ? [] : ['  kpi: { scores: { kpi-4.1.2: 4.2500, kpi-8: 3.8000 } }']),
    '  monitoring: { group: B }',
    'items:',
  ];
  for (const [id, s] of Object.entries(SELF)) {
    const project = id === '1.1' && options.project !== undefined ? options.project : `โครงการพัฒนาประเด็น ${id}`;
    lines.push(`  "${id}":`);
    if (s.claim) lines.push(`    level: ${s.claim}`);
    lines.push(`    project: ${q(project)}`, '    evidence:');
    for (const kind of ['response-form', 'approval-letter', 'summary-report'] as const) {
      if (s.omit?.includes(kind)) continue;
      const file = `evidence/${id}-${kind}.pdf`;
      writeFileSync(path.join(dir, file), PDF);
      const other = id === '1.1' && kind === 'approval-letter' && options.otherProject !== undefined ? `, project: ${q(options.otherProject)}` : '';
      lines.push(`      - { kind: ${kind}, file: ${file}${other} }`);
    }
    for (const level of s.media) {
      const file = `evidence/${id}-${level}.png`;
      writeFileSync(path.join(dir, file), PNG);
      lines.push(`      - { kind: activity-media, level: ${level}, file: ${file} }`);
    }
  }
  for (const [id, d] of Object.entries(RESULTS)) {
    const file = `evidence/${id}-results-form.pdf`;
    writeFileSync(path.join(dir, file), PDF);
    lines.push(
      `  "${id}":`,
      `    level: ${d.claim}`,
      '    indicator:',
      `      title: ${q(id === '7.1' && options.indicatorTitle !== undefined ? options.indicatorTitle : `ตัวชี้วัดมิติ ${id}`)}`,
      `      code: KPI-${id}`,
      `      target: { type: ${d.type}, value: ${d.target} }`,
      `      result: { type: ${d.type}, value: ${d.result} }`,
      '    evidence:',
      `      - { kind: results-form, file: ${file} }`,
    );
  }
  const manifest = path.join(dir, 'pmqa.evidence.yaml');
  writeFileSync(manifest, `${lines.join('\n')}\n`);
  return manifest;
}
