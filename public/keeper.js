// Keeps what a resident types on a step of the application in the phone's own storage until the
// server has it, so that a lost connection, a closed tab or a dead battery loses nothing: when
// the step opens again with answers the server never received, they are put back.
// Plain JavaScript rather than a Leptos island: it needs no Rust, and a resident who opens the
// application directly should not download the check page's WASM for it.
(function () {
  var form = document.querySelector('form[data-keep]');
  if (!form || !window.localStorage) return;
  var key = 'portal:unsent:' + form.getAttribute('action');

  function fields() {
    return Array.prototype.filter.call(form.querySelectorAll('input[name], select[name], textarea[name]'), function (el) {
      return el.type !== 'hidden' && el.type !== 'file' && el.type !== 'submit';
    });
  }
  function read() {
    var values = {};
    fields().forEach(function (el) {
      if (el.type === 'checkbox') values[el.name] = el.checked;
      else if (el.type === 'radio') { if (el.checked) values[el.name] = el.value; }
      else values[el.name] = el.value;
    });
    return values;
  }
  function same(a, b) {
    return Object.keys(a).every(function (k) { return a[k] === b[k]; });
  }

  try {
    var saved = JSON.parse(localStorage.getItem(key) || 'null');
    if (saved && saved.values) {
      if (same(saved.values, read())) {
        localStorage.removeItem(key); // the server has these answers
      } else {
        fields().forEach(function (el) {
          if (!(el.name in saved.values)) return;
          var v = saved.values[el.name];
          if (el.type === 'checkbox') el.checked = v === true;
          else if (el.type === 'radio') el.checked = el.value === v;
          else el.value = v;
        });
        var note = document.querySelector('[data-restored]');
        if (note) note.hidden = false;
      }
    }
  } catch (e) {
    // Storage full or disabled: the server still keeps each step once it is sent.
  }

  function save() {
    try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: read() })); } catch (e) {}
  }
  form.addEventListener('input', save);
  form.addEventListener('change', save);
})();
