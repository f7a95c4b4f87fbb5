/**
 * The answer when the guard server did not answer in time (or could not start): the project's
 * guard.onError decides, in the agent's own format. Loaded only on that path, to keep the hook
 * client small.
 */
import { loadConfig, DEFAULT_GUARD } from '../config/config.js';
import { adapterFor, adapterForPayload } from '../provenance/agents/index.js';
import { failureAnswer } from './failure.js';
import type { AgentId, HookEvent, HookOutput } from '../provenance/agents/types.js';
import { projectRoot } from './root.js';

export async function failedHook(
  req: { payload: string; cwd: string; agent?: AgentId; event?: string },
  why: string,
): Promise<HookOutput> {
  let onError = DEFAULT_GUARD.onError;
  try {
    onError = (await loadConfig({ cwd: projectRoot(req.cwd), searchFrom: req.cwd })).config.guard.onError;
  } catch {
    // An unreadable caregate.yml keeps the safe default.
  }
  let event: HookEvent | null = null;
  let adapter = req.agent ? adapterFor(req.agent) : undefined;
  try {
    const payload = JSON.parse(req.payload) as Record<string, unknown>;
    adapter = adapterForPayload(req.agent, payload);
    event = adapter?.parse(payload, req.event) ?? null;
  } catch {
    // The server would have reported the payload; here only the decision matters.
  }
  return failureAnswer(adapter, event, onError, `caregate could not check this action: ${why}`);
}
