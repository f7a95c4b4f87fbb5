import { NextResponse, type NextRequest } from 'next/server';
import OpenAI from 'openai';
import { getSession } from '../../../../../lib/session';
import { fhir } from '../../../../../lib/medplum';
import { logger } from '../../../../../lib/logger';
import { redact } from '../../../../../lib/redact';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

type Params = { params: Promise<{ id: string }> };

/**
 * Portal "explain this visit" panel: a short plain-language explanation for the clinician to
 * review. Only the redacted encounter and its diagnoses are sent to the model.
 */
export async function POST(request: NextRequest, { params }: Params) {
  const session = await getSession(request);
  if (!session || session.role !== 'clinician') {
    return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  }
  const { id } = await params;
  const client = await fhir();
  const encounter = await client.readResource('Encounter', id);
  const conditions = await client.searchResources('Condition', { encounter: `Encounter/${id}`, _count: '20' });

  const completion = await openai.chat.completions.create({
    model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
    temperature: 0.2,
    messages: [
      { role: 'system', content: 'Explain this outpatient visit in two short paragraphs for a clinician.' },
      { role: 'user', content: JSON.stringify({ encounter: redact(encounter), conditions: redact(conditions) }) },
    ],
  });
  const text = completion.choices[0]?.message?.content?.trim() ?? '';
  logger.info('visit explanation generated', { userId: session.sub, encounterId: id, conditions: conditions.length, chars: text.length });
  return NextResponse.json({ text }, { headers: { 'Cache-Control': 'no-store' } });
}
