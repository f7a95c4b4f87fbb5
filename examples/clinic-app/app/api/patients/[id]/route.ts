import { NextResponse, type NextRequest } from 'next/server';
import { getSession } from '../../../../lib/session';
import { displayName, fhir, primaryMrn } from '../../../../lib/medplum';
import { logger } from '../../../../lib/logger';
import { maskMrn } from '../../../../lib/redact';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** Chart data for the portal's patient screen. */
export async function GET(request: NextRequest, { params }: Params) {
  const session = await getSession(request);
  if (!session) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }
  const { id } = await params;
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) {
    return NextResponse.json({ error: 'invalid id' }, { status: 400 });
  }
  try {
    const patient = await (await fhir()).readResource('Patient', id);
    logger.info('portal chart read', { userId: session.sub, patientId: patient.id });
    return NextResponse.json(
      {
        id: patient.id,
        name: displayName(patient),
        birthDate: patient.birthDate,
        gender: patient.gender,
        mrn: maskMrn(primaryMrn(patient)),
        phone: patient.telecom?.find((t) => t.system === 'phone')?.value,
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch {
    return NextResponse.json({ error: 'not_found' }, { status: 404 });
  }
}
