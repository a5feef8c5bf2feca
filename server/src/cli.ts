import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { diagnosticsMarkdown } from './engine/codesDoc';
import { compareFindings, createEvidenceEngine, isRoundsPack, manifestJsonSchema, type ManifestCheckResult, type TableResult } from './engine/index';
import { formatJson, formatSarif, formatText, allFindings, type Lang, type RunResult } from './cli/output';
import { NodeHost, defaultSchemasDir, readPackSources } from './node/nodeHost';
import { buildScorePayload } from './report/scorePayload';
import { renderStandaloneReport } from './shared/scoreView';
import { writeTableTemplate } from './templates/templateWriter';

const VERSION = '0.1.0';

const USAGE = `obec-evidence ${VERSION} — ตรวจหลักฐานตัวชี้วัด สพฐ. (X2) / checks OBEC indicator evidence

Usage:
  obec-evidence check [PATH…] [options]    manifests (*.evidence.yaml), folders (recursive),
                                           or a workbook with --table X2.1|X2.2|X2.3
  obec-evidence report MANIFEST -o FILE    write the score report as one standalone HTML file
  obec-evidence template TABLE -o FILE     write the prescribed Excel template of a table
  obec-evidence schema [-o FILE]           print the manifest's JSON Schema
  obec-evidence codes [-o FILE]            print the catalogue of diagnostic codes (Markdown)

Options (check):
  --format text|json|sarif   output format (default text)
  --lang th|en               message language (default th)
  --table ID                 read the given .xlsx files as this table
  --root DIR                 workspace root: evidence must lie inside (default: the current
                             folder, or the manifest's folder when it lies outside it)
  --schemas DIR              extra schema-pack folder (repeatable)
  --no-color                 plain text output

Exit codes: 0 no errors, 1 errors found, 2 usage or internal fault.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  switch (command) {
    case 'check':
      return runCheck(rest);
    case 'report':
      return runReport(rest);
    case 'template':
      return runTemplate(rest);
    case 'schema':
      return runSchema(rest);
    case 'codes':
      return runCodes(rest);
    default:
      throw new UsageError(`unknown command "${command}" (check, report, template, schema, codes)`);
  }
}

function parse<O extends NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function runCheck(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', default: 'text' },
    lang: { type: 'string', default: 'th' },
    table: { type: 'string' },
    root: { type: 'string' },
    schemas: { type: 'string', multiple: true },
    'no-color': { type: 'boolean', default: false },
  });
  const format = String(values.format);
  const lang = String(values.lang) as Lang;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  if (lang !== 'th' && lang !== 'en') throw new UsageError(`--lang must be th or en (got "${String(lang)}")`);
  const cwd = process.cwd();
  const inputs = positionals.length ? positionals : ['.'];

  const packDirs = [defaultSchemasDir(), ...((values.schemas as string[] | undefined) ?? []).map((d) => path.resolve(d))];
  const host = new NodeHost();
  try {
    const engine = createEvidenceEngine(host, { packs: readPackSources(packDirs) });
    const tableId = values.table as string | undefined;
    if (tableId !== undefined && !engine.tableIds().includes(tableId)) throw new UsageError(`--table must be one of ${engine.tableIds().join(', ')} (got "${tableId}")`);

    const manifests: string[] = [];
    const workbooks: string[] = [];
    for (const input of inputs) {
      const abs = path.resolve(input);
      const st = await host.stat(abs);
      if (!st) throw new UsageError(`no such file or folder: ${input}`);
      if (st.isDirectory) manifests.push(...(await findManifests(abs)));
      else if (/\.(xlsx|xlsm|xls)$/i.test(abs)) {
        if (!tableId) throw new UsageError(`${input}: a workbook needs --table ${engine.tableIds().join('|')}`);
        workbooks.push(abs);
      } else manifests.push(abs);
    }

    if (tableId !== undefined && workbooks.length === 0) {
      throw new UsageError(`--table ${tableId} applies to workbooks (.xlsx) given on the command line; none was given`);
    }
    const results: ManifestCheckResult[] = [];
    for (const m of manifests.sort()) {
      const text = await fs.readFile(m, 'utf8');
      const root = values.root ? path.resolve(String(values.root)) : isInside(m, cwd) ? cwd : path.dirname(m);
      results.push(await engine.checkManifest(m, text, { workspaceRoot: root }));
    }
    const tables: TableResult[] = [];
    for (const w of workbooks.sort()) tables.push(await engine.checkTable(w, tableId!));
    const run: RunResult = { manifests: results, tables, packFindings: [...engine.packFindings()].sort(compareFindings) };

    const color = format === 'text' && !values['no-color'] && process.stdout.isTTY === true && !process.env['NO_COLOR'];
    const out = format === 'json' ? formatJson(run, lang, cwd) : format === 'sarif' ? formatSarif(run, lang, cwd, VERSION) : formatText(run, lang, cwd, color);
    await writeStdout(out);
    if (format === 'text' && manifests.length === 0 && workbooks.length === 0) {
      process.stderr.write(lang === 'th' ? 'ไม่พบไฟล์ *.evidence.yaml\n' : 'No *.evidence.yaml files found\n');
    }
    return allFindings(run).some((f) => f.severity === 'error') ? 1 : 0;
  } finally {
    await host.dispose();
  }
}

async function runReport(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, lang: { type: 'string', default: 'th' }, root: { type: 'string' }, schemas: { type: 'string', multiple: true } });
  const manifest = positionals[0];
  const lang = String(values.lang);
  if (!manifest || !values.output || positionals.length > 1) throw new UsageError('usage: obec-evidence report MANIFEST -o FILE [--lang th|en]');
  if (lang !== 'th' && lang !== 'en') throw new UsageError(`--lang must be th or en (got "${lang}")`);
  const abs = path.resolve(manifest);
  const text = await fs.readFile(abs, 'utf8').catch(() => {
    throw new UsageError(`cannot read ${manifest}`);
  });
  const host = new NodeHost();
  try {
    const packDirs = [defaultSchemasDir(), ...((values.schemas as string[] | undefined) ?? []).map((d) => path.resolve(d))];
    const engine = createEvidenceEngine(host, { packs: readPackSources(packDirs) });
    const cwd = process.cwd();
    const root = values.root ? path.resolve(String(values.root)) : isInside(abs, cwd) ? cwd : path.dirname(abs);
    const result = await engine.checkManifest(abs, text, { workspaceRoot: root });
    const html = renderStandaloneReport(buildScorePayload(result, 0, lang));
    const out = path.resolve(String(values.output));
    await writeUserFile(out, html);
    process.stdout.write(`${out}\n`);
    return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
  } finally {
    await host.dispose();
  }
}

async function runTemplate(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, lang: { type: 'string', default: 'th' }, office: { type: 'string' } });
  const tableId = positionals[0];
  if (!tableId || !values.output) throw new UsageError('usage: obec-evidence template X2.1|X2.2|X2.3 -o FILE');
  const host = new NodeHost();
  try {
    const engine = createEvidenceEngine(host, { packs: readPackSources([defaultSchemasDir()]) });
    const pack = engine.packs.frameworks().flatMap((id) => engine.packs.editions(id)).filter(isRoundsPack).find((p) => p.tables.some((t) => t.id === tableId));
    if (!pack) throw new UsageError(`unknown table "${tableId}" (${engine.tableIds().join(', ')})`);
    const buf = await writeTableTemplate(pack, tableId, { lang: values.lang === 'en' ? 'en' : 'th', ...(values.office ? { officeName: String(values.office) } : {}) });
    const out = path.resolve(String(values.output));
    await writeUserFile(out, buf);
    process.stdout.write(`${out}\n`);
    return 0;
  } finally {
    await host.dispose();
  }
}

async function runSchema(args: string[]): Promise<number> {
  const { values } = parse(args, { output: { type: 'string', short: 'o' } });
  const text = `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
  if (values.output) await writeUserFile(path.resolve(String(values.output)), text);
  else await writeStdout(text);
  return 0;
}

async function runCodes(args: string[]): Promise<number> {
  const { values } = parse(args, { output: { type: 'string', short: 'o' } });
  const text = diagnosticsMarkdown();
  if (values.output) await writeUserFile(path.resolve(String(values.output)), text);
  else await writeStdout(text);
  return 0;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

/** Every `*.evidence.yaml` below `dir`, recursively (symlinked folders are not followed). */
async function findManifests(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !SKIP_DIRS.has(e.name)) out.push(...(await findManifests(p)));
    else if (e.isFile() && /\.evidence\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

function isInside(child: string, root: string): boolean {
  const r = path.relative(root, child);
  return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
}

/** Writes a file the user named; a path that cannot be written is their mistake, said plainly. */
async function writeUserFile(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await fs.writeFile(file, data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot write ${file}${code ? ` (${code})` : ''}`);
  }
}

function writeStdout(s: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`obec-evidence: ${err.message}\n\n${USAGE}\n`);
    } else {
      process.stderr.write(`obec-evidence: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exitCode = 2;
  },
);
