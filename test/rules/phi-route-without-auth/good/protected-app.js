const express = require('express');
const passport = require('passport');
const { MedplumClient } = require('@medplum/core');

const medplum = new MedplumClient();
const app = express();

app.use(passport.authenticate('jwt', { session: false }));

app.get('/encounters', async (req, res) => {
  res.json(await medplum.searchResources('Encounter', { patient: req.query.patient }));
});

app.get('/observations/:id', requireRole('clinician'), async (req, res) => {
  res.json(await medplum.readResource('Observation', req.params.id));
});

function requireRole(role) {
  return (req, res, next) => (req.user && req.user.roles.includes(role) ? next() : res.sendStatus(403));
}

module.exports = app;
