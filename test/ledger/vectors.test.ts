/**
 * Every vector in test/ledger/vectors/merkle: the RFC 6962 reference tree, the 196 transparency-dev
 * inclusion and consistency probes (including the must-fail ones), and the signed-note vectors.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpointText } from '../../src/ledger/checkpoint.js';
import {
  EMPTY_ROOT,
  appendToFrontier,
  assembleRanges,
  consistencyRanges,
  inclusionRanges,
  leafHash,
  nodeKey,
  nodesForRanges,
  rootFromFrontier,
  verifyConsistency,
  verifyInclusion,
  type NodeId,
} from '../../src/ledger/merkle.js';
import {
  SIG_COSIGNATURE_V1,
  cosignatureMessage,
  generateSignerKey,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  signatureLine,
} from '../../src/ledger/note.js';
import { vectorsDir } from './helpers.js';

const hex = (s: string) => Buffer.from(s, 'hex');
const b64 = (s: string) => Buffer.from(s, 'base64');

interface Reference {
  leafInputsHex: string[];
  nodeHashesHexByLevel: string[][];
  rootHashHexBySize: Record<string, string>;
  inclusionProofsHex: {
    leafIndex: number;
    treeSize: number;
    leafHash: string;
    root: string;
    proof: string[];
  }[];
  consistencyProofsHex: { size1: number; size2: number; root1: string; root2: string; proof: string[] }[];
}

const reference = JSON.parse(
  readFileSync(path.join(vectorsDir, 'rfc6962-reference-tree.json'), 'utf8'),
) as Reference;

/** Build the stored-node view of a tree the way the ledger does, then serve proofs from it. */
function storedTree(leaves: Buffer[]) {
  const nodes = new Map<string, Buffer>();
  let frontier: Buffer[] = [];
  leaves.forEach((data, i) => {
    const lh = leafHash(data);
    nodes.set(nodeKey({ level: 0, index: i }), lh);
    const r = appendToFrontier(frontier, i, lh);
    r.completed.forEach((h, k) => nodes.set(nodeKey({ level: k + 1, index: (i + 1) / 2 ** (k + 1) - 1 }), h));
    frontier = r.frontier;
  });
  const lookup = (id: NodeId) => {
    const h = nodes.get(nodeKey(id));
    if (!h) throw new Error(`missing ${nodeKey(id)}`);
    return h;
  };
  return { nodes, frontier, lookup };
}

describe('RFC 6962 reference tree', () => {
  const leaves = reference.leafInputsHex.map(hex);

  it('has the reference root for every size, computed from stored subtrees', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(reference.rootHashHexBySize['0']);
    for (let n = 1; n <= leaves.length; n++) {
      const { frontier } = storedTree(leaves.slice(0, n));
      expect(rootFromFrontier(frontier).toString('hex'), `size ${n}`).toBe(
        reference.rootHashHexBySize[String(n)],
      );
    }
  });

  it('stores exactly the reference node hashes for every complete subtree', () => {
    const { nodes } = storedTree(leaves);
    reference.nodeHashesHexByLevel.forEach((level, l) =>
      level.forEach((h, i) => expect(nodes.get(nodeKey({ level: l, index: i }))?.toString('hex')).toBe(h)),
    );
  });

  it('generates and verifies the reference inclusion proofs', () => {
    const { lookup } = storedTree(leaves);
    for (const p of reference.inclusionProofsHex) {
      const ranges = inclusionRanges(p.leafIndex, p.treeSize);
      nodesForRanges(ranges).forEach((id) => expect(() => lookup(id)).not.toThrow());
      const proof = assembleRanges(ranges, lookup);
      expect(proof.map((x) => x.toString('hex'))).toEqual(p.proof);
      expect(() =>
        verifyInclusion(p.leafIndex, p.treeSize, hex(p.leafHash), proof, hex(p.root)),
      ).not.toThrow();
    }
  });

  it('generates and verifies the reference consistency proofs', () => {
    const { lookup } = storedTree(leaves);
    for (const p of reference.consistencyProofsHex) {
      const proof = assembleRanges(consistencyRanges(p.size1, p.size2), lookup);
      expect(proof.map((x) => x.toString('hex'))).toEqual(p.proof);
      expect(() => verifyConsistency(p.size1, p.size2, hex(p.root1), hex(p.root2), proof)).not.toThrow();
    }
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** JSON.parse would round 18446744073709551615 to 2^64; keep the exact integers as BigInt. */
function parseProbe(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8').replace(/"(leafIdx|treeSize|size1|size2)":\s*(\d+)/g, '"$1": "$2"');
  const v = JSON.parse(text) as Record<string, unknown>;
  for (const k of ['leafIdx', 'treeSize', 'size1', 'size2'])
    if (typeof v[k] === 'string') v[k] = BigInt(v[k]);
  return v;
}

describe('transparency-dev/merkle probes', () => {
  const root = path.join(vectorsDir, 'transparency-dev-merkle', 'testdata');
  const inclusion = filesUnder(path.join(root, 'inclusion'));
  const consistency = filesUnder(path.join(root, 'consistency'));

  it('holds all 196 probes', () => {
    expect(inclusion.length + consistency.length).toBe(196);
  });

  it.each(inclusion.map((f) => [path.relative(root, f), f]))('inclusion %s', (_name, file) => {
    const p = parseProbe(file) as {
      leafIdx: bigint;
      treeSize: bigint;
      root: string;
      leafHash: string;
      proof: string[] | null;
      wantErr: boolean;
    };
    const run = () =>
      verifyInclusion(p.leafIdx, p.treeSize, b64(p.leafHash), (p.proof ?? []).map(b64), b64(p.root));
    if (p.wantErr) expect(run).toThrow();
    else expect(run).not.toThrow();
  });

  it.each(consistency.map((f) => [path.relative(root, f), f]))('consistency %s', (_name, file) => {
    const p = parseProbe(file) as {
      size1: bigint;
      size2: bigint;
      root1: string;
      root2: string;
      proof: string[] | null;
      wantErr: boolean;
    };
    const run = () =>
      verifyConsistency(p.size1, p.size2, b64(p.root1), b64(p.root2), (p.proof ?? []).map(b64));
    if (p.wantErr) expect(run).toThrow();
    else expect(run).not.toThrow();
  });
});

interface NoteVectors {
  vectors: {
    vkey?: string;
    skey?: string;
    text?: string;
    signedNote?: string;
    signatureLine?: string;
    badVkeys?: string[];
  }[];
  formatOnly: { checkpoint?: string; signedMessage?: string; treeNoteText?: string }[];
}

describe('C2SP / golang signed-note vectors', () => {
  const v = JSON.parse(
    readFileSync(path.join(vectorsDir, 'signed-note-vectors.json'), 'utf8'),
  ) as NoteVectors;
  const [c2sp, golang, enoch, bad] = v.vectors as [
    NoteVectors['vectors'][0],
    NoteVectors['vectors'][0],
    NoteVectors['vectors'][0],
    NoteVectors['vectors'][0],
  ];

  it('verifies the C2SP signed-note example', () => {
    const key = parseVerifierKey(c2sp.vkey!);
    const opened = openNote(c2sp.signedNote!, [key]);
    expect(opened.text).toBe(c2sp.text);
    expect(opened.verifiedBy).toEqual([key]);
  });

  it('reproduces the golang signature byte for byte from the published test skey', () => {
    const signer = parseSignerKey(golang.skey!);
    expect(signer.vkey).toBe(golang.vkey);
    expect(signNote(golang.text!, [signer])).toBe(golang.signedNote);
    expect(openNote(golang.signedNote!, [parseVerifierKey(golang.vkey!)]).verifiedBy).toHaveLength(1);
  });

  it('verifies a second signer and ignores unknown ones', () => {
    const note = `${golang.signedNote!}${enoch.signatureLine!}\n`;
    const peter = parseVerifierKey(golang.vkey!);
    const enochKey = parseVerifierKey(enoch.vkey!);
    expect(openNote(note, [peter, enochKey]).verifiedBy).toEqual([peter, enochKey]);
    expect(openNote(note, [enochKey]).verifiedBy).toEqual([enochKey]);
    const stranger = generateSignerKey('stranger.example');
    expect(() => openNote(note, [stranger])).toThrow(/not signed by any known key/);
  });

  it('rejects a note whose known signature fails', () => {
    const peter = parseVerifierKey(golang.vkey!);
    const tampered = golang.signedNote!.replace('cryptography', 'cryptograhpy');
    expect(() => openNote(tampered, [peter])).toThrow(/does not verify/);
  });

  it('rejects the negative vkeys', () => {
    for (const k of bad.badVkeys!) expect(() => parseVerifierKey(k)).toThrow();
  });

  it('parses the tlog-checkpoint example and rejects it without its key', () => {
    const { checkpoint } = v.formatOnly[0]!;
    const parsed = parseNote(checkpoint!);
    const cp = parseCheckpointText(parsed.text);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(formatCheckpoint(cp)).toBe(parsed.text);
    expect(parsed.signatures[0]!.name).toBe('example.com/behind-the-sofa');
    expect(() => openNote(checkpoint!, [generateSignerKey('example.com/behind-the-sofa')])).toThrow();
  });

  it('builds the tlog-cosignature/v1 signed message, and cosignatures verify', () => {
    const { checkpoint } = v.formatOnly[0]!;
    const text = parseNote(checkpoint!).text;
    expect(cosignatureMessage(text, 1679315147n)).toBe(v.formatOnly[1]!.signedMessage);
    const witness = generateSignerKey('witness.example', SIG_COSIGNATURE_V1);
    const note = `${text}\n${signatureLine(witness, text, 1679315147n)}`;
    expect(openNote(note, [parseVerifierKey(witness.vkey)]).verifiedBy).toHaveLength(1);
  });

  it('formats the golang tree note with RecordHash("hello world") as root', () => {
    const expected = v.formatOnly[2]!.treeNoteText!;
    const root = leafHash(Buffer.from('hello world'));
    expect(formatCheckpoint({ origin: 'go.sum database tree', size: 123456789012, root })).toBe(expected);
    expect(parseCheckpointText(expected).root).toEqual(root);
  });
});
