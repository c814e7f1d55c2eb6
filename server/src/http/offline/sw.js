// The portal's service worker (issue 11, item 4): with no signal, after one visit, the check
// still opens and works (its WASM runs on the phone), the tracking form opens, and any other
// page says plainly that there is no connection instead of the browser's error.
// The server fills in RELEASE and FILES (server/src/http/offline/mod.rs): a new release is a
// new worker, which replaces the old cache as soon as it is installed.
'use strict';
const RELEASE = '__RELEASE__';
const CACHE = 'portal-' + RELEASE;
// Pages kept for offline use. Only pages without personal data: the check and the empty
// tracking form, never an answer, an application step or a staff page.
const PAGES = ['/', '/track', '/offline'];
const FILES = __FILES__;
const APPLY_START = '/apply/start';

// Installed after the first page has loaded. The pages and the stylesheet are small and kept
// at once; the check's JS and WASM (most of the bytes) only if the phone already has them
// (`only-if-cached` never goes to the network), so that a resident who only ever opened the
// tracking page is not made to download them. The check page keeps them when it loads them.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await cache.addAll(PAGES.concat(FILES.filter((path) => path.endsWith('.css'))));
      for (const path of FILES.filter((path) => !path.endsWith('.css'))) {
        const response = await fetch(path, { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => null);
        if (response && response.ok) await cache.put(path, response);
      }
      await self.skipWaiting();
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('portal-') && key !== CACHE).map((key) => caches.delete(key))))
      // The page's request starts while the worker wakes up, instead of after.
      .then(() => self.registration.navigationPreload && self.registration.navigationPreload.enable())
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && request.method === 'GET') {
    event.respondWith(page(event, url));
  } else if (request.mode === 'navigate' && request.method === 'POST') {
    event.respondWith(send(request, url));
  } else if (request.method === 'GET' && FILES.includes(url.pathname)) {
    event.respondWith(file(url.pathname, request));
  }
});

// The network first, so a page is always today's when there is a signal. A kept page (fetched
// again without its query string, so a reference in the address is never stored) is
// refreshed on every visit, so it speaks the resident's language and text size.
async function page(event, url) {
  try {
    const response = (await event.preloadResponse) || (await fetch(event.request));
    if (response.ok && PAGES.includes(url.pathname) && url.search === '' && url.pathname !== '/offline') {
      const cache = await caches.open(CACHE);
      await cache.put(url.pathname, response.clone());
    }
    return response;
  } catch (offline) {
    return (PAGES.includes(url.pathname) && (await caches.match(url.pathname))) || offlinePage(null);
  }
}

// Content-hashed names never change: a copy kept is the file; one fetched is kept.
async function file(path, request) {
  const kept = await caches.match(path);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(path, response.clone());
  }
  return response;
}

// A form sent with no signal gets the offline page instead of the browser's error. An
// application's step keeps its answers on the phone by itself (public/keeper.js); for
// "开始申请" the check's answers come back in a form that sends them again once there is a
// connection, so nothing has to be typed twice. (Only there is the body read: an upload's
// photo is never copied.)
async function send(request, url) {
  const answers = url.pathname === APPLY_START ? await request.clone().formData().catch(() => null) : null;
  try {
    return await fetch(request);
  } catch (offline) {
    return offlinePage(answers);
  }
}

async function offlinePage(answers) {
  const kept = await caches.match('/offline');
  let html = kept ? await kept.text() : '<!DOCTYPE html><meta charset="utf-8"><title>没有网络</title><p>现在没有网络，请连上网络后再试。</p>';
  if (answers) {
    let fields = '';
    for (const [name, value] of answers.entries()) {
      if (typeof value === 'string') fields += '<input type="hidden" name="' + escape(name) + '" value="' + escape(value) + '">';
    }
    // The page's resend form is hidden until it has answers to send.
    html = html.replace(/<form([^>]*) data-resend=""([^>]*?) hidden(="")?>/, '<form$1 data-resend=""$2>' + fields);
  }
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
