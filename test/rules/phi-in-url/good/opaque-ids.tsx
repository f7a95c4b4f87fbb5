// @ts-nocheck
'use client';
import { useRouter } from 'next/navigation';
import { useResource } from '@medplum/react';

export function usePatientLinks(ref: { reference: string }, page: number) {
  const router = useRouter();
  const patient = useResource(ref);
  return {
    openChart: () => router.push(`/chart/${patient?.id}`),
    openList: () => router.push(`/patients?page=${page}&count=${patient?.name?.length ?? 0}`),
    back: () => window.history.back(),
  };
}
