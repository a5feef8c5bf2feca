import type { ManifestCheckResult } from '../checks/manifestCheck';
import type { Position, Range } from '../diagnostics';
import { BE_OFFSET } from '../dates';
import { manifestKeysAt } from '../manifest/model';
import type { LocalizedText, Pack } from '../packs/model';
import { thaiDigitsToArabic } from '../text';

/** One completion proposal, editor-neutral. */
export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'property' | 'value' | 'file' | 'reference';
  readonly insertText: string;
  /** Replace this range (the partial word typed) instead of inserting at the cursor. */
  readonly range: Range;
  readonly detail?: string;
  readonly documentation?: string;
  readonly sortText?: string;
}

export interface CompletionInput {
  readonly text: string;
  readonly position: Position;
  /** The last check of this document (its pack, tables and schools), if any. */
  readonly result?: ManifestCheckResult;
  /** The pack to propose from when the check found none (e.g. no `framework:` yet). */
  readonly fallbackPack?: Pack;
  /** Framework ids available. */
  readonly frameworks: readonly string[];
  /** Files of the workspace, as paths relative to the manifest's folder ('/' separated). */
  readonly files: readonly string[];
  readonly lang: 'th' | 'en';
  /** Today, for the default fiscal year (injected so tests are stable). */
  readonly today?: Date;
}

const KEY_LINE = /^(\s*)(-\s+)?([^\s:#'"-][^:#]*)?$/;
const VALUE_LINE = /^(\s*)(-\s+)?([\w$.-]+):\s*(["']?)([^"'#]*)$/;

/**
 * Proposals at a position of a manifest being typed (the text may not parse): keys valid
 * at the cursor, the framework's round ids, point ids, figure ids and evidence kinds,
 * enum values, workspace files for `file:`, school codes from table X2.2 for `school:`.
 * The context is read from indentation, so half-written YAML still completes.
 */
export function completeAt(input: CompletionInput): CompletionEntry[] {
  const lines = input.text.split('\n');
  const line = (lines[input.position.line] ?? '').replace(/\r$/, '');
  const before = line.slice(0, input.position.character);
  const pack = input.result?.pack ?? input.fallbackPack;
  const t = (x: LocalizedText): string => x[input.lang];

  const value = VALUE_LINE.exec(before);
  if (value) {
    const indent = value[1]!.length + (value[2]?.length ?? 0);
    const key = value[3]!;
    const typed = value[5]!;
    const parent = parentPath(lines, input.position.line, indent, value[2] !== undefined);
    const quote = value[4]!;
    const after = line.slice(input.position.character);
    // Replace the whole word under the cursor, not just what precedes it ("m|anual").
    const rest = /^[^"'#\s,}\]]*/.exec(after)![0];
    const afterWord = after.slice(rest.length);
    const closing = quote && !afterWord.startsWith(quote) ? quote : '';
    const range: Range = {
      start: { line: input.position.line, character: input.position.character - typed.length },
      end: { line: input.position.line, character: input.position.character + rest.length },
    };
    return valueProposals(key, parent, typed, range, input, pack, t, { open: quote, closing });
  }
  const keyMatch = KEY_LINE.exec(before);
  if (!keyMatch) return [];
  const typed = keyMatch[3] ?? '';
  const indent = keyMatch[1]!.length + (keyMatch[2]?.length ?? 0);
  const restOfKey = /^[^\s:#]*/.exec(line.slice(input.position.character))![0];
  const range: Range = { start: { line: input.position.line, character: input.position.character - typed.length }, end: { line: input.position.line, character: input.position.character + restOfKey.length } };
  const parent = parentPath(lines, input.position.line, indent, keyMatch[2] !== undefined);
  const siblings = siblingKeys(lines, input.position.line, indent, keyMatch[2] !== undefined);
  return keyProposals(parent, range, pack, t, indent).filter((p) => !siblings.has(p.label));
}

/**
 * The keys above a line, by indentation: each earlier line indented less than the
 * current key and ending in `key:` is a parent. List items (`- key:`) count their key's
 * column. `inItem`: the current line starts a list item (its parent is the list's key).
 */
function parentPath(lines: readonly string[], lineNo: number, indent: number, inItem: boolean): string[] {
  const path: string[] = [];
  let target = inItem ? indent - 1 : indent;
  for (let i = lineNo - 1; i >= 0 && target > 0; i--) {
    const l = lines[i]!.replace(/\r$/, '');
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const m = /^(\s*)(-\s+)?([^\s:#][^:#]*?)\s*:(.*)$/.exec(l);
    const lead = /^(\s*)(-\s+)?/.exec(l)!;
    const col = lead[1]!.length + (lead[2]?.length ?? 0);
    const dashCol = lead[1]!.length;
    if (m && col < target) {
      path.unshift(m[3]!.replace(/^["']|["']$/g, ''));
      target = lead[2] ? dashCol : col;
    } else if (!m && lead[2] && dashCol < target) {
      target = dashCol;
    }
  }
  return path;
}

/**
 * Keys already present in the current mapping (not proposed again). In a list, the
 * mapping is the current item only: the scan stops at the dash that starts it (going up)
 * and at the next item's dash (going down). `startsItem`: the cursor's line starts the item.
 */
function siblingKeys(lines: readonly string[], lineNo: number, indent: number, startsItem: boolean): Set<string> {
  const out = new Set<string>();
  const scan = (from: number, step: number): void => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const l = lines[i]!.replace(/\r$/, '');
      if (!l.trim() || l.trim().startsWith('#')) continue;
      const lead = /^(\s*)(-\s+)?/.exec(l)!;
      const col = lead[1]!.length + (lead[2]?.length ?? 0);
      if (col < indent) return;
      if (col === indent) {
        if (lead[2] && step > 0) return; // the next item starts: not ours
        const m = /^\s*(?:-\s+)?([^\s:#][^:#]*?)\s*:/.exec(l);
        if (m) out.add(m[1]!);
        if (lead[2] && step < 0) return; // the dash that starts our item
      }
    }
  };
  if (!startsItem) scan(lineNo - 1, -1);
  scan(lineNo + 1, 1);
  return out;
}

const KEY_DOCS: Record<string, LocalizedText> = {
  framework: { th: 'รหัสกรอบการประเมิน เช่น obec-x2', en: 'The framework pack id, e.g. obec-x2' },
  fiscalYear: { th: 'ปีงบประมาณ พ.ศ. เช่น 2567', en: 'Fiscal year, Buddhist Era, e.g. 2567' },
  office: { th: 'สำนักงานเขตพื้นที่การศึกษา (ชื่อ รหัส)', en: 'The office (name, code)' },
  reporter: { th: 'ผู้รายงานข้อมูล (ชื่อ ตำแหน่ง เบอร์โทร e-mail)', en: 'The reporter (name, position, phone, e-mail)' },
  rounds: { th: 'รอบการรายงาน (6m, 12m)', en: 'Reporting rounds (6m, 12m)' },
  sharing: { th: 'shared (ค่าเริ่มต้น) หรือ private', en: 'shared (default) or private' },
  figures: { th: 'ตัวเลขที่รายงาน', en: 'Declared figures' },
  points: { th: 'หลักฐานรายประเด็นการพิจารณา', en: 'Evidence per consideration point' },
  evidence: { th: 'รายการหลักฐาน', en: 'The evidence list' },
  kind: { th: 'ประเภทหลักฐาน', en: 'Evidence kind' },
  file: { th: 'ไฟล์หลักฐาน (เทียบกับโฟลเดอร์ของไฟล์นี้)', en: 'Evidence file (relative to this manifest)' },
  url: { th: 'ลิงก์ http(s)', en: 'An http(s) link' },
  school: { th: 'รหัสสถานศึกษา 10/8/6 หลัก', en: 'School code (10, 8 or 6 digits)' },
  date: { th: 'วันที่ ปปปป-ดด-วว (พ.ศ.)', en: 'Date YYYY-MM-DD (Buddhist Era)' },
  login: { th: 'วิธีรับชื่อผู้ใช้/รหัสผ่าน (ห้ามเขียนรหัสผ่าน)', en: 'How to get a login (never the password)' },
};

const OBJECT_KEYS = new Set(['office', 'reporter', 'rounds', 'figures', 'points', 'login']);

function keyProposals(parent: readonly string[], range: Range, pack: Pack | undefined, t: (x: LocalizedText) => string, indent: number): CompletionEntry[] {
  const pad = ' '.repeat(indent + 2);
  const keys = (names: readonly string[], docs?: (k: string) => LocalizedText | undefined): CompletionEntry[] =>
    names.map((k, i) => {
      const doc = docs?.(k) ?? KEY_DOCS[k];
      return {
        label: k,
        kind: 'property' as const,
        insertText: k === 'evidence' ? `evidence:\n${pad}- kind: ` : OBJECT_KEYS.has(k) ? `${k}:\n${pad}` : `${k}: `,
        range,
        ...(doc ? { documentation: t(doc) } : {}),
        sortText: String(i).padStart(3, '0'),
      };
    });
  const [a, b, c, , e, f] = parent;
  if (parent.length === 0) return keys(manifestKeysAt([]).filter((k) => k !== '$schema'));
  if (a === 'office' || a === 'reporter') return parent.length === 1 ? keys(manifestKeysAt([a])) : [];
  if (a !== 'rounds') return [];
  if (parent.length === 1) {
    return (pack?.rounds ?? []).map((r, i) => ({ label: r.id, kind: 'reference' as const, insertText: `${r.id}:\n${pad}`, range, detail: t(r.title), sortText: String(i).padStart(3, '0') }));
  }
  const round = pack?.rounds.find((r) => r.id === b);
  if (parent.length === 2) return keys(manifestKeysAt(['rounds', 'x']));
  if (c === 'figures' && parent.length === 3) {
    return (round?.figures ?? []).map((fig, i) => ({ label: fig.id, kind: 'reference' as const, insertText: `${fig.id}: `, range, detail: t(fig.title), sortText: String(i).padStart(3, '0') }));
  }
  if (c !== 'points') return [];
  if (parent.length === 3) {
    return (round?.points ?? []).map((pt, i) => ({ label: pt.id, kind: 'reference' as const, insertText: `${pt.id}:\n${pad}evidence:\n${pad}  - kind: `, range, detail: t(pt.text).slice(0, 80), documentation: t(pt.evidenceText), sortText: String(i).padStart(3, '0') }));
  }
  if (parent.length === 4) return keys(manifestKeysAt(['rounds', 'x', 'points', 'y']));
  if (e === 'evidence' && parent.length === 5) return keys(manifestKeysAt(['rounds', 'x', 'points', 'y', 'evidence', 0]));
  if (f === 'login' && parent.length === 6) return keys(['username', 'note']);
  return [];
}

function valueProposals(
  key: string,
  parent: readonly string[],
  typed: string,
  range: Range,
  input: CompletionInput,
  pack: Pack | undefined,
  t: (x: LocalizedText) => string,
  quoting: { readonly open: string; readonly closing: string },
): CompletionEntry[] {
  const v = (label: string, detail?: string, kind: CompletionEntry['kind'] = 'value'): CompletionEntry => ({ label, kind, insertText: label, range, ...(detail ? { detail } : {}) });
  if (parent.length === 0) {
    if (key === 'framework') return input.frameworks.map((f) => v(f, pack && pack.id === f ? t(pack.title).slice(0, 80) : undefined));
    if (key === 'sharing') return [v('shared', input.lang === 'th' ? 'เผยแพร่ให้ผู้ตรวจ (ค่าเริ่มต้น)' : 'sent to reviewers (default)'), v('private')];
    if (key === 'fiscalYear') {
      const today = input.today ?? new Date();
      // The fiscal year ends on 30 September and is named by the BE year it ends in.
      const fy = today.getUTCFullYear() + BE_OFFSET + (today.getUTCMonth() >= 9 ? 1 : 0);
      return [v(String(fy), input.lang === 'th' ? 'ปีงบประมาณปัจจุบัน' : 'the current fiscal year'), v(String(fy - 1))];
    }
    return [];
  }
  if (parent[0] !== 'rounds' || parent[2] !== 'points' || parent[4] !== 'evidence') return [];
  const round = pack?.rounds.find((r) => r.id === parent[1]);
  const point = round?.points.find((p) => p.id === parent[3]);
  if (key === 'kind') return (point?.evidence ?? []).map((e) => ({ ...v(e.id, t(e.title), 'reference'), documentation: `${t(e.title)}` }));
  if (key === 'file') {
    const exts = new Set((point?.evidence ?? []).flatMap((e) => (e.type === 'table' ? ['xlsx', 'xlsm'] : e.fileTypes ?? [])));
    return input.files
      .filter((f) => exts.size === 0 || exts.has(f.split('.').pop()!.toLowerCase()))
      .filter((f) => f.toLowerCase().includes(typed.toLowerCase()))
      .slice(0, 500)
      .map((f) => v(f, undefined, 'file'));
  }
  if (key === 'school') {
    const table = input.result?.tables.find((x) => x.table === 'X2.2') ?? input.result?.tables.find((x) => x.schools.size > 0);
    if (!table) return [];
    return [...table.schools.values()]
      // Codes may be typed with Thai digits ("๑๐๙…"): compare them as Arabic digits.
      .filter((s) => s.code.startsWith(thaiDigitsToArabic(typed)) || s.name.includes(typed))
      .slice(0, 1000)
      // Codes are text ("1099010001"): quote them, unless the user already opened a quote.
      .map((s) => ({ label: s.code, kind: 'reference' as const, insertText: quoting.open ? `${s.code}${quoting.closing}` : `"${s.code}"`, range, detail: s.name, documentation: `${table.table}!${s.ref}` }));
  }
  return [];
}
