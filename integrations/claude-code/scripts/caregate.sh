#!/bin/sh
# Run the project's own caregate when it has one (fast, and pinned by the project's lockfile);
# otherwise the published release this plugin was built with, from npm's cache when possible.
# Hook calls go through caregate-hook where bash is: it reaches the warm guard server without
# starting Node.js.
bin="$CLAUDE_PROJECT_DIR/node_modules/.bin"
if [ -n "$CLAUDE_PROJECT_DIR" ] && [ -x "$bin/caregate" ]; then
  if [ "$1" = hook ] && [ -x "$bin/caregate-hook" ] && command -v bash >/dev/null 2>&1; then
    exec "$bin/caregate-hook" "$@"
  fi
  exec "$bin/caregate" "$@"
fi
exec npx --yes --prefer-offline caregate@0.1.0 "$@"
