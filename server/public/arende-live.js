// The ärende page keeps up by itself (issue 15 p. 4): the server says when the ärende has changed (server-sent events
// from /arenden/:id/handelser), and this script fetches the page again and swaps the parts that show the state.
// An action form that is open or being filled in is left alone; the change is read out in the live region.
(function () {
  var root = document.querySelector('[data-live-arende]');
  if (!root || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var id = root.getAttribute('data-live-arende');
  var version = root.getAttribute('data-live-version') || '';
  var busy = false;
  var again = false;

  function busyWith(section) {
    if (!section) return false;
    if (section.contains(document.activeElement) && document.activeElement !== document.body) return true;
    return section.querySelector('details[open]') !== null;
  }

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (r) {
        return r.ok ? r.text() : Promise.reject(r.status);
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        var parts = document.querySelectorAll('[data-live]');
        for (var i = 0; i < parts.length; i++) {
          var part = parts[i];
          var next = fresh.getElementById(part.id);
          if (!next || next.innerHTML === part.innerHTML) continue;
          if (part.hasAttribute('data-live-keep-open') && busyWith(part)) continue;
          part.innerHTML = next.innerHTML;
        }
        var freshRoot = fresh.querySelector('[data-live-arende]');
        if (freshRoot) root.setAttribute('data-live-version', freshRoot.getAttribute('data-live-version') || '');
        var status = document.getElementById('live-status');
        var said = fresh.getElementById('live-summary');
        if (status && said) status.textContent = said.textContent;
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  var source = new EventSource('/arenden/' + encodeURIComponent(id) + '/handelser?v=' + encodeURIComponent(version));
  source.addEventListener('andrad', function () {
    refresh();
  });
})();
