// @ts-nocheck
import Fastify from 'fastify';

const fastify = Fastify();

fastify.setErrorHandler((error, request, reply) => {
  reply.code(500).send({ statusCode: 500, message: error.message, trace: error.stack }); // expect: stack-trace-exposure
});

export default fastify;
