/**
 * The caregate.yml that `caregate init` writes when a project has none. Every value shown is the
 * default, so the file documents the settings without changing behaviour; test/setup checks that
 * it parses with the real config schema.
 */
export const STARTER_CONFIG_NAME = 'caregate.yml';

export const STARTER_CONFIG = `# caregate settings for \`caregate scan\` and the agent guard (\`caregate hook\`).
# Every setting is optional; the values below are the defaults.

guard:
  # An agent edit that adds a finding at or above this severity is denied:
  # low, medium, high or critical.
  block: high
  # When caregate cannot decide (an internal error, or the deadline passed):
  # deny (fail closed) or allow.
  onError: deny
  # The deadline of one hook call, in seconds (1 to 120).
  timeoutSeconds: 10
  # Prompts holding patient identifiers are always recorded with the identifiers masked.
  # record: only that; warn: also warn; block: also reject the prompt.
  prompts: warn

egress:
  # Hosts covered by a business associate agreement (BAA), which may receive PHI:
  # an exact host such as api.example.org, or '*.example.org'.
  allow: []

# Files not to scan, gitignore-style, relative to this file (e.g. fixtures/ or '*.min.js').
ignore: []

# Also available:
# minSeverity: medium            # report findings at or above this severity
# sanitizers: [redactPatient]    # your functions that remove PHI from a value
# rules:
#   phi-to-log: high             # per rule: off, or another severity
`;
