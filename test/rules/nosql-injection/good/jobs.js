const { MongoClient } = require('mongodb');

const client = new MongoClient(process.env.MONGO_URL);
const sessions = client.db('portal').collection('sessions');

async function purgeExpired(now) {
  await sessions.deleteMany({ expiresAt: { $lt: now } });
  return sessions.countDocuments({ active: true });
}

module.exports = { purgeExpired };
