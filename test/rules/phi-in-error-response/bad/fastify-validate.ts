// @ts-nocheck
import Fastify from 'fastify';

const fastify = Fastify();

fastify.post('/api/appointments', { preHandler: fastify.authenticate }, async (request, reply) => {
  const { patientName, dateOfBirth } = request.body;
  if (!dateOfBirth) {
    return reply.code(400).send({ message: 'date of birth is required', patientName }); // expect: phi-in-error-response
  }
  return { ok: true };
});
