// @ts-nocheck
import { NextResponse } from 'next/server';
import { MedplumClient } from '@medplum/core';
import { auth } from '../../../auth';

const medplum = new MedplumClient();

export async function POST(request: Request) {
  if (!(await auth())) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const body = await request.json();
  const existing = await medplum.searchOne('Patient', { identifier: body.mrn });
  if (existing) return NextResponse.json({ error: 'duplicate', existingId: existing.id }, { status: 409 });
  const created = await medplum.createResource({ resourceType: 'Patient', ...body });
  return NextResponse.json(created, { status: 201 });
}
