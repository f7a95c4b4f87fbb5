const express = require('express');

const app = express();

app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin); // expect: cors-permissive
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});

app.options('/fhir/*', (req, res) => {
  res.header('Access-Control-Allow-Origin', '*'); // expect: cors-permissive
  res.sendStatus(204);
});

module.exports = app;
