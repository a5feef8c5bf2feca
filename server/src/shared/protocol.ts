/**
 * The custom protocol between the OBEC Evidence extension (client) and its language
 * server, defined once and imported by both sides (as vscode-eslint does). Each message
 * names its direction. Plain JSON shapes only: no vscode or vscode-languageserver imports,
 * so the webview bundle can import the payload types too.
 */

/** Message language of the server: Thai (default) or English. */
export type MessageLanguage = 'th' | 'en';

/** `initializationOptions` the client sends. */
export interface InitializationOptions {
  readonly language: MessageLanguage;
  /** Extra schema-pack folders (absolute paths); empty in untrusted workspaces. */
  readonly schemaPacks: readonly string[];
  /** Debounce before validating a changed document, ms. */
  readonly validationDelay: number;
}

/** The server's settings section, read with `workspace/configuration` (section `obecEvidence`). */
export interface ServerSettings {
  readonly language?: 'auto' | MessageLanguage;
  readonly schemaPacks?: readonly string[];
  readonly validation?: { readonly delay?: number };
}

/** Client → server request: check every manifest in the workspace folders (not only open ones). */
export namespace CheckWorkspaceRequest {
  export const method = 'obecEvidence/checkWorkspace' as const;
  export interface Params {}
  export interface Result {
    readonly manifests: number;
    readonly errors: number;
    readonly warnings: number;
  }
}

/** Client → server request: the text of a new manifest from the guided template. */
export namespace ManifestTemplateRequest {
  export const method = 'obecEvidence/manifestTemplate' as const;
  export interface Params {
    readonly framework: string;
    readonly fiscalYear: number;
    readonly officeName: string;
    readonly rounds: readonly string[];
    readonly language: MessageLanguage;
  }
  export interface Result {
    readonly text: string;
  }
}

/**
 * Client → server request: the bytes of a table's Excel template (base64). The client
 * writes the file where the user chose: the server never writes files.
 */
export namespace TableTemplateRequest {
  export const method = 'obecEvidence/tableTemplate' as const;
  export interface Params {
    readonly table: string;
    readonly language: MessageLanguage;
    readonly officeName?: string;
  }
  export interface Result {
    readonly base64: string;
    /** Suggested file name, e.g. `X2.2-template.xlsx`. */
    readonly fileName: string;
  }
}

/** Client → server request: the table ids the loaded packs define (for the template picker). */
export namespace TableIdsRequest {
  export const method = 'obecEvidence/tableIds' as const;
  export interface Result {
    readonly tables: readonly { readonly id: string; readonly title: string }[];
  }
}

/** Server → client notification: the state of a manifest, for the language status item. */
export namespace ManifestStatusNotification {
  export const method = 'obecEvidence/manifestStatus' as const;
  export interface Params {
    readonly uri: string;
    readonly framework?: string;
    readonly edition?: string;
    /** Level per round, in pack order. */
    readonly levels: readonly { readonly round: string; readonly title: string; readonly level: number }[];
    /** The overall score (rounds: mean of levels) or, for a maturity framework, the total out of `max`. */
    readonly overall?: { readonly score: number; readonly descriptor?: string; readonly max?: number };
    readonly errors: number;
    readonly warnings: number;
  }
}

/** Where a figure, condition or problem comes from: a manifest range or a workbook cell. */
export type SourceRef =
  | { readonly kind: 'manifest'; readonly uri: string; readonly line: number; readonly character: number; readonly endLine: number; readonly endCharacter: number }
  | {
      readonly kind: 'workbook';
      readonly uri: string;
      readonly file: string;
      readonly sheet?: string;
      readonly cell?: string;
      /** The manifest line that links the workbook: what "reveal" shows in the editor. */
      readonly anchor?: { readonly line: number; readonly character: number };
    };

/**
 * Everything the score preview (and the exported report) shows for one manifest, in one
 * language. Computed by the server; the panel only renders it. Percent values are 0–100.
 * `kind` tells the framework's model apart: rounds with levels (X2) or a maturity model
 * scored in points (PMQA).
 */
export type ScorePayload = RoundsScorePayload | MaturityScorePayload;

/** What every score payload has: the manifest, its office and its problems. */
export interface ScorePayloadBase {
  readonly uri: string;
  /** The document version it was computed for. */
  readonly version: number;
  readonly language: MessageLanguage;
  readonly framework?: { readonly id: string; readonly edition: string; readonly title: string; readonly indicator: string };
  readonly office?: { readonly name?: string; readonly code?: string };
  readonly fiscalYear?: number;
  readonly reporter?: { readonly name?: string; readonly position?: string; readonly phone?: string; readonly email?: string };
  /** The rounds of a rounds framework; always empty for a maturity framework (it has none). */
  readonly rounds: readonly ScoreRound[];
  readonly problems: {
    readonly errors: number;
    readonly warnings: number;
    readonly information: number;
    readonly items: readonly { readonly code: string; readonly severity: 'error' | 'warning' | 'information' | 'hint'; readonly message: string; readonly source: SourceRef }[];
  };
}

/**
 * A rounds framework (X2): a level per round and an overall score. Also what a manifest
 * that could not be scored yet gets (no framework, or an unknown one). `kind` is always set
 * by the server; a payload without it is a rounds payload.
 */
export interface RoundsScorePayload extends ScorePayloadBase {
  readonly kind?: 'rounds';
  readonly overall?: { readonly score: number; readonly descriptor?: string };
}

/** A maturity framework (PMQA): categories of sub-items scored in points, and a weighted total. */
export interface MaturityScorePayload extends ScorePayloadBase {
  readonly kind: 'maturity';
  readonly maturity: ScoreMaturity;
}

/** A maturity level as shown: its id (`basic`), title (`Basic`) and points (300). */
export interface ScoreLevel {
  readonly id: string;
  readonly title: string;
  readonly points: number;
}

/** The score of a maturity framework. Points are on the pack's scale (0–`max`), weights percent. */
export interface ScoreMaturity {
  /** Σ category points × weight / 100, out of `max`; absent while a category's points are unknown. */
  readonly total?: number;
  /** Categories whose points are unknown (a source's result not given), by id. */
  readonly unknownCategories: readonly string[];
  readonly max: number;
  /** Decimals points are shown with (2 for PMQA). */
  readonly decimals: number;
  /** The level the total reaches, by id; absent below the first level. */
  readonly level?: string;
  readonly descriptor?: string;
  /** The pack's levels, lowest first. */
  readonly levels: readonly ScoreLevel[];
  /** How points are worked out (the pack's own words). */
  readonly rule?: string;
  readonly categories: readonly ScoreCategory[];
  readonly sources: readonly ScoreSourceResult[];
}

export interface ScoreCategory {
  readonly id: string;
  readonly title: string;
  /** Percent of the total. */
  readonly weight: number;
  /** Level id; absent below the first level. */
  readonly level?: string;
  /** Mean of its sub-items' points (or the source's points), 0–`max`; absent when unknown. */
  readonly points?: number;
  /** points × weight / 100: its share of the total; absent when the points are. */
  readonly weighted?: number;
  /** Why the points are unknown, when they are. */
  readonly unknownReason?: string;
  /** The id of the source (in `sources`) that scores the whole category, if one does. */
  readonly scoredBy?: string;
  readonly items: readonly ScoreItem[];
}

export interface ScoreItem {
  readonly id: string;
  readonly title: string;
  /** Self-assessed, from a source, a results dimension's indicator, or not reported at all. */
  readonly from: 'self-assessment' | 'source' | 'indicator' | 'not-reported';
  /** Level ids: what the office claims and what the evidence reaches (absent below the first level). */
  readonly claimed?: string;
  readonly level?: string;
  /** Points, 0–`max`; absent when its source's result is unknown. */
  readonly points?: number;
  /** Why it is below its claim (or below the first level). */
  readonly reasons: readonly string[];
  /** What the next level needs; absent at the top level and for sourced sub-items. */
  readonly next?: { readonly level: string; readonly needs: readonly string[] };
  /** A results dimension's indicator, numbers in its own unit (`type`: percent, successLevel, count). */
  readonly indicator?: { readonly title: string; readonly type?: string; readonly target?: number; readonly result?: number; readonly baseline?: number; readonly achieved?: boolean };
  /** The id of the source (in `sources`) that scores it, for sourced sub-items. */
  readonly scoredBy?: string;
  /** The sub-item's key in the manifest (or, for a sourced one, the source's). */
  readonly source?: SourceRef;
}

/** A result that scores sub-items instead of the office's self-assessment (ITA level, weighted KPIs, monitoring group). */
export interface ScoreSourceResult {
  readonly id: string;
  readonly kind: 'level' | 'weighted' | 'group';
  readonly title: string;
  /** Level id given; absent when unknown or below the first level. */
  readonly level?: string;
  /** Points it earns its sub-items; absent when the result is not given. */
  readonly points?: number;
  /** Weighted sources: the weighted result, rounded (e.g. 4.1150), and its inputs. */
  readonly value?: number;
  readonly decimals?: number;
  readonly inputs?: readonly { readonly id: string; readonly title: string; readonly weight: number; readonly score?: number }[];
  /** Group sources: the group given (A, B, C). */
  readonly group?: string;
  /** Why it gives no score, when it does not. */
  readonly reason?: string;
  /** The sub-items it scores. */
  readonly items: readonly string[];
  readonly source?: SourceRef;
}

export interface ScoreRound {
  readonly id: string;
  readonly title: string;
  readonly level: number;
  readonly source?: SourceRef;
  /** The level table, highest first; `reached` marks the round's level. */
  readonly levels: readonly { readonly level: number; readonly text: string; readonly holds: boolean; readonly reached: boolean }[];
  /** The conditions of the next level up (or of the reached level at the top), pass/fail. */
  readonly conditions: readonly { readonly description: string; readonly holds: boolean; readonly actual?: string }[];
  readonly points: readonly { readonly id: string; readonly text: string; readonly clear: boolean; readonly reasons: readonly string[]; readonly source?: SourceRef }[];
  readonly figures: readonly { readonly id: string; readonly title: string; readonly value?: number; readonly unit: 'count' | 'areas' | 'percent'; readonly origin: 'table' | 'manifest' | 'computed' | 'none'; readonly source?: SourceRef; readonly note?: string }[];
  readonly next?: { readonly level: number; readonly gaps: readonly string[] };
}

/** Client → server request: the score payload of an open manifest (undefined when not a manifest). */
export namespace ScorePreviewRequest {
  export const method = 'obecEvidence/scorePreview' as const;
  export interface Params {
    readonly uri: string;
  }
  export type Result = ScorePayload | null;
}

/** Server → client notification: a manifest's payload changed (sent after each validation). */
export namespace ScorePreviewChangedNotification {
  export const method = 'obecEvidence/scorePreviewChanged' as const;
  export type Params = ScorePayload;
}
