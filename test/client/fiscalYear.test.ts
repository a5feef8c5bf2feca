/**
 * The guided "new manifest" input's pure rules: the default fiscal year (FY ends 30
 * September, BE = CE + 543) and how a typed year is read, including the CE-year hint.
 */
import { strict as assert } from 'node:assert';
import { currentFiscalYear, parseFiscalYear } from '../../client/src/fiscalYear';

describe('client: fiscal year', () => {
  it('is the BE year the fiscal year ends in, turning over on 1 October', () => {
    // FY2567 = 1 Oct 2023 – 30 Sep 2024 (README, DOMAIN.md glossary).
    assert.equal(currentFiscalYear(new Date(2023, 8, 30)), 2566);
    assert.equal(currentFiscalYear(new Date(2023, 9, 1)), 2567);
    assert.equal(currentFiscalYear(new Date(2024, 0, 15)), 2567);
    assert.equal(currentFiscalYear(new Date(2024, 8, 30, 23, 59)), 2567);
    assert.equal(currentFiscalYear(new Date(2024, 11, 31)), 2568);
  });

  it('accepts BE years in range, with Thai digits and a พ.ศ. prefix', () => {
    assert.deepEqual(parseFiscalYear('2567'), { kind: 'ok', year: 2567 });
    assert.deepEqual(parseFiscalYear(' ๒๕๖๗ '), { kind: 'ok', year: 2567 });
    assert.deepEqual(parseFiscalYear('พ.ศ. 2568'), { kind: 'ok', year: 2568 });
    assert.deepEqual(parseFiscalYear('2500'), { kind: 'ok', year: 2500 });
    assert.deepEqual(parseFiscalYear('2700'), { kind: 'ok', year: 2700 });
  });

  it('recognises a CE year and offers its BE year', () => {
    assert.deepEqual(parseFiscalYear('2024'), { kind: 'christian-era', year: 2024, buddhistEra: 2567 });
    assert.deepEqual(parseFiscalYear('๒๐๒๕'), { kind: 'christian-era', year: 2025, buddhistEra: 2568 });
  });

  it('rejects the rest with a kind per hint', () => {
    assert.equal(parseFiscalYear('').kind, 'empty');
    assert.equal(parseFiscalYear('   ').kind, 'empty');
    assert.equal(parseFiscalYear('67').kind, 'not-a-year');
    assert.equal(parseFiscalYear('2567.5').kind, 'not-a-year');
    assert.equal(parseFiscalYear('25670').kind, 'not-a-year');
    assert.deepEqual(parseFiscalYear('2499'), { kind: 'out-of-range', year: 2499 });
    assert.deepEqual(parseFiscalYear('2701'), { kind: 'out-of-range', year: 2701 });
    assert.deepEqual(parseFiscalYear('1800'), { kind: 'out-of-range', year: 1800 });
  });
});
