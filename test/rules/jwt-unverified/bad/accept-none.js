const jwt = require('jsonwebtoken');

function readSession(token, key) {
  return jwt.verify(token, key, { algorithms: ['none', 'HS256'] }); // expect: jwt-unverified
}

function issueTestSession(userId) {
  return jwt.sign({ sub: userId }, '', { algorithm: 'none' }); // expect: jwt-unverified
}

module.exports = { readSession, issueTestSession };
