/**
 * One entry point per configuration format for the rules: each parses its file once per scan
 * (memo keys `<format>:<file>`) and turns a file that does not parse into one diagnostic.
 */
import { parseApache, type ApacheDirective } from './apache.js';
import { parseCompose, type ComposeFile } from './compose.js';
import { parseDockerfile, type Dockerfile } from './dockerfile.js';
import { parseDotenv, type EnvEntry } from './dotenv.js';
import { parseKubernetes, type KubernetesFile } from './kubernetes.js';
import { parseNginx, type NginxFile } from './nginx.js';
import { parseOnce, type ParseHost } from './parse-once.js';

export const loadKubernetes = (host: ParseHost): KubernetesFile | null =>
  parseOnce(host, 'yaml:k8s', parseKubernetes);
export const loadCompose = (host: ParseHost): ComposeFile | null => parseOnce(host, 'compose', parseCompose);
export const loadDockerfile = (host: ParseHost): Dockerfile | null =>
  parseOnce(host, 'dockerfile', parseDockerfile);
export const loadDotenv = (host: ParseHost): EnvEntry[] | null => parseOnce(host, 'dotenv', parseDotenv);
export const loadNginx = (host: ParseHost): NginxFile | null => parseOnce(host, 'nginx', parseNginx);
export const loadApache = (host: ParseHost): ApacheDirective[] | null =>
  parseOnce(host, 'apache', parseApache);
