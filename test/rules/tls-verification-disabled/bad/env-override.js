const { spawn } = require('node:child_process');

if (process.env.NODE_ENV !== 'production') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // expect: tls-verification-disabled
}

function runImport() {
  return spawn('node', ['import-hl7.js'], {
    env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' }, // expect: tls-verification-disabled
  });
}

module.exports = { runImport };
