/**
 * docker-compose files: services with their image, environment and published ports, each entry
 * with its position. Both spellings compose accepts are read: `environment` as a map or as a list
 * of `KEY=value`, ports in short (`"127.0.0.1:5432:5432"`) or long syntax (`target`/`published`/
 * `host_ip`).
 */
import type { LineCounter } from 'yaml';
import type { Loc } from '../../analysis/ir.js';
import type { Document } from '../documents.js';
import { failed, parsed, type Parsed } from './parse-once.js';
import {
  entries,
  isMap,
  isScalar,
  items,
  locOf,
  parseYamlStream,
  scalarText,
  stringAt,
  valueOf,
  type Node,
} from './yaml-source.js';

export interface ComposeEnv {
  name: string;
  /** The literal value; null when the variable is only named (`- DEBUG`, `KEY:`) and comes from the shell. */
  value: string | null;
  loc: Loc;
}

export interface ComposePort {
  /** The entry as written, for messages. */
  text: string;
  syntax: 'short' | 'long';
  /** Host address it is bound to; null means every interface. */
  hostIp: string | null;
  /** Container port (or the first of a range). */
  target: number | null;
  loc: Loc;
}

export interface ComposeService {
  name: string;
  image: string | null;
  networkMode: string | null;
  loc: Loc;
  networkModeLoc: Loc | null;
  environment: ComposeEnv[];
  ports: ComposePort[];
}

export interface ComposeFile {
  services: ComposeService[];
}

export function parseCompose(doc: Document): Parsed<ComposeFile> {
  const stream = parseYamlStream(doc.text);
  if (!stream.ok) return failed(stream.message, stream.line);
  const { docs, lines } = stream.value;
  const services: ComposeService[] = [];
  for (const d of docs) {
    for (const pair of entries(valueOf(d.contents, 'services'))) {
      const name = scalarText(pair.key);
      if (name === null || !isMap(pair.value)) continue;
      services.push(service(name, pair.key, pair.value, lines));
    }
  }
  return parsed({ services });
}

function service(name: string, key: Node, node: Node, lines: LineCounter): ComposeService {
  const networkMode = valueOf(node, 'network_mode');
  return {
    name,
    image: stringAt(node, 'image'),
    networkMode: scalarText(networkMode),
    loc: locOf(key, lines),
    networkModeLoc: networkMode ? locOf(networkMode, lines) : null,
    environment: environment(valueOf(node, 'environment'), lines),
    ports: items(valueOf(node, 'ports')).flatMap((p) => port(p, lines) ?? []),
  };
}

function environment(node: unknown, lines: LineCounter): ComposeEnv[] {
  if (isMap(node)) {
    return entries(node).flatMap((p) => {
      const name = scalarText(p.key);
      if (name === null) return [];
      const raw = p.value === null ? null : scalarText(p.value);
      // `KEY:` with no value takes the value from the shell, like `- KEY` in list form.
      const value = p.value === null || (isScalar(p.value) && p.value.value === null) ? null : raw;
      return [{ name, value, loc: locOf(p.value ?? p.key, lines) }];
    });
  }
  return items(node).flatMap((item) => {
    const text = scalarText(item);
    if (text === null) return [];
    const eq = text.indexOf('=');
    const name = (eq < 0 ? text : text.slice(0, eq)).trim();
    return [{ name, value: eq < 0 ? null : text.slice(eq + 1), loc: locOf(item as Node, lines) }];
  });
}

function port(node: unknown, lines: LineCounter): ComposePort | null {
  if (isScalar(node)) {
    const text = String(node.value);
    const short = shortPort(text.trim());
    return short && { text, syntax: 'short', ...short, loc: locOf(node, lines) };
  }
  if (isMap(node)) {
    const target = stringAt(node, 'target');
    const hostIp = stringAt(node, 'host_ip');
    return {
      text: `target: ${target ?? '?'}`,
      syntax: 'long',
      hostIp: hostIp || null,
      target: target && /^\d+$/.test(target) ? Number(target) : null,
      loc: locOf(node, lines),
    };
  }
  return null;
}

/** Short syntax `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`; an IPv6 host is bracketed. */
function shortPort(text: string): { hostIp: string | null; target: number | null } | null {
  let hostIp: string | null = null;
  let rest = text;
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(text);
  if (v6) {
    hostIp = v6[1]!;
    rest = v6[2]!;
  }
  const parts = rest.split(':');
  if (parts.length > 3 || (v6 && parts.length > 2)) return null;
  if (!v6 && parts.length === 3) hostIp = parts[0]!;
  const container = /^(\d+)/.exec(parts[parts.length - 1]!);
  return { hostIp: hostIp || null, target: container ? Number(container[1]) : null };
}
