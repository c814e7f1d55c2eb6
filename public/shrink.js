// Shrinks each photo chosen for upload to a long side of at most 2000 px, as JPEG, before the
// form sends it: a phone photo of 4-8 MB becomes a few hundred KB on a slow mobile network.
// Without JavaScript, or if the browser cannot decode a photo, the original file is sent
// unchanged. Plain JavaScript rather than a Leptos island: islands share one WASM bundle, and
// canvas bindings would make the check page heavier for every resident.
(function () {
  var MAX_SIDE = 2000;

  // The file to send instead of `file`, or `file` itself when shrinking would not help.
  async function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return file;
    try {
      var bitmap = await createImageBitmap(file);
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size < 1500000) return file;
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      var blob = await new Promise(function (done) { canvas.toBlob(done, 'image/jpeg', 0.85); });
      if (!blob || blob.size >= file.size) return file;
      return new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg' });
    } catch (e) {
      // Keep the original file: the server checks its type and size anyway.
      return file;
    }
  }

  document.querySelectorAll('input[type=file][data-shrink]').forEach(function (input) {
    input.addEventListener('change', async function () {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length || !window.DataTransfer) return;
      var sent = await Promise.all(files.map(shrink));
      if (sent.every(function (f, i) { return f === files[i]; })) return;
      var chosen = new DataTransfer();
      sent.forEach(function (f) { chosen.items.add(f); });
      input.files = chosen.files;
      input.dataset.shrunk = String(sent.reduce(function (total, f) { return total + f.size; }, 0));
    });
  });
})();
