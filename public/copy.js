// Keeping and passing on what the portal hands out (issue 24, items 12 and 14): "复制编号" on the
// confirmation and "复制链接" beside a family link copy where the phone has a clipboard, and say
// so (the element named by the button's `data-copied`); "分享给家人" opens the phone's share
// sheet (Web Share) where there is one. Without JavaScript, a clipboard or a share sheet, the
// buttons stay hidden (never a dead button) and the page still shows what to write down.
(function () {
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;
    var done = document.getElementById(button.dataset.copied || 'copy-done');
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        if (done) done.hidden = false;
      }, function () {
        // Refused by the phone: what was to be copied stays on the screen to write down.
      });
    });
  });
  document.querySelectorAll('button[data-share]').forEach(function (button) {
    if (!navigator.share) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.share({ title: button.dataset.title || document.title, url: button.dataset.share }).catch(function () {
        // Closed by the resident, or refused: the link stays on the screen to copy.
      });
    });
  });
})();
