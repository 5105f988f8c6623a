import { drawCode128Widths, type VectorTarget } from '../printing/code128-vector';

/** The size of a Code 128 box on a card, in points, and the dot pitch its modules are rounded to. */
export interface Code128BoxSize {
  readonly width: number;
  readonly height: number;
  readonly dotPitch: number;
}

function fmt(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/**
 * Runs {@link drawCode128Widths} (the shared Code 128 geometry: quiet zones, whole-dot modules, centring) against a
 * recorder instead of a PDF, for a box at the origin, and returns the bars as one self-contained PDF fragment: the
 * module grid set once (`cm`: module width, bar height, left edge), each bar in whole modules (`x 0 w 1 re`), filled
 * black inside its own graphics state. Less than half the text of bars in points, which the page writer would
 * otherwise carry and compress for every card. Workers do this so the page writer only translates it into place.
 */
export function code128Path(text: string, widths: ArrayLike<number>, box: Code128BoxSize): string {
  const unsupported = (): never => {
    throw new Error('code 128 path recorder: only the geometry is recorded (showText must be false)');
  };
  const recorder = {
    rect: () => recorder,
    fill: () => recorder,
    save: () => recorder,
    restore: () => recorder,
    font: unsupported,
    fontSize: unsupported,
    text: unsupported,
    widthOfString: unsupported,
  };
  const drawn = drawCode128Widths(recorder as unknown as VectorTarget, text, widths, {
    x: 0,
    y: 0,
    width: box.width,
    height: box.height,
    showText: false,
    dotPitch: box.dotPitch,
  });
  const ops = [`q ${fmt(drawn.moduleWidth)} 0 0 ${fmt(drawn.barHeight)} ${fmt(drawn.barsX)} 0 cm`];
  let at = 0;
  for (let i = 0; i < widths.length; i++) {
    if (i % 2 === 0) ops.push(`${at} 0 ${widths[i]!} 1 re`);
    at += widths[i]!;
  }
  ops.push('0 0 0 rg f Q');
  return ops.join('\n');
}
