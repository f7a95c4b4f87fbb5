/**
 * A plain-object copy of a tree-sitter tree, made in one cursor walk. Reading nodes through
 * web-tree-sitter's `Node` API allocates an object and crosses into WebAssembly on every access;
 * the lowering reads each node several times, so copying the tree once first is about twice as
 * fast overall. Only what the lowering reads is kept: type, range, field name and children.
 */
import type { Tree } from 'web-tree-sitter';

const NO_CHILDREN: readonly SyntaxNode[] = Object.freeze([]);

export class SyntaxNode {
  /** Shared and frozen until a first child is added: most nodes are leaves. */
  children: readonly SyntaxNode[] = NO_CHILDREN;
  private named: SyntaxNode[] | null = null;

  constructor(
    private readonly source: string,
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field this node fills in its parent (`name`, `body`, …). */
    readonly field: string | null,
    readonly typeId: number,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): readonly SyntaxNode[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  childForFieldName(field: string): SyntaxNode | null {
    for (const c of this.children) if (c.field === field) return c;
    return null;
  }

  childrenForFieldName(field: string): SyntaxNode[] {
    return this.children.filter((c) => c.field === field);
  }

  add(child: SyntaxNode): void {
    if (this.children === NO_CHILDREN) this.children = [child];
    else (this.children as SyntaxNode[]).push(child);
  }
}

/** Named nodes without children: no need to ask for their first child. */
const LEAVES = [
  'identifier',
  'integer',
  'float',
  'string_content',
  'escape_sequence',
  'comment',
  'true',
  'false',
  'none',
  'string_start',
  'string_end',
  'ellipsis',
  'type_conversion',
  'keyword_separator',
  'positional_separator',
  'line_continuation',
];
/** Parents whose children the lowering reads by position, never by field name. */
const POSITIONAL_PARENTS = [
  'module',
  'block',
  'argument_list',
  'list',
  'tuple',
  'set',
  'dictionary',
  'expression_list',
  'parameters',
  'string',
  'concatenated_string',
  'decorator',
  'with_clause',
  'expression_statement',
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'parenthesized_expression',
  'comparison_operator',
  'list_splat',
  'dictionary_splat',
  'except_clause',
  'finally_clause',
  'global_statement',
  'nonlocal_statement',
  'import_statement',
  'dotted_name',
  'conditional_expression',
  'return_statement',
  'raise_statement',
  'await',
];

function idSet(lang: Tree['language'], names: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const n of names) {
    const id = lang.idForNodeType(n, true);
    if (id !== null) out.add(id);
  }
  return out;
}

/**
 * Copy the tree; comments (extras anywhere in the tree) are collected on the way. Punctuation and
 * keywords are dropped unless they fill a field (operators) or are `async`: the lowering reads no
 * others. Every WebAssembly call counts here (the copy costs about as much as parsing), so field
 * names are not asked for where the lowering never reads them, nor first children of leaves.
 */
export function snapshot(tree: Tree, source: string): { root: SyntaxNode; comments: SyntaxNode[] } {
  const c = tree.walk();
  const lang = tree.language;
  const types = lang.types;
  const fields = lang.fields;
  const asyncId = lang.idForNodeType('async', false);
  const leaves = idSet(lang, LEAVES);
  const positional = idSet(lang, POSITIONAL_PARENTS);
  const namedCache = new Map<number, boolean>();
  const comments: SyntaxNode[] = [];
  try {
    const make = (withField: boolean): SyntaxNode | null => {
      const id = c.nodeTypeId;
      let named = namedCache.get(id);
      if (named === undefined) namedCache.set(id, (named = lang.nodeTypeIsNamed(id)));
      const fieldId = withField ? c.currentFieldId : 0;
      if (!named && fieldId === 0 && id !== asyncId) return null;
      return new SyntaxNode(
        source,
        types[id] ?? 'ERROR',
        named,
        c.startIndex,
        c.endIndex,
        fieldId === 0 ? null : (fields[fieldId] ?? null),
        id,
      );
    };
    const root = make(false)!;
    if (!c.gotoFirstChild()) return { root, comments };
    // The stack holds the nodes whose children are being copied; iterative, so depth is unbounded.
    const stack: SyntaxNode[] = [root];
    let top = root;
    for (;;) {
      const n = make(!positional.has(top.typeId));
      if (n) {
        top.add(n);
        if (n.type === 'comment') comments.push(n);
        if (n.isNamed && !leaves.has(n.typeId) && c.gotoFirstChild()) {
          stack.push(n);
          top = n;
          continue;
        }
      }
      while (!c.gotoNextSibling()) {
        c.gotoParent();
        stack.pop();
        if (stack.length === 0) return { root, comments };
        top = stack[stack.length - 1]!;
      }
    }
  } finally {
    c.delete();
  }
}
