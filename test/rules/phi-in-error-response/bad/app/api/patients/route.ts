// @ts-nocheck
import { NextResponse } from 'next/server';
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function POST(request: Request) {
  const body = await request.json();
  const existing = await medplum.searchOne('Patient', { identifier: body.mrn });
  if (existing) {
    return NextResponse.json({ error: 'duplicate', existing }, { status: 409 }); // expect: phi-in-error-response
  }
  return NextResponse.json(await medplum.createResource({ resourceType: 'Patient', ...body }), { status: 201 });
}
