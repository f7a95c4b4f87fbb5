const express = require('express');
const { Pool } = require('pg');
const { requireAuth } = require('./auth');

const pool = new Pool();
const router = express.Router();

router.get('/api/claims/:id', requireAuth, async (req, res) => {
  try {
    const { rows } = await pool.query('SELECT status FROM claims WHERE id = $1', [req.params.id]);
    res.json(rows[0]);
  } catch (e) {
    res.status(500).send(e.stack); // expect: stack-trace-exposure
  }
});

router.post('/api/claims', requireAuth, (req, res) => {
  pool
    .query('INSERT INTO claims (payload) VALUES ($1)', [req.body])
    .then(() => res.sendStatus(201))
    .catch((error) => res.status(500).json({ message: error.message })); // expect: stack-trace-exposure
});

module.exports = router;
