import type { z } from 'zod';
import { finding, type Finding } from './diagnostics';
import type { ParsedYaml, PathSegment } from './yamlDocument';

/**
 * Turns zod issues into findings located in the YAML text: unknown keys at the key,
 * missing keys at the parent's key, wrong types at the value. Shared by manifests and packs.
 */
export function zodIssuesToFindings(
  issues: readonly z.core.$ZodIssue[],
  doc: ParsedYaml,
  path: string,
  codes: { unknownKey: 'manifest.schema.unknown-key'; missingKey: 'manifest.schema.missing-key'; wrongType: 'manifest.schema.wrong-type'; invalid: 'manifest.schema.invalid-value' } | { pack: 'pack.schema.invalid' },
  knownKeysAt?: (path: readonly PathSegment[]) => readonly string[],
): Finding[] {
  const out: Finding[] = [];
  for (const issue of issues) {
    const p = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s)) as PathSegment[];
    const shown = p.length ? p.join('.') : '(root)';
    if ('pack' in codes) {
      out.push(finding(codes.pack, { kind: 'text', path, range: doc.rangeOf(p) }, { path: shown, detail: issue.message }));
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const expected = knownKeysAt?.(p).join(', ') ?? '';
        out.push(
          finding(codes.unknownKey, { kind: 'text', path, range: doc.keyRangeOf([...p, key]) }, { key, path: shown, expected }, { data: { key, parent: p } }),
        );
      }
    } else if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && !doc.has(p)) {
      const key = String(p[p.length - 1] ?? '');
      const parent = p.slice(0, -1);
      out.push(
        finding(codes.missingKey, { kind: 'text', path, range: doc.keyRangeOf(parent) }, { key, path: parent.length ? parent.join('.') : '(root)' }, { data: { key, parent } }),
      );
    } else if (issue.code === 'invalid_union' && doc.has(p) && unionBranchOfType(issue)) {
      // The value has the type of one member (a mapping where "mapping or list" is allowed):
      // that member's own issues say what is wrong inside it ("result is missing").
      const branch = unionBranchOfType(issue)!;
      out.push(...zodIssuesToFindings(branch.map((e) => ({ ...e, path: [...issue.path, ...e.path] })) as z.core.$ZodIssue[], doc, path, codes, knownKeysAt));
    } else if (issue.code === 'invalid_union' && doc.has(p)) {
      const expected = [...new Set(issue.errors.flat().map((e) => (e.code === 'invalid_type' ? expectedName(e.expected) : '')).filter(Boolean))].join(' / ');
      out.push(finding(codes.wrongType, { kind: 'text', path, range: doc.rangeOf(p) }, { path: shown, expected: expected || 'another type', actual: describe(valueAt(doc.value, p)) }));
    } else if (issue.code === 'invalid_type') {
      const actual = describe(valueAt(doc.value, p));
      out.push(finding(codes.wrongType, { kind: 'text', path, range: doc.rangeOf(p) }, { path: shown, expected: expectedName(issue.expected), actual }));
    } else {
      out.push(finding(codes.invalid, { kind: 'text', path, range: doc.rangeOf(p) }, { path: shown, detail: issueDetail(issue) }));
    }
  }
  return out;
}

/** What is wrong, in Thai and English for the issues a manifest meets; zod's own words otherwise. */
function issueDetail(issue: z.core.$ZodIssue): string | { th: string; en: string } {
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1) return { th: 'ต้องไม่เว้นว่าง', en: 'must not be empty' };
  if (issue.code === 'invalid_value') {
    const values = issue.values.map((v) => String(v)).join(', ');
    return { th: `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${values}`, en: `must be one of: ${values}` };
  }
  return issue.message;
}

/** The member of a failed union whose type the value has (no type error at the union's own place), if exactly one. */
function unionBranchOfType(issue: z.core.$ZodIssue): readonly z.core.$ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const matching = issue.errors.filter((branch) => branch.length > 0 && !branch.some((e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_union')));
  return matching.length === 1 ? matching[0] : undefined;
}

function valueAt(v: unknown, p: readonly PathSegment[]): unknown {
  let cur = v;
  for (const s of p) {
    if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[String(s)];
    else return undefined;
  }
  return cur;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'mapping';
  return `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

function expectedName(e: string): string {
  switch (e) {
    case 'object':
      return 'mapping';
    case 'array':
      return 'list';
    default:
      return e;
  }
}
