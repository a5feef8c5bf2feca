import type { LocalizedText } from './packs/model';
import { MESSAGES, type MessageCode } from './messages';

/** Zero-based line and character (UTF-16 code units), as in LSP. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * Where a finding is. `text`: a range in a YAML file (manifest or pack). `cell`: a place in
 * a workbook; `sheet` and `cell` (A1) are absent for findings about the whole file.
 */
export type FindingLocation =
  | { readonly kind: 'text'; readonly path: string; readonly range: Range }
  | { readonly kind: 'cell'; readonly path: string; readonly sheet?: string; readonly cell?: string };

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInformation {
  readonly location: FindingLocation;
  readonly message: LocalizedText;
}

/**
 * One finding of a check. `code` is stable (tests and users rely on it); `message` is in
 * Thai and English. `anchor` is the manifest range that led to a workbook finding (the
 * evidence entry linking the workbook), so an editor can show it in the manifest too.
 * `data` carries machine-readable facts for quick fixes (e.g. `{ expected: 104 }`).
 */
export interface Finding {
  readonly code: MessageCode;
  readonly severity: Severity;
  readonly message: LocalizedText;
  readonly location: FindingLocation;
  readonly anchor?: { readonly path: string; readonly range: Range };
  readonly related?: readonly RelatedInformation[];
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Message arguments; a `{ th, en }` value is picked per language. */
export type MessageArgs = Readonly<Record<string, string | number | LocalizedText>>;

function fill(template: string, args: MessageArgs, lang: 'th' | 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = args[name];
    if (v === undefined) return whole;
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

/** Formats a catalogue message in both languages. */
export function formatMessage(code: MessageCode, args: MessageArgs = {}): LocalizedText {
  const m = MESSAGES[code];
  return { th: fill(m.th, args, 'th'), en: fill(m.en, args, 'en') };
}

/** Builds a finding from the catalogue: severity and texts come from `messages.ts`. */
export function finding(
  code: MessageCode,
  location: FindingLocation,
  args: MessageArgs = {},
  extra: Partial<Pick<Finding, 'anchor' | 'related' | 'data' | 'severity'>> = {},
): Finding {
  return {
    code,
    severity: extra.severity ?? MESSAGES[code].severity,
    message: formatMessage(code, args),
    location,
    ...(extra.anchor ? { anchor: extra.anchor } : {}),
    ...(extra.related ? { related: extra.related } : {}),
    ...(extra.data ? { data: extra.data } : {}),
  };
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Orders findings by file, then line/column or sheet/cell, then code: stable output. */
export function compareFindings(a: Finding, b: Finding): number {
  const pa = a.location.path;
  const pb = b.location.path;
  if (pa !== pb) return pa < pb ? -1 : 1;
  const ka = sortKey(a.location);
  const kb = sortKey(b.location);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function sortKey(l: FindingLocation): string {
  if (l.kind === 'text') {
    return `t${String(l.range.start.line).padStart(8, '0')}:${String(l.range.start.character).padStart(6, '0')}`;
  }
  const m = /^([A-Z]+)(\d+)$/.exec(l.cell ?? '');
  const cellKey = m ? `${m[2]!.padStart(8, '0')}${m[1]!.padStart(3, ' ')}` : '';
  return `c${l.sheet ?? ''}!${cellKey}`;
}
