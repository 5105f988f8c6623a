import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../main/printing/text-wrap';

describe('wrapText', () => {
  const measure = (s: string) => s.length; // one unit per character
  it('breaks at spaces and cuts words longer than a line', () => {
    expect(wrapText('aaa bbb ccc', 7, measure)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('abcdefghij x', 4, measure)).toEqual(['abcd', 'efgh', 'ij x']);
    expect(wrapText('', 4, measure)).toEqual(['']);
    expect(wrapText('a\nb', 10, measure)).toEqual(['a', 'b']);
    expect(wrapText('abcd-efghij', 7, measure)).toEqual(['abcd-', 'efghij']);
  });
});
