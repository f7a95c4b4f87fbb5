// @ts-nocheck
import express from 'express';
import cors from 'cors';

const app = express();
app.use(cors({ origin: true, credentials: true })); // expect: cors-permissive

const partnerApi = express.Router();
partnerApi.use(cors()); // expect: cors-permissive
partnerApi.use(cors({ origin: '*', methods: ['GET'] })); // expect: cors-permissive

const portalApi = express.Router();
portalApi.use(
  cors({
    origin: (origin, callback) => callback(null, true), // expect: cors-permissive
    credentials: true,
  }),
);

export { app, partnerApi, portalApi };
