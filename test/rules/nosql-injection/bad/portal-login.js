const express = require('express');
const { MongoClient } = require('mongodb');

const client = new MongoClient(process.env.MONGO_URL);
const users = client.db('portal').collection('users');
const notes = client.db('portal').collection('notes');
const app = express();

app.post('/login', async (req, res) => {
  const user = await users.findOne({ username: req.body.username, password: req.body.password }); // expect: nosql-injection
  res.json({ ok: Boolean(user) });
});

app.get('/notes/search', async (req, res) => {
  const hits = await notes.find({ $where: `this.author == '${req.query.author}'` }).toArray(); // expect: nosql-injection
  res.json(hits.length);
});

module.exports = app;
