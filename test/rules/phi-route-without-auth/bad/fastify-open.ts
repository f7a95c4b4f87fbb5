// @ts-nocheck
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const fastify = Fastify();

fastify.route({ // expect: phi-route-without-auth
  method: 'GET',
  url: '/prescriptions/:id',
  handler: async (request) => prisma.prescription.findUnique({ where: { id: request.params.id } }),
});
