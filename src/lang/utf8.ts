/**
 * How caregate decodes files: invalid UTF-8 sequences become U+FFFD rather than failing (one odd
 * byte in a comment should not hide the rest of a file), and a byte-order mark is dropped only at
 * a file's start. Bytes from the middle of a file (a part of a large export, one of its lines)
 * keep U+FEFF as the character it is there, so pieces decode as they do within the whole.
 */
const atStart = new TextDecoder('utf-8');
const inMiddle = new TextDecoder('utf-8', { ignoreBOM: true });

/** Bytes that start a file. */
export function decodeFileStart(bytes: Uint8Array): string {
  return atStart.decode(bytes);
}

/** Bytes from later in a file. */
export function decodeFileMiddle(bytes: Uint8Array): string {
  return inMiddle.decode(bytes);
}
