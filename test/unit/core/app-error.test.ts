import { describe, expect, it } from 'vitest';
import { AppError, isAppErrorShape } from '../../../core/app-error';

describe('AppError, the one error shape', () => {
  it('keeps its code, message and name, and is an Error', () => {
    const error = new AppError('sale_used', 'The customer already used the credit.');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'AppError',
      code: 'sale_used',
      message: 'The customer already used the credit.',
    });
    expect(error.details).toBeUndefined();
  });

  it('sends details only when it has them', () => {
    expect(new AppError('a', 'b').toShape()).toStrictEqual({ code: 'a', message: 'b' });
    expect(Object.keys(new AppError('a', 'b').toShape())).toEqual(['code', 'message']);
    expect(new AppError('locked', 'wait', { retryAfterMs: 5 }).toShape()).toStrictEqual({
      code: 'locked',
      message: 'wait',
      details: { retryAfterMs: 5 },
    });
    // A falsy detail is still a detail.
    expect(new AppError('x', 'y', 0).toShape()).toStrictEqual({ code: 'x', message: 'y', details: 0 });
  });

  it('recognises the shape after it crossed a boundary, and nothing less', () => {
    expect(isAppErrorShape(new AppError('a', 'b'))).toBe(true);
    expect(isAppErrorShape(JSON.parse(JSON.stringify(new AppError('a', 'b').toShape())))).toBe(true);
    expect(isAppErrorShape({ code: 'a', message: 'b', details: 1 })).toBe(true);
    for (const value of [
      null,
      undefined,
      'a: b',
      42,
      {},
      { code: 'a' },
      { message: 'b' },
      { code: 1, message: 'b' },
      { code: 'a', message: null },
      new Error('plain'),
    ]) {
      expect(isAppErrorShape(value), JSON.stringify(value)).toBe(false);
    }
  });
});
