import * as path from 'node:path';
import type { ManifestCheckResult } from '../checks/manifestCheck';
import type { Finding, Position, Range } from '../diagnostics';
import type { EvidenceRequirement, MaturityAttachment, MaturityPack, Pack } from '../packs/model';
import { parseYaml, type ParsedYaml, type PathSegment } from '../yamlDocument';

/** A text replacement in the manifest. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A quick fix: edits the user may apply, or a client command to run. */
export interface QuickFix {
  readonly title: string;
  /** The finding it fixes (matched to the editor's diagnostic by code and range). */
  readonly finding: Finding;
  readonly edits?: readonly TextEdit[];
  readonly command?: { readonly command: string; readonly title: string; readonly arguments: readonly unknown[] };
  readonly isPreferred?: boolean;
}

const ON_REQUEST = { th: 'รหัสผ่านแจ้งเมื่อผู้ตรวจร้องขอ', en: 'password given on request' } as const;

/**
 * Quick fixes for the findings of a checked manifest that overlap `range`: set a declared
 * figure to the workbook's value; add the skeleton of missing evidence; normalise Thai
 * digits; remove a plain-text password (leaving a note that it is given on request);
 * write the Buddhist-Era year or date; replace an unknown evidence kind or key by a valid
 * one; create a missing table from its template (a client command). For maturity
 * manifests (PMQA): state the computed total, a known level or value type, remove a
 * sub-item a source scores, add an attachment's skeleton (with its level when it is
 * needed per level). Each is an edit the user chooses; nothing is written here.
 */
export function quickFixes(result: ManifestCheckResult, text: string, range: Range, lang: 'th' | 'en'): QuickFix[] {
  const doc = result.document;
  if (!doc) return [];
  const fixes = collectFixes(result, doc, text, range, lang);
  // A fix must never break the file: one whose result has more YAML problems is dropped.
  const before = doc.problems.length;
  return fixes.filter((f) => !f.edits || parseYaml(applyEdits(text, doc, f.edits)).problems.length <= before);
}

/** Applies non-overlapping edits to `text` (positions as in `doc`). */
export function applyEdits(text: string, doc: ParsedYaml, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e) => ({ from: doc.offsetAt(e.range.start), to: doc.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.from - a.from);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

function collectFixes(result: ManifestCheckResult, doc: ParsedYaml, text: string, range: Range, lang: 'th' | 'en'): QuickFix[] {
  const out: QuickFix[] = [];
  const th = lang === 'th';
  for (const f of result.findings) {
    const r = f.anchor?.range ?? (f.location.kind === 'text' && f.location.path === result.path ? f.location.range : undefined);
    if (!r || !overlaps(r, range)) continue;
    const data = (f.data ?? {}) as Record<string, unknown>;
    switch (f.code) {
      case 'rubric.figure.mismatch': {
        if (f.location.kind !== 'text' || typeof data['expected'] !== 'number') break;
        const expected = data['expected'];
        const shown = Number.isInteger(expected) ? String(expected) : expected.toFixed(2);
        out.push({ title: th ? `ใช้ค่าจากตาราง: ${shown}` : `Use the table's value: ${shown}`, finding: f, edits: [{ range: f.location.range, newText: shown }], isPreferred: true });
        break;
      }
      case 'manifest.thai-digits': {
        if (f.location.kind !== 'text' || typeof data['normalised'] !== 'string') break;
        const old = slice(text, doc, f.location.range);
        // School codes are text: unquoted, 012345 would be read as the number 12345.
        const onPath = doc.nodeAt(doc.offsetAt(f.location.range.start))?.path;
        const isCode = onPath?.[onPath.length - 1] === 'school';
        const q = old.startsWith('"') ? '"' : old.startsWith("'") ? "'" : isCode ? '"' : '';
        out.push({ title: th ? `เปลี่ยนเป็นเลขอารบิก: ${data['normalised']}` : `Use Arabic digits: ${data['normalised']}`, finding: f, edits: [{ range: f.location.range, newText: `${q}${data['normalised']}${q}` }], isPreferred: true });
        break;
      }
      case 'manifest.fiscal-year.common-era':
        if (f.location.kind === 'text' && data['suggestion'] !== undefined) {
          out.push({ title: th ? `ใช้ปี พ.ศ. ${data['suggestion']}` : `Use the Buddhist-Era year ${data['suggestion']}`, finding: f, edits: [{ range: f.location.range, newText: String(data['suggestion']) }], isPreferred: true });
        }
        break;
      case 'evidence.date.era-mixed':
        if (f.location.kind === 'text' && typeof data['converted'] === 'string') {
          out.push({ title: th ? `ใช้วันที่ พ.ศ. ${data['converted']}` : `Use the Buddhist-Era date ${data['converted']}`, finding: f, edits: [{ range: f.location.range, newText: data['converted'] }], isPreferred: true });
        }
        break;
      case 'manifest.password.plain-text': {
        const edit = removePassword(doc, text, (data['path'] as PathSegment[] | undefined) ?? [], lang);
        if (edit) out.push({ title: th ? 'ลบรหัสผ่าน แล้วระบุว่าแจ้งเมื่อผู้ตรวจร้องขอ' : 'Remove the password; say it is given on request', finding: f, edits: [edit], isPreferred: true });
        break;
      }
      case 'manifest.evidence.unknown-kind': {
        if (f.location.kind !== 'text') break;
        const known = Array.isArray(data['known']) ? (data['known'] as string[]) : [];
        const loc = f.location;
        const typed = slice(text, doc, loc.range);
        for (const k of [...known].sort((a, b) => distance(typed, a) - distance(typed, b))) {
          out.push({ title: th ? `เปลี่ยนเป็น "${k}"` : `Change to "${k}"`, finding: f, edits: [{ range: loc.range, newText: k }] });
        }
        break;
      }
      case 'manifest.schema.unknown-key': {
        if (f.location.kind !== 'text') break;
        const key = String(data['key'] ?? '');
        const parent = (data['parent'] as PathSegment[] | undefined) ?? [];
        const siblings = keysOf(doc.value, parent);
        const candidates = (f.message.en.match(/expected one of: ([^)]*)\)/)?.[1] ?? '').split(', ').filter((k) => k && !siblings.includes(k));
        const best = candidates.filter((k) => distance(key, k) <= 2).sort((a, b) => distance(key, a) - distance(key, b))[0];
        if (best) out.push({ title: th ? `เปลี่ยนชื่อเป็น "${best}"` : `Rename to "${best}"`, finding: f, edits: [{ range: f.location.range, newText: best }], isPreferred: true });
        const del = deletePair(doc, text, [...parent, key]);
        if (del) out.push({ title: th ? `ลบคีย์ "${key}"` : `Remove the key "${key}"`, finding: f, edits: [del] });
        break;
      }
      case 'rubric.point.missing-evidence': {
        const pack = result.pack;
        if (!pack) break;
        const edit = evidenceSkeleton(pack, doc, text, String(data['round']), String(data['point']), String(data['requirement']));
        if (edit) {
          const req = findRequirement(pack, String(data['round']), String(data['point']), String(data['requirement']));
          const name = req ? req.title[lang] : String(data['requirement']);
          out.push({ title: th ? `เพิ่มหลักฐาน "${name}"` : `Add the evidence "${name}"`, finding: f, edits: [edit], isPreferred: true });
        }
        break;
      }
      case 'pmqa.total.mismatch': {
        if (f.location.kind !== 'text' || typeof data['computed'] !== 'string') break;
        const computed = data['computed'];
        out.push({ title: th ? `ใช้คะแนนที่คำนวณได้: ${computed}` : `Use the computed value: ${computed}`, finding: f, edits: [{ range: f.location.range, newText: computed }], isPreferred: true });
        break;
      }
      case 'pmqa.level.unknown':
      case 'pmqa.indicator.type-unknown': {
        if (f.location.kind !== 'text') break;
        const known = Array.isArray(data['known']) ? (data['known'] as string[]) : [];
        const loc = f.location;
        const typed = slice(text, doc, loc.range);
        const sorted = [...known].sort((a, b) => distance(typed.toLowerCase(), a) - distance(typed.toLowerCase(), b));
        sorted.forEach((k, i) => out.push({ title: th ? `เปลี่ยนเป็น "${k}"` : `Change to "${k}"`, finding: f, edits: [{ range: loc.range, newText: k }], ...(i === 0 && distance(typed.toLowerCase(), k) <= 2 ? { isPreferred: true } : {}) }));
        break;
      }
      case 'pmqa.indicator.type-mismatch': {
        // Which of the two is wrong is the office's call: offered, not preferred.
        if (f.location.kind !== 'text' || typeof data['expected'] !== 'string') break;
        out.push({ title: th ? `ใช้รูปแบบเดียวกับค่าเป้าหมาย: ${data['expected']}` : `Use the target's type: ${data['expected']}`, finding: f, edits: [{ range: f.location.range, newText: data['expected'] }] });
        break;
      }
      case 'pmqa.item.not-reported': {
        const item = String(data['item'] ?? '');
        // Not the last sub-item: `items:` left empty would no longer be a mapping.
        if (!item || keysOf(doc.value, ['items']).length < 2) break;
        const del = deletePair(doc, text, ['items', item]);
        if (del) out.push({ title: th ? `ลบประเด็น ${item} (ใช้คะแนนจากแหล่งภายนอก)` : `Remove sub-item ${item} (scored from its source)`, finding: f, edits: [del], isPreferred: true });
        break;
      }
      case 'pmqa.attachment.missing':
      case 'pmqa.level.unsupported':
      case 'pmqa.level.skipped': {
        const pack = result.maturityPack;
        if (!pack || typeof data['requirement'] !== 'string') break;
        const item = String(data['item'] ?? '');
        const req = pack.categories.find((c) => c.items.some((i) => i.id === item))?.attachments.find((a) => a.id === data['requirement']);
        if (!req) break;
        const level = req.per === 'level' && typeof data['level'] === 'string' ? data['level'] : undefined;
        if (req.per === 'level' && !level) break;
        const edit = maturityEvidenceSkeleton(pack, doc, text, item, req, level);
        if (!edit) break;
        const levelName = level ? ` (${pack.levels.find((l) => l.id === level)?.title[lang] ?? level})` : '';
        // A missing attachment is answered by the skeleton; a level's evidence is not until its file is given.
        out.push({ title: th ? `เพิ่มเอกสารแนบ "${req.title.th}"${levelName}` : `Add the attachment "${req.title.en}"${levelName}`, finding: f, edits: [edit], ...(f.code === 'pmqa.attachment.missing' ? { isPreferred: true } : {}) });
        break;
      }
      case 'workbook.not-found': {
        const table = tableOfEntry(result, f);
        if (table) {
          out.push({
            title: th ? `สร้างตาราง ${table} จากแม่แบบ…` : `Create table ${table} from the template…`,
            finding: f,
            command: { command: 'obecEvidence.writeTableTemplate', title: th ? 'เขียนแม่แบบตาราง' : 'Write a table template', arguments: [{ table, target: tableTarget(result, f) }] },
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Position, y: Position): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function slice(text: string, doc: ParsedYaml, r: Range): string {
  return text.slice(doc.offsetAt(r.start), doc.offsetAt(r.end));
}

function keysOf(v: unknown, path: readonly PathSegment[]): string[] {
  let cur = v;
  for (const s of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[String(s)] : undefined;
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? Object.keys(cur) : [];
}

/** Levenshtein distance, for "did you mean" proposals. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

/**
 * Deletes a pair: its whole lines when it stands alone on them (block style), else just
 * `key: value` and one neighbouring comma (flow style: `{ a: 1, password: x, b: 2 }`).
 */
function deletePair(doc: ParsedYaml, text: string, path: readonly PathSegment[]): TextEdit | undefined {
  if (!doc.has(path)) return undefined;
  const keyStart = doc.offsetAt(doc.keyRangeOf(path).start);
  let valueEnd = doc.offsetAt(doc.rangeOf(path).end);
  while (valueEnd > keyStart && /\s/.test(text[valueEnd - 1]!)) valueEnd--;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const nl = text.indexOf('\n', valueEnd);
  const lineEnd = nl === -1 ? text.length : nl;
  const before = text.slice(lineStart, keyStart);
  const after = text.slice(valueEnd, lineEnd);
  if (/^\s*$/.test(before) && /^\s*(#.*)?$/.test(after)) {
    const end = nl === -1 ? text.length : nl + 1;
    return { range: { start: doc.positionAt(lineStart), end: doc.positionAt(end) }, newText: '' };
  }
  const comma = /^\s*,\s*/.exec(after);
  if (comma) return { range: { start: doc.positionAt(keyStart), end: doc.positionAt(valueEnd + comma[0].length) }, newText: '' };
  const prev = /,\s*$/.exec(text.slice(lineStart, keyStart));
  const from = prev ? keyStart - prev[0].length : keyStart;
  return { range: { start: doc.positionAt(from), end: doc.positionAt(valueEnd) }, newText: '' };
}

function removePassword(doc: ParsedYaml, text: string, path: readonly PathSegment[], lang: 'th' | 'en'): TextEdit | undefined {
  if (path.length === 0 || !doc.has(path)) return undefined;
  const last = String(path[path.length - 1]);
  const note = ON_REQUEST[lang];
  if (/^(password|passwd|pwd|pass|รหัสผ่าน)$/i.test(last)) {
    const parent = path.slice(0, -1);
    if (keysOf(doc.value, parent).includes('note')) return deletePair(doc, text, path);
    const key = doc.keyRangeOf(path);
    const value = doc.rangeOf(path);
    return { range: { start: key.start, end: value.end }, newText: `note: ${note}` };
  }
  // A password inside free text: the whole value becomes the note.
  return { range: doc.rangeOf(path), newText: note };
}

function findRequirement(pack: Pack, round: string, point: string, req: string): EvidenceRequirement | undefined {
  return pack.rounds.find((r) => r.id === round)?.points.find((p) => p.id === point)?.evidence.find((e) => e.id === req);
}

/** Inserts `- kind: <req>` with its field under the point's evidence list, creating the point if needed. */
function evidenceSkeleton(pack: Pack, doc: ParsedYaml, text: string, round: string, point: string, reqId: string): TextEdit | undefined {
  const req = findRequirement(pack, round, point, reqId);
  if (!req) return undefined;
  const field = req.type === 'link' ? 'url: https://' : req.type === 'school-usage' ? 'school: ""\n{I}  file: ' : 'file: ';
  const col = (r: Range): string => ' '.repeat(r.start.character);
  const listPath: PathSegment[] = ['rounds', round, 'points', point, 'evidence'];
  const pointsPath: PathSegment[] = ['rounds', round, 'points'];
  const entry = (indent: string): string => `${indent}- kind: ${reqId}\n${indent}  ${field.replace('{I}', indent)}`;
  const endOfContent = (r: Range): Position => endOfContentAt(doc, text, r);
  const flowEntry = `{ kind: ${reqId}, ${req.type === 'link' ? 'url: "https://"' : req.type === 'school-usage' ? 'school: "", file: ""' : 'file: ""'} }`;
  const inList = appendToList(doc, text, listPath, entry, flowEntry);
  if (inList !== null) return inList;
  const pointPath: PathSegment[] = [...pointsPath, point];
  if (doc.has(pointPath) && valueAt(doc.value, pointPath) === null) {
    // The point is there but empty (`4:` or `4:  # to do`): give it an evidence list.
    const key = doc.keyRangeOf(pointPath);
    const keyEnd = doc.offsetAt(key.end);
    const nl = text.indexOf('\n', keyEnd);
    const at = doc.positionAt(nl === -1 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl);
    const indent = col(key);
    return { range: { start: at, end: at }, newText: `\n${indent}  evidence:\n${entry(indent + '    ')}` };
  }
  if (doc.has(pointPath)) return undefined; // a point in some other shape: no safe edit
  if (doc.has(pointsPath)) {
    const points = doc.rangeOf(pointsPath);
    const keys = keysOf(doc.value, pointsPath);
    const indent = keys.length > 0 ? col(doc.keyRangeOf([...pointsPath, keys[0]!])) : col(doc.keyRangeOf(pointsPath)) + '  ';
    const at = endOfContent(points);
    return { range: { start: at, end: at }, newText: `\n${indent}${/^\d+$/.test(point) ? point : `"${point}"`}:\n${indent}  evidence:\n${entry(indent + '    ')}` };
  }
  return undefined;
}

/**
 * A block node's range may run on over the newline and the next line's indentation: the
 * end of the line where its last character is, where an insertion belongs.
 */
function endOfContentAt(doc: ParsedYaml, text: string, r: Range): Position {
  let o = doc.offsetAt(r.end);
  while (o > 0 && /\s/.test(text[o - 1]!)) o--;
  const nl = text.indexOf('\n', o);
  const at = nl === -1 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  return doc.positionAt(at);
}

/**
 * Appends an entry to the list at `listPath`: before the closing bracket of a flow list,
 * after the last item of a block list (at its items' indentation), or as the first item
 * under an empty `key:`. `null` when there is no list there; undefined when there is one
 * but no safe edit.
 */
function appendToList(doc: ParsedYaml, text: string, listPath: readonly PathSegment[], entry: (indent: string) => string, flowEntry: string): TextEdit | undefined | null {
  if (!doc.has(listPath)) return null;
  const col = (r: Range): string => ' '.repeat(r.start.character);
  const endOfContent = (r: Range): Position => endOfContentAt(doc, text, r);
  const list = doc.rangeOf(listPath);
  const start = doc.offsetAt(list.start);
  if (text[start] === '[') {
    // A flow list: add the entry before its closing bracket.
    let close = doc.offsetAt(list.end);
    while (close > start && text[close - 1] !== ']') close--;
    if (close <= start) return undefined;
    let last = close - 1; // the ']'
    while (last > start + 1 && /\s/.test(text[last - 1]!)) last--;
    const at = doc.positionAt(last);
    return { range: { start: at, end: at }, newText: last === start + 1 ? flowEntry : `, ${flowEntry}` };
  }
  const items = Array.isArray(valueAt(doc.value, listPath)) ? (valueAt(doc.value, listPath) as unknown[]) : [];
  if (items.length > 0) {
    const first = doc.rangeOf([...listPath, 0]);
    const indent = ' '.repeat(Math.max(0, first.start.character - 2));
    const at = endOfContent(list);
    return { range: { start: at, end: at }, newText: `\n${entry(indent)}` };
  }
  const key = doc.keyRangeOf(listPath);
  const at = endOfContent(list);
  return { range: { start: at, end: at }, newText: `\n${entry(col(key) + '  ')}` };
}

/**
 * Adds `- kind: <attachment>` (with `level:` for per-level attachments) and an empty
 * `file:` / `url:` under a maturity sub-item's evidence list, creating the list when the
 * sub-item has none. Flow-style sub-items (`"1.1": { … }`) get no edit.
 */
function maturityEvidenceSkeleton(pack: MaturityPack, doc: ParsedYaml, text: string, item: string, req: MaturityAttachment, level: string | undefined): TextEdit | undefined {
  const itemPath: PathSegment[] = ['items', item];
  const listPath: PathSegment[] = [...itemPath, 'evidence'];
  if (!pack.levels.some((l) => l.id === level) && level !== undefined) return undefined;
  const field = req.type === 'link' ? 'url: https://' : 'file: ';
  const entry = (indent: string): string => `${indent}- kind: ${req.id}\n${level ? `${indent}  level: ${level}\n` : ''}${indent}  ${field}`;
  const flowEntry = `{ kind: ${req.id}, ${level ? `level: ${level}, ` : ''}${req.type === 'link' ? 'url: "https://"' : 'file: ""'} }`;
  const inList = appendToList(doc, text, listPath, entry, flowEntry);
  if (inList !== null) return inList;
  const value = valueAt(doc.value, itemPath);
  if (!doc.has(itemPath) || !value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const itemRange = doc.rangeOf(itemPath);
  if (text[doc.offsetAt(itemRange.start)] === '{') return undefined;
  const keys = keysOf(doc.value, itemPath);
  if (keys.length === 0) return undefined;
  const indent = ' '.repeat(doc.keyRangeOf([...itemPath, keys[0]!]).start.character);
  const at = endOfContentAt(doc, text, itemRange);
  return { range: { start: at, end: at }, newText: `\n${indent}evidence:\n${entry(indent + '  ')}` };
}

function valueAt(v: unknown, path: readonly PathSegment[]): unknown {
  let cur = v;
  for (const s of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[String(s)] : undefined;
  return cur;
}

/** The absolute path the missing workbook should have (the entry's `file:` value, resolved). */
function tableTarget(result: ManifestCheckResult, f: Finding): string | undefined {
  const doc = result.document;
  if (!doc || f.location.kind !== 'text') return undefined;
  const at = doc.nodeAt(doc.offsetAt(f.location.range.start));
  return typeof at?.value === 'string' && at.value.trim() ? path.resolve(path.dirname(result.path), at.value) : undefined;
}

function tableOfEntry(result: ManifestCheckResult, f: Finding): string | undefined {
  const doc = result.document;
  const pack = result.pack;
  if (!doc || !pack || f.location.kind !== 'text') return undefined;
  const at = doc.nodeAt(doc.offsetAt(f.location.range.start));
  const p = at?.path;
  if (!p || p[0] !== 'rounds' || p[4] !== 'evidence') return undefined;
  const entry = valueAt(doc.value, p.slice(0, 6)) as Record<string, unknown> | undefined;
  const req = findRequirement(pack, String(p[1]), String(p[3]), String(entry?.['kind'] ?? ''));
  return req?.table;
}
