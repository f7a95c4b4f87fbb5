// @ts-nocheck
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const WEBHOOK = 'https://hooks.slack.example/services/T000/B000/XXXX';

export async function notifyCareTeam(appointmentId: string) {
  const appt = await prisma.appointment.findUnique({ where: { id: appointmentId }, include: { patient: true } });
  await fetch(WEBHOOK, { // expect: phi-to-third-party-http
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: `No-show: ${appt.patient.fullName} at ${appt.startsAt}` }),
  });
}
