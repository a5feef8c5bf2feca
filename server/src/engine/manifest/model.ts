import { z } from 'zod';

/**
 * The evidence manifest (`*.evidence.yaml`): what an office submits for one framework in
 * one fiscal year. Its shape is checked here (zod, exported as JSON Schema for other YAML
 * tools); what the framework allows (round ids, point ids, evidence kinds, figures) is
 * checked against the schema pack by `checks/`. Numbers may be written with Thai digits
 * (strings like "๑๑๒"): the shape accepts them and the checks normalise them.
 */

const NumberOrText = z.union([z.number(), z.string()]);

/** How reviewers get a login, when the system needs one. Never the password itself. */
export const LoginSchema = z.union([
  z.string().describe('How credentials are given, e.g. "แจ้งเมื่อผู้ตรวจร้องขอ" (given on request).'),
  z.strictObject({
    username: z.string().optional().describe('A reviewer account name, if one is shared.'),
    password: z.string().optional().describe('Do not write passwords here: the manifest is shared. Reported.'),
    note: z.string().optional().describe('How credentials are given.'),
  }),
]);

export const EvidenceEntrySchema = z
  .strictObject({
    kind: z.string().describe('The evidence kind, from the framework pack (e.g. office-usage, table-x2.2, access-link).'),
    file: z.string().optional().describe('Path of the evidence file, relative to this manifest.'),
    url: z.string().optional().describe('A link (http/https) to the evidence or the system.'),
    school: NumberOrText.optional().describe('For school-usage evidence: the school code (10, 8 or 6 digits).'),
    title: z.string().optional().describe('What the evidence is, in a few words.'),
    date: NumberOrText.optional().describe('Date of the evidence, YYYY-MM-DD; Buddhist-Era years (2566-11-15) preferred.'),
    note: z.string().optional(),
    login: LoginSchema.optional(),
  })
  .describe('One piece of evidence.');
export type EvidenceEntry = z.infer<typeof EvidenceEntrySchema>;

export const PointEntrySchema = z.strictObject({
  evidence: z.array(EvidenceEntrySchema).describe('The evidence for this consideration point.'),
  note: z.string().optional(),
});

export const RoundEntrySchema = z.strictObject({
  submitted: NumberOrText.optional().describe('Date the round was submitted, YYYY-MM-DD (Buddhist Era).'),
  figures: z
    .record(z.string(), NumberOrText)
    .optional()
    .describe('Declared figures of the round (e.g. officeAreas, schoolsTotal, schoolsAllAreas); percent 0–100.'),
  points: z.record(z.string(), PointEntrySchema).describe('Evidence per consideration point, by point number.'),
});

/** What every manifest has, whatever the framework: who reports what, for which year. */
const manifestBase = {
  $schema: z.string().optional(),
  framework: z.string().describe('The framework pack id, e.g. obec-x2, obec-pmqa, esao-2557.'),
  fiscalYear: NumberOrText.describe('Fiscal year in the Buddhist Era (e.g. 2567 = 1 Oct 2023 – 30 Sep 2024).'),
  office: z.strictObject({
    name: z.string().min(1).describe('Full office name, e.g. สำนักงานเขตพื้นที่การศึกษาประถมศึกษา… เขต 1.'),
    code: NumberOrText.optional().describe("The office's code."),
    province: z.string().optional(),
  }),
  reporter: z.strictObject({
    name: z.string().min(1),
    position: z.string().min(1),
    phone: NumberOrText,
    email: z.string().min(1),
  }),
  sharing: z
    .enum(['shared', 'private'])
    .optional()
    .describe('shared (default): the manifest is sent to reviewers, so passwords in it are reported.'),
};

/** A manifest of a rounds framework (X2, ESAO): evidence per round and consideration point. */
export const ManifestSchema = z
  .strictObject({
    ...manifestBase,
    rounds: z.record(z.string(), RoundEntrySchema).describe('Per round (6m, 12m): figures and evidence.'),
  })
  .describe('OBEC Evidence manifest');
export type Manifest = z.infer<typeof ManifestSchema>;

/** One piece of evidence of a maturity framework (PMQA): the level it supports and the project it cites. */
export const MaturityEvidenceEntrySchema = EvidenceEntrySchema.extend({
  level: z.string().optional().describe('For level evidence: the maturity level it shows (basic, advance, significance).'),
  project: z.string().optional().describe('The project (โครงการ) this document belongs to; must be the sub-item\'s project.'),
}).describe('One piece of evidence.');

/** A target or a result of a results indicator: its type (percent 0–100, success level, count) and value. */
export const IndicatorValueSchema = z.strictObject({
  type: z.string().describe('percent (ร้อยละ, 0–100), successLevel (ระดับความสำเร็จ 1–5) or count (จำนวน).'),
  value: NumberOrText,
});

export const IndicatorSchema = z.strictObject({
  title: z.string().min(1).describe('The indicator, as named in the category-7 form.'),
  code: NumberOrText.optional().describe('The indicator\'s code in the action plan, if any (used to find repeats).'),
  target: IndicatorValueSchema.describe('Target (ค่าเป้าหมาย).'),
  result: IndicatorValueSchema.describe('Result (ผลการดำเนินการ).'),
  direction: z.enum(['higher', 'lower']).optional().describe('higher (default): more is better; lower: less is better (e.g. complaints).'),
  repeatsLastYear: z.boolean().optional().describe('The same indicator was reported last fiscal year.'),
  baseline: NumberOrText.optional().describe("Last year's result (Baseline), required when the indicator repeats last year's."),
});

/** One sub-item (1.1 …) or results dimension (7.1 …) of a maturity framework, as the office reports it. */
export const MaturityItemEntrySchema = z.strictObject({
  level: z.string().optional().describe('The self-assessed maturity level: basic, advance or significance.'),
  project: z.string().optional().describe('The project cited for this sub-item (the same throughout its attachments).'),
  indicator: z.union([IndicatorSchema, z.array(IndicatorSchema)]).optional().describe('For results dimensions (7.1–7.6): exactly one indicator.'),
  evidence: z.array(MaturityEvidenceEntrySchema).optional().describe('Attachments: response form, approval letter, summary report, photos/links per level…'),
  note: z.string().optional(),
});

/** A manifest of a maturity framework (PMQA): self-assessed levels per sub-item, outside sources, stated totals. */
export const MaturityManifestSchema = z
  .strictObject({
    ...manifestBase,
    sources: z
      .record(
        z.string(),
        z.strictObject({
          level: z.string().optional().describe('For a level source (ITA): the level its report gives.'),
          score: NumberOrText.optional().describe('The source\'s own score, for the record (e.g. the ITA score 0–100).'),
          scores: z.record(z.string(), NumberOrText).optional().describe('For a weighted source: each input\'s score (e.g. KPI 4.1.2: 4.2500).'),
          group: z.string().optional().describe('For a group source: the group letter (A, B or C).'),
          file: z.string().optional(),
          url: z.string().optional(),
          note: z.string().optional(),
        }),
      )
      .optional()
      .describe('Scores taken from outside sources instead of self-assessment (ita, kpi, monitoring).'),
    items: z.record(z.string(), MaturityItemEntrySchema).describe('Per sub-item (1.1 … 7.6): level, project, indicator, evidence.'),
    totals: z
      .strictObject({
        categories: z.record(z.string(), NumberOrText).optional().describe('Points per category as the office computed them (0–500).'),
        total: NumberOrText.optional().describe('The weighted total as the office computed it (0–500).'),
      })
      .optional()
      .describe('Totals the office states; compared with the computed ones.'),
  })
  .describe('OBEC Evidence manifest (maturity framework, e.g. PMQA)');
export type MaturityManifest = z.infer<typeof MaturityManifestSchema>;

/** The keys valid at a path of a maturity manifest, for messages and completion. */
export function maturityManifestKeysAt(path: readonly (string | number)[]): readonly string[] {
  const depth = path.length;
  if (depth === 0) return Object.keys(MaturityManifestSchema.shape);
  if (path[0] === 'office' || path[0] === 'reporter') return manifestKeysAt(path);
  if (path[0] === 'sources' && depth === 2) return ['level', 'score', 'scores', 'group', 'file', 'url', 'note'];
  if (path[0] === 'totals' && depth === 1) return ['categories', 'total'];
  if (path[0] === 'items' && depth === 2) return Object.keys(MaturityItemEntrySchema.shape);
  if (path[0] === 'items' && depth === 4 && path[2] === 'evidence') return Object.keys(MaturityEvidenceEntrySchema.shape);
  if (path[0] === 'items' && path[2] === 'indicator' && (depth === 3 || (depth === 4 && typeof path[3] === 'number'))) return Object.keys(IndicatorSchema.shape);
  if (path[0] === 'items' && path[2] === 'indicator' && ['target', 'result'].includes(String(path[path.length - 1]))) return ['type', 'value'];
  return [];
}

/** The keys valid at a path of the manifest, for messages and completion. */
export function manifestKeysAt(path: readonly (string | number)[]): readonly string[] {
  const depth = path.length;
  if (depth === 0) return Object.keys(ManifestSchema.shape);
  if (path[0] === 'office' && depth === 1) return ['name', 'code', 'province'];
  if (path[0] === 'reporter' && depth === 1) return ['name', 'position', 'phone', 'email'];
  if (path[0] === 'rounds' && depth === 2) return Object.keys(RoundEntrySchema.shape);
  if (path[0] === 'rounds' && depth === 4) return Object.keys(PointEntrySchema.shape);
  if (path[0] === 'rounds' && depth === 6) return Object.keys(EvidenceEntrySchema.shape);
  if (path[0] === 'rounds' && depth === 7 && path[6] === 'login') return ['username', 'password', 'note'];
  return [];
}

/** The JSON Schema of the manifest (draft 2020-12), for yaml-language-server and others. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([ManifestSchema, MaturityManifestSchema]), { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $id: 'https://obec-evidence.invalid/schemas/evidence-manifest.schema.json',
    title: 'OBEC Evidence manifest (*.evidence.yaml)',
    ...schema,
  };
}
