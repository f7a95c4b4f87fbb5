const fs = require('fs');
const { MedplumClient } = require('@medplum/core');

const medplum = new MedplumClient();

async function dumpEverything(patientId) {
  const bundle = await medplum.readPatientEverything(patientId);
  fs.writeFileSync(`./debug/${patientId}.json`, JSON.stringify(bundle, null, 2)); // expect: phi-to-cleartext-file
}

module.exports = { dumpEverything };
