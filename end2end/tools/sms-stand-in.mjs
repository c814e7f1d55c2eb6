// A stand-in for Alibaba Cloud's SMS API for the browser journeys (the Rust tests have their
// own, server/tests/portal/common/sms_stand_in.rs): it checks what the provider checks of a
// SendSms request (the action, version, AccessKey, signature method, a fresh nonce, and the
// HMAC-SHA1 signature recomputed from the provider's documented rules) and keeps every text it
// accepts; it answers QuerySendDetails with each text's receipt (delivered). GET /received
// lists the texts as JSON; GET /healthz answers when it listens.
// Usage: node sms-stand-in.mjs PORT SECRET_FILE
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [port, secretFile] = process.argv.slice(2);
const secret = readFileSync(secretFile, 'utf8').trim();
const ACCESS_KEY_ID = 'LTAI-e2e-stand-in';
const received = [];
const refused = [];
const nonces = new Set();

// RFC 3986: letters, digits and -_.~ as they are; every other UTF-8 byte as %XY.
const encode = (text) =>
  [...Buffer.from(text, 'utf8')]
    .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0')))
    .join('');

function check(form) {
  if (!['SendSms', 'QuerySendDetails'].includes(form.Action) || form.Version !== '2017-05-25') return 'InvalidAction.NotFound';
  if (form.AccessKeyId !== ACCESS_KEY_ID) return 'InvalidAccessKeyId.NotFound';
  if (form.SignatureMethod !== 'HMAC-SHA1' || form.SignatureVersion !== '1.0') return 'InvalidSignatureMethod';
  if (!form.SignatureNonce || nonces.has(form.SignatureNonce)) return 'SignatureNonceUsed';
  nonces.add(form.SignatureNonce);
  if (form.Action === 'SendSms') {
    try { JSON.parse(form.TemplateParam); } catch { return 'isv.INVALID_JSON_PARAM'; }
  } else if (!form.PhoneNumber || !/^\d{8}$/.test(form.SendDate ?? '') || !(Number(form.PageSize) >= 1 && Number(form.PageSize) <= 50)) {
    return 'isv.INVALID_PARAMETERS';
  }
  const canonical = Object.keys(form).filter((k) => k !== 'Signature').sort()
    .map((k) => `${encode(k)}=${encode(form[k])}`).join('&');
  const expected = createHmac('sha1', `${secret}&`).update(`POST&%2F&${encode(canonical)}`).digest('base64');
  return form.Signature === expected ? null : 'SignatureDoesNotMatch';
}

createServer((request, response) => {
  const answer = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.method === 'GET') {
    if (request.url === '/received') return answer(200, { received, refused });
    return answer(200, { ok: true });
  }
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    const form = Object.fromEntries(new URLSearchParams(body));
    const code = check(form);
    if (code) {
      refused.push(code);
      return answer(400, { Code: code, Message: 'refused by the stand-in' });
    }
    if (form.Action === 'QuerySendDetails') {
      const text = received.find((t) => t.bizId === form.BizId && t.phone === form.PhoneNumber);
      const details = text ? [{ SendStatus: 3, ErrCode: 'DELIVERED', PhoneNum: text.phone, OutId: text.outId }] : [];
      return answer(200, { Code: 'OK', Message: 'OK', RequestId: 'e2e', TotalCount: details.length, SmsSendDetailDTOs: { SmsSendDetailDTO: details } });
    }
    const bizId = `${900001 + received.length}^0`;
    received.push({
      phone: form.PhoneNumbers, template: form.TemplateCode, params: JSON.parse(form.TemplateParam), outId: form.OutId, bizId,
    });
    answer(200, { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: 'e2e' });
  });
}).listen(Number(port), '127.0.0.1');
