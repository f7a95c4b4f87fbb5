// @ts-nocheck
import fs from 'node:fs';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function writeDailyStats(day: string) {
  const visits = await prisma.visit.findMany({ where: { day } });
  const ids = visits.map((v) => v.id);
  fs.writeFileSync(`/var/stats/${day}.json`, JSON.stringify({ day, total: visits.length, ids }));
  fs.appendFileSync('/var/log/jobs.log', `stats written for ${day}\n`);
}
