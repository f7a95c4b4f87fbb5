// @ts-nocheck
import Anthropic from '@anthropic-ai/sdk';
import { PrismaClient } from '@prisma/client';

const anthropic = new Anthropic();
const prisma = new PrismaClient();

export async function draftDischargeLetter(encounterId: string) {
  const encounter = await prisma.encounter.findUnique({ where: { id: encounterId } });
  return anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    messages: [{ role: 'user', content: JSON.stringify(encounter) }],
  });
}
