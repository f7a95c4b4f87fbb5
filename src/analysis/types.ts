import type { SinkEntry } from './catalog/sinks.js';
import type { Expr, FunctionIR, Loc, ModuleIR } from './ir.js';
import type { Value } from './value.js';

/** A call (or assignment) that matched a sink, with the values that reached it. */
export interface SinkHit {
  sink: SinkEntry;
  file: string;
  loc: Loc;
  /** The callee as written, e.g. `logger.info`. */
  callee: string;
  /** Argument values (for assignment sinks: the assigned value). */
  args: Value[];
  argExprs: Expr[];
  /** The call expression; null for assignment sinks and for hits re-emitted from a summary. */
  expr: Expr | null;
  /** Set when the hit was re-emitted at a call site from a function summary. */
  via?: { file: string; loc: Loc };
}

export interface CallInfo {
  refs: readonly string[];
  text: string | null;
  args: Value[];
}

export interface RouteInfo {
  file: string;
  loc: Loc;
  framework:
    'express' | 'fastify' | 'hono' | 'next' | 'next-pages' | 'server-action' | 'flask' | 'fastapi' | 'django';
  method: string;
  path: string;
  /** Middleware expressions given before the handler at registration. */
  middlewares: Expr[];
  handler: FunctionIR | null;
  /** The receiver's object identities (`app`, `router`), to match app.use(auth) and mounts. */
  receiverIds: string[];
  /** An auth middleware was installed on the receiver before this route was registered. */
  authBefore: boolean;
  /** The handler, or something it calls, reads PHI from a FHIR client or data layer. */
  touchesPhi: boolean;
}

export interface ModuleFacts {
  ir: ModuleIR;
  hits: SinkHit[];
  calls: Map<Expr, CallInfo>;
  routes: RouteInfo[];
}
