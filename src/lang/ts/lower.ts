/**
 * Lowers oxc's ESTree (JS, TS, JSX, TSX) into the shared IR. Unknown node types are not errors:
 * their child expressions are kept under `other` so taint still flows through syntax we do not model.
 */
import type {
  ClassIR,
  Comment,
  Expr,
  FunctionIR,
  ImportSpec,
  Loc,
  ModuleIR,
  Param,
  Pattern,
  Prop,
  Stmt,
  TypeRef,
} from '../../analysis/ir.js';
import { LineIndex } from '../line-index.js';

// The parser's AST is untyped JSON; nodes are narrowed by their `type` tag.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- oxc's ESTree JSON, narrowed by `type` tags
type Node = any;

/** Deeper nesting than this is cut off (kept as an opaque value) so pathological files cannot overflow the stack. */
const MAX_DEPTH = 300;

export class Lowerer {
  private readonly idx: LineIndex;
  private depth = 0;

  constructor(private readonly source: string) {
    this.idx = new LineIndex(source);
  }

  loc(n: Node): Loc {
    return this.idx.loc(n.start as number, n.end as number);
  }

  module(file: string, lang: 'ts' | 'js', program: Node, comments: Node[]): ModuleIR {
    const directives: string[] = [];
    for (const s of program.body as Node[]) {
      if (s.type === 'ExpressionStatement' && typeof s.directive === 'string') directives.push(s.directive);
      else break;
    }
    const body = this.stmts(program.body);
    const cs: Comment[] = comments.map((c: Node) => {
      const l = this.loc(c);
      return { text: c.value as string, line: l.line, endLine: l.endLine };
    });
    const idx = this.idx;
    let lines: string[] | undefined;
    // Split into lines only when a rule or a finding needs them (most files need none).
    return {
      file,
      lang,
      body,
      comments: cs,
      directives,
      lineCount: idx.lineCount,
      get lines(): string[] {
        return (lines ??= idx.lines());
      },
    };
  }

  stmts(list: Node[]): Stmt[] {
    const out: Stmt[] = [];
    if (!list) return out;
    for (const s of list) this.stmt(s, out);
    return out;
  }

  private block(n: Node): Stmt[] {
    if (!n) return [];
    if (n.type === 'BlockStatement') return this.stmts(n.body);
    const out: Stmt[] = [];
    this.stmt(n, out);
    return out;
  }

  stmt(n: Node, out: Stmt[]): void {
    if (this.depth >= MAX_DEPTH) return;
    this.depth++;
    try {
      this.stmtInner(n, out);
    } finally {
      this.depth--;
    }
  }

  private stmtInner(n: Node, out: Stmt[]): void {
    const loc = this.loc(n);
    switch (n.type) {
      case 'ExpressionStatement':
        out.push({ k: 'expr', expr: this.expr(n.expression), loc });
        return;
      case 'VariableDeclaration':
        // `declare const heap: …` describes a global; binding it would hide the global.
        if (n.declare) return;
        for (const d of n.declarations as Node[]) {
          const pattern = this.pattern(d.id);
          const type = this.typeOf(d.id.typeAnnotation);
          out.push({
            k: 'decl',
            pattern,
            ...(d.init ? { init: this.expr(d.init) } : {}),
            ...(type ? { type } : {}),
            loc: this.loc(d),
          });
        }
        return;
      case 'FunctionDeclaration':
      case 'TSDeclareFunction':
        if (n.body) out.push({ k: 'func', fn: this.fn(n), loc });
        return;
      case 'ClassDeclaration':
        out.push({ k: 'class', cls: this.cls(n), loc });
        return;
      case 'ReturnStatement':
        out.push({ k: 'return', ...(n.argument ? { arg: this.expr(n.argument) } : {}), loc });
        return;
      case 'ThrowStatement':
        out.push({ k: 'throw', arg: this.expr(n.argument), loc });
        return;
      case 'IfStatement':
        out.push({
          k: 'if',
          test: this.expr(n.test),
          then: this.block(n.consequent),
          ...(n.alternate ? { else: this.block(n.alternate) } : {}),
          loc,
        });
        return;
      case 'ForStatement': {
        const body: Stmt[] = [];
        if (n.init) {
          if (n.init.type === 'VariableDeclaration') this.stmt(n.init, out);
          else out.push({ k: 'expr', expr: this.expr(n.init), loc });
        }
        body.push(...this.block(n.body));
        if (n.update) body.push({ k: 'expr', expr: this.expr(n.update), loc });
        out.push({ k: 'loop', ...(n.test ? { test: this.expr(n.test) } : {}), body, loc });
        return;
      }
      case 'ForOfStatement':
      case 'ForInStatement': {
        const left = n.left.type === 'VariableDeclaration' ? n.left.declarations[0].id : n.left;
        out.push({
          k: 'loop',
          each: { pattern: this.pattern(left), iter: this.expr(n.right), of: n.type === 'ForOfStatement' },
          body: this.block(n.body),
          loc,
        });
        return;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
        out.push({ k: 'loop', test: this.expr(n.test), body: this.block(n.body), loc });
        return;
      case 'BlockStatement':
      case 'StaticBlock':
        out.push({ k: 'block', body: this.stmts(n.body), loc });
        return;
      case 'TryStatement':
        out.push({
          k: 'try',
          body: this.block(n.block),
          ...(n.handler?.param ? { param: this.pattern(n.handler.param) } : {}),
          ...(n.handler ? { handler: this.block(n.handler.body) } : {}),
          ...(n.finalizer ? { finalizer: this.block(n.finalizer) } : {}),
          loc,
        });
        return;
      case 'SwitchStatement': {
        out.push({ k: 'expr', expr: this.expr(n.discriminant), loc });
        const body: Stmt[] = [];
        for (const c of n.cases as Node[]) {
          if (c.test) body.push({ k: 'expr', expr: this.expr(c.test), loc: this.loc(c) });
          body.push(...this.stmts(c.consequent));
        }
        out.push({ k: 'block', body, loc });
        return;
      }
      case 'LabeledStatement':
        this.stmt(n.body, out);
        return;
      case 'ImportDeclaration': {
        const allTypes = n.importKind === 'type';
        const specs: ImportSpec[] = [];
        for (const s of n.specifiers as Node[]) {
          const typeOnly = allTypes || s.importKind === 'type' ? { typeOnly: true } : {};
          if (s.type === 'ImportDefaultSpecifier')
            specs.push({ local: s.local.name, imported: 'default', ...typeOnly });
          else if (s.type === 'ImportNamespaceSpecifier')
            specs.push({ local: s.local.name, imported: '*', ...typeOnly });
          else specs.push({ local: s.local.name, imported: nameOf(s.imported), ...typeOnly });
        }
        out.push({ k: 'import', source: String(n.source.value), specs, loc });
        return;
      }
      case 'ExportNamedDeclaration': {
        if (n.source) {
          out.push({
            k: 'reexport',
            source: String(n.source.value),
            specs: (n.specifiers as Node[]).map((s) => ({
              exported: nameOf(s.exported),
              imported: nameOf(s.local),
            })),
            loc,
          });
          return;
        }
        if (n.declaration) {
          const before = out.length;
          this.stmt(n.declaration, out);
          for (const s of out.slice(before))
            for (const name of declaredNames(s)) out.push({ k: 'export', exported: name, local: name, loc });
          return;
        }
        for (const s of n.specifiers as Node[])
          out.push({ k: 'export', exported: nameOf(s.exported), local: nameOf(s.local), loc });
        return;
      }
      case 'ExportDefaultDeclaration': {
        const d = n.declaration;
        if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
          this.stmt(d, out);
          out.push({ k: 'export', exported: 'default', local: d.id.name, loc });
        } else if (d.type === 'FunctionDeclaration') {
          out.push({
            k: 'export',
            exported: 'default',
            local: null,
            expr: { k: 'func', fn: this.fn(d), loc: this.loc(d) },
            loc,
          });
        } else if (d.type === 'ClassDeclaration') {
          out.push({
            k: 'export',
            exported: 'default',
            local: null,
            expr: { k: 'class', cls: this.cls(d), loc: this.loc(d) },
            loc,
          });
        } else {
          out.push({ k: 'export', exported: 'default', local: null, expr: this.expr(d), loc });
        }
        return;
      }
      case 'ExportAllDeclaration':
        out.push({
          k: 'reexport',
          source: String(n.source.value),
          specs: [{ exported: '*', imported: '*' }],
          loc,
        });
        return;
      case 'TSExportAssignment':
        out.push({ k: 'export', exported: 'default', local: null, expr: this.expr(n.expression), loc });
        return;
      case 'TSModuleDeclaration':
        if (n.body?.type === 'TSModuleBlock') out.push({ k: 'block', body: this.stmts(n.body.body), loc });
        return;
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration':
      case 'TSEnumDeclaration':
      case 'TSImportEqualsDeclaration':
      case 'EmptyStatement':
      case 'DebuggerStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
        return;
      default: {
        const children = this.childExprs(n);
        if (children.length) out.push({ k: 'expr', expr: { k: 'other', children, loc }, loc });
      }
    }
  }

  fn(n: Node): FunctionIR {
    const params: Param[] = [];
    for (const p of (n.params ?? []) as Node[]) {
      const inner = p.type === 'TSParameterProperty' ? p.parameter : p;
      const rest = inner.type === 'RestElement';
      const pat = this.pattern(inner);
      const type = this.typeOf(
        inner.typeAnnotation ?? (inner.type === 'AssignmentPattern' ? inner.left?.typeAnnotation : undefined),
      );
      params.push({ pattern: pat, ...(type ? { type } : {}), ...(rest ? { rest } : {}) });
    }
    let body: Stmt[];
    const directives: string[] = [];
    if (n.body?.type === 'BlockStatement' || n.body?.type === 'FunctionBody') {
      for (const s of n.body.body as Node[]) {
        if (s.type === 'ExpressionStatement' && typeof s.directive === 'string') directives.push(s.directive);
        else break;
      }
      body = this.stmts(n.body.body);
    } else if (n.body) {
      const e = this.expr(n.body);
      body = [{ k: 'return', arg: e, loc: e.loc }];
    } else body = [];
    const returnType = this.typeOf(n.returnType);
    return {
      ...(n.id?.name ? { name: n.id.name as string } : {}),
      params,
      body,
      isAsync: Boolean(n.async),
      directives,
      loc: this.loc(n),
      ...(returnType ? { returnType } : {}),
    };
  }

  cls(n: Node): ClassIR {
    const methods: ClassIR['methods'] = [];
    const fields: ClassIR['fields'] = [];
    for (const m of (n.body?.body ?? []) as Node[]) {
      const name = m.computed ? null : m.key ? nameOf(m.key) : null;
      if (m.type === 'MethodDefinition' || m.type === 'TSAbstractMethodDefinition') {
        if (m.value?.body)
          methods.push({
            name,
            fn: { ...this.fn(m.value), ...(name ? { name } : {}) },
            isStatic: Boolean(m.static),
          });
      } else if (m.type === 'PropertyDefinition' || m.type === 'AccessorProperty') {
        const type = this.typeOf(m.typeAnnotation);
        fields.push({
          name,
          ...(m.value ? { value: this.expr(m.value) } : {}),
          ...(type ? { type } : {}),
          loc: this.loc(m),
        });
      } else if (m.type === 'StaticBlock') {
        methods.push({
          name: null,
          fn: { params: [], body: this.stmts(m.body), isAsync: false, directives: [], loc: this.loc(m) },
          isStatic: true,
        });
      }
    }
    return {
      ...(n.id?.name ? { name: n.id.name as string } : {}),
      ...(n.superClass ? { superClass: this.expr(n.superClass) } : {}),
      methods,
      fields,
      loc: this.loc(n),
    };
  }

  pattern(n: Node): Pattern {
    const loc = this.loc(n);
    if (this.depth >= MAX_DEPTH) return { k: 'pexpr', expr: { k: 'other', children: [], loc }, loc };
    switch (n.type) {
      case 'Identifier': {
        const type = this.typeOf(n.typeAnnotation);
        return { k: 'pname', name: n.name, ...(type ? { type } : {}), loc };
      }
      case 'ObjectPattern': {
        const props: { key: string | null; value: Pattern }[] = [];
        let rest: Pattern | undefined;
        for (const p of n.properties as Node[]) {
          if (p.type === 'RestElement') rest = this.pattern(p.argument);
          else props.push({ key: p.computed ? null : nameOf(p.key), value: this.pattern(p.value) });
        }
        return { k: 'pobject', props, ...(rest ? { rest } : {}), loc };
      }
      case 'ArrayPattern': {
        let rest: Pattern | undefined;
        const elements: (Pattern | null)[] = [];
        for (const e of n.elements as Node[]) {
          if (e && e.type === 'RestElement') rest = this.pattern(e.argument);
          else elements.push(e ? this.pattern(e) : null);
        }
        return { k: 'parray', elements, ...(rest ? { rest } : {}), loc };
      }
      case 'AssignmentPattern':
        return { k: 'pdefault', pattern: this.pattern(n.left), init: this.expr(n.right), loc };
      case 'RestElement':
        return this.pattern(n.argument);
      case 'TSParameterProperty':
        return this.pattern(n.parameter);
      default:
        return { k: 'pexpr', expr: this.expr(n), loc };
    }
  }

  typeOf(ann: Node): TypeRef | undefined {
    if (!ann) return undefined;
    const names: string[] = [];
    collectTypeNames(ann.type === 'TSTypeAnnotation' ? ann.typeAnnotation : ann, names, 0);
    return names.length ? { names } : undefined;
  }

  expr(n: Node): Expr {
    if (this.depth >= MAX_DEPTH) return { k: 'other', children: [], loc: this.loc(n) };
    this.depth++;
    try {
      return this.exprInner(n);
    } finally {
      this.depth--;
    }
  }

  private exprInner(n: Node): Expr {
    const loc = this.loc(n);
    switch (n.type) {
      case 'Identifier':
        return n.name === 'undefined' ? { k: 'lit', value: null, loc } : { k: 'name', name: n.name, loc };
      case 'ThisExpression':
      case 'Super':
        return { k: 'this', loc };
      case 'Literal':
        if (n.regex) return { k: 'lit', value: String(n.regex.pattern), regex: true, loc };
        return {
          k: 'lit',
          value:
            typeof n.value === 'bigint' ? Number(n.value) : (n.value as string | number | boolean | null),
          loc,
        };
      case 'TemplateLiteral':
        return {
          k: 'template',
          quasis: (n.quasis as Node[]).map((q) => (q.value?.cooked ?? q.value?.raw ?? '') as string),
          exprs: (n.expressions as Node[]).map((e) => this.expr(e)),
          loc,
        };
      case 'TaggedTemplateExpression': {
        const t = this.expr(n.quasi);
        return t.k === 'template' ? { ...t, tag: this.expr(n.tag), loc } : t;
      }
      case 'MemberExpression': {
        const object = this.expr(n.object);
        if (!n.computed) return { k: 'member', object, prop: nameOf(n.property), loc };
        const p = n.property;
        if (p.type === 'Literal' && (typeof p.value === 'string' || typeof p.value === 'number'))
          return { k: 'member', object, prop: String(p.value), loc };
        return { k: 'member', object, prop: null, propExpr: this.expr(p), loc };
      }
      case 'CallExpression':
      case 'NewExpression': {
        // useState<Patient>(), get<Observation[]>(url): the type argument types the result.
        const typeArgs = n.typeArguments
          ? this.typeOf({
              type: 'TSTypeAnnotation',
              typeAnnotation: { type: 'TSUnionType', types: n.typeArguments.params },
            })
          : undefined;
        return {
          k: 'call',
          callee: this.expr(n.callee),
          args: (n.arguments as Node[]).map((a) => this.expr(a)),
          isNew: n.type === 'NewExpression',
          ...(typeArgs ? { typeArgs } : {}),
          loc,
        };
      }
      case 'ImportExpression':
        return {
          k: 'call',
          callee: { k: 'name', name: 'import', loc },
          args: [this.expr(n.source)],
          isNew: false,
          loc,
        };
      case 'ChainExpression':
      case 'ParenthesizedExpression':
      case 'TSNonNullExpression':
      case 'TSInstantiationExpression':
        return this.expr(n.expression);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion': {
        const type = this.typeOf(n.typeAnnotation);
        const inner = this.expr(n.expression);
        return type ? { k: 'cast', expr: inner, type, loc } : inner;
      }
      case 'ObjectExpression': {
        const props: Prop[] = [];
        for (const p of n.properties as Node[]) {
          if (p.type === 'SpreadElement') {
            props.push({ key: null, value: this.expr(p.argument), spread: true, loc: this.loc(p) });
            continue;
          }
          const value =
            p.value.type === 'FunctionExpression' || p.value.type === 'ArrowFunctionExpression'
              ? {
                  k: 'func' as const,
                  fn: { ...this.fn(p.value), ...(p.computed ? {} : { name: nameOf(p.key) }) },
                  loc: this.loc(p.value),
                }
              : this.expr(p.value);
          if (p.computed) props.push({ key: null, keyExpr: this.expr(p.key), value, loc: this.loc(p) });
          else props.push({ key: nameOf(p.key), value, loc: this.loc(p) });
        }
        return { k: 'object', props, loc };
      }
      case 'ArrayExpression':
        return {
          k: 'array',
          elements: (n.elements as Node[]).filter(Boolean).map((e) => this.expr(e)),
          loc,
        };
      case 'SpreadElement':
        return { k: 'spread', arg: this.expr(n.argument), loc };
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return { k: 'func', fn: this.fn(n), loc };
      case 'ClassExpression':
        return { k: 'class', cls: this.cls(n), loc };
      case 'BinaryExpression':
        return { k: 'binary', op: n.operator, left: this.expr(n.left), right: this.expr(n.right), loc };
      case 'LogicalExpression':
        return { k: 'logical', op: n.operator, left: this.expr(n.left), right: this.expr(n.right), loc };
      case 'ConditionalExpression':
        return {
          k: 'cond',
          test: this.expr(n.test),
          then: this.expr(n.consequent),
          else: this.expr(n.alternate),
          loc,
        };
      case 'UnaryExpression':
        return { k: 'unary', op: n.operator, arg: this.expr(n.argument), loc };
      case 'UpdateExpression':
        return { k: 'unary', op: n.operator, arg: this.expr(n.argument), loc };
      case 'AwaitExpression':
      case 'YieldExpression':
        return n.argument ? { k: 'await', arg: this.expr(n.argument), loc } : { k: 'lit', value: null, loc };
      case 'AssignmentExpression':
        return { k: 'assign', target: this.pattern(n.left), op: n.operator, value: this.expr(n.right), loc };
      case 'SequenceExpression':
        return { k: 'seq', exprs: (n.expressions as Node[]).map((e) => this.expr(e)), loc };
      case 'JSXElement':
      case 'JSXFragment':
        return { k: 'other', children: this.jsxChildren(n), loc };
      default:
        return { k: 'other', children: this.childExprs(n), loc };
    }
  }

  private jsxChildren(n: Node): Expr[] {
    const out: Expr[] = [];
    const visit = (x: Node): void => {
      if (!x || typeof x !== 'object') return;
      if (x.type === 'JSXExpressionContainer') {
        if (x.expression && x.expression.type !== 'JSXEmptyExpression') out.push(this.expr(x.expression));
        return;
      }
      if (x.type === 'JSXSpreadAttribute') {
        out.push(this.expr(x.argument));
        return;
      }
      for (const key of ['openingElement', 'attributes', 'children', 'value']) {
        const v = x[key];
        if (Array.isArray(v)) v.forEach(visit);
        else if (v && typeof v === 'object' && key !== 'value') visit(v);
        else if (key === 'value' && v && typeof v === 'object' && v.type) {
          if (v.type === 'JSXElement' || v.type === 'JSXFragment') out.push(this.expr(v));
          else visit(v);
        }
      }
      if (x.type === 'JSXElement' || x.type === 'JSXFragment') return;
    };
    visit(n);
    return out;
  }

  /** Child expressions of a node we do not model: taint still flows through them. */
  private childExprs(n: Node): Expr[] {
    const out: Expr[] = [];
    for (const key of Object.keys(n)) {
      if (
        key === 'type' ||
        key === 'start' ||
        key === 'end' ||
        key === 'typeAnnotation' ||
        key === 'typeArguments'
      )
        continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (const c of v)
          if (c && typeof c === 'object' && typeof c.type === 'string' && !c.type.startsWith('TS'))
            out.push(this.expr(c));
      } else if (v && typeof v === 'object' && typeof v.type === 'string' && !v.type.startsWith('TS'))
        out.push(this.expr(v));
    }
    return out;
  }
}

function nameOf(n: Node): string {
  if (!n) return '';
  if (n.type === 'Identifier' || n.type === 'PrivateIdentifier' || n.type === 'JSXIdentifier')
    return n.name as string;
  if (n.type === 'Literal') return String(n.value);
  return '';
}

function collectTypeNames(t: Node, out: string[], depth: number): void {
  if (!t || depth > 6) return;
  switch (t.type) {
    case 'TSTypeReference': {
      out.push(qualifiedName(t.typeName));
      for (const a of (t.typeArguments?.params ?? []) as Node[]) collectTypeNames(a, out, depth + 1);
      return;
    }
    case 'TSArrayType':
      collectTypeNames(t.elementType, out, depth + 1);
      return;
    case 'TSUnionType':
    case 'TSIntersectionType':
      for (const x of t.types as Node[]) collectTypeNames(x, out, depth + 1);
      return;
    case 'TSTypeOperator':
    case 'TSParenthesizedType':
    case 'TSOptionalType':
      collectTypeNames(t.typeAnnotation, out, depth + 1);
      return;
    default:
      return;
  }
}

function qualifiedName(n: Node): string {
  if (!n) return '';
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'TSQualifiedName') return `${qualifiedName(n.left)}.${nameOf(n.right)}`;
  return '';
}

function declaredNames(s: Stmt): string[] {
  if (s.k === 'func') return s.fn.name ? [s.fn.name] : [];
  if (s.k === 'class') return s.cls.name ? [s.cls.name] : [];
  if (s.k === 'decl') return patternNames(s.pattern);
  return [];
}

export function patternNames(p: Pattern): string[] {
  switch (p.k) {
    case 'pname':
      return [p.name];
    case 'pobject':
      return [...p.props.flatMap((x) => patternNames(x.value)), ...(p.rest ? patternNames(p.rest) : [])];
    case 'parray':
      return [
        ...p.elements.flatMap((x) => (x ? patternNames(x) : [])),
        ...(p.rest ? patternNames(p.rest) : []),
      ];
    case 'pdefault':
      return patternNames(p.pattern);
    case 'pexpr':
      return [];
  }
}
