/**
 * Terraform (HCL) files read into a small typed model: blocks with their labels, attributes (as a
 * little expression tree, each with its position) and nested blocks. tree-sitter does the parsing;
 * this module only lowers its concrete tree into shapes the evaluator and the rules can match on,
 * then frees the tree (it lives in WebAssembly memory).
 */
import type { Node } from 'web-tree-sitter';
import type { Loc } from '../../analysis/ir.js';
import { parserFor } from '../tree-sitter.js';

/** An attribute name, an index, `'*'` for a splat (never an attribute name), or a computed index. */
export type TfPathStep = string | number | { expr: TfExpr };

export type TfExpr = (
  | { k: 'lit'; value: string | number | boolean | null }
  /** A quoted string or heredoc with `${...}` parts; literal parts are raw source text. */
  | { k: 'template'; parts: (string | TfExpr)[] }
  /** `var.x`, `local.y`, `aws_s3_bucket.logs.id`, `each.value`, `count.index`, `data.x.y.json`. */
  | { k: 'ref'; root: string; path: TfPathStep[] }
  | { k: 'tuple'; items: TfExpr[] }
  | { k: 'object'; entries: { key: string | TfExpr; value: TfExpr }[] }
  | { k: 'call'; name: string; args: TfExpr[] }
  | { k: 'cond'; test: TfExpr; then: TfExpr; else: TfExpr }
  | { k: 'unary'; op: string; arg: TfExpr }
  | { k: 'binary'; op: string; left: TfExpr; right: TfExpr }
  /** A postfix access on something that is not a plain reference (`f(x)[0]`, `(a).b`). */
  | { k: 'access'; target: TfExpr; path: TfPathStep[] }
  /** For expressions, splats on calls, template directives: never evaluated. */
  | { k: 'opaque' }
) & { loc: Loc; text: string };

export interface TfAttr {
  name: string;
  expr: TfExpr;
  loc: Loc;
}

export interface TfBlock {
  /** `resource`, `module`, `ingress`, … For a `dynamic "ingress"` block: `ingress`. */
  type: string;
  labels: string[];
  attrs: ReadonlyMap<string, TfAttr>;
  blocks: readonly TfBlock[];
  file: string;
  /** The block's header (its type keyword through the labels). */
  loc: Loc;
  /** A `dynamic` block: generated once per element of `forEach`; its attributes are the content's. */
  dynamic?: { forEach: TfExpr | null };
}

export interface TfFile {
  file: string;
  blocks: readonly TfBlock[];
  /** Top-level attributes: the assignments of a `.tfvars` file. */
  attrs: ReadonlyMap<string, TfAttr>;
}

export type TfParse = { ok: true; file: TfFile } | { ok: false; message: string; line: number };

export function parseTerraform(file: string, text: string): TfParse {
  const tree = parserFor('terraform').parse(text);
  if (!tree) return { ok: false, message: 'Terraform file could not be parsed', line: 1 };
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const bad = firstError(root);
      const line = (bad ?? root).startPosition.row + 1;
      const what = bad?.isMissing ? `missing ${bad.type}` : 'unexpected syntax';
      return { ok: false, message: `HCL syntax error (${what}) at line ${line}`, line };
    }
    const body = root.namedChildren.find((c) => c.type === 'body');
    const lower = new Lowering(file, text);
    try {
      return {
        ok: true,
        file: {
          file,
          blocks: body ? lower.blocksOf(body) : [],
          attrs: body ? lower.attrsOf(body) : new Map(),
        },
      };
    } catch (err) {
      if (!(err instanceof TooDeep)) throw err;
      return { ok: false, message: `expression nested more than ${MAX_NESTING} levels deep`, line: err.line };
    }
  } finally {
    tree.delete();
  }
}

function firstError(n: Node): Node | null {
  if (n.isError || n.isMissing) return n;
  for (const c of n.children) if (c.hasError || c.isMissing) return firstError(c) ?? c;
  return null;
}

function locOf(n: Node): Loc {
  return {
    line: n.startPosition.row + 1,
    column: n.startPosition.column + 1,
    endLine: n.endPosition.row + 1,
    endColumn: n.endPosition.column + 1,
  };
}

const named = (n: Node): Node[] => n.namedChildren.filter((c) => c.type !== 'comment');
const POSTFIX = new Set(['get_attr', 'index', 'splat']);

/**
 * Lowering recurses with the tree; configuration nests a few levels, so anything past this is a
 * generated or hostile file, reported like a syntax error instead of overflowing the stack.
 */
const MAX_NESTING = 1000;

class TooDeep extends Error {
  constructor(readonly line: number) {
    super('too deep');
  }
}

class Lowering {
  private depth = 0;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  blocksOf(body: Node): TfBlock[] {
    return named(body)
      .filter((c) => c.type === 'block')
      .map((b) => this.block(b));
  }

  attrsOf(body: Node): Map<string, TfAttr> {
    const out = new Map<string, TfAttr>();
    for (const c of named(body)) {
      if (c.type !== 'attribute') continue;
      const [id, value] = named(c);
      if (!id || !value) continue;
      out.set(id.text, { name: id.text, expr: this.expr(value), loc: locOf(c) });
    }
    return out;
  }

  private block(n: Node): TfBlock {
    const kids = named(n);
    const type = kids[0]?.text ?? '';
    const labels = kids
      .filter((c) => c.type === 'string_lit' || (c.type === 'identifier' && c !== kids[0]))
      .map((c) => (c.type === 'string_lit' ? unquote(stringContent(c, this.text)) : c.text));
    const body = kids.find((c) => c.type === 'body');
    const lastLabel = kids.filter((c) => c.type === 'string_lit' || c.type === 'identifier').pop() ?? n;
    const loc: Loc = {
      ...locOf(n),
      endLine: locOf(lastLabel).endLine,
      endColumn: locOf(lastLabel).endColumn,
    };
    const attrs = body ? this.attrsOf(body) : new Map<string, TfAttr>();
    const blocks = body ? this.blocksOf(body) : [];
    if (type === 'dynamic') {
      const content = blocks.find((b) => b.type === 'content');
      return {
        type: labels[0] ?? 'dynamic',
        labels: [],
        attrs: content?.attrs ?? new Map(),
        blocks: content?.blocks ?? [],
        file: this.file,
        loc,
        dynamic: { forEach: attrs.get('for_each')?.expr ?? null },
      };
    }
    return { type, labels, attrs, blocks, file: this.file, loc };
  }

  expr(n: Node): TfExpr {
    if (this.depth >= MAX_NESTING) throw new TooDeep(n.startPosition.row + 1);
    this.depth++;
    try {
      return this.lower(n);
    } finally {
      this.depth--;
    }
  }

  private lower(n: Node): TfExpr {
    const loc = locOf(n);
    const text = n.text;
    const mk = <E extends Omit<TfExpr, 'loc' | 'text'>>(e: E): TfExpr => ({ ...e, loc, text }) as TfExpr;
    switch (n.type) {
      case 'expression': {
        const [head, ...post] = named(n);
        return head ? this.postfixed(head, post, loc, text) : mk({ k: 'opaque' });
      }
      case 'variable_expr':
        return this.ref(n, [], loc, text);
      case 'literal_value':
        return this.expr(named(n)[0] ?? n);
      case 'numeric_lit':
        return mk({ k: 'lit', value: Number(text) });
      case 'bool_lit':
        return mk({ k: 'lit', value: text === 'true' });
      case 'null_lit':
        return mk({ k: 'lit', value: null });
      case 'string_lit':
        return mk({ k: 'lit', value: unquote(stringContent(n, this.text)) });
      case 'template_expr':
        return this.expr(named(n)[0] ?? n);
      case 'quoted_template':
      case 'heredoc_template':
        return this.template(n, loc, text);
      case 'collection_value':
        return this.expr(named(n)[0] ?? n);
      case 'tuple':
        return mk({
          k: 'tuple',
          items: named(n)
            .filter((c) => c.type === 'expression')
            .map((c) => this.expr(c)),
        });
      case 'object':
        return mk({
          k: 'object',
          entries: named(n)
            .filter((c) => c.type === 'object_elem')
            .map((e) => {
              const key = e.childForFieldName('key');
              const val = e.childForFieldName('val');
              return {
                key: key ? this.objectKey(key) : '',
                value: val ? this.expr(val) : mk({ k: 'opaque' }),
              };
            }),
        });
      case 'function_call': {
        const [id, args] = named(n);
        const list = args
          ? named(args)
              .filter((c) => c.type === 'expression')
              .map((c) => this.expr(c))
          : [];
        return mk({ k: 'call', name: id?.text ?? '', args: list });
      }
      case 'conditional': {
        const [a, b, c] = named(n);
        if (!a || !b || !c) return mk({ k: 'opaque' });
        return mk({ k: 'cond', test: this.expr(a), then: this.expr(b), else: this.expr(c) });
      }
      case 'operation':
        return this.expr(named(n)[0] ?? n);
      case 'unary_operation': {
        const [arg] = this.operands(n);
        const op = n.children.find((c) => !c.isNamed)?.text ?? '';
        return arg ? mk({ k: 'unary', op, arg }) : mk({ k: 'opaque' });
      }
      case 'binary_operation': {
        const [l, r] = this.operands(n);
        const op = n.children.find((c) => !c.isNamed)?.text ?? '';
        return l && r ? mk({ k: 'binary', op, left: l, right: r }) : mk({ k: 'opaque' });
      }
      default:
        return mk({ k: 'opaque' });
    }
  }

  /** A term with its attribute accesses, indexes and splats (`aws_s3_bucket.b[0].id`). */
  private postfixed(head: Node, post: readonly Node[], loc: Loc, text: string): TfExpr {
    if (post.length === 0)
      return head.type === 'variable_expr' ? this.ref(head, [], loc, text) : this.expr(head);
    const steps = post.flatMap((p) => this.steps(p));
    if (head.type === 'variable_expr') return this.ref(head, steps, loc, text);
    return { k: 'access', target: this.expr(head), path: steps, loc, text };
  }

  /**
   * The operands of an operation. The grammar does not wrap them in expressions: a term is
   * followed by its postfix accesses as siblings (`!var.on` is `!`, variable_expr, get_attr).
   */
  private operands(n: Node): TfExpr[] {
    const groups: Node[][] = [];
    for (const c of named(n)) {
      if (POSTFIX.has(c.type) && groups.length > 0) groups.at(-1)!.push(c);
      else groups.push([c]);
    }
    return groups.map(([head, ...post]) => {
      const last = post.at(-1) ?? head!;
      const loc: Loc = { ...locOf(head!), endLine: locOf(last).endLine, endColumn: locOf(last).endColumn };
      return this.postfixed(head!, post, loc, this.text.slice(head!.startIndex, last.endIndex));
    });
  }

  /** An object key: a bare identifier is a string (`Name = …`), anything else an expression. */
  private objectKey(key: Node): string | TfExpr {
    const kids = named(key);
    const only = kids.length === 1 ? kids[0] : undefined;
    if (key.type === 'expression' && only?.type === 'variable_expr') return only.text;
    const e = this.expr(key);
    return e.k === 'lit' && typeof e.value === 'string' ? e.value : e;
  }

  private ref(v: Node, path: TfPathStep[], loc: Loc, text: string): TfExpr {
    return { k: 'ref', root: v.text, path, loc, text };
  }

  private steps(p: Node): TfPathStep[] {
    switch (p.type) {
      case 'get_attr':
        return [named(p)[0]?.text ?? ''];
      case 'index': {
        const inner = named(p)[0];
        if (inner?.type === 'legacy_index') return [Number(inner.text.replace(/^\./, ''))];
        const e = inner ? named(inner)[0] : undefined;
        if (!e) return ['*'];
        const ex = this.expr(e);
        return [
          ex.k === 'lit' && (typeof ex.value === 'number' || typeof ex.value === 'string')
            ? ex.value
            : { expr: ex },
        ];
      }
      case 'splat': {
        const inner = named(p)[0];
        return ['*', ...(inner ? named(inner).flatMap((c) => this.steps(c)) : [])];
      }
      default:
        return ['*'];
    }
  }

  private template(n: Node, loc: Loc, text: string): TfExpr {
    const parts: (string | TfExpr)[] = [];
    const kids = n.children;
    const heredoc = n.type === 'heredoc_template';
    // Literal text is taken from the source between interpolations, so whitespace survives.
    let cursor = heredoc ? this.heredocBodyStart(n) : (kids[0]?.endIndex ?? n.startIndex);
    const end = heredoc ? (kids.at(-1)?.startIndex ?? n.endIndex) : (kids.at(-1)?.startIndex ?? n.endIndex);
    for (const c of kids) {
      if (c.type !== 'template_interpolation' && c.type !== 'template_directive') continue;
      if (c.startIndex > cursor) parts.push(this.text.slice(cursor, c.startIndex));
      if (c.type === 'template_interpolation') {
        const e = named(c).find((x) => x.type === 'expression');
        parts.push(e ? this.expr(e) : { k: 'opaque', loc: locOf(c), text: c.text });
      } else parts.push({ k: 'opaque', loc: locOf(c), text: c.text });
      cursor = c.endIndex;
    }
    if (end > cursor) parts.push(this.text.slice(cursor, end));
    const literal = parts.map((p) => (typeof p === 'string' ? (heredoc ? p : unquote(p)) : p));
    if (literal.every((p) => typeof p === 'string')) return { k: 'lit', value: literal.join(''), loc, text };
    return { k: 'template', parts: literal, loc, text };
  }

  private heredocBodyStart(n: Node): number {
    const id = n.children.find((c) => c.type === 'heredoc_identifier');
    const after = id ? id.endIndex : n.startIndex;
    const nl = this.text.indexOf('\n', after);
    return nl < 0 ? after : nl + 1;
  }
}

/** The raw text between a string literal's quotes. */
function stringContent(n: Node, text: string): string {
  const kids = n.children;
  const start = kids[0]?.endIndex ?? n.startIndex;
  const end = kids.at(-1)?.startIndex ?? n.endIndex;
  return text.slice(start, end);
}

/** HCL string escapes (the ones configuration actually uses). */
function unquote(raw: string): string {
  return raw.replace(/\\(["\\nrt])|\$\$\{|%%\{/g, (m, c: string | undefined) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    return c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : (c ?? '');
  });
}

/** The first label of a block as its type (`aws_s3_bucket`), the second as its name. */
export function blockAddress(b: TfBlock): string {
  if (b.type === 'resource') return `${b.labels[0] ?? ''}.${b.labels[1] ?? ''}`;
  if (b.type === 'data') return `data.${b.labels[0] ?? ''}.${b.labels[1] ?? ''}`;
  if (b.type === 'module') return `module.${b.labels[0] ?? ''}`;
  return [b.type, ...b.labels].join('.');
}
