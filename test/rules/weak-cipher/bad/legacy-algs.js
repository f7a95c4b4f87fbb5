const crypto = require('crypto');
const CryptoJS = require('crypto-js');

function encryptClaim(claim, key, iv) {
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, iv); // expect: weak-cipher
  return cipher.update(JSON.stringify(claim), 'utf8', 'base64') + cipher.final('base64');
}

function encryptMrn(mrn, key) {
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null); // expect: weak-cipher
  return cipher.update(mrn, 'utf8', 'hex') + cipher.final('hex');
}

function encryptForKiosk(text, secret) {
  const rc4 = CryptoJS.RC4.encrypt(text, secret); // expect: weak-cipher
  const aes = CryptoJS.AES.encrypt(text, CryptoJS.enc.Utf8.parse(secret), { mode: CryptoJS.mode.ECB }); // expect: weak-cipher
  return [rc4.toString(), aes.toString()];
}

module.exports = { encryptClaim, encryptMrn, encryptForKiosk };
