# Dockerfile comments take a whole line, so the expected lines are in api.dockerfile.expect.
FROM node:20-slim AS build
ARG NPM_TOKEN=9c1f4e7a2b8d3f60aa
WORKDIR /src
COPY package*.json .npmrc ./
RUN npm ci

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    DB_PASSWORD="Pg-Records-9931x" \
    LOG_LEVEL=info
ENV SESSION_SECRET x9K2mQ7vL4pR8tW1
COPY --from=build /src/node_modules ./node_modules
COPY .env ./
COPY ["certs/portal.key", "/etc/tls/portal.key"]
ADD deploy/id_rsa /root/.ssh/id_rsa
COPY --chown=node:node config/service-account-prod.json /app/gcp.json
ONBUILD COPY .env.production /app/
CMD ["node", "server.js"]
