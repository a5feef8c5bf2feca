import type { Pack } from '../packs/model';

/**
 * The text of a new manifest for `pack`: every round asked for, every consideration point
 * with its official text as a comment, one entry per required evidence kind with an empty
 * `file:` / `url:` to fill in, and the round's figures. Comments in the chosen language.
 */
export function manifestTemplate(pack: Pack, options: { fiscalYear: number; officeName: string; rounds: readonly string[]; lang: 'th' | 'en' }): string {
  const th = options.lang === 'th';
  const q = (s: string): string => (/^[\w .-]*$/.test(s) && s !== '' ? s : JSON.stringify(s));
  const lines: string[] = [
    `# ${th ? 'ไฟล์หลักฐาน' : 'Evidence manifest'}: ${pack.title[options.lang]}`,
    `# ${th ? 'สร้างจากชุดเกณฑ์' : 'Made from pack'} ${pack.id} ${th ? 'ฉบับ' : 'edition'} ${pack.edition}`,
    `framework: ${pack.id}`,
    `fiscalYear: ${options.fiscalYear}`,
    'office:',
    `  name: ${q(options.officeName)}`,
    '  code: ""',
    'reporter:',
    '  name: ""',
    '  position: ""',
    '  phone: ""',
    '  email: ""',
    'rounds:',
  ];
  for (const round of pack.rounds.filter((r) => options.rounds.includes(r.id))) {
    lines.push(`  ${round.id}:  # ${round.title[options.lang]}`);
    const declared = round.figures.filter((f) => f.declared === 'required');
    if (declared.length) {
      lines.push('    figures:');
      for (const f of declared) lines.push(`      ${f.id}: 0  # ${f.title[options.lang]}`);
    }
    lines.push('    points:');
    for (const point of round.points) {
      lines.push(`      ${point.id}:  # ${point.text[options.lang].replace(/\s+/g, ' ').slice(0, 100)}`);
      lines.push('        evidence:');
      for (const req of point.evidence) {
        for (let i = 0; i < Math.max(1, req.minCount); i++) {
          lines.push(`          - kind: ${req.id}  # ${req.title[options.lang]}`);
          if (req.type === 'link') lines.push('            url: ""');
          else if (req.type === 'school-usage') lines.push('            school: ""', '            file: ""');
          else lines.push('            file: ""');
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
