/**
 * Markup injection cases for the preview and report tests: strings a manifest or a
 * workbook could carry that would run script if they reached the page as markup.
 */
import { strict as assert } from 'node:assert';
import type { ScorePayload, SourceRef } from '../../server/src/shared/protocol';

/** Markup that must render as text: an image with a handler, a script end tag, both quotes. */
export const INJECTIONS = ['<img src=x onerror="window.__pwned=1">', '</script><script>window.__pwned=2</script>', `"quoted" 'single'`] as const;
/** All of them in one string, as one field would carry them. */
export const EVIL = INJECTIONS.join(' ');

/**
 * The clean sample's payload with every kind of string a manifest or workbook supplies
 * replaced by {@link EVIL}: office and reporter names, a figure's title and note, a sheet
 * name, a problem's message and code.
 */
export function injectedPayload(p: ScorePayload): ScorePayload {
  const [first, ...rest] = p.rounds;
  assert.ok(first);
  const sheetSource: SourceRef = { kind: 'workbook', uri: p.uri, file: `X2.2 ${EVIL}.xlsx`, sheet: EVIL, cell: 'B7', anchor: { line: 20, character: 6 } };
  return {
    ...p,
    office: { name: `สพป. ${EVIL}`, code: `99"01'` },
    reporter: { ...p.reporter, name: `นางสาว ${EVIL}` },
    rounds: [
      {
        ...first,
        figures: first.figures.map((f, i) => (i === 0 ? { ...f, title: `${f.title} ${EVIL}`, note: EVIL, source: sheetSource } : f)),
        next: { level: first.next?.level ?? 5, gaps: [`${EVIL} gap`] },
      },
      ...rest,
    ],
    problems: { errors: 1, warnings: 0, information: 0, items: [{ code: `x.${EVIL}`, severity: 'error', message: `ข้อความ ${EVIL}`, source: sheetSource }] },
  };
}
