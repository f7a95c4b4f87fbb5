// @ts-nocheck
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function GET(_request: Request, { params }: { params: { id: string } }) { // expect: phi-route-without-auth
  return Response.json(await medplum.readResource('Patient', params.id));
}
