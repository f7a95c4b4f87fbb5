/** payloads.data is the 32-byte salt followed by the canonical JSON payload. */
export const SALT_SIZE = 32;

export function payloadBody(data: Buffer): Buffer {
  return data.subarray(SALT_SIZE);
}

export function payloadSalt(data: Buffer): Buffer {
  return data.subarray(0, SALT_SIZE);
}
