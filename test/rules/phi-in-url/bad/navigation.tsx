// @ts-nocheck
'use client';
import { useRouter } from 'next/navigation';
import { useResource } from '@medplum/react';

export function usePatientLinks(ref: { reference: string }) {
  const router = useRouter();
  const patient = useResource(ref);
  return {
    openBilling: () => router.push(`/billing?patient=${patient?.name?.[0]?.text}`), // expect: phi-in-url
    openChart: () => router.push(`/chart/${patient?.id}`),
  };
}
