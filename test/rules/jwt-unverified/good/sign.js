const jwt = require('jsonwebtoken');

function issueSession(userId) {
  return jwt.sign({ sub: userId }, process.env.JWT_PRIVATE_KEY, { algorithm: 'RS256', expiresIn: '15m' });
}

const uiState = { algorithm: 'none-selected', alg: 'auto' };

module.exports = { issueSession, uiState };
