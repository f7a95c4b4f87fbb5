const express = require('express');
const { requireAuth } = require('./lib/auth');

const router = express.Router();

router.post('/patients/intake', requireAuth, (req, res) => {
  console.debug('intake form', req.body); // expect: phi-to-log
  res.status(202).json({ accepted: true });
});

module.exports = router;
