const fastify = require('fastify')();

fastify.post('/auth/callback', async (request, reply) => {
  reply.setCookie('sid', request.body.sid, { path: '/' }); // expect: insecure-cookie
  return { ok: true };
});

module.exports = fastify;
