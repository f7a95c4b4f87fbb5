// @ts-nocheck
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const fastify = Fastify();

fastify.route({
  method: 'GET',
  url: '/prescriptions/:id',
  onRequest: [fastify.authenticate],
  handler: async (request) => prisma.prescription.findUnique({ where: { id: request.params.id } }),
});

fastify.get('/api/labs/:id', { preHandler: verifyJwt }, async (request) => prisma.labResult.findUnique({ where: { id: request.params.id } }));

async function verifyJwt(request) {
  await request.jwtVerify();
}
