// @ts-nocheck
import Anthropic from '@anthropic-ai/sdk';
import { PrismaClient } from '@prisma/client';

const anthropic = new Anthropic();
const prisma = new PrismaClient();

export async function draftDischargeLetter(encounterId: string) {
  const encounter = await prisma.encounter.findUnique({ where: { id: encounterId }, include: { notes: true } });
  const msg = await anthropic.messages.create({ // expect: phi-to-llm
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: 'You write discharge letters.',
    messages: [{ role: 'user', content: JSON.stringify(encounter) }],
  });
  return msg.content;
}
