const { WebClient } = require('@slack/web-api');

const slack = new WebClient('xoxb-000000000000-0000000000000-FAKEFAKEFAKEFAKEFAKEFAKE'); // expect: hardcoded-secret

const signingKey = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAfakefakefakefakefakefakefake\n-----END RSA PRIVATE KEY-----'; // expect: hardcoded-secret

const fhirClient = {};
fhirClient.accessToken = 'eyFakeToken.0a1b2c3d4e5f6a7b8c9d'; // expect: hardcoded-secret

module.exports = { slack, signingKey, fhirClient };
