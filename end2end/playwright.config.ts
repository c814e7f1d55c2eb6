import { defineConfig, devices } from '@playwright/test';

// The portal as .ci/build left it (target/site and the debug server), on a fresh SQLite file,
// driven in Debian's Chromium on a phone-sized screen. Never `npx playwright install`.
const port = Number(process.env.E2E_PORT ?? 3917);

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
  webServer: {
    // A data key (made once per run), the demonstration staff accounts, then the portal.
    command:
      'sh -c "[ -f ../target/e2e/portal.key ] || ../target/debug/server keygen >/dev/null; ' +
      '../target/debug/server demo >/dev/null && exec ../target/debug/server"',
    env: {
      DATABASE_URL: 'sqlite://../target/e2e/portal.db',
      // Uploads stay under target/, never in the repository.
      PORTAL_DOCUMENTS_DIR: '../target/e2e/documents',
      PORTAL_DATA_KEY_FILE: '../target/e2e/portal.key',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: '../target/site',
      RUST_LOG: 'warn',
    },
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
