// @ts-nocheck
import { MedplumClient } from '@medplum/core';
import { auth } from '../../../auth';

const medplum = new MedplumClient();

export async function GET(request: Request) {
  const session = await auth();
  if (!session) return new Response('unauthorized', { status: 401 });
  const id = new URL(request.url).searchParams.get('id') ?? '';
  const patient = await medplum.readResource('Patient', id);
  if (!patient.active) return new Response(JSON.stringify({ error: 'inactive record', patient }), { status: 410 }); // expect: phi-in-error-response
  return Response.json({ id: patient.id });
}
