/** A 0-based position (UTF-16 characters), as LSP and the engine count. */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/** 0-based position of the `occurrence`-th (0-based) match of `needle` in `text`. Throws when absent. */
export function locate(text: string, needle: string, occurrence = 0): TextPosition {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not in the text`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}
