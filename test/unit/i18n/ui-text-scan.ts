import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One piece of human text written in a renderer source file instead of taken from the message catalog. */
export interface LiteralText {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** JSX attributes whose value a person reads or hears. */
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label']);
/** Object properties that carry text for the screen (screen labels, option labels, hints). */
const SPOKEN_PROPERTIES = new Set([
  'label',
  'title',
  'summary',
  'hint',
  'description',
  'heading',
  'placeholder',
]);
/** Calls whose text argument reaches the clerk. */
const SPOKEN_CALLS = new Set(['toast', 'notice', 'setError', 'setMessage', 'setNotice', 'announce']);
/** Key names printed on keycaps, the same in every language. */
const KEY_NAME = /^(?:F\d{1,2}|Esc|Enter|Tab|Shift|Ctrl|Alt|Space|Backspace|Delete|Home|End|PgUp|PgDn)$/;

function isHuman(text: string): boolean {
  const t = text.trim();
  return /\p{L}{2,}/u.test(t) && !KEY_NAME.test(t);
}

function stringValue(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  }
  return null;
}

/** The human texts written literally in one .ts/.tsx file. */
export function literalTexts(file: string, root: string): LiteralText[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: LiteralText[] = [];
  const add = (node: ts.Node, text: string): void => {
    if (!isHuman(text)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file: relative(root, file), line, text: text.trim().replace(/\s+/g, ' ') });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) add(node, node.text);
    else if (
      ts.isJsxAttribute(node) &&
      node.initializer &&
      SPOKEN_ATTRIBUTES.has(node.name.getText(source))
    ) {
      const init = node.initializer;
      const value =
        ts.isJsxExpression(init) && init.expression ? stringValue(init.expression) : stringValue(init);
      if (value !== null) add(node, value);
    } else if (ts.isPropertyAssignment(node) && SPOKEN_PROPERTIES.has(node.name.getText(source))) {
      const value = stringValue(node.initializer);
      if (value !== null) add(node, value);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source).split('.').pop() ?? '';
      if (SPOKEN_CALLS.has(callee)) {
        for (const arg of node.arguments) {
          const value = stringValue(arg);
          if (value !== null && !/^(?:ok|warn|bad)$/.test(value)) add(arg, value);
        }
      }
    } else if (ts.isJsxExpression(node) && node.expression) {
      // {'text'} and {`text ${x}`} children read like JSX text.
      const value = stringValue(node.expression);
      if (value !== null && ts.isJsxElement(node.parent)) add(node, value);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every .ts/.tsx file under `dir`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}
