import type { Command } from 'commander';
import { CaregateError, EXIT } from '../core/errors.js';
import { AGENTS, type AgentId } from '../provenance/agents/types.js';
import type { InitPlan, InitResult, ReportLine } from '../setup/init.js';

interface InitFlags {
  agent?: AgentId[];
  dryRun?: boolean;
  command?: string;
  yes?: boolean;
}

function parseAgents(v: string): AgentId[] {
  const names = v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0)
    throw new CaregateError('CG_USAGE', `--agent needs at least one of ${AGENTS.join(', ')}`);
  for (const n of names) {
    if (!(AGENTS as readonly string[]).includes(n))
      throw new CaregateError('CG_USAGE', `unknown agent '${n}' (choose from ${AGENTS.join(', ')})`);
  }
  return names as AgentId[];
}

type Status = ReportLine['status'] | 'skipped';
interface Line {
  rel: string;
  status: Status;
  detail: string;
}

const PAST: Record<Status, string> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'unchanged',
  skipped: 'skipped',
};
const FUTURE: Record<Status, string> = {
  created: 'would create',
  updated: 'would update',
  unchanged: 'unchanged',
  skipped: 'would skip',
};

/** The report's lines plus one for each file an error left alone, so that every file is listed. */
function withErrors(result: InitResult): Line[] {
  const skipped = result.plan.errors
    .filter((e) => e.file !== undefined && !result.lines.some((l) => l.rel === e.file))
    .map((e): Line => ({ rel: e.file ?? '', status: 'skipped', detail: 'left as it is (error below)' }));
  return [...result.lines, ...skipped];
}

function fileLines(lines: readonly Line[], words: Record<Status, string>): string {
  const width = Math.max(...lines.map((l) => l.rel.length));
  return lines.map((l) => `  ${words[l.status].padEnd(12)} ${l.rel.padEnd(width)}  ${l.detail}\n`).join('');
}

async function labels(): Promise<(id: AgentId) => string> {
  const { AGENT_SETUPS } = await import('../setup/agents.js');
  return (id) => AGENT_SETUPS[id].label;
}

function header(plan: InitPlan, label: (id: AgentId) => string): string {
  const names = plan.agents.map(label).join(', ');
  let why: string;
  switch (plan.choice.by) {
    case 'option':
      why = 'chosen with --agent';
      break;
    case 'detected':
      why = `found ${plan.choice.found.map((d) => d.marker).join(', ')}`;
      break;
    case 'default':
      why = `no agent files found, so Claude Code; choose others with --agent ${AGENTS.join(',')}`;
      break;
  }
  const source = {
    option: 'from --command',
    local: 'the project-local install',
    absolute: 'this machine only',
  }[plan.commands.source];
  return (
    `caregate init in ${plan.root}\n` +
    `  agents: ${names} (${why})\n` +
    `  hooks run: ${plan.commands.git} (${source}); hook timeout ${plan.hookTimeoutSeconds} s\n`
  );
}

function nextSteps(result: InitResult): string {
  const { plan, lines } = result;
  const shared = plan.files
    .filter((f) => f.shared && lines.some((l) => l.rel === f.rel && l.status !== 'unchanged'))
    .map((f) => f.rel);
  const steps: string[] = [];
  if (lines.some((l) => l.rel === 'caregate.yml' && l.status === 'created')) {
    steps.push(
      'Review caregate.yml: guard.block sets which findings deny an agent edit; list hosts covered by a BAA under egress.allow.',
    );
  }
  if (shared.length > 0) steps.push(`Commit the shared setup: git add ${shared.join(' ')}`);
  steps.push('Start a new agent session so that it loads the hooks.');
  steps.push('Check the setup at any time: caregate doctor');
  return `\nNext steps:\n${steps.map((s, i) => `  ${i + 1}. ${s}\n`).join('')}`;
}

/** Shows the header, warnings and planned changes, then asks; what it showed is not repeated. */
function confirmOnTerminal(label: (id: AgentId) => string, shown: { header: boolean }) {
  return async (plan: InitPlan, lines: readonly ReportLine[]): Promise<boolean> => {
    const { createInterface } = await import('node:readline/promises');
    const changing = lines.filter((l) => l.status !== 'unchanged');
    process.stdout.write(`${header(plan, label)}\n${fileLines(changing, FUTURE)}${warnings(plan)}\n`);
    shown.header = true;
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = (await rl.question(`Write these ${changing.length} file(s)? [Y/n] `))
        .trim()
        .toLowerCase();
      return answer === '' || answer === 'y' || answer === 'yes';
    } finally {
      rl.close();
    }
  };
}

function warnings(plan: InitPlan): string {
  return plan.warnings.map((w) => `warning: ${w}\n`).join('');
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      "Set caregate up in this repository: merge its hooks into each coding agent's settings (keeping yours), install git hooks that attribute commits, and create caregate.yml, .gitignore entries and the ledger signing key where missing.",
    )
    .option(
      '--agent <list>',
      `agents to set up, comma-separated: ${AGENTS.join(',')} (default: those the repository shows signs of, else claude)`,
      parseAgents,
    )
    .option('--dry-run', 'print a diff of every file it would write, and write nothing')
    .option(
      '--command <cmd>',
      'the command hooks run to reach caregate (default: node_modules/.bin/caregate when installed, else this CLI)',
    )
    .option('-y, --yes', 'do not ask before writing (it asks only on a terminal)')
    .addHelpText(
      'after',
      `
Exit codes: 0 set up (or nothing to change), 2 a file could not be read, parsed or written;
the other files are still set up, and a file that is not valid JSON is never overwritten.

Files, by agent (created, or merged into: your keys and hooks stay, nothing is added twice):
  claude   .claude/settings.json        PreToolUse, PostToolUse, UserPromptSubmit, Stop, SessionStart
  cursor   .cursor/hooks.json           shell, file edit, prompt, stop and tool events
  codex    .codex/hooks.json            PreToolUse, PostToolUse, UserPromptSubmit, Stop, SessionStart
  copilot  .github/hooks/caregate.json  each hook passes --event (Copilot payloads do not name it)
  gemini   .gemini/settings.json        BeforeTool, AfterTool, BeforeAgent, AfterAgent, sessions
Also: git post-commit and post-rewrite hooks (your hook is kept; caregate's block is appended),
caregate.yml when there is none, .caregate/ in .gitignore, .caregate/keys/ledger.key.

Examples:
  $ caregate init                                 set up the agents this repository uses
  $ caregate init --agent claude,codex --dry-run  show the diff first
  $ caregate init --command "npx caregate"        hooks run caregate through npx`,
    )
    .action(async (o: InitFlags) => {
      const [{ initProject }, { projectRoot }, label] = await Promise.all([
        import('../setup/init.js'),
        import('../guard/root.js'),
        labels(),
      ]);
      const root = projectRoot(process.cwd());
      const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY) && !o.yes && !o.dryRun;
      const shown = { header: false };
      const result = await initProject({
        root,
        ...(o.agent ? { agents: o.agent } : {}),
        ...(o.command !== undefined ? { command: o.command } : {}),
        ...(o.dryRun ? { dryRun: true } : {}),
        ...(interactive ? { confirm: confirmOnTerminal(label, shown) } : {}),
      });
      const { plan } = result;
      let out = shown.header ? '' : header(plan, label);
      if (o.dryRun) {
        out += result.changed ? `\n${result.diff}\n` : '\n';
        out += fileLines(withErrors(result), FUTURE);
        out += result.changed
          ? '\nDry run: nothing was written.\n'
          : '\nNothing to change: caregate is already set up here.\n';
      } else if (result.cancelled) {
        out += 'Cancelled: nothing was written.\n';
      } else {
        out += `\n${fileLines(withErrors(result), PAST)}`;
        if (!result.changed) out += '\nNothing to change: caregate is already set up here.\n';
      }
      if (!shown.header) out += warnings(plan);
      if (!result.cancelled) for (const n of new Set(plan.notes)) out += `note: ${n}\n`;
      if (result.written) out += nextSteps(result);
      process.stdout.write(out);
      for (const err of result.errors) process.stderr.write(`caregate: ${err.format()}\n`);
      process.exitCode = result.errors.length > 0 ? EXIT.error : EXIT.clean;
    });
}
