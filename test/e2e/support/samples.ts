/**
 * Node-side helpers over {@link ./expectations}: the pack and the manifests read from disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO } from './codeServer';
import { criterionFromPack, manifestLinesOf } from './expectations';

export { BROKEN, CLEAN } from './expectations';

/** The Thai criterion text of a consideration point, from schemas/obec-x2.pack.yaml. */
export function criterionText(round: string, point: string): string {
  return criterionFromPack(parse(fs.readFileSync(path.join(REPO, 'schemas', 'obec-x2.pack.yaml'), 'utf8')), round, point);
}

/** Line numbers in the manifest `file` (see {@link manifestLinesOf}). */
export function manifestLines(file: string): ReturnType<typeof manifestLinesOf> {
  return manifestLinesOf(fs.readFileSync(file, 'utf8'), file);
}
