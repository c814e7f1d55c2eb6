// The confirmation's "复制编号" (issue 24, item 12): copies the reference where the phone can,
// and says so. Without JavaScript, or without a clipboard, the button stays hidden and the page
// still asks the resident to take a screenshot or write the reference down.
(function () {
  var button = document.querySelector('button[data-copy]');
  var done = document.getElementById('copy-done');
  if (!button || !navigator.clipboard || !navigator.clipboard.writeText) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(button.dataset.copy).then(function () {
      if (done) done.hidden = false;
    }, function () {
      // Refused by the phone: the reference stays on the screen to write down.
    });
  });
})();
