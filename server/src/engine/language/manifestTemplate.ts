import type { MaturityCategory, MaturityItem, MaturityPack, Pack } from '../packs/model';

/** The lines every new manifest starts with: what it is, the framework, the year, the office and the reporter to fill in. */
function manifestHead(pack: Pack | MaturityPack, options: { fiscalYear: number; officeName: string; lang: 'th' | 'en' }): string[] {
  const th = options.lang === 'th';
  const q = (s: string): string => (/^[\w .-]*$/.test(s) && s !== '' ? s : JSON.stringify(s));
  return [
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
  ];
}

/**
 * The text of a new manifest for `pack`: every round asked for, every consideration point
 * with its official text as a comment, one entry per required evidence kind with an empty
 * `file:` / `url:` to fill in, and the round's figures. Comments in the chosen language.
 */
export function manifestTemplate(pack: Pack, options: { fiscalYear: number; officeName: string; rounds: readonly string[]; lang: 'th' | 'en' }): string {
  const lines: string[] = [...manifestHead(pack, options), 'rounds:'];
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

/**
 * The text of a new manifest for a maturity framework (PMQA): the sources block (each
 * source's field to fill in, and what it scores), then every self-assessed sub-item with
 * its title as a comment, an empty `level:`, a `project:` (or, in a results category, an
 * indicator to fill in) and an empty evidence list preceded by the attachments it needs.
 * Sub-items scored by a source are listed as comments only: reporting them is a finding.
 */
export function maturityManifestTemplate(pack: MaturityPack, options: { fiscalYear: number; officeName: string; lang: 'th' | 'en' }): string {
  const lang = options.lang;
  const th = lang === 'th';
  const one = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const levels = pack.levels.map((l) => l.id).join(' | ');
  const scoredBy = (c: MaturityCategory, i: MaturityItem): string | undefined => i.scoredBy ?? c.scoredBy;
  const lines: string[] = manifestHead(pack, options);
  if (pack.sources.length) {
    lines.push(`# ${th ? 'ผลจากแหล่งภายนอก ใช้แทนการประเมินตนเองของประเด็นที่ระบุ' : 'Results of outside sources, used instead of self-assessment for the sub-items named'}`);
    lines.push('sources:');
    for (const s of pack.sources) {
      const items = pack.categories.flatMap((c) => c.items.filter((i) => scoredBy(c, i) === s.id).map((i) => i.id));
      lines.push(`  ${s.id}:  # ${one(s.title[lang])} → ${items.join(', ')}`);
      if (s.kind === 'level') lines.push(`    level: ""  # ${levels}`);
      else if (s.kind === 'group') lines.push(`    group: ""  # ${s.groups.map((g) => `${g.id} = ${pack.levels.find((l) => l.id === g.level)?.title[lang] ?? g.level}`).join(', ')}`);
      else {
        lines.push('    scores:');
        for (const inp of s.inputs) lines.push(`      ${inp.id}: ""  # ${one(inp.title[lang])} · ${inp.weight} % (${s.scale.min}–${s.scale.max})`);
      }
    }
  }
  lines.push('items:');
  for (const c of pack.categories) {
    lines.push(`  # ${th ? 'หมวด' : 'Category'} ${c.id} ${one(c.title[lang])} (${th ? 'น้ำหนักร้อยละ' : 'weight'} ${c.weight}${th ? '' : ' %'})`);
    const perItem = c.attachments.filter((a) => a.per === 'item').map((a) => a.id);
    const perLevel = c.attachments.filter((a) => a.per === 'level').map((a) => a.id);
    for (const i of c.items) {
      const src = scoredBy(c, i);
      if (src) {
        lines.push(`  # ${i.id} ${one(i.title[lang])}: ${th ? `สพท. ไม่ต้องรายงาน (ใช้ผลจาก sources.${src})` : `not reported by the office (scored from sources.${src})`}`);
        continue;
      }
      lines.push(`  "${i.id}":  # ${one(i.title[lang])}`);
      lines.push(`    level: ""  # ${levels}`);
      if (c.indicators) {
        const types = c.indicators.valueTypes.map((v) => v.id).join(' | ');
        lines.push('    indicator:');
        lines.push('      title: ""');
        lines.push(`      target: { type: ${c.indicators.valueTypes[0]!.id}, value: "" }  # ${types}`);
        lines.push(`      result: { type: ${c.indicators.valueTypes[0]!.id}, value: "" }`);
      } else if (c.attachments.length) lines.push('    project: ""');
      if (c.attachments.length) {
        const needs = [perItem.join(', '), perLevel.length ? `${perLevel.join(', ')} (${th ? 'ทุกระดับ พร้อม level:' : 'for each level, with level:'})` : ''].filter(Boolean).join('; ');
        lines.push(`    # ${th ? 'เอกสารแนบ' : 'Attachments'}: ${needs}`);
      }
      lines.push('    evidence: []');
    }
  }
  lines.push(`# totals:  # ${th ? 'ไม่บังคับ: คะแนนที่ สพท. คำนวณเอง (categories, total) ใช้เทียบกับที่คำนวณได้' : 'optional: totals the office computed (categories, total), compared with the computed ones'}`);
  return `${lines.join('\n')}\n`;
}
