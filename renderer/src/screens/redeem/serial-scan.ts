/** A card serial as a barcode scanner types it: series prefix, dash, number (`101-23423423`). */
export const SERIAL_SCAN_PATTERN = /^\d{1,6}-\d+$/;
/** A pause longer than this ends whatever was being typed (nobody scans with a pause in the middle). */
export const SCAN_PAUSE_MS = 250;
/** A scanner's keystrokes come this close together (median; scanners send a key every 2-30 ms, a fast typist about every 100 ms). */
export const SCAN_MEDIAN_GAP_MS = 60;
/** Fewest characters a scan has. */
const MIN_SCAN_CHARS = 4;

interface Stroke<S> {
  readonly ch: string;
  readonly at: number;
  /** The form just before this key. */
  readonly before: S;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)]!;
}

/**
 * Tells a barcode scanner's burst (fast keystrokes ending in Enter) from a person typing. Feed it every printable key
 * and Enter with their times and a snapshot of the form before the key; when Enter ends a fast run that reads as a
 * serial, it answers the serial and the form as it was before the run, so a scan that landed in the wrong field can
 * be undone. Judged on the median gap, so one slow keystroke (a busy renderer) does not break a scan.
 */
export class SerialScanDetector<S> {
  private strokes: Stroke<S>[] = [];

  /** A printable key went down at `now`; `take` snapshots the form before it. */
  key(ch: string, now: number, take: () => S): void {
    const last = this.strokes[this.strokes.length - 1];
    if (last && now - last.at > SCAN_PAUSE_MS) this.strokes = [];
    this.strokes.push({ ch, at: now, before: take() });
  }

  /** Enter went down: the scanned serial and the form before it, when the run was a serial scan; else null. */
  enter(now: number): { readonly serial: string; readonly before: S } | null {
    const strokes = this.strokes;
    this.reset();
    const last = strokes[strokes.length - 1];
    if (!last || now - last.at > SCAN_PAUSE_MS) return null;
    // The longest fast suffix that reads as a serial and starts fast (a person may have typed just before it).
    for (let start = 0; start <= strokes.length - MIN_SCAN_CHARS; start++) {
      const run = strokes.slice(start);
      const text = run.map((s) => s.ch).join('');
      if (!SERIAL_SCAN_PATTERN.test(text)) continue;
      const gaps = run.slice(1).map((s, i) => s.at - run[i]!.at);
      // A scan starts fast: a slow gap right after the first key means a person typed it before the scanner.
      if (gaps[0] !== undefined && gaps[0] > SCAN_MEDIAN_GAP_MS) continue;
      gaps.push(now - last.at);
      if (median(gaps) <= SCAN_MEDIAN_GAP_MS) return { serial: text, before: run[0]!.before };
    }
    return null;
  }

  /** Forget what was typed (another key, a click). */
  reset(): void {
    this.strokes = [];
  }
}
