import { VoucherSheetError } from './voucher-sheet-types';

/** A simple SVG logo as filled vector paths, ready for pdfkit's `path()`. */
export interface SvgLogo {
  /** viewBox: min-x, min-y, width, height. */
  readonly viewBox: readonly [number, number, number, number];
  readonly paths: readonly { readonly d: string; readonly fill: string; readonly evenOdd: boolean }[];
}

/** Elements a "simple" logo may contain; anything else (text, gradients, transforms, images...) is refused. */
const ALLOWED = new Set(['svg', 'g', 'path', 'title', 'desc', 'metadata']);
const COLOR = /^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|black|white|none)$/;

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[2] ?? m[3]) : undefined;
}

/**
 * Reads an SVG made only of `<path>` elements with flat fills (optionally grouped by untransformed `<g>`), the shape
 * of most exported logos. Anything richer is refused with a clear error: use a PNG logo instead.
 */
export function parseSimpleSvgLogo(data: Uint8Array): SvgLogo {
  const source = Buffer.from(data).toString('utf8');
  const refuse = (why: string): never => {
    throw new VoucherSheetError(
      'unsupported_logo',
      `SVG logo is not simple enough to draw as vectors (${why}); supply a PNG logo instead`,
    );
  };
  const body = stripMarkupNoise(source);
  const tags = body.match(/<[^>]+>/g) ?? [];
  let viewBox: [number, number, number, number] | undefined;
  const paths: { d: string; fill: string; evenOdd: boolean }[] = [];
  for (const tag of tags) {
    if (tag.startsWith('</')) continue;
    const name = /^<([a-zA-Z][\w:-]*)/.exec(tag)?.[1];
    if (!name || !ALLOWED.has(name)) refuse(`element <${name ?? '?'}>`);
    if (/\s(transform|style|clip-path|mask|filter)\s*=/.test(tag)) refuse(`attribute on <${name}>`);
    if (name === 'svg') {
      const vb = attr(tag, 'viewBox')
        ?.trim()
        .split(/[\s,]+/)
        .map(Number);
      if (vb && vb.length === 4 && vb.every(Number.isFinite) && vb[2]! > 0 && vb[3]! > 0) {
        viewBox = [vb[0]!, vb[1]!, vb[2]!, vb[3]!];
      } else {
        const w = Number.parseFloat(attr(tag, 'width') ?? '');
        const h = Number.parseFloat(attr(tag, 'height') ?? '');
        if (w > 0 && h > 0) viewBox = [0, 0, w, h];
      }
    }
    if (name === 'path') {
      const d = attr(tag, 'd');
      if (!d || !/^[\d\s,.eE+\-MmLlHhVvCcSsQqTtAaZz]+$/.test(d)) refuse('path without plain path data');
      const fill = attr(tag, 'fill') ?? 'black';
      if (!COLOR.test(fill)) refuse(`fill ${JSON.stringify(fill)}`);
      if (fill !== 'none') paths.push({ d: d!, fill, evenOdd: attr(tag, 'fill-rule') === 'evenodd' });
    }
  }
  if (!viewBox) refuse('no viewBox or width/height');
  if (paths.length === 0) refuse('no filled paths');
  if (paths.length > 200) refuse('more than 200 paths');
  return { viewBox: viewBox!, paths };
}

/**
 * Removes the XML declaration, comments and a DOCTYPE in one linear scan (a regex with lazy `[\s\S]*?` over many
 * unclosed `<!--` backtracks for seconds on a crafted file).
 */
function stripMarkupNoise(source: string): string {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      out.push(source.slice(i));
      return out.join('');
    }
    out.push(source.slice(i, lt));
    const [open, close] = source.startsWith('<!--', lt)
      ? ['<!--', '-->']
      : source.startsWith('<?', lt)
        ? ['<?', '?>']
        : source.startsWith('<!DOCTYPE', lt)
          ? ['<!DOCTYPE', '>']
          : ['', ''];
    if (!open) {
      out.push('<');
      i = lt + 1;
      continue;
    }
    const end = source.indexOf(close, lt + open.length);
    if (end < 0) return out.join(''); // unterminated: the rest is noise
    i = end + close.length;
  }
}
