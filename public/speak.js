// 读给我听 (issue 11, item 14): the phone reads the page aloud in the page's language, with
// its own speech synthesis. Loaded only when a resident presses the button (or turned it on
// before, on this phone): it adds nothing to anyone's first load.
// Once on: the page's title and the check's result are read at once; each question is read
// when its field is reached (tapped, or moved to); the result again when it changes.
const KEY = 'portal:speak';
const lang = document.documentElement.lang || 'zh-CN';
let enabled = false;
let observer = null;
let pending = null;

function clean(text) {
  return (text || '').replace(/\s+/g, ' ').trim();
}

function say(text) {
  text = clean(text);
  if (!text) return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = 0.9; // a little slower than the default: many who need this are older
  speechSynthesis.speak(utterance);
}

// A field's question as it is read on the screen: its group's question, its own label, its hint.
function question(field) {
  const parts = [];
  const group = field.closest('fieldset');
  const legend = group && group.querySelector('legend');
  if (legend) parts.push(legend.textContent);
  const label = (field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]')) || field.closest('label');
  if (label && !(legend && legend.contains(label))) parts.push(label.textContent);
  (field.getAttribute('aria-describedby') || '').split(/\s+/).forEach((id) => {
    const hint = id && document.getElementById(id);
    if (hint && !hint.hidden) parts.push(hint.textContent);
  });
  return parts.map(clean).filter(Boolean).join('。');
}

function result() {
  const bar = document.querySelector('[data-result-bar]');
  if (!bar || bar.hidden) return '';
  return Array.from(bar.children).filter((part) => part.tagName !== 'A').map((part) => part.textContent).join('，');
}

function onFocus(event) {
  if (event.target.matches('input, select, textarea')) say(question(event.target));
}

function watchResult() {
  const bar = document.querySelector('[data-result-bar]');
  if (!bar) return;
  observer = new MutationObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(() => say(result()), 800);
  });
  observer.observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
}

function show() {
  document.querySelectorAll('[data-speak]').forEach((button) => button.setAttribute('aria-pressed', String(enabled)));
  try {
    if (enabled) localStorage.setItem(KEY, 'on');
    else localStorage.removeItem(KEY);
  } catch (e) {
    // No storage (private mode, full): reading aloud still works on this page.
  }
}

function enable(announce) {
  enabled = true;
  show();
  document.addEventListener('focusin', onFocus);
  watchResult();
  if (announce) {
    const heading = document.querySelector('main h1');
    say([heading && heading.textContent, result()].map(clean).filter(Boolean).join('。'));
  }
}

function disable() {
  enabled = false;
  show();
  speechSynthesis.cancel();
  document.removeEventListener('focusin', onFocus);
  if (observer) observer.disconnect();
}

// `pressed`: the button was pressed (turns reading on or off); otherwise the page opened with
// reading turned on earlier, which goes on quietly until the resident reaches a question.
export function start(pressed) {
  if (!pressed) {
    if (!enabled) enable(false);
  } else if (enabled) {
    disable();
  } else {
    enable(true);
  }
}
