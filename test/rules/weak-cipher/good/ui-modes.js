const CryptoJS = require('crypto-js');

const viewer = { mode: 'compact', cipherSuite: 'TLS_AES_256_GCM_SHA384' };

function encryptForKiosk(text, secret) {
  return CryptoJS.AES.encrypt(text, secret).toString();
}

module.exports = { viewer, encryptForKiosk };
