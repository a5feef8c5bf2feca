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
  /**
   * At least `min` of the round's points are reported (listed with at least one evidence
   * entry, clear or not) — "ดำเนินการตามประเด็นการพิจารณาครบ 6 ข้อ" of ESAO Standard 2557.
   */
  z.strictObject({ kind: z.literal('reportedPoints'), min: z.number().int().min(0), of: z.array(Id).optional() }),
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
  /** The scoring model: `rounds` (default) — quality levels per round from level rules. */
  model: z.literal('rounds').optional(),
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

// ---------------------------------------------------------------------------------------------
// The maturity model (PMQA): weighted categories of sub-items, each at a cumulative maturity
// level (Basic → Advance → Significance) worth points; some sub-items are scored from an
// outside source instead of the office's self-assessment; results categories report one
// indicator per dimension. Seed 001 (PMQA self-assessment guide for offices).
// ---------------------------------------------------------------------------------------------

/** A maturity level and what it is worth (points on the pack's scale, e.g. Basic = 300 of 500). */
export const MaturityLevel = z.strictObject({
  id: Id,
  title: LocalizedText,
  /** Points a sub-item at this level earns, on the scale `points.max` (e.g. 300 of 500). */
  points: z.number().min(0),
  /** Spellings accepted in manifests (matched after normalisation), besides the id. */
  aliases: z.array(z.string().min(1)).default([]),
  source: SourceRef,
});
export type MaturityLevel = z.infer<typeof MaturityLevel>;

/** An attachment a self-assessed sub-item needs: once per sub-item, or for each level claimed. */
export const MaturityAttachment = EvidenceRequirement.extend({
  /** `item`: once for the sub-item (the response form…); `level`: for every level up to the one claimed. */
  per: z.enum(['item', 'level']).default('item'),
});
export type MaturityAttachment = z.infer<typeof MaturityAttachment>;

/** A sub-item (ประเด็น 1.1 …) or, in a results category, a dimension (มิติ 7.1 …). */
export const MaturityItem = z.strictObject({
  id: Id,
  title: LocalizedText,
  /** Each level's criterion, quoted from the seed (Thai) and rendered in English, by level id. */
  levels: z.record(z.string(), LocalizedText).default({}),
  /** For results dimensions: what the dimension measures, quoted from the seed. */
  description: LocalizedText.optional(),
  /** The source that scores this sub-item instead of the office (e.g. `ita`); the office must not report it. */
  scoredBy: Id.optional(),
  /** The seed's remark on the sub-item (e.g. "สพท. ไม่ต้องตอบในระบบรายงาน"). */
  note: LocalizedText.optional(),
  source: SourceRef,
});
export type MaturityItem = z.infer<typeof MaturityItem>;

/** How a target or a result may be stated (ร้อยละ, ระดับความสำเร็จ, จำนวน). */
export const IndicatorValueType = z.strictObject({
  id: Id,
  title: LocalizedText,
  min: z.number(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
});
export type IndicatorValueType = z.infer<typeof IndicatorValueType>;

/** The rules of a results category (seed 001, หมวด 7). */
export const IndicatorRules = z.strictObject({
  /** Exactly this many indicators per dimension. */
  perDimension: z.number().int().min(1),
  /** The same indicator may not answer two dimensions. */
  uniqueAcrossDimensions: z.boolean(),
  /** An indicator repeating last year's needs its baseline (last year's result). */
  baselineWhenRepeated: z.boolean(),
  valueTypes: z.array(IndicatorValueType).min(1),
  /**
   * A dimension whose result does not reach its target scores below the first level:
   * `ratio-of-first-level` = first level's points × result / target (lower-is-better
   * indicators: target / result), rounded to `points.decimals`.
   */
  notAchieved: z.literal('ratio-of-first-level'),
  text: LocalizedText,
  source: SourceRef,
});
export type IndicatorRules = z.infer<typeof IndicatorRules>;

/** A source that scores sub-items instead of the office's self-assessment. */
export const ScoreSource = z.discriminatedUnion('kind', [
  /** The source's report gives a level directly (e.g. the ITA result for 1.2). Manifest: `sources.<id>.level`. */
  z.strictObject({ id: Id, kind: z.literal('level'), title: LocalizedText, text: LocalizedText, source: SourceRef }),
  /**
   * Scores on a 5-point scale weighted into one result, rounded half-up to `decimals`, then
   * banded (seed 001, หมวด 4: KPI 4.1.2 × 70 % + KPI 8 × 30 %; Basic 3.0000–3.9999 …).
   * Manifest: `sources.<id>.scores.<input id>`. Below the lowest band a sub-item earns
   * `pointsPerUnit` × the result (the partial credit).
   */
  z.strictObject({
    id: Id,
    kind: z.literal('weighted'),
    title: LocalizedText,
    text: LocalizedText,
    inputs: z
      .array(
        z.strictObject({
          id: Id,
          title: LocalizedText,
          /** Weight in percent (0–100); the inputs' weights sum to 100. */
          weight: z.number().min(0).max(100),
          /** The sub-items this input stands for (shown with them). */
          items: z.array(Id).min(1),
        }),
      )
      .min(1),
    /** Each input's accepted range (e.g. 1–5). */
    scale: z.strictObject({ min: z.number(), max: z.number() }),
    decimals: z.number().int().min(0).max(6),
    /** Highest first: a result of at least `min` (after rounding) reaches `level`. */
    bands: z.array(z.strictObject({ min: z.number(), level: Id })).min(1),
    pointsPerUnit: z.number().min(0),
    source: SourceRef,
  }),
  /** A group letter from another office's assessment (หมวด 6: group C → Basic …). Manifest: `sources.<id>.group`. */
  z.strictObject({
    id: Id,
    kind: z.literal('group'),
    title: LocalizedText,
    text: LocalizedText,
    groups: z.array(z.strictObject({ id: z.string().min(1), level: Id })).min(1),
    source: SourceRef,
  }),
]);
export type ScoreSource = z.infer<typeof ScoreSource>;

export const MaturityCategory = z.strictObject({
  id: Id,
  title: LocalizedText,
  /** Weight in percent (0–100) of the total; the categories' weights sum to 100. */
  weight: z.number().min(0).max(100),
  /** The seed's explanation of the category (คำชี้แจง), shortened. */
  description: LocalizedText.optional(),
  /** Attachments each self-assessed sub-item (or dimension) of this category needs. */
  attachments: z.array(MaturityAttachment).default([]),
  /** A source that scores the whole category (every sub-item), e.g. `kpi` for หมวด 4. */
  scoredBy: Id.optional(),
  /** Present for a results category (หมวด 7): its sub-items are dimensions with one indicator each. */
  indicators: IndicatorRules.optional(),
  items: z.array(MaturityItem).min(1),
  source: SourceRef,
});
export type MaturityCategory = z.infer<typeof MaturityCategory>;

export const MaturityPackSchema = z.strictObject({
  $schema: z.string().optional(),
  /** The scoring model: weighted categories of maturity-level sub-items. */
  model: z.literal('maturity'),
  id: Id,
  edition: z.string().min(1),
  appliesTo: z.strictObject({
    fromFiscalYear: z.number().int().min(2500).max(2700),
    toFiscalYear: z.number().int().min(2500).max(2700).optional(),
  }),
  title: LocalizedText,
  indicator: z.string().min(1),
  source: SourceRef,
  /** Lowest first; cumulative (a level needs every level below it). */
  levels: z.array(MaturityLevel).min(1),
  points: z.strictObject({
    /** The scale's top (e.g. 500): the total is the weighted sum of category points, out of this. */
    max: z.number().positive(),
    /** Decimals category points and the total are rounded to (half-up). */
    decimals: z.number().int().min(0).max(4),
    /**
     * Partial credit below the first level for a self-assessed sub-item:
     * `share-of-first-level-requirements` = first level's points × (requirements of the first
     * level met ÷ requirements of the first level), the requirements being the sub-item's
     * attachments, the first level's own evidence and a valid level claimed. An unreported
     * sub-item earns 0.
     */
    partialCredit: z.literal('share-of-first-level-requirements'),
    text: LocalizedText,
    source: SourceRef,
  }),
  sources: z.array(ScoreSource).default([]),
  categories: z.array(MaturityCategory).min(1),
  /** Descriptor bands of the total, if the framework names any. */
  descriptors: z.array(DescriptorBand).default([]),
});
export type MaturityPack = z.infer<typeof MaturityPackSchema>;

/** Any framework pack. `model` tells them apart (absent = `rounds`). */
export type AnyPack = Pack | MaturityPack;
export const isMaturityPack = (p: AnyPack | undefined): p is MaturityPack => p !== undefined && (p as MaturityPack).model === 'maturity';
export const isRoundsPack = (p: AnyPack | undefined): p is Pack => p !== undefined && (p as MaturityPack).model !== 'maturity';
