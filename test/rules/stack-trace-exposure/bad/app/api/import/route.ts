// @ts-nocheck
import { NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { importHl7 } from '../../../hl7';

export async function POST(request: Request) {
  await getServerSession();
  try {
    return NextResponse.json(await importHl7(await request.text()));
  } catch (err) {
    return NextResponse.json({ error: 'import failed', detail: String(err) }, { status: 500 }); // expect: stack-trace-exposure
  }
}
