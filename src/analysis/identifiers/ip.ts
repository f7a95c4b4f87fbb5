import { BlockList, isIP } from 'node:net';
import { hit, type Hit } from './categories.js';

/**
 * (IPv4-mapped IPv6 space is not listed: BlockList checks IPv4 addresses against it too.)
 *
 * Addresses that identify no one: private, loopback, link-local, carrier-grade NAT, multicast and
 * reserved space, and the documentation ranges of RFC 5737 and RFC 3849, which is where test data
 * belongs.
 */
const DOCUMENTATION = new BlockList();
for (const [net, bits] of [
  ['192.0.2.0', 24],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
] as const)
  DOCUMENTATION.addSubnet(net, bits, 'ipv4');
DOCUMENTATION.addSubnet('2001:db8::', 32, 'ipv6');

const NOT_PERSONAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  NOT_PERSONAL.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PERSONAL.addSubnet(net, bits, 'ipv6');

/** A public IPv4 or IPv6 address. Only labelled, or in log text: `1.2.3.4` is also a version. */
export function checkIp(raw: string): Hit | null {
  const v = raw.trim();
  const family = isIP(v);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (DOCUMENTATION.check(v, type)) return hit('ip', v, { synthetic: 'a documentation address range' });
  if (NOT_PERSONAL.check(v, type)) return null;
  return hit('ip', v, { checked: true });
}
