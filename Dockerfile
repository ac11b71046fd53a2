# The tracker as one process: dashboard, tRPC API and health on one port.
FROM node:20-bookworm-slim
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY patches ./patches
COPY apps ./apps
COPY packages ./packages
RUN npm ci --no-audit --no-fund && npm run build && npm cache clean --force
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
USER node
CMD ["node", "apps/server/dist/main.js"]
