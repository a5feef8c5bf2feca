import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextMode,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
} from 'vscode-languageserver/node';
import type { Finding, FindingLocation, Severity } from '../engine/index';
import type { CompletionEntry } from '../engine/language/completion';
import type { QuickFix } from '../engine/language/codeActions';
import type { OutlineSymbol } from '../engine/language/outline';

export type Lang = 'th' | 'en';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function fileUri(p: string): string {
  return pathToFileURL(p).toString();
}

function cellLabel(l: FindingLocation): string {
  if (l.kind !== 'cell') return '';
  return [path.basename(l.path), l.sheet, l.cell].filter(Boolean).join('!');
}

const ORIGIN = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/**
 * A finding as an LSP diagnostic on the manifest `manifestPath`: manifest findings at
 * their range; workbook findings at the manifest line that links the workbook (the
 * anchor), prefixed with `file!Sheet!Cell`, with related information pointing at the
 * workbook. `data` carries the code and the finding's facts for code actions. Findings
 * that belong to neither (another manifest's) give undefined.
 */
export function toDiagnostic(f: Finding, manifestPath: string, lang: Lang, docsUri: (code: string) => string | undefined): Diagnostic | undefined {
  let range;
  let prefix = '';
  if (f.location.kind === 'text' && f.location.path === manifestPath) range = f.location.range;
  else if (f.anchor && f.anchor.path === manifestPath) {
    range = f.anchor.range;
    prefix = `[${cellLabel(f.location) || path.basename(f.location.path)}] `;
  } else return undefined;
  const related = [
    // The workbook itself (the message already carries the cell): a link to the file, named by its cell.
    ...(f.location.kind === 'cell' ? [{ location: { uri: fileUri(f.location.path), ...ORIGIN }, message: cellLabel(f.location) }] : []),
    ...(f.related ?? []).map((r) => ({
      location: { uri: fileUri(r.location.path), range: r.location.kind === 'text' ? r.location.range : ORIGIN.range },
      message: r.location.kind === 'cell' && r.location.sheet ? `${cellLabel(r.location)}: ${r.message[lang]}` : r.message[lang],
    })),
  ];
  const href = docsUri(f.code);
  return {
    range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'obec-evidence',
    message: `${prefix}${f.message[lang]}`,
    ...(href ? { codeDescription: { href } } : {}),
    ...(related.length ? { relatedInformation: related } : {}),
    data: { code: f.code, ...(f.data ?? {}) },
  };
}

export function toCompletionItem(e: CompletionEntry): CompletionItem {
  const kind = { property: CompletionItemKind.Property, value: CompletionItemKind.Value, file: CompletionItemKind.File, reference: CompletionItemKind.EnumMember }[e.kind];
  return {
    label: e.label,
    kind,
    textEdit: { range: e.range, newText: e.insertText },
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.documentation ? { documentation: { kind: 'markdown', value: e.documentation } } : {}),
    ...(e.sortText ? { sortText: e.sortText } : {}),
    filterText: e.label,
    // Multi-line proposals carry their own indentation: the editor must not add more.
    ...(e.insertText.includes('\n') ? { insertTextMode: InsertTextMode.asIs } : {}),
  };
}

export function toCodeAction(fix: QuickFix, uri: string, diagnostics: readonly Diagnostic[]): CodeAction {
  // The fix names exactly the diagnostic it fixes: same code and same range.
  const r = fix.finding.anchor?.range ?? (fix.finding.location.kind === 'text' ? fix.finding.location.range : undefined);
  const same = (a: { line: number; character: number }, b: { line: number; character: number }): boolean => a.line === b.line && a.character === b.character;
  const matching = diagnostics.filter((d) => d.code === fix.finding.code && r !== undefined && same(d.range.start, r.start) && same(d.range.end, r.end));
  const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
  if (fix.edits) action.edit = { changes: { [uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } };
  if (fix.command) action.command = { title: fix.command.title, command: fix.command.command, arguments: [...fix.command.arguments] };
  if (matching.length) action.diagnostics = matching;
  if (fix.isPreferred) action.isPreferred = true;
  return action;
}

export function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  const kind = { file: SymbolKind.File, namespace: SymbolKind.Namespace, object: SymbolKind.Object, number: SymbolKind.Number, string: SymbolKind.String, array: SymbolKind.Array, key: SymbolKind.Key }[s.kind];
  return { name: s.name || '?', kind, range: s.range, selectionRange: s.selectionRange, ...(s.detail ? { detail: s.detail } : {}), children: s.children.map(toDocumentSymbol) };
}
