// @ts-nocheck
import posthog from 'posthog-js';
import { useResource } from '@medplum/react';

export function useTrackDiagnosis(conditionRef: { reference: string }) {
  const condition = useResource(conditionRef);
  if (condition) {
    posthog.capture('diagnosis_viewed', { code: condition.code?.coding?.[0]?.display }); // expect: phi-to-analytics
  }
}
