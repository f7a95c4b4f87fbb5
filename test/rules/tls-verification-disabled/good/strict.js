const tls = require('node:tls');

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';

function connectHl7Feed(host, servername) {
  return tls.connect({
    host,
    port: 6661,
    servername,
    checkServerIdentity: (name, cert) => tls.checkServerIdentity(servername, cert),
  });
}

const featureFlags = { insecure: false, verify: false, strictMode: false };

module.exports = { connectHl7Feed, featureFlags };
