/**
 * The shared intermediate representation. Every language frontend lowers to this, so the dataflow
 * engine, PHI model and rules are written once. It keeps only what taint analysis and the rules
 * need: values, calls, members, literals, functions, bindings and control structure. Anything a
 * frontend does not model becomes `other`, whose children are still analysed.
 */

export interface Loc {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A type annotation reduced to the names it mentions (`fhir4.Patient[]` → ['fhir4.Patient']). */
export interface TypeRef {
  names: string[];
}

export type Expr =
  | { k: 'name'; name: string; loc: Loc }
  | { k: 'this'; loc: Loc }
  | { k: 'lit'; value: string | number | boolean | null; regex?: boolean; loc: Loc }
  | { k: 'template'; quasis: string[]; exprs: Expr[]; tag?: Expr; loc: Loc }
  | { k: 'member'; object: Expr; prop: string | null; propExpr?: Expr; loc: Loc }
  | { k: 'call'; callee: Expr; args: Expr[]; isNew: boolean; typeArgs?: TypeRef; loc: Loc }
  | { k: 'object'; props: Prop[]; loc: Loc }
  | { k: 'array'; elements: Expr[]; loc: Loc }
  | { k: 'spread'; arg: Expr; loc: Loc }
  | { k: 'func'; fn: FunctionIR; loc: Loc }
  | { k: 'binary'; op: string; left: Expr; right: Expr; loc: Loc }
  | { k: 'logical'; op: string; left: Expr; right: Expr; loc: Loc }
  | { k: 'cond'; test: Expr; then: Expr; else: Expr; loc: Loc }
  | { k: 'unary'; op: string; arg: Expr; loc: Loc }
  | { k: 'await'; arg: Expr; loc: Loc }
  | { k: 'assign'; target: Pattern; op: string; value: Expr; loc: Loc }
  | { k: 'seq'; exprs: Expr[]; loc: Loc }
  | { k: 'cast'; expr: Expr; type: TypeRef; loc: Loc }
  | { k: 'class'; cls: ClassIR; loc: Loc }
  | { k: 'other'; children: Expr[]; loc: Loc };

export interface Prop {
  /** Static key; null when computed or a spread. */
  key: string | null;
  keyExpr?: Expr;
  value: Expr;
  spread?: boolean;
  loc: Loc;
}

export type Pattern =
  | { k: 'pname'; name: string; type?: TypeRef; loc: Loc }
  | { k: 'pobject'; props: { key: string | null; value: Pattern }[]; rest?: Pattern; loc: Loc }
  | { k: 'parray'; elements: (Pattern | null)[]; rest?: Pattern; loc: Loc }
  | { k: 'pexpr'; expr: Expr; loc: Loc }
  | { k: 'pdefault'; pattern: Pattern; init: Expr; loc: Loc };

export interface Param {
  pattern: Pattern;
  type?: TypeRef;
  rest?: boolean;
}

export interface FunctionIR {
  name?: string;
  params: Param[];
  body: Stmt[];
  isAsync: boolean;
  /** Directives at the top of the body, e.g. 'use server'. */
  directives: string[];
  loc: Loc;
  /** Declared return type, when annotated. */
  returnType?: TypeRef;
  /** Python decorators, innermost last as written (`@app.get("/p")`, `@login_required`). */
  decorators?: Expr[];
}

export interface ClassIR {
  name?: string;
  superClass?: Expr;
  methods: { name: string | null; fn: FunctionIR; isStatic: boolean }[];
  fields: { name: string | null; value?: Expr; type?: TypeRef; loc: Loc }[];
  loc: Loc;
  /** Python decorators of the class. */
  decorators?: Expr[];
  /** Python base classes after the first (`superClass`). */
  bases?: Expr[];
}

export interface ImportSpec {
  local: string;
  /** 'default', '*' for a namespace, or the exported name. */
  imported: string;
  /** `import type`: names a type only (FHIR resource types, injected client classes). */
  typeOnly?: boolean;
}

export type Stmt =
  | { k: 'expr'; expr: Expr; loc: Loc }
  | { k: 'decl'; pattern: Pattern; init?: Expr; type?: TypeRef; loc: Loc }
  | { k: 'func'; fn: FunctionIR; loc: Loc }
  | { k: 'class'; cls: ClassIR; loc: Loc }
  | { k: 'return'; arg?: Expr; loc: Loc }
  | { k: 'throw'; arg: Expr; loc: Loc }
  | { k: 'if'; test: Expr; then: Stmt[]; else?: Stmt[]; loc: Loc }
  | { k: 'loop'; each?: { pattern: Pattern; iter: Expr; of: boolean }; test?: Expr; body: Stmt[]; loc: Loc }
  | { k: 'try'; body: Stmt[]; param?: Pattern; handler?: Stmt[]; finalizer?: Stmt[]; loc: Loc }
  | { k: 'block'; body: Stmt[]; loc: Loc }
  | { k: 'import'; source: string; specs: ImportSpec[]; loc: Loc }
  /** `export { a as b }`, `export default x`, `export function f`; `local` is null for an expression. */
  | { k: 'export'; exported: string; local: string | null; expr?: Expr; loc: Loc }
  | { k: 'reexport'; source: string; specs: { exported: string; imported: string }[]; loc: Loc };

export interface Comment {
  text: string;
  line: number;
  endLine: number;
}

export interface ModuleIR {
  file: string;
  lang: 'ts' | 'js' | 'python';
  body: Stmt[];
  comments: Comment[];
  /** File-level directives ('use server', 'use client'). */
  directives: string[];
  lineCount: number;
  /** Source lines, for snippets and suppressions. */
  lines: string[];
}

export type ExprKind = Expr['k'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { k: K }>;
