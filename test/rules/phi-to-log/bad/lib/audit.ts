// @ts-nocheck
// A project helper that "audits" by dumping its argument to stdout.
export function audit(action: string, record: unknown) {
  console.log(`[audit] ${action}`, JSON.stringify(record)); // expect: phi-to-log
}
