#!/bin/sh
# Run the project's own caregate when it has one (fast, and pinned by the project's lockfile);
# otherwise the published release this plugin was built with, from npm's cache when possible.
if [ -n "$CLAUDE_PROJECT_DIR" ] && [ -x "$CLAUDE_PROJECT_DIR/node_modules/.bin/caregate" ]; then
  exec "$CLAUDE_PROJECT_DIR/node_modules/.bin/caregate" "$@"
fi
exec npx --yes --prefer-offline caregate@0.1.0 "$@"
