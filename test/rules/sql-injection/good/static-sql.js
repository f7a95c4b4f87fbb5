const { Pool } = require('pg');

const pool = new Pool();
const TABLE = 'appointments';

async function nightlyCleanup(days) {
  await pool.query(`DELETE FROM ${TABLE} WHERE starts_at < now() - interval '90 days'`);
  await pool.query('DELETE FROM sessions WHERE expires_at < now() - $1::interval', [`${days} days`]);
}

module.exports = { nightlyCleanup };
