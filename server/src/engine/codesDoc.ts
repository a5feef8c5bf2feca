import { MESSAGES, type MessageCode } from './messages';

const GROUPS: readonly { readonly prefix: string; readonly title: string }[] = [
  { prefix: 'manifest.', title: 'The manifest (YAML, shape, framework, years) — ไฟล์หลักฐาน' },
  { prefix: 'evidence.', title: 'Evidence files, links and dates — ไฟล์ ลิงก์ และวันที่ของหลักฐาน' },
  { prefix: 'rubric.', title: 'The rubric: consideration points and figures — เกณฑ์: ประเด็นการพิจารณาและตัวเลข' },
  { prefix: 'pmqa.', title: 'Maturity frameworks (PMQA): sub-items, levels, sources, indicators — เกณฑ์ PMQA' },
  { prefix: 'workbook.', title: 'Workbooks as files — ไฟล์ตาราง Excel' },
  { prefix: 'table.', title: 'Tables X2.1–X2.3 inside workbooks — ข้อมูลในตาราง' },
  { prefix: 'pack.', title: 'Schema packs — ชุดเกณฑ์' },
];

/**
 * The catalogue of finding codes as Markdown (`docs/diagnostics.md`): one anchored entry
 * per code with its severity and its Thai and English message templates. Editors link
 * each diagnostic's code here (`codeDescription`). Generated from `messages.ts`, so it
 * cannot drift: a test compares the committed file with this output.
 */
export function diagnosticsMarkdown(): string {
  const codes = Object.keys(MESSAGES) as MessageCode[];
  const out = [
    '# Diagnostic codes — รหัสข้อผิดพลาด',
    '',
    'Every finding OBEC Evidence reports, by its stable code. `{name}` stands for a value',
    'filled in from your files. Generated from `server/src/engine/messages.ts` by',
    '`obec-evidence codes -o docs/diagnostics.md`; do not edit by hand.',
    '',
  ];
  for (const g of GROUPS) {
    const inGroup = codes.filter((c) => c.startsWith(g.prefix));
    if (inGroup.length === 0) continue;
    out.push(`## ${g.title}`, '');
    for (const code of inGroup) {
      const m = MESSAGES[code];
      out.push(`<a id="${code}"></a>`, `### \`${code}\``, '', `Severity: **${m.severity}**`, '', `- ไทย: ${m.th}`, `- English: ${m.en}`, '');
    }
  }
  return `${out.join('\n')}`;
}
