import type { ManifestCheckResult } from '../checks/manifestCheck';
import type { Position, Range } from '../diagnostics';
import { BE_OFFSET } from '../dates';
import { manifestKeysAt, maturityManifestKeysAt } from '../manifest/model';
import { isMaturityPack, type AnyPack, type LocalizedText, type MaturityPack, type Pack } from '../packs/model';
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
  /**
   * The pack to propose from when the check found none (e.g. no `framework:` yet), or when
   * the text now names another framework than the check's (the caller resolves the
   * framework the buffer names, see {@link frameworkNamedIn}).
   */
  readonly fallbackPack?: AnyPack;
  /** Framework ids available. */
  readonly frameworks: readonly string[];
  /** Files of the workspace, as paths relative to the manifest's folder ('/' separated). */
  readonly files: readonly string[];
  readonly lang: 'th' | 'en';
  /** Today, for the default fiscal year (injected so tests are stable). */
  readonly today?: Date;
}

const KEY_LINE = /^(\s*)(-\s+)?([^\s:#'"-][^:#]*)?$/;
/** A key being typed after an opening quote (`  "1.` — editors often close it: `  "1.|"`). */
const QUOTED_KEY_LINE = /^(\s*)(-\s+)?(["'])([^"'\\:#\s]*)$/;
const VALUE_LINE = /^(\s*)(-\s+)?([\w$.-]+):\s*(["']?)([^"'#]*)$/;
/** A line whose value is a flow collection: `- {`, `key: {`, `- key: [`, `{`; the rest from the first `{`/`[`. */
const FLOW_LINE = /^(\s*)(-\s+)?(?:("[^"]*"|'[^']*'|[^\s:#'"{[\]},-][^:#]*?|-[^\s:#][^:#]*?)\s*:\s+)?([{[].*)$/;

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
  const checked: AnyPack | undefined = input.result?.pack ?? input.result?.maturityPack;
  // The last check may be stale: when the text names another framework, the fallback (the
  // pack of the framework named) is the one being typed for.
  const named = frameworkNamedIn(input.text);
  const anyPack = checked && (!named || named === checked.id || input.fallbackPack?.id !== named) ? checked : (input.fallbackPack ?? checked);
  const maturity = isMaturityPack(anyPack) ? anyPack : undefined;
  const pack = maturity ? undefined : (anyPack as Pack | undefined);
  const t = (x: LocalizedText): string => x[input.lang];

  // Inside a flow mapping on this line (`- { kind: | }`, `target: { type: | }`): the evidence
  // entries of the samples and the template are written this way.
  const flow = flowContextAt(lines, input.position, before, line.slice(input.position.character));
  if (flow !== undefined) {
    if (flow === null) return [];
    return flow.key !== undefined
      ? flowValueProposals(flow as FlowAt & { key: string }, input, anyPack, maturity, t)
      : flowKeyProposals(flow, maturity ? maturityKeyProposals(flow.parent, flow.range, maturity, t, 0) : keyProposals(flow.parent, flow.range, pack, t, 0));
  }

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
    if (maturity && parent.length > 0) return maturityValueProposals(key, parent, typed, range, input, maturity, t);
    return valueProposals(key, parent, typed, range, input, anyPack, t, { open: quote, closing });
  }
  const quoted = QUOTED_KEY_LINE.exec(before);
  if (quoted) return quotedKeyProposals(quoted, lines, line, input, maturity, pack, t);
  const keyMatch = KEY_LINE.exec(before);
  if (!keyMatch) return [];
  const typed = keyMatch[3] ?? '';
  const indent = keyMatch[1]!.length + (keyMatch[2]?.length ?? 0);
  const restOfKey = /^[^\s:#]*/.exec(line.slice(input.position.character))![0];
  const range: Range = { start: { line: input.position.line, character: input.position.character - typed.length }, end: { line: input.position.line, character: input.position.character + restOfKey.length } };
  const parent = parentPath(lines, input.position.line, indent, keyMatch[2] !== undefined);
  const siblings = siblingKeys(lines, input.position.line, indent, keyMatch[2] !== undefined);
  const proposals = maturity ? maturityKeyProposals(parent, range, maturity, t, indent) : keyProposals(parent, range, pack, t, indent);
  return proposals.filter((p) => !siblings.has(p.label));
}

/**
 * A key after an opening quote (`  "1.|"`): the same proposals as unquoted, the edit
 * replacing what follows the opening quote, through the closing quote (and a bare `:` after
 * it), so that `"` + `1.1":` gives exactly `"1.1":`. The range starts after the quote, so the
 * editor filters by the id typed.
 */
function quotedKeyProposals(
  m: RegExpExecArray,
  lines: readonly string[],
  line: string,
  input: CompletionInput,
  maturity: MaturityPack | undefined,
  pack: Pack | undefined,
  t: (x: LocalizedText) => string,
): CompletionEntry[] {
  const quote = m[3]!;
  const typed = m[4]!;
  const indent = m[1]!.length + (m[2]?.length ?? 0);
  const after = line.slice(input.position.character);
  const rest = /^[^\s:#"']*/.exec(after)![0];
  let end = input.position.character + rest.length;
  if (after[rest.length] === quote) {
    end += 1;
    // `"|":` with nothing after: the colon is rewritten too (not doubled).
    if (/^:\s*$/.test(after.slice(rest.length + 1))) end = line.length;
  }
  const range: Range = { start: { line: input.position.line, character: input.position.character - typed.length }, end: { line: input.position.line, character: end } };
  const parent = parentPath(lines, input.position.line, indent, m[2] !== undefined);
  const siblings = siblingKeys(lines, input.position.line, indent, m[2] !== undefined);
  const proposals = maturity ? maturityKeyProposals(parent, range, maturity, t, indent) : keyProposals(parent, range, pack, t, indent);
  return proposals.filter((p) => !siblings.has(p.label)).flatMap((p) => {
    const head = [`"${p.label}"`, `'${p.label}'`, p.label].find((h) => p.insertText.startsWith(h));
    // The label, the user's closing quote, then what the unquoted proposal writes after the key.
    return head === undefined ? [] : [{ ...p, insertText: `${p.label}${quote}${p.insertText.slice(head.length)}` }];
  });
}

/** The cursor inside a flow mapping (`{ … }`) on its line. */
interface FlowAt {
  /** The block path of the line the mapping hangs from, then the keys of the enclosing flow mappings. */
  readonly parent: string[];
  /** The key whose value is being typed; absent when a key is being typed. */
  readonly key?: string;
  /** What is typed of the word (after an opening quote, if any). */
  readonly typed: string;
  /** The opening quote typed, if any, and the closing quote to add (none when already there). */
  readonly quote: string;
  readonly closing: string;
  /** The value follows `key:` with no space yet (`{kind:|`): the proposal adds one. */
  readonly needsSpace: boolean;
  /** Keys already in this flow mapping (before and after the cursor). */
  readonly present: ReadonlySet<string>;
  readonly range: Range;
}

const unquote = (s: string): string => s.trim().replace(/^"(.*)"$|^'(.*)'$/, (_, a?: string, b?: string) => a ?? b ?? '');

/**
 * Reads the flow collections of the cursor's line up to the cursor: undefined when the
 * cursor is not inside one (block style, or the flow mapping is closed), null when it is but
 * nothing can be proposed there (a comment, a flow sequence's items, a nested sequence).
 */
function flowContextAt(lines: readonly string[], position: Position, before: string, after: string): FlowAt | null | undefined {
  const m = FLOW_LINE.exec(before);
  if (!m) return undefined;
  const s = m[4]!;
  interface Frame {
    readonly kind: '{' | '[';
    readonly key: string | undefined;
    seg: number;
    val: number;
    cur: string | undefined;
    readonly keys: Set<string>;
  }
  const stack: Frame[] = [];
  let q: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const top = stack[stack.length - 1];
    if (q) {
      if (q === '"' && ch === '\\') i++;
      else if (ch === q) {
        if (q === "'" && s[i + 1] === "'") i++;
        else q = undefined;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      // A quote opens a scalar only at its start.
      if (top && !s.slice(top.cur === undefined ? top.seg : top.val, i).trim()) q = ch;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(s[i - 1]!))) return null;
    if (ch === '{' || ch === '[') {
      stack.push({ kind: ch, key: top?.kind === '{' ? top.cur : undefined, seg: i + 1, val: i + 1, cur: undefined, keys: new Set() });
      continue;
    }
    if (!top) return undefined;
    if (ch === '}' || ch === ']') {
      stack.pop();
      if (stack.length === 0) return undefined; // closed before the cursor
      continue;
    }
    if (ch === ',') {
      top.seg = top.val = i + 1;
      top.cur = undefined;
      continue;
    }
    if (ch === ':' && top.kind === '{' && top.cur === undefined) {
      const next = s[i + 1];
      const raw = s.slice(top.seg, i);
      // `url: https://…` — a colon in a plain scalar is not a key's.
      if (next === undefined || /[\s,[\]{}]/.test(next) || /["']\s*$/.test(raw)) {
        top.cur = unquote(raw);
        top.keys.add(top.cur);
        top.val = i + 1;
      }
    }
  }
  const top = stack[stack.length - 1];
  if (!top || top.kind !== '{') return top ? null : undefined;

  // The block path: `- {` is an item of the list above; `key: {` (or `- key: {`) adds its key.
  const indent = m[1]!.length + (m[2]?.length ?? 0);
  const blockKey = m[3] !== undefined ? unquote(m[3]) : undefined;
  const parent = parentPath(lines, position.line, indent, m[2] !== undefined);
  if (blockKey !== undefined) parent.push(blockKey);
  for (const f of stack) if (f.key !== undefined) parent.push(f.key);

  // Keys after the cursor in the same mapping.
  const present = new Set(top.keys);
  let depth = 0;
  let aq: string | undefined;
  let seg = '';
  for (const ch of after) {
    if (aq) {
      if (ch === aq) aq = undefined;
      seg += ch;
      continue;
    }
    if ((ch === '"' || ch === "'") && !seg.trim()) aq = ch;
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') {
      if (depth === 0) break;
      depth--;
    }
    if (depth === 0 && ch === ',') {
      seg = '';
      continue;
    }
    if (depth === 0 && ch === ':' && !seg.includes(':')) {
      const k = unquote(seg);
      if (k) present.add(k);
    }
    seg += ch;
  }
  // The first segment after the cursor is the word under it, not another key.
  if (top.cur === undefined) present.delete(unquote(/^[^,}]*?(?=\s*:)/.exec(after)?.[0] ?? ''));

  const text = s.slice(top.cur === undefined ? top.seg : top.val);
  const w = /^\s*(["']?)([^"',{}[\]]*)$/.exec(text);
  if (!w) return null;
  const quote = w[1]!;
  const typed = w[2]!;
  if (top.cur === undefined && /[\s:#]/.test(typed)) return null;
  const word = /^[^"'#\s,}\]:]*/.exec(after)![0];
  let end = position.character + word.length;
  let closing = '';
  if (quote) {
    if (after[word.length] === quote) end += 1;
    closing = quote;
  }
  const range: Range = { start: { line: position.line, character: position.character - typed.length }, end: { line: position.line, character: end } };
  return {
    parent,
    ...(top.cur !== undefined ? { key: top.cur } : {}),
    typed,
    quote,
    closing,
    needsSpace: top.cur !== undefined && !quote && /:$/.test(before),
    present,
    range,
  };
}

/** A plain scalar that cannot stand as is in a flow mapping (`,`, brackets, `: `, ` #`…). */
const NEEDS_QUOTES_IN_FLOW = /[,[\]{}]|:\s|\s#|^[\s&*!|>%@`'"]|\s$/;

function flowValueProposals(flow: FlowAt & { key: string }, input: CompletionInput, anyPack: AnyPack | undefined, maturity: MaturityPack | undefined, t: (x: LocalizedText) => string): CompletionEntry[] {
  const proposals =
    maturity && flow.parent.length > 0
      ? maturityValueProposals(flow.key, flow.parent, flow.typed, flow.range, input, maturity, t)
      : valueProposals(flow.key, flow.parent, flow.typed, flow.range, input, anyPack, t, { open: flow.quote, closing: flow.closing });
  return proposals.map((p) => {
    let text = p.insertText;
    if (flow.quote) {
      // Inside the user's quotes; the range covers their closing quote, if any: close it.
      if (!text.endsWith(flow.quote)) text = `${text}${flow.quote}`;
    } else if (!/^["']/.test(text) && NEEDS_QUOTES_IN_FLOW.test(text)) text = JSON.stringify(text);
    if (flow.needsSpace) text = ` ${text}`;
    return { ...p, insertText: text };
  });
}

/** Keys inside a flow mapping: those not there yet, each as `key: ` (no block layout). */
function flowKeyProposals(flow: FlowAt, proposals: readonly CompletionEntry[]): CompletionEntry[] {
  return proposals
    .filter((p) => !flow.present.has(p.label))
    .map((p) => {
      const head = p.insertText.split('\n')[0]!.replace(/:\s*$/, '');
      const key = flow.quote ? `${p.label}${flow.quote}` : head;
      return { ...p, insertText: `${key}: ` };
    });
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
        // `"1.1":` and `1.1:` are the same key.
        if (m) out.add(m[1]!.replace(/^["']|["']$/g, ''));
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
  anyPack: AnyPack | undefined,
  t: (x: LocalizedText) => string,
  quoting: { readonly open: string; readonly closing: string },
): CompletionEntry[] {
  const v = (label: string, detail?: string, kind: CompletionEntry['kind'] = 'value'): CompletionEntry => ({ label, kind, insertText: label, range, ...(detail ? { detail } : {}) });
  if (parent.length === 0) {
    if (key === 'framework') return input.frameworks.map((f) => v(f, anyPack && anyPack.id === f ? t(anyPack.title).slice(0, 80) : undefined));
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
  const pack = isMaturityPack(anyPack) ? undefined : anyPack;
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

/**
 * The framework id the text names (`framework: obec-pmqa` at the top level), read by line so
 * half-written YAML still tells: the server resolves it to pick the fallback pack.
 */
export function frameworkNamedIn(text: string): string | undefined {
  const m = /^framework:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?[ \t]*(?:#.*)?\r?$/m.exec(text);
  return m?.[1];
}

// ---------------------------------------------------------------------------------------------
// Maturity frameworks (PMQA)
// ---------------------------------------------------------------------------------------------

const MATURITY_KEY_DOCS: Record<string, LocalizedText> = {
  framework: { th: 'รหัสกรอบการประเมิน เช่น obec-pmqa', en: 'The framework pack id, e.g. obec-pmqa' },
  sources: { th: 'ผลจากแหล่งภายนอกที่ใช้แทนการประเมินตนเอง (ita, kpi, monitoring)', en: 'Results of outside sources used instead of self-assessment (ita, kpi, monitoring)' },
  items: { th: 'ประเด็นที่ประเมินตนเอง (1.1 … 7.6): ระดับ โครงการ หลักฐาน', en: 'Self-assessed sub-items (1.1 … 7.6): level, project, evidence' },
  totals: { th: 'คะแนนที่ สพท. คำนวณเอง (ไม่บังคับ) ใช้เทียบกับที่คำนวณได้', en: 'Totals the office computed (optional), compared with the computed ones' },
  level: { th: 'ระดับ: basic, advance หรือ significance', en: 'Level: basic, advance or significance' },
  project: { th: 'โครงการที่อ้างอิง (ต้องเป็นโครงการเดียวกันทั้งประเด็น)', en: 'The project cited (the same throughout the sub-item)' },
  indicator: { th: 'ตัวชี้วัดของมิติ (มิติละ 1 ตัวชี้วัด)', en: 'The dimension\'s indicator (exactly one)' },
  evidence: { th: 'เอกสารแนบ', en: 'Attachments' },
  kind: { th: 'ประเภทเอกสารแนบ', en: 'Attachment kind' },
  title: { th: 'ชื่อ', en: 'Title' },
  code: { th: 'รหัสตัวชี้วัดในแผนปฏิบัติราชการ (ถ้ามี)', en: 'The indicator\'s code in the action plan, if any' },
  target: { th: 'ค่าเป้าหมาย (type, value)', en: 'Target (type, value)' },
  result: { th: 'ผลการดำเนินการ (type, value)', en: 'Result (type, value)' },
  type: { th: 'percent (ร้อยละ), successLevel (ระดับความสำเร็จ) หรือ count (จำนวน)', en: 'percent, successLevel or count' },
  value: { th: 'ค่า (ตัวเลข)', en: 'The value (a number)' },
  direction: { th: 'higher (ค่าเริ่มต้น): มากดี; lower: น้อยดี', en: 'higher (default): more is better; lower: less is better' },
  repeatsLastYear: { th: 'ตัวชี้วัดเดียวกับปีที่แล้ว (ต้องระบุ baseline)', en: 'The same indicator as last year (needs a baseline)' },
  baseline: { th: 'ผลการดำเนินการปีที่แล้ว (Baseline)', en: "Last year's result (baseline)" },
  score: { th: 'คะแนนของแหล่งนั้นเอง (บันทึกไว้)', en: "The source's own score, for the record" },
  scores: { th: 'คะแนนของแต่ละตัวชี้วัด (1–5)', en: "Each input's score (1–5)" },
  group: { th: 'กลุ่ม (A, B หรือ C)', en: 'The group letter (A, B or C)' },
  categories: { th: 'คะแนนรายหมวด (0–500)', en: 'Points per category (0–500)' },
  total: { th: 'คะแนนรวม (0–500)', en: 'The total (0–500)' },
};

const MATURITY_OBJECT_KEYS = new Set(['office', 'reporter', 'sources', 'items', 'totals', 'categories', 'scores', 'indicator', 'target', 'result', 'login']);

/** Sub-items the office reports itself (not scored by a source), with their category. */
function selfAssessed(pack: MaturityPack): { category: MaturityPack['categories'][number]; item: MaturityPack['categories'][number]['items'][number] }[] {
  return pack.categories.flatMap((category) => (category.scoredBy ? [] : category.items.filter((i) => !i.scoredBy).map((item) => ({ category, item }))));
}

function categoryOf(pack: MaturityPack, itemId: string | undefined): MaturityPack['categories'][number] | undefined {
  return pack.categories.find((c) => c.items.some((i) => i.id === itemId));
}

function maturityKeyProposals(parent: readonly string[], range: Range, pack: MaturityPack, t: (x: LocalizedText) => string, indent: number): CompletionEntry[] {
  const pad = ' '.repeat(indent + 2);
  const order = (i: number): string => String(i).padStart(3, '0');
  const keys = (names: readonly string[]): CompletionEntry[] =>
    names.map((k, i) => {
      const doc = MATURITY_KEY_DOCS[k] ?? KEY_DOCS[k];
      return {
        label: k,
        kind: 'property' as const,
        insertText: k === 'evidence' ? `evidence:\n${pad}- kind: ` : k === 'target' || k === 'result' ? `${k}:\n${pad}type: ` : MATURITY_OBJECT_KEYS.has(k) ? `${k}:\n${pad}` : `${k}: `,
        range,
        ...(doc ? { documentation: t(doc) } : {}),
        sortText: order(i),
      };
    });
  const [a, b, c, d] = parent;
  if (parent.length === 0) return keys(maturityManifestKeysAt([]).filter((k) => k !== '$schema'));
  if (a === 'office' || a === 'reporter') return parent.length === 1 ? keys(maturityManifestKeysAt([a])) : [];
  if (a === 'sources') {
    if (parent.length === 1) {
      return pack.sources.map((s, i) => {
        const first = s.kind === 'level' ? 'level: ' : s.kind === 'group' ? 'group: ' : `scores:\n${pad}  `;
        return { label: s.id, kind: 'reference' as const, insertText: `${s.id}:\n${pad}${first}`, range, detail: t(s.title), documentation: t(s.text), sortText: order(i) };
      });
    }
    const src = pack.sources.find((s) => s.id === b);
    if (parent.length === 2) {
      const own = src?.kind === 'level' ? 'level' : src?.kind === 'group' ? 'group' : src?.kind === 'weighted' ? 'scores' : undefined;
      return keys(maturityManifestKeysAt(['sources', 'x']).filter((k) => !['level', 'scores', 'group'].includes(k) || k === own || !src));
    }
    if (parent.length === 3 && c === 'scores' && src?.kind === 'weighted') {
      return src.inputs.map((inp, i) => ({ label: inp.id, kind: 'reference' as const, insertText: `${inp.id}: `, range, detail: `${t(inp.title)} · ${inp.weight} %`, documentation: inp.items.join(', '), sortText: order(i) }));
    }
    return [];
  }
  if (a === 'totals') {
    if (parent.length === 1) return keys(maturityManifestKeysAt(['totals']));
    if (parent.length === 2 && b === 'categories') {
      return pack.categories.map((cat, i) => ({ label: cat.id, kind: 'reference' as const, insertText: `"${cat.id}": `, range, detail: t(cat.title), sortText: order(i) }));
    }
    return [];
  }
  if (a !== 'items') return [];
  if (parent.length === 1) {
    return selfAssessed(pack).map(({ category, item }, i) => ({
      label: item.id,
      kind: 'reference' as const,
      // Quoted: `1.10:` would be read as the number 1.1.
      insertText: `"${item.id}":\n${pad}level: `,
      range,
      detail: t(item.title),
      documentation: `${t(category.title)} (${category.id})`,
      sortText: order(i),
    }));
  }
  const category = categoryOf(pack, b);
  if (parent.length === 2) {
    // A results dimension reports an indicator and no project; a sub-item the reverse.
    return keys(maturityManifestKeysAt(['items', 'x']).filter((k) => (category?.indicators ? k !== 'project' : k !== 'indicator')));
  }
  if (c === 'evidence' && parent.length === 3) return keys(maturityManifestKeysAt(['items', 'x', 'evidence', 0]).filter((k) => k !== 'school'));
  if (c === 'evidence' && parent.length === 4 && d === 'login') return keys(['username', 'note']);
  if (c === 'indicator' && parent.length === 3) return keys(maturityManifestKeysAt(['items', 'x', 'indicator']));
  if (c === 'indicator' && parent.length === 4 && (d === 'target' || d === 'result')) return keys(maturityManifestKeysAt(['items', 'x', 'indicator', d]));
  return [];
}

function maturityValueProposals(key: string, parent: readonly string[], typed: string, range: Range, input: CompletionInput, pack: MaturityPack, t: (x: LocalizedText) => string): CompletionEntry[] {
  const v = (label: string, detail?: string, documentation?: string, i = 0): CompletionEntry => ({
    label,
    kind: 'value',
    insertText: label,
    range,
    ...(detail ? { detail } : {}),
    ...(documentation ? { documentation } : {}),
    sortText: String(i).padStart(3, '0'),
  });
  const th = input.lang === 'th';
  const [a, b, c, d] = parent;
  const category = a === 'items' ? categoryOf(pack, b) : undefined;
  const item = category?.items.find((i) => i.id === b);
  const source = a === 'sources' ? pack.sources.find((s) => s.id === b) : undefined;

  if (key === 'level' && ((a === 'items' && (parent.length === 2 || (parent.length === 3 && c === 'evidence'))) || (a === 'sources' && parent.length === 2))) {
    return pack.levels.map((l, i) => {
      const text = item?.levels[l.id];
      return v(l.id, `${t(l.title)} · ${l.points} ${th ? 'คะแนน' : 'points'}`, text ? t(text) : undefined, i);
    });
  }
  if (key === 'kind' && a === 'items' && parent.length === 3 && c === 'evidence') {
    return (category?.attachments ?? []).map((att, i) => v(att.id, t(att.title), att.per === 'level' ? (th ? 'ทุกระดับที่ประเมิน (ระบุ level:)' : 'for every level claimed (with level:)') : th ? 'ต่อประเด็น' : 'once per sub-item', i));
  }
  if (key === 'type' && a === 'items' && c === 'indicator' && (d === 'target' || d === 'result')) {
    const types = (category?.indicators ?? pack.categories.find((x) => x.indicators)?.indicators)?.valueTypes ?? [];
    return types.map((vt, i) => v(vt.id, t(vt.title), `${vt.min}–${vt.max ?? '∞'}${vt.integer ? (th ? ' จำนวนเต็ม' : ', whole numbers') : ''}`, i));
  }
  if (key === 'direction' && c === 'indicator') return [v('higher', th ? 'ยิ่งมากยิ่งดี (ค่าเริ่มต้น)' : 'more is better (default)', undefined, 0), v('lower', th ? 'ยิ่งน้อยยิ่งดี' : 'less is better', undefined, 1)];
  if (key === 'repeatsLastYear' && c === 'indicator') return [v('true', th ? 'ตัวชี้วัดเดียวกับปีที่แล้ว (ต้องระบุ baseline)' : 'the same as last year (needs a baseline)', undefined, 0), v('false', undefined, undefined, 1)];
  if (key === 'group' && source?.kind === 'group' && parent.length === 2) {
    return source.groups.map((g, i) => v(g.id, pack.levels.find((l) => l.id === g.level)?.title[input.lang] ?? g.level, undefined, i));
  }
  if (key === 'project' && a === 'items' && parent.length === 3 && c === 'evidence') {
    const project = input.result?.document?.value && (input.result.document.value as Record<string, Record<string, Record<string, unknown>>>)['items']?.[b!]?.['project'];
    return typeof project === 'string' && project.includes(typed) ? [v(project, th ? 'โครงการของประเด็น' : "the sub-item's project")] : [];
  }
  if (key === 'file') {
    const exts = new Set(a === 'items' ? (category?.attachments ?? []).flatMap((x) => x.fileTypes ?? []) : []);
    return input.files
      .filter((f) => exts.size === 0 || exts.has(f.split('.').pop()!.toLowerCase()))
      .filter((f) => f.toLowerCase().includes(typed.toLowerCase()))
      .slice(0, 500)
      .map((f) => ({ label: f, kind: 'file' as const, insertText: f, range }));
  }
  return [];
}
