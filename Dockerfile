# Beslutsflöde: one image for every role; the command chooses (see docker-compose.yml and docs/deployment.md).
#   web:    node --import tsx server/main.ts          (the default command)
#   worker: node --import tsx runtime/worker-main.ts
# Configuration only through environment variables, validated at start (runtime/config.ts).
FROM node:20-bookworm-slim

# Chromium prints the PDFs (puppeteer-core drives Debian's /usr/bin/chromium; nothing is downloaded);
# the fonts are the ones the templates name; poppler and Ghostscript read and convert PDFs (PDF/A copies);
# python3 runs pyHanko, the local PAdES signer of signed archive copies (signing/pyhanko-tool.ts, docs/signing.md).
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-liberation poppler-utils ghostscript ca-certificates python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/pyhanko \
 && /opt/pyhanko/bin/pip install --no-cache-dir --only-binary=:all: pyhanko==0.38.0 pyhanko-certvalidator==0.33.0 cryptography==50.0.2 asn1crypto==1.5.1

# MALLOC_ARENA_MAX=2: glibc keeps up to 8 malloc arenas per core for the worker's many threads (V8, libuv, the Temporal
# core); two cut the worker's peak RSS by ~90 MiB with 1 000 ärenden (docs/benchmarks.md, "Worker memory").
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    PUPPETEER_SKIP_DOWNLOAD=1 \
    PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    HOST=0.0.0.0 \
    PORT=3000 \
    BF_DATA_DIR=/data \
    BF_DEMO_DATA=off \
    BF_PYHANKO_PYTHON=/opt/pyhanko/bin/python \
    BF_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY . .
# The workflow bundle is built once here, so that a worker starts in seconds and every worker runs the same code.
RUN mkdir -p dist \
 && node --import tsx -e "require('./runtime/worker').bundleWorkflows().then((b) => require('fs').writeFileSync('dist/workflow-bundle.js', b.code))" \
 && mkdir -p /data && chown node:node /data

# Non-root: the image's `node` user (uid 1000). /data is its only writable place (a volume in compose).
USER node
VOLUME ["/data"]
EXPOSE 3000 9464
CMD ["node", "--import", "tsx", "server/main.ts"]
