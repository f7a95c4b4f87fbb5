// @ts-nocheck
export function scrubPhi<T extends { id?: string }>(record: T | null) {
  return record ? { id: record.id } : null;
}
