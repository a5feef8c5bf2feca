import * as path from 'node:path';
import type { MessageArgs } from '../diagnostics';
import type { EngineHost } from '../host';
import type { MessageCode } from '../messages';

/** A problem with an evidence file, as a catalogue code and its message arguments. */
export interface FileProblem {
  readonly code: MessageCode;
  readonly args: MessageArgs;
}

/** Signatures of the file types evidence comes in, by their first bytes. */
const SIGNATURES: readonly { readonly type: string; readonly exts: readonly string[]; readonly test: (b: Uint8Array) => boolean }[] = [
  { type: 'PDF', exts: ['pdf'], test: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 },
  { type: 'PNG', exts: ['png'], test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'JPEG', exts: ['jpg', 'jpeg'], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'ZIP (Office)', exts: ['docx', 'xlsx', 'pptx', 'zip', 'xlsm'], test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 },
  { type: 'OLE (Office 97–2003)', exts: ['doc', 'xls', 'ppt'], test: (b) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 },
];

/** The extension of a path, lower case, without the dot ('' when none). */
export function extensionOf(p: string): string {
  const ext = path.extname(p);
  return ext ? ext.slice(1).toLowerCase() : '';
}

/**
 * Checks one evidence file: it exists, is a file, is not empty, lies inside the workspace
 * once symlinks are resolved, has an accepted extension, and its content matches its
 * extension. Returns the problems found (empty when the file is fine) and whether the
 * file can be used as evidence (no error-level problem).
 */
export async function checkEvidenceFile(
  host: EngineHost,
  absPath: string,
  shownPath: string,
  workspaceRoot: string | undefined,
  accepted: readonly string[] | undefined,
  /** The workspace root's real path, when the caller resolved it once for many files. */
  realRoot?: Promise<string | undefined>,
): Promise<{ problems: FileProblem[]; usable: boolean }> {
  const problems: FileProblem[] = [];
  const st = await host.stat(absPath);
  if (!st) return { problems: [{ code: 'evidence.file.missing', args: { file: shownPath } }], usable: false };
  if (st.isDirectory) return { problems: [{ code: 'evidence.file.not-a-file', args: { file: shownPath } }], usable: false };
  let usable = true;
  if (workspaceRoot) {
    const real = await host.realpath(absPath);
    const root = (await (realRoot ?? host.realpath(workspaceRoot))) ?? workspaceRoot;
    if (real && !isInside(real, root)) {
      problems.push({ code: 'evidence.file.outside-workspace', args: { file: shownPath, root } });
      usable = false;
    }
  }
  if (st.size === 0) {
    problems.push({ code: 'evidence.file.empty', args: { file: shownPath } });
    usable = false;
  }
  const ext = extensionOf(absPath);
  if (accepted && accepted.length > 0 && !accepted.includes(ext)) {
    problems.push({
      code: 'evidence.file.wrong-type',
      args: { file: shownPath, ext: ext ? `.${ext}` : { th: '(ไม่มีนามสกุล)', en: '(no extension)' }, accepted: accepted.map((a) => `.${a}`).join(', ') },
    });
    usable = false;
  }
  if (st.size > 0) {
    const head = await host.readHead(absPath, 8);
    if (head && head.length >= 4) {
      const actual = SIGNATURES.find((s) => s.test(head));
      const expected = SIGNATURES.find((s) => s.exts.includes(ext));
      if (expected && actual !== expected) {
        problems.push({ code: 'evidence.file.content-mismatch', args: { file: shownPath, ext, actual: actual?.type ?? 'unknown' } });
      }
    }
  }
  return { problems, usable };
}

/** Whether `child` is `root` or lies below it (both already real paths). */
export function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
