/**
 * The host's guard on what the webview posts (`parseWebviewMessage`), the saved panel
 * state (`parsePreviewState`), and the page the panel is built from (`buildPreviewHtml`):
 * its policy, nonce and escaped state. Pure functions, no browser.
 */
import { strict as assert } from 'node:assert';
import { buildPreviewHtml, newNonce, previewCsp } from '../../client/src/preview/html';
import type { ScorePayload } from '../../server/src/shared/protocol';
import { MAX_POSITION, parsePreviewState, parseWebviewMessage, PREVIEW_STATE_ELEMENT_ID } from '../../server/src/shared/webviewMessages';
import { EVIL } from './injection';

describe('preview: webview messages', () => {
  it('accepts the fixed set of actions, returning fresh objects', () => {
    const ready = { type: 'ready' };
    assert.deepEqual(parseWebviewMessage(ready), { type: 'ready' });
    assert.notEqual(parseWebviewMessage(ready), ready);
    assert.deepEqual(parseWebviewMessage({ type: 'export' }), { type: 'export' });
    assert.deepEqual(parseWebviewMessage({ type: 'toggleLock' }), { type: 'toggleLock' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', line: 23, character: 6 }), { type: 'reveal', line: 23, character: 6 });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', line: 0, character: 0 }), { type: 'reveal', line: 0, character: 0 });
  });

  it('rejects unknown types and what is not a message object', () => {
    for (const x of [undefined, null, 0, 'ready', ['ready'], {}, { type: 'update' }, { type: 'state', locked: true }, { type: 'openFile', path: '/etc/passwd' }, { type: 'READY' }, { type: 'ready ' }, { kind: 'ready' }]) {
      assert.equal(parseWebviewMessage(x), undefined, JSON.stringify(x));
    }
  });

  it('rejects reveal positions that are not non-negative integers within bounds', () => {
    for (const [line, character] of [
      [1.5, 0],
      [-1, 0],
      [0, -1],
      [0, 0.1],
      ['3', 0],
      [3, '0'],
      [Number.NaN, 0],
      [Number.POSITIVE_INFINITY, 0],
      [MAX_POSITION + 1, 0],
      [2 ** 53, 0],
      [null, 0],
      [undefined, 0],
    ] as const) {
      assert.equal(parseWebviewMessage({ type: 'reveal', line, character }), undefined, `${String(line)}:${String(character)}`);
    }
    assert.equal(parseWebviewMessage({ type: 'reveal', line: 3 }), undefined, 'character missing');
  });

  it('rejects extra fields instead of passing them on', () => {
    assert.equal(parseWebviewMessage({ type: 'ready', extra: 1 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'export', uri: 'file:///etc/passwd' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'reveal', line: 1, character: 2, uri: 'file:///etc/passwd' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'toggleLock', locked: false }), undefined);
  });

  it('reads back a saved panel state, and nothing else', () => {
    assert.deepEqual(parsePreviewState({ uri: 'file:///a/x2.evidence.yaml', locked: true }), { uri: 'file:///a/x2.evidence.yaml', locked: true });
    assert.deepEqual(parsePreviewState({ uri: 'file:///a/x2.evidence.yaml', locked: false, scrollY: 120 }), { uri: 'file:///a/x2.evidence.yaml', locked: false, scrollY: 120 });
    // A bad scroll position is dropped, the rest kept.
    assert.deepEqual(parsePreviewState({ uri: 'file:///a/x2.evidence.yaml', locked: false, scrollY: -4 }), { uri: 'file:///a/x2.evidence.yaml', locked: false });
    for (const x of [undefined, null, 'file:///a', {}, { uri: '', locked: false }, { uri: 'file:///a' }, { uri: 3, locked: false }, { uri: 'file:///a', locked: 'yes' }]) {
      assert.equal(parsePreviewState(x), undefined, JSON.stringify(x));
    }
  });
});

describe('preview: the panel page', () => {
  const payload: ScorePayload = {
    uri: 'file:///w/x2.evidence.yaml',
    version: 3,
    language: 'th',
    office: { name: EVIL },
    rounds: [],
    problems: { errors: 0, warnings: 0, information: 0, items: [] },
  };
  const opts = { nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/preview.js', uri: payload.uri, locked: false, lang: 'th' as const };

  it('allows only its own nonce for style and script, and nothing else', () => {
    const html = buildPreviewHtml(payload, opts);
    const csp = `default-src 'none'; style-src 'nonce-${opts.nonce}'; script-src 'nonce-${opts.nonce}'; img-src 'none'`;
    assert.equal(previewCsp(opts.nonce), csp);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
    assert.equal(html.match(/<script\b/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="${opts.nonce}" src="${opts.scriptUri}"></script>`));
    assert.equal(html.match(/<style\b/g)?.length, 1);
    assert.ok(html.includes(`<style nonce="${opts.nonce}">`));
  });

  it('carries the payload escaped in data-state, never as markup', () => {
    const html = buildPreviewHtml(payload, opts);
    assert.ok(!html.includes('<img'));
    assert.ok(!html.includes('window.__pwned=2</script>'));
    const attr = new RegExp(`<meta id="${PREVIEW_STATE_ELEMENT_ID}" data-state="([^"]*)">`).exec(html);
    assert.ok(attr, 'the state element');
    const decoded = attr[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#96;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), { uri: payload.uri, locked: false, language: 'th', payload });
  });

  it('uses a fresh nonce for every render', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
  });

  it('labels the toolbar in the panel language, with the lock state', () => {
    const th = buildPreviewHtml(null, { ...opts, locked: true });
    assert.match(th, /<button type="button" id="lock" aria-pressed="true"[^>]*>ล็อกอยู่<\/button>/);
    assert.match(th, /กำลังคำนวณคะแนน/);
    const en = buildPreviewHtml(null, { ...opts, lang: 'en' });
    assert.match(en, /<html lang="en">/);
    assert.match(en, /<button type="button" id="lock" aria-pressed="false"[^>]*>Lock<\/button>/);
    assert.match(en, />Export report<\/button>/);
  });
});
