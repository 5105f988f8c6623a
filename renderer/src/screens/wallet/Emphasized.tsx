import { Fragment } from 'react';

/** Marks a value's place in the sentence; never typed by anyone. */
const MARK = '\u0000';

/**
 * A catalog sentence with its values in bold ("Move **USD 10.00** to **Shop B**?"): the sentence is made with
 * markers in place of the values, whatever order the language puts them in, then split at the markers.
 */
export function Emphasized<P extends Record<string, string>>({
  text,
  values,
}: {
  text: (p: P) => string;
  values: P;
}) {
  const keys = Object.keys(values) as (keyof P & string)[];
  const marked = Object.fromEntries(keys.map((k, i) => [k, `${MARK}${i}${MARK}`])) as P;
  const pieces = text(marked).split(MARK);
  return (
    <>
      {pieces.map((piece, i) =>
        i % 2 === 1 ? (
          <strong key={i}>{values[keys[Number(piece)]!]}</strong>
        ) : (
          <Fragment key={i}>{piece}</Fragment>
        ),
      )}
    </>
  );
}
