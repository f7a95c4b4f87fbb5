/** caregate's tamper-evident audit ledger: the public library API. */
export {
  openLedger,
  describeCheckpoint,
  type Ledger,
  type LedgerEntry,
  type OpenLedgerOptions,
  type AppendResult,
  type InclusionReceipt,
  type ConsistencyResult,
  type ShowFilter,
  type ExportSnapshot,
} from './ledger.js';
export type { EventInput, EventHeader, Actor, ActorType } from './event.js';
export { registerKind, getKind, listKinds, type KindSpec, type FhirMapping } from './kinds.js';
export type { VerifyOptions, VerifyReport, VerifyProblem, ProblemArea } from './verify.js';
export { describeProblem } from './verify.js';
export {
  formatCheckpoint,
  parseCheckpointText,
  openCheckpoint,
  formatTlogProof,
  parseTlogProof,
  verifyTlogProof,
  type Checkpoint,
  type TrustedKey,
  type TlogProof,
  type VerifiedCheckpoint,
  type VerifiedReceipt,
} from './checkpoint.js';
export {
  EMPTY_ROOT,
  leafHash,
  nodeHash,
  verifyInclusion,
  verifyConsistency,
  rootFromInclusionProof,
  ProofError,
} from './merkle.js';
export {
  generateSignerKey,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  openNote,
  parseNote,
  keyId,
  NoteError,
  type SignerKey,
  type VerifierKey,
} from './note.js';
export {
  DEFAULT_KEYS_DIR,
  keyPaths,
  initKeys,
  loadSigner,
  loadTrustedKeys,
  parseTrustedKeys,
  formatTrustedKeys,
  type KeyPaths,
} from './keys.js';
export { rotateLedgerKey, type RotateResult } from './rotate.js';
export { DEFAULT_DB, resolveDb } from './store/open.js';
export { fhirBundle, type FhirBundle } from './export/fhir.js';
export { exportIntoto, intotoEnvelopes, statementFor, type Statement } from './export/intoto.js';
export { exportJsonl } from './export/jsonl.js';
export { pae, signEnvelope, verifyEnvelope, INTOTO_PAYLOAD_TYPE, type DsseEnvelope } from './export/dsse.js';
