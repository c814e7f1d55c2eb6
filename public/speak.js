// 读给我听 (issue 11, item 14; issue 24, item 7): each press of the button reads the page aloud
// once, in the page's language, with the phone's own speech synthesis: what the page is for,
// then what matters on it: the problems to correct, the check's result, the application's
// status, where it is and what the town asks for, a reference number character by character.
// A press while it reads starts again from the top. It is a button, not a mode: nothing is read
// on the next page until it is pressed there. Loaded only when pressed: it adds nothing to
// anyone's first load.
const lang = document.documentElement.lang || 'zh-CN';
const chinese = lang.startsWith('zh');

function clean(text) {
  return (text || '').replace(/\s+/g, ' ').trim();
}

function visible(element) {
  return element && !element.closest('[hidden]') && element.getClientRects().length > 0;
}

function textOf(selector) {
  const element = document.querySelector(selector);
  return visible(element) ? clean(element.textContent) : '';
}

// A reference is read one character at a time ("L，Z，杠，N，7 …"), so that it can be written
// down; a run of characters would be read as a word.
function spelled(reference) {
  return Array.from(clean(reference))
    .map((c) => (c === '-' ? (chinese ? '杠' : 'dash') : c))
    .join(chinese ? '，' : ', ');
}

// A list of terms and their descriptions (where the application is now) as "term: description".
function pairs(selector) {
  const list = document.querySelector(selector);
  if (!visible(list)) return '';
  return Array.from(list.querySelectorAll('dt'))
    .map((dt) => {
      const dd = dt.nextElementSibling;
      return clean(dt.textContent) + (chinese ? '：' : ': ') + clean(dd && dd.textContent);
    })
    .join('。');
}

// The check's result, as its bar at the foot of the screen says it (the link left out).
function result() {
  const bar = document.querySelector('[data-result-bar]');
  if (!visible(bar)) return '';
  return Array.from(bar.children)
    .filter((part) => part.tagName !== 'A')
    .map((part) => clean(part.textContent))
    .join(chinese ? '，' : ', ');
}

// What is read, in order; each part only where the page has it.
function page() {
  const reference = document.querySelector('[data-reference]');
  return [
    textOf('main h1'),
    textOf('.error-summary'),
    result(),
    reference ? textOf('.panel-confirmation p') + ' ' + spelled(reference.textContent) : '',
    textOf('[data-status]'),
    pairs('.where-now'),
    textOf('[data-document-request]'),
    textOf('main .lead'),
  ]
    .map(clean)
    .filter(Boolean)
    .join('。');
}

export function read() {
  const text = page();
  speechSynthesis.cancel();
  if (!text) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = 0.9; // a little slower than the default: many who need this are older
  speechSynthesis.speak(utterance);
}
