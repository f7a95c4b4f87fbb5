// @ts-nocheck
import express from 'express';
import cors from 'cors';

const ALLOWED = new Set(['https://portal.hospital.example', 'https://admin.hospital.example']);

const app = express();
app.use(cors({ origin: ['https://portal.hospital.example'], credentials: true }));

const partnerApi = express.Router();
partnerApi.use(cors({ origin: process.env.PARTNER_ORIGIN, methods: ['GET'] }));

const portalApi = express.Router();
portalApi.use(
  cors({
    origin: (origin, callback) => callback(null, origin !== undefined && ALLOWED.has(origin)),
    credentials: true,
  }),
);

export { app, partnerApi, portalApi };
