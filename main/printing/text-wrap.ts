/** Width of `text` in points at the font and size the caller has in mind. */
export type MeasureText = (text: string) => number;

/**
 * Splits `text` into lines no wider than `width`: breaks at spaces, and inside a word only when the word alone is
 * too wide (after a hyphen, slash or dot where it can). Explicit newlines are kept. Never returns an empty list (an empty text is one empty line).
 */
export function wrapText(text: string, width: number, measure: MeasureText): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(/\s+/).filter((w) => w.length > 0);
    let line = '';
    for (const word of words) {
      const candidate = line.length === 0 ? word : `${line} ${word}`;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line.length > 0) out.push(line);
      line = '';
      // A word wider than the line is cut into pieces that fit (a long account or package code).
      let rest = word;
      while (measure(rest) > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && measure(rest.slice(0, n)) > width) n--;
        // Prefer to cut just after a hyphen, slash or dot when one falls in the second half of the piece.
        const soft = Math.max(...['-', '/', '.', '_'].map((c) => rest.lastIndexOf(c, n - 1)));
        if (soft >= n / 2) n = soft + 1;
        out.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}
