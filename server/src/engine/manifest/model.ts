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

export const ManifestSchema = z
  .strictObject({
    $schema: z.string().optional(),
    framework: z.string().describe('The framework pack id, e.g. obec-x2.'),
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
    rounds: z.record(z.string(), RoundEntrySchema).describe('Per round (6m, 12m): figures and evidence.'),
  })
  .describe('OBEC Evidence manifest');
export type Manifest = z.infer<typeof ManifestSchema>;

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
  const schema = z.toJSONSchema(ManifestSchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $id: 'https://obec-evidence.invalid/schemas/evidence-manifest.schema.json',
    title: 'OBEC Evidence manifest (*.evidence.yaml)',
    ...schema,
  };
}
