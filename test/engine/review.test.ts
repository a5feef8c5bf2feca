/**
 * Regressions found in review: each test reproduces one confirmed bug (the wrong level,
 * figure or edit a user would have got) and asserts the right behaviour.
 */
import { strict as assert } from 'node:assert';
import { quickFixes, applyEdits } from '../../server/src/engine/language/codeActions';
import { completeAt } from '../../server/src/engine/language/completion';
import { parseYaml } from '../../server/src/engine/yamlDocument';
import { AREA_LABELS, X21_HEADER, X22_HEADER, X23_HEADER, codes, createEngine, MemoryHost, schoolCode, setupOffice, workbookBytes, type CellInput } from './helpers';

async function tableFigures(table: 'X2.1' | 'X2.2' | 'X2.3', rows: CellInput[][]) {
  const host = new MemoryHost();
  host.addFile('/ws/t.xlsx', await workbookBytes([{ name: table, rows }]));
  const r = await createEngine(host).checkTable('/ws/t.xlsx', table);
  return { figures: Object.fromEntries(Object.values(r.measures).map((m) => [m.id, m.value])), result: r, codes: codes(r.findings) };
}

function level(r: { score?: { rounds: readonly { round: string; level: number }[] } }, round: string): number | undefined {
  return r.score?.rounds.find((x) => x.round === round)?.level;
}

describe('review regressions', () => {
  it('X2.2: "✗", "x", "0" and "no" in an area mean no system there', async () => {
    const marks = [
      ['✓', '✓', '✓', '✓'],
      ['✓', '✗', '✓', '✓'],
      ['✓', 'x', '✓', '✓'],
      ['✓', '0', '✓', 'no'],
      ['มี', 'ไม่มี', 'มี', 'มี'],
    ];
    const { figures } = await tableFigures('X2.2', [X22_HEADER, ...marks.map((m, i) => [i + 1, schoolCode(i), `โรงเรียน ${i}`, ...m])]);
    assert.equal(figures['schoolsTotal'], 5);
    assert.equal(figures['schoolsAllAreas'], 1);
    assert.equal(figures['percentAllAreas'], 20);
  });

  it('X2.1: a row whose system is "-" or "ไม่มี" does not cover its area', async () => {
    for (const none of ['-', 'ไม่มี']) {
      const rows: CellInput[][] = [X21_HEADER, [1, AREA_LABELS[0], 'AMSS++'], [2, AREA_LABELS[1], 'e-budget'], [3, AREA_LABELS[2], 'P-OBEC'], [4, AREA_LABELS[3], none]];
      const { figures, result } = await tableFigures('X2.1', rows);
      assert.equal(figures['areasCovered'], 3, none);
      assert.deepEqual(result.measures['areasCovered']?.termsMissing, ['academic']);
    }
  });

  it('X2.1: one system serving several areas (one cell, comma-separated) covers each of them', async () => {
    const rows: CellInput[][] = [X21_HEADER, [1, `${AREA_LABELS[0]}, ${AREA_LABELS[1]}`, 'AMSS++'], [2, AREA_LABELS[2], 'P-OBEC'], [3, AREA_LABELS[3], 'DMC']];
    const { figures, codes: found } = await tableFigures('X2.1', rows);
    assert.equal(figures['areasCovered'], 4);
    assert.ok(!found.some((c) => c.startsWith('table.term.unknown')), found.join(', '));
  });

  it('a data row is not taken for the header when one heading has an unlisted name', async () => {
    const rows: CellInput[][] = [
      ['ลำดับ', 'ด้าน', 'ชื่อโปรแกรม', 'เจ้าของระบบ', 'ลิงก์'],
      ...AREA_LABELS.map((a, i) => [i + 1, `ด้าน${a}`, `ระบบ AMSS++ ${i}`, 'ระบบของ สพฐ.', 'https://a.go.th']),
    ];
    const { result } = await tableFigures('X2.1', rows);
    assert.equal(result.headerRow, 1);
    assert.ok(codes(result.findings).includes('table.header.missing-column'), codes(result.findings).join(', '));
  });

  it('totals rows labelled "รวมทั้งหมด", "ผลรวม", "Grand total" are not schools', async () => {
    for (const label of ['รวมทั้งหมด', 'ผลรวม', 'Grand total', 'รวมจำนวน']) {
      const rows: CellInput[][] = [X23_HEADER, [1, schoolCode(0), 'ก', 'ใช้'], [2, schoolCode(1), 'ข', 'ไม่ใช้'], [null, label, null, 'ใช้']];
      const { figures, codes: found } = await tableFigures('X2.3', rows);
      assert.equal(figures['schoolsTotal'], 2, label);
      assert.equal(figures['percentUsingRealTime'], 50, label);
      assert.ok(!found.some((c) => c.startsWith('table.school-code.malformed')), `${label}: ${found.join(', ')}`);
    }
  });

  it('X2.3: an empty "uses real-time data" cell is reported (and counted as no)', async () => {
    const rows: CellInput[][] = [X23_HEADER, [1, schoolCode(0), 'ก', 'ใช้'], [2, schoolCode(1), 'ข', null, 'DMC'], [3, schoolCode(2), 'ค', null, 'DMC']];
    const { figures, codes: found, result } = await tableFigures('X2.3', rows);
    assert.equal(figures['schoolsUsingRealTime'], 1);
    const empty = result.findings.filter((f) => f.code === 'table.yes-no.empty').map((f) => (f.location.kind === 'cell' ? f.location.cell : ''));
    assert.deepEqual(empty, ['D3', 'D4']);
    assert.ok(found.includes('table.yes-no.empty'));
  });

  it('an impossible declared pair (more schools with all areas than schools) leaves the percent unknown', async () => {
    const office = await setupOffice();
    const text = office.text.replace(/schoolsAllAreas: \d+/, 'schoolsAllAreas: 120').replace(/\n( *)- kind: table-x2\.2\n\1  file: [^\n]+/, '');
    const r = await office.check(text);
    assert.ok(codes(r.findings).some((c) => c.startsWith('rubric.figure.inconsistent')), codes(r.findings).join(', '));
    const pct = r.score?.rounds.find((x) => x.round === '6m')?.figures.find((f) => f.id === 'percentAllAreas');
    assert.equal(pct?.value, undefined);
    assert.equal(level(r, '6m'), 1);
  });

  it('2566-02-29 is reported as no such day (a warning), and the point stays clear', async () => {
    const office = await setupOffice();
    const text = office.text.replace(/date: \d{4}-\d{2}-\d{2}/, 'date: 2566-02-29');
    assert.notEqual(text, office.text);
    const r = await office.check(text);
    const f = r.findings.find((x) => x.code === 'evidence.date.no-such-day');
    assert.ok(f, codes(r.findings).join(', '));
    assert.equal(f.severity, 'warning');
    assert.deepEqual([level(r, '6m'), level(r, '12m')], [level(await office.check(), '6m'), level(await office.check(), '12m')]);
  });

  describe('quick fixes keep the YAML valid', () => {
    const fixAll = async (text: string, code: string) => {
      const office = await setupOffice();
      const r = await office.check(text);
      const f = r.findings.find((x) => x.code === code);
      assert.ok(f, `${code} not found in ${codes(r.findings).join(', ')}`);
      const everywhere = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };
      const fix = quickFixes(r, text, everywhere, 'en').find((x) => x.finding.code === code);
      assert.ok(fix?.edits, `no fix offered for ${code}`);
      const after = applyEdits(text, r.document!, fix.edits);
      assert.deepEqual(parseYaml(after).problems, [], after);
      return { after, result: await office.check(after) };
    };

    it('removing a password written in flow style keeps the rest of the entry', async () => {
      const office = await setupOffice();
      const text = office.text.replace(/( *)- kind: access-link\n\1  url: ([^\n]+)\n\1  login: [^\n]+/, '$1- { kind: access-link, url: $2, login: { username: reviewer, password: Snk1x2567, note: สำหรับผู้ตรวจ } }');
      assert.notEqual(text, office.text);
      const { after, result } = await fixAll(text, 'manifest.password.plain-text');
      assert.match(after, /kind: access-link, url: [^,]+, login: \{ username: reviewer, note: สำหรับผู้ตรวจ \}/);
      assert.ok(!codes(result.findings).some((c) => c.startsWith('rubric.point.missing-evidence')), codes(result.findings).join(', '));
    });

    it('adding missing evidence to a flow-style list, an empty list and an empty point', async () => {
      const office = await setupOffice();
      // 6m point 3 as a flow list without its access link.
      const flow = office.text.replace(/( *)3:\n\1  evidence:\n(\1    - kind: manual\n\1      file: ([^\n]+)\n)\1    - kind: access-link\n\1      url: [^\n]+\n(?:\1      login: [^\n]+\n)?/, '$13:\n$1  evidence: [ { kind: manual, file: $3 } ]\n');
      assert.notEqual(flow, office.text, 'the flow-style rewrite did not apply');
      const a = await fixAll(flow, 'rubric.point.missing-evidence');
      assert.match(a.after, /evidence: \[ \{ kind: manual, file: [^}]+\}, \{ kind: access-link, url: "https:\/\/" \} \]/);
      // An empty list, and a point with no value.
      const empty = office.text.replace(/( *)4:\n\1  evidence:\n(?:\1    [^\n]*\n)+/, '$14:\n$1  evidence: []\n');
      assert.notEqual(empty, office.text);
      const b = await fixAll(empty, 'rubric.point.missing-evidence');
      assert.match(b.after, /evidence: \[\{ kind: dissemination, file: "" \}\]/);
      const bare = office.text.replace(/( *)4:\n\1  evidence:\n(?:\1    [^\n]*\n)+/, '$14:   # to do\n');
      const c = await fixAll(bare, 'rubric.point.missing-evidence');
      assert.match(c.after, /4: {3}# to do\n *evidence:\n *- kind: dissemination\n/);
    });
  });
});

describe('review regressions: completion', () => {
  it('school codes typed with Thai digits still complete', async () => {
    const office = await setupOffice();
    const r = await office.check();
    const text = office.text.replace(/school: "1099010001"/, 'school: "๑๐๙๙๐๑๐๐๐"');
    const line = text.split('\n').findIndex((l) => l.includes('school: "๑๐๙๙๐๑๐๐๐"'));
    const character = text.split('\n')[line]!.indexOf('"') + 1 + '๑๐๙๙๐๑๐๐๐'.length;
    const items = completeAt({ text, position: { line, character }, result: r, frameworks: ['obec-x2'], files: [], lang: 'en' });
    assert.ok(items.some((i) => i.label === schoolCode(0)), items.map((i) => i.label).slice(0, 5).join(', '));
  });
});
