#!/usr/bin/env node
/**
 * Records every platform-specific optional dependency in package-lock.json.
 *
 * A registry mirror that serves only this machine's platform binaries (linux-x64) makes npm leave
 * the other platforms' optional packages out of the lockfile, and `npm ci` then refuses the
 * lockfile as out of sync. This adds the missing entries (version, os, cpu, optional), exactly as
 * npm writes them against the full registry, so `npm ci` works here and everywhere else.
 * Run after `npm install` changes dependencies: `node scripts/lock-platform-packages.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OS = {
  android: 'android',
  darwin: 'darwin',
  freebsd: 'freebsd',
  linux: 'linux',
  win32: 'win32',
  openbsd: 'openbsd',
  openharmony: 'openharmony',
  sunos: 'sunos',
  aix: 'aix',
  netbsd: 'netbsd',
};
const CPU = {
  x64: 'x64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: 'ia32',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
  loong64: 'loong64',
  wasm32: 'wasm32',
  mips64el: 'mips64el',
  ppc64le: 'ppc64',
};

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS[p]);
  const cpu = parts.find((p) => CPU[p]);
  const libc =
    parts.includes('musl') || parts.includes('musleabihf')
      ? 'musl'
      : parts.includes('gnu') || parts.includes('gnueabihf')
        ? 'glibc'
        : undefined;
  return {
    ...(os ? { os: [OS[os]] } : {}),
    ...(cpu ? { cpu: [CPU[cpu]] } : {}),
    ...(libc ? { libc: [libc] } : {}),
  };
}

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/` : 'node_modules/';
    if (lock.packages[`${base}${dep}`] || lock.packages[`node_modules/${dep}`]) continue;
    // Exact pins only: platform packages are published in lockstep with their parent.
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) continue;
    lock.packages[`node_modules/${dep}`] = {
      version: range,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(dep),
    };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  ),
);
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-packages: added ${added} platform package entr${added === 1 ? 'y' : 'ies'}`);
