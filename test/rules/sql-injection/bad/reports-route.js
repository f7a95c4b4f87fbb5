const express = require('express');
const { countByCode } = require('./lib/reports');
const { requireAuth } = require('./lib/auth');

const router = express.Router();

router.get('/reports/claims', requireAuth, async (req, res) => {
  res.json(await countByCode(req.query.code));
});

module.exports = router;
