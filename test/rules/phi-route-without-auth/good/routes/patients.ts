// @ts-nocheck
import { Router } from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const router = Router();

router.get('/:id', async (req, res) => {
  res.json(await prisma.patient.findUnique({ where: { id: req.params.id } }));
});

export default router;
