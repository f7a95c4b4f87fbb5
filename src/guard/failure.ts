/**
 * The answer when caregate could not decide (an unreadable payload, an internal error, no answer
 * before the deadline): guard.onError says deny (fail closed) or allow. The end of a turn is never
 * denied: nothing is left to stop. The reason goes to stderr either way.
 */
import type { GuardConfig } from '../config/config.js';
import { adapterFor } from '../provenance/agents/index.js';
import type { AgentAdapter, HookEvent, HookOutput } from '../provenance/agents/types.js';

export function failsClosed(onError: GuardConfig['onError'], event: HookEvent | null): boolean {
  return onError === 'deny' && event?.action.type !== 'stop';
}

export function failureAnswer(
  adapter: AgentAdapter | undefined,
  event: HookEvent | null,
  onError: GuardConfig['onError'],
  reason: string,
): HookOutput {
  const out = (adapter ?? adapterFor('claude')!).respond(
    failsClosed(onError, event)
      ? { allow: false, reason: `${reason}\nDenied because guard.onError is deny (fail closed).` }
      : { allow: true, message: reason },
    event,
  );
  return { ...out, stderr: out.stderr.includes(reason) ? out.stderr : `${reason}\n${out.stderr}` };
}
