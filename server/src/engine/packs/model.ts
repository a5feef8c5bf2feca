import { z } from 'zod';

/**
 * The schema-pack model: a framework (X2, PMQA, ESAO Standard 2557 …) as data.
 *
 * A pack file (`schemas/*.pack.yaml`) is validated against {@link PackSchema} on load; a
 * broken pack becomes diagnostics on the pack file (see `packs/loader.ts`), never a crash.
 * Everything a new fiscal year may change — criterion texts, thresholds, evidence
 * requirements, table layouts, descriptor bands — lives here, each entry citing the seed
 * (`../shared/seeds/…`) and section it comes from.
 */

/** A text in Thai (the users' first language) and English. */
export const LocalizedText = z.strictObject({ th: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Where an entry comes from: a seed file (by its name prefix) and a section in it. */
export const SourceRef = z.strictObject({
  seed: z.string().regex(/^\d{3}_[0-9a-f]+(\.txt)?$/, 'seed file name, e.g. 000_a9d229d699a9d37e'),
  section: z.string().min(1),
});
export type SourceRef = z.infer<typeof SourceRef>;

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an identifier: letters, digits, . _ -');

/** A term of the domain vocabulary (an area, an owner type…) with the words that name it in tables. */
export const VocabularyTerm = z.strictObject({
  id: Id,
  title: LocalizedText,
  /** Spellings accepted in workbook cells and manifests (matched after normalisation). */
  aliases: z.array(z.string().min(1)).default([]),
});
export type VocabularyTerm = z.infer<typeof VocabularyTerm>;

/** What a column holds, which decides how its cells are read. */
export const ColumnType = z.enum([
  'text', // free text
  'integer', // a count; Thai digits accepted
  'schoolCode', // 10-digit national, 8-digit SMIS or 6-digit OBEC code
  'term', // one term of a vocabulary (e.g. an area)
  'systemList', // names of digital systems; empty, "-" or "ไม่มี" means none
  'yesNo', // ✓, /, มี, ใช้, yes, 1 … (see pack.yesMarkers)
  'url',
]);

export const TableColumn = z.strictObject({
  id: Id,
  title: LocalizedText,
  type: ColumnType,
  /** For `term` columns: the vocabulary the values come from (e.g. `areas`). */
  vocabulary: Id.optional(),
  /** For per-area columns: the area this column records. */
  area: Id.optional(),
  /** Header spellings accepted (Thai and English), matched after normalisation. */
  aliases: z.array(z.string().min(1)).min(1),
  required: z.boolean().default(true),
  /** Column width in the template, in Excel character units. */
  width: z.number().positive().default(16),
});
export type TableColumn = z.infer<typeof TableColumn>;

/** A quantity computed from a table's data rows. */
export const TableMeasure = z.discriminatedUnion('kind', [
  /** Data rows (schools) in the table. */
  z.strictObject({ id: Id, kind: z.literal('countRows'), title: LocalizedText }),
  /** Rows in which every listed column has a value (e.g. a system in all 4 areas). */
  z.strictObject({ id: Id, kind: z.literal('countRowsAllFilled'), title: LocalizedText, columns: z.array(Id).min(1) }),
  /** Rows whose yes/no column says yes. */
  z.strictObject({ id: Id, kind: z.literal('countRowsYes'), title: LocalizedText, column: Id }),
  /** Distinct vocabulary terms in `column` among rows whose `where` column has a value. */
  z.strictObject({ id: Id, kind: z.literal('distinctTerms'), title: LocalizedText, column: Id, where: Id }),
  /** `of` / `over` × 100, rounded half-up to `decimals` places. Unit: percent 0–100. */
  z.strictObject({ id: Id, kind: z.literal('percent'), title: LocalizedText, of: Id, over: Id }),
]);
export type TableMeasure = z.infer<typeof TableMeasure>;

/** The layout of a prescribed Excel table (X2.1 …): how to find it and what it yields. */
export const TableLayout = z.strictObject({
  id: Id,
  title: LocalizedText,
  source: SourceRef,
  /** Preferred sheet names; otherwise the first sheet whose header matches. */
  sheetNames: z.array(z.string().min(1)).min(1),
  /** The column that identifies a row (duplicates reported), if any. */
  keyColumn: Id.optional(),
  /** A row whose first text cell starts with one of these is a totals row, not data. */
  totalsRowMarkers: z.array(z.string().min(1)).default([]),
  columns: z.array(TableColumn).min(1),
  measures: z.array(TableMeasure).default([]),
  /** Instructions written on the template's instructions sheet. */
  instructions: z.array(LocalizedText).default([]),
});
export type TableLayout = z.infer<typeof TableLayout>;

/**
 * A figure of a round: declared by the office in its manifest and/or measured in a table.
 * Unit `percent` is 0–100; `count` and `areas` are whole numbers.
 */
export const FigureDef = z.strictObject({
  id: Id,
  title: LocalizedText,
  unit: z.enum(['count', 'areas', 'percent']),
  /** Whether the office states it in the manifest under `figures:` (required, optional, or never). */
  declared: z.enum(['required', 'optional', 'no']).default('required'),
  /** The table measure that evidences it (cross-checked against the declared value). */
  measuredBy: z.strictObject({ table: Id, measure: Id }).optional(),
  /** For percent figures: computed from two other figures of the round. */
  percentOf: z.strictObject({ of: Id, over: Id }).optional(),
});
export type FigureDef = z.infer<typeof FigureDef>;

/** One kind of evidence a consideration point requires. */
export const EvidenceRequirement = z.strictObject({
  /** The `kind:` an evidence entry in the manifest uses for it. */
  id: Id,
  title: LocalizedText,
  /** file: a document or image; link: a URL; table: a prescribed workbook; school-usage: a file per school. */
  type: z.enum(['file', 'link', 'file-or-link', 'table', 'school-usage']),
  /** For `table`: which table. */
  table: Id.optional(),
  /** How many entries at least (for school-usage: distinct schools). */
  minCount: z.number().int().min(0).default(1),
  /** Accepted file extensions, lower case, no dot. */
  fileTypes: z.array(z.string().regex(/^[a-z0-9]+$/)).optional(),
  /** For school-usage: the table whose key column must list the school. */
  schoolsTable: Id.optional(),
  /** Whether a login is commonly needed (the manifest then says how credentials are given). */
  mayNeedLogin: z.boolean().default(false),
  /** Optional requirements make a point clearer but do not block it. */
  optional: z.boolean().default(false),
  source: SourceRef,
});
export type EvidenceRequirement = z.infer<typeof EvidenceRequirement>;

/** A consideration point (ประเด็นการพิจารณา). */
export const ConsiderationPoint = z.strictObject({
  id: Id,
  text: LocalizedText,
  /** Evidence the seed asks for, as written (quoted in hovers). */
  evidenceText: LocalizedText,
  evidence: z.array(EvidenceRequirement).default([]),
  /** Figures this point reports (shown with it). */
  figures: z.array(Id).default([]),
  source: SourceRef,
});
export type ConsiderationPoint = z.infer<typeof ConsiderationPoint>;

/** A condition of a quality level; a level holds when all its conditions hold. */
export const LevelCondition = z.discriminatedUnion('kind', [
  /** At least `min` of the round's points have clear evidence. */
  z.strictObject({ kind: z.literal('clearPoints'), min: z.number().int().min(0), of: z.array(Id).optional() }),
  /** Each of the listed points has clear evidence. */
  z.strictObject({ kind: z.literal('pointsClear'), points: z.array(Id).min(1) }),
  /** A figure is at least `min` (same unit as the figure: percent 0–100, counts). */
  z.strictObject({ kind: z.literal('figureAtLeast'), figure: Id, min: z.number() }),
]);
export type LevelCondition = z.infer<typeof LevelCondition>;

export const LevelRule = z.strictObject({
  level: z.number().int().min(0),
  /** The official description of the level (quoted in hovers and the preview). */
  text: LocalizedText,
  /** Conjunctive conditions; empty for the fallback level. */
  all: z.array(LevelCondition).default([]),
});
export type LevelRule = z.infer<typeof LevelRule>;

export const Round = z.strictObject({
  id: Id,
  title: LocalizedText,
  /** Months from the start of the fiscal year the round covers (6 or 12). */
  months: z.number().int().min(1).max(12),
  points: z.array(ConsiderationPoint).min(1),
  figures: z.array(FigureDef).default([]),
  /** Level rules, highest first; the level is the highest whose conditions all hold. */
  levels: z.array(LevelRule).min(1),
  source: SourceRef,
});
export type Round = z.infer<typeof Round>;

/** A descriptor band: scores in [min, max] (inclusive, 2 decimals) get this label. */
export const DescriptorBand = z.strictObject({
  min: z.number(),
  max: z.number(),
  label: LocalizedText,
});
export type DescriptorBand = z.infer<typeof DescriptorBand>;

export const PackSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Framework id the manifest names in `framework:` (e.g. `obec-x2`). */
  id: Id,
  /** Edition, e.g. the fiscal year (BE) the rubric was published for. */
  edition: z.string().min(1),
  /** Fiscal years (Buddhist Era) this edition applies to, inclusive. */
  appliesTo: z.strictObject({
    fromFiscalYear: z.number().int().min(2500).max(2700),
    toFiscalYear: z.number().int().min(2500).max(2700).optional(),
  }),
  title: LocalizedText,
  indicator: z.string().min(1),
  source: SourceRef,
  /** Named vocabularies (e.g. `areas`, `owners`). */
  vocabularies: z.record(z.string(), z.array(VocabularyTerm)).default({}),
  /** Cell texts read as "yes" in yes/no columns (after normalisation). */
  yesMarkers: z.array(z.string().min(1)).default([]),
  /** Cell texts read as "no". */
  noMarkers: z.array(z.string().min(1)).default([]),
  /** Cell texts meaning "no system" in system-list columns. */
  noneMarkers: z.array(z.string().min(1)).default([]),
  tables: z.array(TableLayout).default([]),
  rounds: z.array(Round).min(1),
  scoring: z.strictObject({
    /** How round levels combine into the indicator's score. */
    overall: z.literal('mean-of-rounds'),
    /** Decimals the overall score is rounded to (half-up) before banding. */
    decimals: z.number().int().min(0).max(4),
    /** Percent figures are rounded half-up to this many decimals before comparison. */
    percentDecimals: z.number().int().min(0).max(4),
    descriptors: z.array(DescriptorBand).min(1),
    source: SourceRef,
  }),
});
export type Pack = z.infer<typeof PackSchema>;
