const express = require('express');

const PORTAL_ORIGIN = 'https://portal.hospital.example';
const app = express();

app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', PORTAL_ORIGIN);
  res.setHeader('Vary', 'Origin');
  res.setHeader('X-Request-Origin-Seen', req.headers.origin ? 'yes' : 'no');
  next();
});

module.exports = app;
