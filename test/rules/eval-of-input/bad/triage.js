const express = require('express');
const { evaluateRule } = require('./lib/rules-engine');
const { requireAuth } = require('./lib/auth');

const router = express.Router();

router.post('/api/triage/preview', requireAuth, (req, res) => {
  res.json({ escalate: evaluateRule(req.query.rule, { heartRate: 120 }) });
});

module.exports = router;
