// @ts-nocheck
import { getServerSession } from 'next-auth';
import { MedplumClient } from '@medplum/core';
import { authOptions } from '../../../../auth-options';

const medplum = new MedplumClient();

export async function GET(_request: Request, { params }: { params: { id: string } }) {
  const session = await getServerSession(authOptions);
  if (!session) return new Response(null, { status: 401 });
  return Response.json(await medplum.readResource('Patient', params.id));
}
