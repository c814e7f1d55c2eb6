// Shrinks a photo chosen for upload to a long side of at most 2000 px, as JPEG, before the form
// sends it: a phone photo of 4-8 MB becomes a few hundred KB on a slow mobile network. Without
// JavaScript, or if the browser cannot decode the photo, the original file is sent unchanged.
// Plain JavaScript rather than a Leptos island: islands share one WASM bundle, and canvas
// bindings would make the check page heavier for every resident.
(function () {
  var MAX_SIDE = 2000;
  document.querySelectorAll('input[type=file][data-shrink]').forEach(function (input) {
    input.addEventListener('change', async function () {
      var file = input.files && input.files[0];
      if (!file || !/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return;
      try {
        var bitmap = await createImageBitmap(file);
        var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
        if (scale === 1 && file.size < 1500000) return;
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        var blob = await new Promise(function (done) { canvas.toBlob(done, 'image/jpeg', 0.85); });
        if (!blob || blob.size >= file.size) return;
        var shrunk = new DataTransfer();
        shrunk.items.add(new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg' }));
        input.files = shrunk.files;
        input.dataset.shrunk = String(blob.size);
      } catch (e) {
        // Keep the original file: the server checks its type and size anyway.
      }
    });
  });
})();
