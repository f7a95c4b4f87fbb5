import type { Node } from 'web-tree-sitter';
import type { Frontend, ParseOutcome } from '../frontend.js';
import { parserFor } from '../tree-sitter.js';
import { PythonLowerer } from './lower.js';
import { decode, encode } from './tree.js';

/** The first ERROR or MISSING node, found without recursion (deeply nested files must not overflow). */
function firstError(root: Node): { node: Node; missing: boolean } | null {
  const cursor = root.walk();
  try {
    for (;;) {
      const n = cursor.currentNode;
      if (n.isMissing) return { node: n, missing: true };
      if (n.isError) return { node: n, missing: false };
      if (n.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return null;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Parse to the flat encoded tree (`encode`), or the first syntax error. */
export function parsePythonEncoded(
  text: string,
): { tree: Int32Array } | { error: { message: string; line?: number } } {
  const tree = parserFor('python').parse(text);
  if (!tree) return { error: { message: 'the Python parser returned no tree' } };
  try {
    if (tree.rootNode.hasError) {
      const err = firstError(tree.rootNode);
      const line = err ? err.node.startPosition.row + 1 : undefined;
      const message = err?.missing
        ? `syntax error: missing ${err.node.type}`
        : `syntax error near ${JSON.stringify((err?.node.text ?? '').split('\n')[0]!.slice(0, 40))}`;
      return { error: { message, ...(line ? { line } : {}) } };
    }
    return { tree: encode(tree) };
  } finally {
    tree.delete();
  }
}

/** Lower an encoded tree of `text` (parsed here or on the parse-ahead thread). */
export function lowerPython(rel: string, text: string, encoded: Int32Array): ParseOutcome {
  const lang = parserFor('python').language;
  if (!lang) throw new Error('the Python parser has no language set');
  const { root, comments } = decode(encoded, text, lang);
  return { ir: new PythonLowerer(text).module(rel, root, comments) };
}

export function parsePython(rel: string, text: string): ParseOutcome {
  const r = parsePythonEncoded(text);
  return 'error' in r ? r : lowerPython(rel, text, r.tree);
}

export const pythonFrontend: Frontend = {
  id: 'python',
  extensions: ['.py'],
  grammar: 'python',
  parse: parsePython,
  lowerParsed: lowerPython,
};
