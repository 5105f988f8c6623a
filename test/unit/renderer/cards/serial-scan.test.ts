import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCAN_MEDIAN_GAP_MS,
  SCAN_PAUSE_MS,
  SERIAL_SCAN_PATTERN,
  SerialScanDetector,
} from '../../../../renderer/src/screens/redeem/serial-scan';

/** The form as the screen snapshots it: here just the text typed so far, so `before` is easy to check. */
interface Form {
  readonly typed: string;
}

/**
 * Feeds `text` to the detector one key at a time, starting at `start` ms, each key `gap` ms (or gaps[i] ms) after the
 * previous one. Returns the time of the last key. Times are injected: nothing sleeps.
 */
function typeKeys(
  det: SerialScanDetector<Form>,
  form: { typed: string },
  text: string,
  start: number,
  gap: number | readonly number[],
): number {
  let t = start;
  [...text].forEach((ch, i) => {
    if (i > 0) t += typeof gap === 'number' ? gap : gap[i - 1]!;
    det.key(ch, t, () => ({ typed: form.typed }));
    form.typed += ch;
  });
  return t;
}

const SERIAL = '101-23423423';

describe('SERIAL_SCAN_PATTERN', () => {
  it('reads prefix, dash, number', () => {
    expect(SERIAL_SCAN_PATTERN.test('101-23423423')).toBe(true);
    expect(SERIAL_SCAN_PATTERN.test('1-2')).toBe(true);
    expect(SERIAL_SCAN_PATTERN.test('123456-1')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const s of [
      '',
      '101',
      '101-',
      '-123',
      '1234567-1',
      '101-12a',
      '101 -1',
      'abc-123',
      '101-2-3',
      '101–234',
    ]) {
      expect(SERIAL_SCAN_PATTERN.test(s), s).toBe(false);
    }
  });
});

describe('SerialScanDetector', () => {
  it('answers nothing for an Enter with nothing typed', () => {
    const det = new SerialScanDetector<Form>();
    expect(det.enter(0)).toBeNull();
    expect(det.enter(1_000)).toBeNull();
  });

  it('recognizes a scanner burst ending in Enter, with the form as it was before the burst', () => {
    const det = new SerialScanDetector<Form>();
    const form = { typed: 'already there' };
    const last = typeKeys(det, form, SERIAL, 1_000, 8);
    expect(det.enter(last + 8)).toEqual({ serial: SERIAL, before: { typed: 'already there' } });
  });

  it('does not take a person typing a serial at human speed for a scan', () => {
    const det = new SerialScanDetector<Form>();
    const form = { typed: '' };
    const last = typeKeys(det, form, SERIAL, 0, 110);
    expect(det.enter(last + 120)).toBeNull();
  });

  it('ignores a burst that is not a serial (a PIN, a phone number, letters)', () => {
    for (const text of ['123456789012', '+15550001111', 'abcd-efgh', '101-']) {
      const det = new SerialScanDetector<Form>();
      const last = typeKeys(det, { typed: '' }, text, 0, 5);
      expect(det.enter(last + 5), text).toBeNull();
    }
  });

  it('needs at least 4 characters', () => {
    const short = new SerialScanDetector<Form>();
    expect(short.enter(typeKeys(short, { typed: '' }, '1-2', 0, 5) + 5)).toBeNull();
    const four = new SerialScanDetector<Form>();
    expect(four.enter(typeKeys(four, { typed: '' }, '1-23', 0, 5) + 5)?.serial).toBe('1-23');
  });

  it('judges by the median gap: one slow keystroke does not break a scan', () => {
    const det = new SerialScanDetector<Form>();
    const gaps = [5, 5, 5, 240, 5, 5, 5, 5, 5, 5, 5];
    const last = typeKeys(det, { typed: '' }, SERIAL, 0, gaps);
    expect(det.enter(last + 5)?.serial).toBe(SERIAL);
  });

  it('has its median threshold at SCAN_MEDIAN_GAP_MS, inclusive', () => {
    const at = new SerialScanDetector<Form>();
    expect(
      at.enter(typeKeys(at, { typed: '' }, SERIAL, 0, SCAN_MEDIAN_GAP_MS) + SCAN_MEDIAN_GAP_MS),
    ).not.toBeNull();
    const over = new SerialScanDetector<Form>();
    const gap = SCAN_MEDIAN_GAP_MS + 1;
    expect(over.enter(typeKeys(over, { typed: '' }, SERIAL, 0, gap) + gap)).toBeNull();
  });

  it('counts the Enter gap in the median', () => {
    // '1-23': key gaps 10, 10, 10; a slow Enter makes the (upper) median of [10, 10, 10, 200] 10: still a scan.
    const det = new SerialScanDetector<Form>();
    expect(det.enter(typeKeys(det, { typed: '' }, '1-23', 0, 10) + 200)?.serial).toBe('1-23');
    // Two slow gaps of four: the upper median is slow.
    const slow = new SerialScanDetector<Form>();
    expect(slow.enter(typeKeys(slow, { typed: '' }, '1-23', 0, [10, 10, 200]) + 200)).toBeNull();
  });

  it('drops an Enter that comes after a pause longer than SCAN_PAUSE_MS', () => {
    const det = new SerialScanDetector<Form>();
    const last = typeKeys(det, { typed: '' }, SERIAL, 0, 5);
    expect(det.enter(last + SCAN_PAUSE_MS + 1)).toBeNull();
    const atPause = new SerialScanDetector<Form>();
    // Exactly the pause still belongs to the burst (the Enter gap then counts as one slow gap of many).
    expect(atPause.enter(typeKeys(atPause, { typed: '' }, SERIAL, 0, 5) + SCAN_PAUSE_MS)?.serial).toBe(
      SERIAL,
    );
  });

  it('starts over after a pause longer than SCAN_PAUSE_MS between keys', () => {
    const det = new SerialScanDetector<Form>();
    const form = { typed: '' };
    // "9" typed, a pause, then the scan: the pause forgets the "9", and `before` is the form after it.
    let t = typeKeys(det, form, '9', 0, 0);
    t = typeKeys(det, form, SERIAL, t + SCAN_PAUSE_MS + 1, 5);
    expect(det.enter(t + 5)).toEqual({ serial: SERIAL, before: { typed: '9' } });
  });

  it('keeps the strokes when the pause is exactly SCAN_PAUSE_MS', () => {
    const det = new SerialScanDetector<Form>();
    const form = { typed: '' };
    // 'x' then, exactly at the pause, the serial: the 'x' stays in the run but is no serial, so the suffix wins.
    let t = typeKeys(det, form, 'x', 0, 0);
    t = typeKeys(det, form, SERIAL, t + SCAN_PAUSE_MS, 5);
    expect(det.enter(t + 5)).toEqual({ serial: SERIAL, before: { typed: 'x' } });
  });

  it('finds the scan after letters a person typed just before it', () => {
    const det = new SerialScanDetector<Form>();
    const form = { typed: '' };
    let t = typeKeys(det, form, 'ab', 0, 120);
    t = typeKeys(det, form, SERIAL, t + 100, 6);
    expect(det.enter(t + 6)).toEqual({ serial: SERIAL, before: { typed: 'ab' } });
  });

  // Was a bug (fixed): digits a person typed just before the scan (within SCAN_PAUSE_MS) were glued onto the serial's
  // prefix ('5101-23423423'); a run must now start with a fast gap.
  it('does not glue digits a person typed just before the scan onto the serial', () => {
    const det = new SerialScanDetector<Form>();
    const form = { typed: '' };
    let t = typeKeys(det, form, '5', 0, 0);
    t = typeKeys(det, form, SERIAL, t + 150, 6);
    expect(det.enter(t + 6)).toEqual({ serial: SERIAL, before: { typed: '5' } });
  });

  it('forgets everything on Enter, whatever it answered', () => {
    const det = new SerialScanDetector<Form>();
    const last = typeKeys(det, { typed: '' }, SERIAL, 0, 5);
    expect(det.enter(last + 5)).not.toBeNull();
    expect(det.enter(last + 10)).toBeNull();
  });

  it('forgets everything on reset()', () => {
    const det = new SerialScanDetector<Form>();
    const last = typeKeys(det, { typed: '' }, SERIAL, 0, 5);
    det.reset();
    expect(det.enter(last + 5)).toBeNull();
  });

  it('snapshots the form once per key, before the key', () => {
    const det = new SerialScanDetector<Form>();
    let calls = 0;
    det.key('1', 0, () => ({ typed: String(calls++) }));
    det.key('-', 5, () => ({ typed: String(calls++) }));
    det.key('2', 10, () => ({ typed: String(calls++) }));
    det.key('3', 15, () => ({ typed: String(calls++) }));
    expect(calls).toBe(4);
    expect(det.enter(20)?.before).toEqual({ typed: '0' });
  });

  const serialArb = fc
    .tuple(fc.stringMatching(/^[1-9]\d{0,5}$/), fc.stringMatching(/^\d{8}$/))
    .map(([p, n]) => `${p}-${n}`);

  it('property: any serial sent with every gap at most SCAN_MEDIAN_GAP_MS is recognized exactly', () => {
    fc.assert(
      fc.property(
        serialArb,
        fc.array(fc.integer({ min: 0, max: SCAN_MEDIAN_GAP_MS }), { minLength: 20, maxLength: 20 }),
        fc.integer({ min: 0, max: 1e9 }),
        (serial, gaps, start) => {
          const det = new SerialScanDetector<Form>();
          const last = typeKeys(det, { typed: 'before' }, serial, start, gaps);
          expect(det.enter(last + gaps[19]!)).toEqual({ serial, before: { typed: 'before' } });
        },
      ),
    );
  });

  it('property: keys slower than SCAN_MEDIAN_GAP_MS (but without a pause) are never a scan', () => {
    fc.assert(
      fc.property(
        serialArb,
        fc.array(fc.integer({ min: SCAN_MEDIAN_GAP_MS + 1, max: SCAN_PAUSE_MS }), {
          minLength: 20,
          maxLength: 20,
        }),
        (serial, gaps) => {
          const det = new SerialScanDetector<Form>();
          const last = typeKeys(det, { typed: '' }, serial, 0, gaps);
          expect(det.enter(last + gaps[19]!)).toBeNull();
        },
      ),
    );
  });

  it('property: whatever is typed, a recognized scan matches the serial pattern and is a suffix of the run', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('1', '2', '0', '-', 'a', ' '),
            fc.integer({ min: 0, max: SCAN_PAUSE_MS + 50 }),
          ),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: SCAN_PAUSE_MS + 50 }),
        (keys, enterGap) => {
          const det = new SerialScanDetector<Form>();
          let t = 0;
          let run = '';
          for (const [ch, gap] of keys) {
            t += gap;
            if (gap > SCAN_PAUSE_MS) run = '';
            run += ch;
            det.key(ch, t, () => ({ typed: '' }));
          }
          const res = det.enter(t + enterGap);
          if (res) {
            expect(SERIAL_SCAN_PATTERN.test(res.serial)).toBe(true);
            expect(res.serial.length).toBeGreaterThanOrEqual(4);
            expect(run.endsWith(res.serial)).toBe(true);
          }
        },
      ),
    );
  });
});
