// The only script: after a failed submit, move focus to the error summary so that it is read out first.
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  var open = document.querySelector('details[data-open-on-load]');
  if (open && !summary) open.querySelector('summary').focus();
});

// E-arkivexport: while an export runs, read its progress from the API every two seconds and update the status in
// place (no page refresh: a timed refresh would fail WCAG 2.2.1); when it is done, show the finished page.
document.addEventListener('DOMContentLoaded', function () {
  var running = document.querySelector('[data-earkiv-export]');
  if (!running) return;
  var id = running.getAttribute('data-earkiv-export');
  var timer = setInterval(function () {
    fetch('/api/earkiv/exporter/' + id, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.status !== 'pagar') { clearInterval(timer); window.location.reload(); return; }
        running.querySelector('[data-klara]').textContent = p.klara;
        running.querySelector('[data-totalt]').textContent = p.totalt;
        var bar = running.querySelector('progress');
        if (bar && p.totalt) bar.value = Math.round((100 * p.klara) / p.totalt);
      })
      .catch(function () { clearInterval(timer); });
  }, 2000);
});
