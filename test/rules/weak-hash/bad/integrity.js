const crypto = require('crypto');
const CryptoJS = require('crypto-js');
const md5 = require('md5');

function recordChecksum(record) {
  return crypto.createHash('sha1').update(JSON.stringify(record)).digest('hex'); // expect: weak-hash
}

function signExport(payload, key) {
  return crypto.createHmac('md5', key).update(payload).digest('hex'); // expect: weak-hash
}

function legacyMrnKey(mrn) {
  return CryptoJS.MD5(mrn).toString(); // expect: weak-hash
}

function attachmentId(bytes) {
  return md5(bytes); // expect: weak-hash
}

module.exports = { recordChecksum, signExport, legacyMrnKey, attachmentId };
