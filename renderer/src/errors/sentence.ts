/**
 * A message as a clerk reads it: a sentence starting with a capital and ending with a full stop. Server and
 * validation messages arrive as terse lower-case fragments ("not enough credits").
 */
export function asSentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  const first = t.charAt(0).toLocaleUpperCase() + t.slice(1);
  return /[.!?…)]$/.test(first) ? first : `${first}.`;
}
