import { defineConfig, devices } from '@playwright/test';

// The portal as .ci/build left it (target/site and the debug server), on a fresh SQLite file,
// driven in Debian's Chromium on a phone-sized screen. Never `npx playwright install`.
const port = Number(process.env.E2E_PORT ?? 3917);
const smsPort = Number(process.env.E2E_SMS_PORT ?? 3918);

export default defineConfig({
  testDir: './tests',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    ...devices['Pixel 7'],
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    },
  },
  webServer: [
    {
      // A stand-in of Alibaba Cloud's SMS API (tools/sms-stand-in.mjs), which the portal sends
      // its texts to; its secret in a file under target/, as the portal reads it.
      command: `sh -c "mkdir -p ../target/e2e && printf e2e-stand-in-secret > ../target/e2e/sms-secret && exec node tools/sms-stand-in.mjs ${smsPort} ../target/e2e/sms-secret"`,
      url: `http://127.0.0.1:${smsPort}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // A data key (made once per run), the journeys' parameter set (tools/journey-parameters.mjs),
      // the demonstration staff accounts, template codes and duty numbers, then the portal.
      command:
        'sh -c "[ -f ../target/e2e/portal.key ] || ../target/debug/server keygen >/dev/null; ' +
        'node tools/journey-parameters.mjs ../app/src/rules/parameters.json ../target/e2e/parameters.json && ' +
        '../target/debug/server demo >/dev/null && exec ../target/debug/server"',
      env: {
        PORTAL_PARAMETERS: '../target/e2e/parameters.json',
        DATABASE_URL: 'sqlite://../target/e2e/portal.db',
        // Uploads stay under target/, never in the repository.
        PORTAL_DOCUMENTS_DIR: '../target/e2e/documents',
        PORTAL_DATA_KEY_FILE: '../target/e2e/portal.key',
        LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
        LEPTOS_SITE_ROOT: '../target/site',
        PORTAL_SMS_PROVIDER: 'aliyun',
        PORTAL_SMS_ENDPOINT: `http://127.0.0.1:${smsPort}/`,
        PORTAL_SMS_ACCESS_KEY_ID: 'LTAI-e2e-stand-in',
        PORTAL_SMS_ACCESS_KEY_SECRET_FILE: '../target/e2e/sms-secret',
        PORTAL_SMS_SIGN_NAME: '江津民政',
        RUST_LOG: 'warn',
      },
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
