// @ts-nocheck
import { useSearchResources } from '@medplum/react';
import { persistDraft } from './lib/persist';

export function useOfflineNotes(patientRef: string) {
  const [notes] = useSearchResources('DocumentReference', { subject: patientRef });
  if (notes) void persistDraft(`notes:${patientRef}`, notes);
  return notes;
}
