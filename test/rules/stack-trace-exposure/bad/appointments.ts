// @ts-nocheck
import express from 'express';
import { PrismaClient } from '@prisma/client';
import { requireAuth } from './auth';
import { serverError } from './lib/http';

const prisma = new PrismaClient();
const app = express();
app.use(requireAuth);

app.delete('/appointments/:id', async (req, res) => {
  try {
    await prisma.appointment.delete({ where: { id: req.params.id } });
    res.sendStatus(204);
  } catch (err) {
    serverError(res, err);
  }
});
