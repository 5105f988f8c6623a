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
 * recorder instead of a PDF, for a box at the origin, and returns its bars as PDF rectangle operators. Workers do
 * this so the page writer only translates the path into place and fills it once.
 */
export function code128Path(text: string, widths: ArrayLike<number>, box: Code128BoxSize): string {
  const ops: string[] = [];
  const unsupported = (): never => {
    throw new Error('code 128 path recorder: only bars are recorded (showText must be false)');
  };
  const recorder = {
    rect(x: number, y: number, w: number, h: number) {
      ops.push(`${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re`);
      return recorder;
    },
    fill: () => recorder,
    save: () => recorder,
    restore: () => recorder,
    font: unsupported,
    fontSize: unsupported,
    text: unsupported,
    widthOfString: unsupported,
  };
  drawCode128Widths(recorder as unknown as VectorTarget, text, widths, {
    x: 0,
    y: 0,
    width: box.width,
    height: box.height,
    showText: false,
    dotPitch: box.dotPitch,
  });
  return ops.join('\n');
}
