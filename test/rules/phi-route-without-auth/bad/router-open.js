const express = require('express');
const { MedplumClient } = require('@medplum/core');

const medplum = new MedplumClient();
const router = express.Router();

router.get('/encounters', async (req, res) => { // expect: phi-route-without-auth
  res.json(await medplum.searchResources('Encounter', { patient: req.query.patient }));
});

router.delete('/observations/:id', async (req, res) => { // expect: phi-route-without-auth
  await medplum.deleteResource('Observation', req.params.id);
  res.sendStatus(204);
});

module.exports = router;
