import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Scalar } from 'yaml';
import type { Position, Range } from './diagnostics';

/**
 * A YAML text parsed with positions: the plain value (`toJS`), and ranges for any path in
 * it, so findings point at the exact key or value. Never throws: problems are returned as
 * {@link YamlProblem}s with a range, and a document that must not be expanded (too deep,
 * too large, alias bomb) has `value: undefined`.
 *
 * Limits (why they exist): a pre-scan refuses nesting deeper than `maxDepth` before the
 * parser recurses into it; `maxAliasCount` stops billion-laughs expansion; `maxBytes`
 * keeps an accidental multi-megabyte paste from stalling an editor.
 */
export interface YamlProblem {
  readonly kind: 'syntax' | 'tab-indent' | 'duplicate-key' | 'alias-bomb' | 'too-deep' | 'too-large' | 'invisible-key';
  readonly range: Range;
  readonly detail: string;
  /** For duplicate and invisible keys: the key as written. */
  readonly key?: string;
}

export type PathSegment = string | number;

export interface ParsedYaml {
  readonly value: unknown;
  readonly problems: readonly YamlProblem[];
  /** Range of the value at `path` (or of the nearest existing ancestor). */
  rangeOf(path: readonly PathSegment[]): Range;
  /** Range of the key of the pair at `path` (falls back to the value's range). */
  keyRangeOf(path: readonly PathSegment[]): Range;
  /** Whether `path` exists in the document. */
  has(path: readonly PathSegment[]): boolean;
  /** Converts a character offset to a position. */
  positionAt(offset: number): Position;
  /** Converts a position to a character offset (clamped to the text). */
  offsetAt(position: Position): number;
  /**
   * What is at `offset`: the path of the innermost pair or item containing it, whether the
   * offset is on the key or the value, and their ranges. Undefined outside any node.
   */
  nodeAt(offset: number): YamlNodeAt | undefined;
  /** Every pair in the document with its path and ranges, in document order. */
  pairs(): YamlPairInfo[];
}

export interface YamlNodeAt {
  readonly path: readonly PathSegment[];
  readonly on: 'key' | 'value';
  readonly keyRange?: Range;
  readonly valueRange?: Range;
  /** The scalar value under the cursor, when it is one. */
  readonly value?: unknown;
}

export interface YamlPairInfo {
  readonly path: readonly PathSegment[];
  readonly keyRange: Range;
  /** Range of the value, or of the key when the value is empty. */
  readonly range: Range;
  readonly value: unknown;
}

export interface YamlLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxAliasCount: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: 2 * 1024 * 1024, maxDepth: 64, maxAliasCount: 100 };

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Parses YAML text with positions; see {@link ParsedYaml}. */
export function parseYaml(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): ParsedYaml {
  // A BOM is legal at the start of a file and means nothing to us.
  // Positions are those of the text without it, as editors show them.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const lineStarts = computeLineStarts(source);
  const positionAt = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - lineStarts[lo]! };
  };
  const rangeAt = (start: number, end: number): Range => ({ start: positionAt(start), end: positionAt(Math.max(start, end)) });
  const whole: Range = rangeAt(0, Math.min(source.length, lineStarts.length > 1 ? lineStarts[1]! - 1 : source.length));

  const offsetAt = (p: Position): number => {
    const line = Math.max(0, Math.min(p.line, lineStarts.length - 1));
    const start = lineStarts[line]!;
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : source.length;
    return Math.min(start + Math.max(0, p.character), end);
  };
  const unparsed = (problem: YamlProblem): ParsedYaml => ({
    value: undefined,
    problems: [problem],
    rangeOf: () => problem.range,
    keyRangeOf: () => problem.range,
    has: () => false,
    positionAt,
    offsetAt,
    nodeAt: () => undefined,
    pairs: () => [],
  });

  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > limits.maxBytes) {
    return unparsed({ kind: 'too-large', range: whole, detail: `${bytes}` });
  }
  const depth = scanDepth(source, limits.maxDepth);
  if (depth.exceeded) {
    return unparsed({ kind: 'too-deep', range: rangeAt(depth.offset, depth.offset + 1), detail: `${depth.depth}` });
  }

  const doc = parseDocument(source, {
    lineCounter,
    // Keys are compared as written: "1.1" and 1.1 are the same key (a duplicate), while
    // 1.10 is not 1.1 (numeric keys are read as their text below).
    uniqueKeys: (a, b) => a === b || (isScalar(a) && isScalar(b) && keyText(a) === keyText(b)),
    prettyErrors: false,
    strict: true,
    keepSourceTokens: false,
  });
  const problems: YamlProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const [s, t] = e.pos;
    const range = rangeAt(s, t);
    if (e.code === 'TAB_AS_INDENT') {
      problems.push({ kind: 'tab-indent', range, detail: e.message });
    } else if (e.code === 'DUPLICATE_KEY') {
      // The error points into the repeated key: show the key as written on its line.
      const lineStart = source.lastIndexOf('\n', s - 1) + 1;
      const lineEnd = source.indexOf('\n', s);
      const line = source.slice(lineStart, lineEnd === -1 ? source.length : lineEnd);
      const key = (/^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(line)?.[1] ?? source.slice(s, t)).trim() || '?';
      problems.push({ kind: 'duplicate-key', range, detail: e.message, key });
    } else if (doc.errors.includes(e as never)) {
      problems.push({ kind: 'syntax', range, detail: firstLine(e.message) });
    }
  }

  // A plain numeric key means its text: `1.10:` is sub-item "1.10", not the number 1.1.
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'number' && typeof pair.key.source === 'string' && pair.key.source !== '') pair.key.value = pair.key.source;
    },
  });

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/alias/i.test(msg)) {
      problems.push({ kind: 'alias-bomb', range: firstAliasRange(doc, rangeAt) ?? whole, detail: firstLine(msg) });
    } else {
      problems.push({ kind: 'syntax', range: whole, detail: firstLine(msg) });
    }
    value = undefined;
  }

  // Invisible characters in keys make `rounds` and `rounds\u200B` different keys: report
  // each, and read the document as if they were not there so other checks still run.
  if (value !== undefined) {
    visitKeys(doc.contents, (keyNode) => {
      if (isScalar(keyNode) && typeof keyNode.value === 'string' && INVISIBLE.test(keyNode.value)) {
        INVISIBLE.lastIndex = 0;
        const r = keyNode.range ?? [0, 0, 0];
        const chars = [...new Set(keyNode.value.match(INVISIBLE) ?? [])]
          .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
          .join(', ');
        problems.push({ kind: 'invisible-key', range: rangeAt(r[0], r[1]), detail: chars, key: keyNode.value.replace(INVISIBLE, '') });
      }
      INVISIBLE.lastIndex = 0;
    });
    value = stripInvisibleKeys(value);
  }

  const findNode = (path: readonly PathSegment[]): { node: Node | null; keyNode: Node | null; depth: number } => {
    let node: unknown = doc.contents;
    let keyNode: Node | null = null;
    let matched = 0;
    for (const seg of path) {
      if (isMap(node)) {
        // The last pair wins, as in `toJS`: with a duplicated key, point at the value used.
        const pair = node.items.findLast((p) => isScalar(p.key) && normaliseKey(p.key.value) === String(seg));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) break;
        keyNode = null;
        node = item;
      } else break;
      matched++;
    }
    return { node: (node as Node | null) ?? null, keyNode, depth: matched };
  };
  const nodeRange = (node: Node | null, fallback: Node | null): Range => {
    const r = node?.range ?? fallback?.range;
    return r ? rangeAt(r[0], r[1]) : whole;
  };

  const toRange = (r: readonly [number, number, number] | null | undefined): Range | undefined => (r ? rangeAt(r[0], r[1]) : undefined);
  const scalarValue = (n: unknown): unknown => (isScalar(n) ? n.value : undefined);

  const nodeAt = (offset: number): YamlNodeAt | undefined => {
    let found: YamlNodeAt | undefined;
    const visit = (node: unknown, path: PathSegment[]): void => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair) || !isScalar(pair.key)) continue;
          const key = normaliseKey(pair.key.value);
          const kr = pair.key.range;
          const vr = (pair.value as Node | null)?.range;
          const here = [...path, key];
          if (kr && offset >= kr[0] && offset <= kr[1]) {
            found = { path: here, on: 'key', keyRange: rangeAt(kr[0], kr[1]), ...(vr ? { valueRange: rangeAt(vr[0], vr[1]) } : {}) };
            return;
          }
          if (vr && offset >= vr[0] && offset <= vr[2]) {
            found = { path: here, on: 'value', ...(kr ? { keyRange: rangeAt(kr[0], kr[1]) } : {}), valueRange: rangeAt(vr[0], vr[1]), value: scalarValue(pair.value) };
            visit(pair.value, here);
            return;
          }
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          const r = (item as Node | null)?.range;
          if (r && offset >= r[0] && offset <= r[2]) {
            found = { path: [...path, i], on: 'value', valueRange: rangeAt(r[0], r[1]), value: scalarValue(item) };
            visit(item, [...path, i]);
          }
        });
      }
    };
    visit(doc.contents, []);
    return found;
  };

  const pairs = (): YamlPairInfo[] => {
    const out: YamlPairInfo[] = [];
    const visit = (node: unknown, path: PathSegment[]): void => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair) || !isScalar(pair.key)) continue;
          const here = [...path, normaliseKey(pair.key.value)];
          const keyRange = toRange(pair.key.range) ?? whole;
          out.push({ path: here, keyRange, range: toRange((pair.value as Node | null)?.range) ?? keyRange, value: scalarValue(pair.value) });
          visit(pair.value, here);
        }
      } else if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
    };
    visit(doc.contents, []);
    return out;
  };

  return {
    value,
    problems,
    positionAt,
    offsetAt,
    nodeAt,
    pairs,
    has: (path) => findNode(path).depth === path.length,
    rangeOf(path) {
      const found = findNode(path);
      if (found.depth < path.length) {
        // The path does not exist: point at the deepest key that does.
        return found.keyNode ? nodeRange(found.keyNode, null) : nodeRange(found.node, null);
      }
      return nodeRange(found.node, found.keyNode);
    },
    keyRangeOf(path) {
      const found = findNode(path);
      if (found.keyNode && found.depth === path.length) return nodeRange(found.keyNode, null);
      if (found.depth < path.length && found.keyNode) return nodeRange(found.keyNode, null);
      return nodeRange(found.node, null);
    },
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** A scalar key as written (its source text for plain numbers), for the duplicate check. */
function keyText(k: Scalar): string {
  return typeof k.value === 'number' && typeof k.source === 'string' && k.source !== '' ? k.source : String(k.value);
}

function normaliseKey(k: unknown): string {
  return String(k).replace(INVISIBLE, '');
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return starts;
}

/**
 * Measures nesting before the parser sees it: flow brackets outside quotes and comments,
 * and block indentation (every 2 columns of indentation count as one level, a generous
 * reading). Stops at the first point deeper than `max`.
 */
function scanDepth(text: string, max: number): { exceeded: boolean; depth: number; offset: number } {
  let flow = 0;
  let quote: '"' | "'" | null = null;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      if (quote === null) continue;
    }
    if (lineStart) {
      if (c === ' ' || c === '-') {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== '#' && indent / 2 > max) return { exceeded: true, depth: Math.floor(indent / 2), offset: i };
    }
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
      i--;
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote starts a quoted scalar only at a token start, not inside a plain word.
      const prev = i > 0 ? text[i - 1]! : ' ';
      if (/[\s[{,:]/.test(prev)) quote = c;
      continue;
    }
    if (c === '[' || c === '{') {
      flow++;
      if (flow > max) return { exceeded: true, depth: flow, offset: i };
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return { exceeded: false, depth: flow, offset: 0 };
}

function visitKeys(node: unknown, fn: (key: Node) => void): void {
  if (isMap(node)) {
    for (const p of node.items) {
      if (isPair(p)) {
        if (p.key) fn(p.key as Node);
        visitKeys(p.value, fn);
      }
    }
  } else if (isSeq(node)) {
    for (const item of node.items) visitKeys(item, fn);
  }
}

function stripInvisibleKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripInvisibleKeys);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k.replace(INVISIBLE, '')] = stripInvisibleKeys(val);
    return out;
  }
  return v;
}

function firstAliasRange(doc: Document, rangeAt: (s: number, e: number) => Range): Range | undefined {
  let found: Range | undefined;
  const visit = (n: unknown): void => {
    if (found) return;
    if (isAlias(n)) {
      const r = n.range;
      if (r) found = rangeAt(r[0], r[1]);
      return;
    }
    if (isMap(n)) for (const p of n.items) visit(p.value);
    else if (isSeq(n)) for (const i of n.items) visit(i);
  };
  visit(doc.contents);
  return found;
}
