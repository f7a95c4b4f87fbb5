import path from 'node:path';
import type { Instruction } from 'dockerfile-ast';
import type { Loc } from '../analysis/ir.js';
import { dockerfileAst, instructionsOf, rangeLoc } from '../lang/config/dockerfile.js';
import { loadDockerfile } from '../lang/config/loaders.js';
import { defineRule } from './support/rule.js';

const INTERPRETER = String.raw`(?:sh|bash|zsh|dash|ash|ksh|python[\d.]*|perl|ruby|node)`;
/** `curl … | sh`, `wget -qO- … | sudo -E bash -s --`. */
const PIPE_TO_SHELL = new RegExp(
  String.raw`\b(?:curl|wget)\b[^|]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+(?:\S+=\S*\s+)*)?${INTERPRETER}\b`,
);
/** `sh -c "$(curl …)"`, `bash <(wget -O- …)`. */
const SUBSHELL = new RegExp(String.raw`\b${INTERPRETER}\s+(?:-\S+\s+)*["']?(?:\$\(|<\()\s*(?:curl|wget)\b`);
/** A checksum or signature check anywhere in the same RUN. */
const VERIFIED =
  /\b(?:sha(?:1|224|256|384|512)sum|shasum|md5sum|b2sum)\b[^;&|]*\s(?:-c|--check)\b|\bgpg2?\b[^;&|]*--verify\b|\bcosign\s+verify|\bminisign\s+-V|\bopenssl\s+dgst\b[^;&|]*-verify\b/;
const URL_TEXT = /https?:\/\/[^\s'"|;&)]+/;
/** Content-addressed URLs (a full commit id) cannot change under the same name. */
const PINNED = /\/[0-9a-f]{40}\//;

export default defineRule({
  meta: {
    id: 'dockerfile-remote-script',
    title: 'Dockerfile runs a remote script without verifying it',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-494'],
    hipaa: ['164.312(c)(1)'],
    fix: 'Download to a file, check it against a pinned checksum (echo "<sha256>  file" | sha256sum -c -) or signature, then run it; or use ADD --checksum=sha256:….',
    messages: {
      pipe: '`RUN` pipes {url} straight into {shell}: whoever controls that server (or the network) runs code in your image, next to the patient data it will handle.',
      downloadRun: '`RUN` downloads {url} and runs it without checking a checksum or signature first.',
      addScript: '`ADD {url}` fetches a script that a later RUN executes, without --checksum.',
    },
    docs: {
      summary:
        'Piping a script from the internet into a shell during the build runs whatever the server returns that day, as root, in the image that will process patient records. HIPAA integrity controls ask that software which touches ePHI is protected from improper alteration.',
      exampleFile: 'Dockerfile',
      bad: `FROM node:20-slim
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
`,
      good: `FROM node:20-slim
ARG TOOL_SHA256=4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a
RUN curl -fsSL -o /tmp/install.sh https://downloads.example.org/tool/1.2.3/install.sh \\
 && echo "\${TOOL_SHA256}  /tmp/install.sh" | sha256sum -c - \\
 && sh /tmp/install.sh && rm /tmp/install.sh
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
`,
      details:
        'Reported: `curl|wget … | sh|bash|python|…` (also through sudo or env), `sh -c "$(curl …)"` and `bash <(curl …)`; a file downloaded with curl -o / wget -O and then run in the same RUN without `sha256sum -c`, `gpg --verify`, `cosign verify` or similar; a remote `ADD` without `--checksum` whose file a later RUN executes. URLs pinned to a full commit id are content-addressed and not reported.',
    },
  },
  documents: {
    kinds: ['dockerfile'],
    check(ctx) {
      const file = loadDockerfile(ctx);
      if (!file) return;
      const added: { name: string; url: string; loc: Loc }[] = [];
      for (const ins of instructionsOf(file)) {
        const keyword = ins.getKeyword();
        if (keyword === 'ADD') {
          const remote = remoteAdd(ins);
          if (remote) added.push(remote);
          continue;
        }
        if (keyword !== 'RUN') continue;
        const content = ins.getArgumentsContent() ?? '';
        const verified = VERIFIED.test(content);
        const downloaded: { name: string; url: string }[] = [];
        for (const segment of content.split(/&&|\|\||;|\n/)) {
          const url = URL_TEXT.exec(segment)?.[0];
          if (url && PINNED.test(url)) continue;
          const pipe = PIPE_TO_SHELL.exec(segment) ?? SUBSHELL.exec(segment);
          if (pipe) {
            const shell = new RegExp(`${INTERPRETER}\\b`).exec(pipe[0].slice(pipe[0].lastIndexOf('|') + 1));
            ctx.report({
              messageId: 'pipe',
              loc: locOfText(ins, url ?? /\bwget\b/.exec(segment)?.[0] ?? 'curl'),
              data: { url: url ? shown(url) : 'a remote script', shell: shell?.[0] ?? 'a shell' },
            });
            continue;
          }
          const out = url ? downloadTarget(segment, url) : null;
          if (out && url) downloaded.push({ name: out, url });
          const run = executed(segment);
          if (!run || verified) continue;
          const hit = downloaded.find((d) => d.name === run);
          if (hit)
            ctx.report({
              messageId: 'downloadRun',
              loc: locOfText(ins, hit.url),
              data: { url: shown(hit.url) },
            });
          const add = added.find((a) => a.name === run);
          if (add) ctx.report({ messageId: 'addScript', loc: add.loc, data: { url: shown(add.url) } });
        }
      }
    },
  },
});

/** A remote ADD without --checksum: the file name it lands under. */
function remoteAdd(ins: Instruction): { name: string; url: string; loc: Loc } | null {
  if (!(ins instanceof dockerfileAst().Add) || ins.getFlags().some((f) => f.getName() === 'checksum'))
    return null;
  const args = ins.getArguments();
  const dest = args[args.length - 1]?.getValue();
  const src = args.slice(0, -1).find((a) => URL_TEXT.test(a.getValue()));
  if (!src || !dest || PINNED.test(src.getValue())) return null;
  const url = src.getValue();
  const name = dest.endsWith('/') ? urlFileName(url) : path.posix.basename(dest);
  return { name, url, loc: rangeLoc(src.getRange()) };
}

/** The file a curl or wget command writes, by base name; null when it writes to stdout. */
function downloadTarget(segment: string, url: string): string | null {
  const curl = /\bcurl\b/.test(segment);
  const wget = /\bwget\b/.test(segment);
  if (!curl && !wget) return null;
  const explicit = curl
    ? /(?:\s-[a-zA-Z]*o\s*|\s--output[\s=])["']?([^\s'"]+)/.exec(segment)
    : /(?:\s-[a-zA-Z]*O\s*|\s--output-document[\s=])["']?([^\s'"]+)/.exec(segment);
  if (explicit) return explicit[1] === '-' ? null : path.posix.basename(explicit[1]!);
  const remoteName = curl ? /\s-[a-zA-Z]*O\b|\s--remote-name\b/.test(segment) : true;
  return remoteName ? urlFileName(url) : null;
}

/** The base name of a file a command runs: `sh x.sh`, `bash /tmp/x.sh`, `./x.sh`, `/opt/x.sh`. */
function executed(segment: string): string | null {
  const m =
    new RegExp(String.raw`^\s*(?:sudo\s+(?:-\S+\s+)*)?${INTERPRETER}\s+(?:-\S+\s+)*["']?([^\s'"]+)`).exec(
      segment,
    ) ?? /^\s*(?:sudo\s+(?:-\S+\s+)*)?(\.{0,2}\/[^\s'"]+)/.exec(segment);
  return m ? path.posix.basename(m[1]!) : null;
}

function locOfText(ins: Instruction, text: string): Loc {
  const arg = ins.getArguments().find((a) => a.getValue().includes(text));
  return rangeLoc(arg ? arg.getRange() : ins.getRange());
}

/** A URL without its query string, which may carry a token. */
function shown(url: string): string {
  return url.split('?')[0]!;
}

function urlFileName(url: string): string {
  try {
    return path.posix.basename(new URL(url).pathname);
  } catch {
    return path.posix.basename(url.split('?')[0]!);
  }
}
