// The ärende page keeps up by itself (issue 15 p. 4): the server says when the ärende has changed (server-sent events
// from /arenden/:id/handelser), and this script fetches the page again and swaps the parts that show the state.
// While an action form is open or being filled in, the page stands still; the change is read out in the live region
// and shown when the form is closed or left.
(function () {
  var root = document.querySelector('[data-live-arende]');
  if (!root || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var id = root.getAttribute('data-live-arende');
  var version = root.getAttribute('data-live-version') || '';
  var busy = false;
  var again = false;

  // Busy: a form is open, or the focus is in a field (a focused summary of a closed form is not busy: it is kept
  // focused across the swap, below).
  function busyWith(section) {
    if (!section) return false;
    if (section.querySelector('details[open]') !== null) return true;
    var el = document.activeElement;
    return !!el && el !== document.body && section.contains(el) && el.tagName !== 'SUMMARY';
  }

  function focusedForm() {
    var el = document.activeElement;
    var details = el && el.tagName === 'SUMMARY' && el.closest ? el.closest('details[id]') : null;
    return details ? details.id : null;
  }

  function userIsBusy() {
    var forms = document.querySelectorAll('[data-live-keep-open]');
    for (var i = 0; i < forms.length; i++) if (busyWith(forms[i])) return true;
    return false;
  }

  // A change held while the user was busy is shown once the form is closed or the focus has left it.
  var held = false;
  function showHeld() {
    if (!held) return;
    setTimeout(function () {
      if (held && !userIsBusy()) refresh();
    }, 0);
  }
  document.addEventListener('toggle', showHeld, true);
  document.addEventListener('focusout', showHeld, true);

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
        var status = document.getElementById('live-status');
        var said = fresh.getElementById('live-summary');
        // While an action form is open or being filled in, nothing on the page moves: a part swapped above the form
        // would shift it under the pointer (a click meant for a choice lands elsewhere). The change is only read
        // out now and shown when the form is closed or left (held, below).
        if (userIsBusy()) {
          held = true;
          if (status) status.textContent = 'Ärendet har ändrats. Sidan uppdateras när du har stängt formuläret.';
          return;
        }
        held = false;
        if (status && said) status.textContent = said.textContent;
        var focusId = focusedForm();
        var parts = document.querySelectorAll('[data-live]');
        for (var i = 0; i < parts.length; i++) {
          var part = parts[i];
          var next = fresh.getElementById(part.id);
          if (!next || next.innerHTML === part.innerHTML) continue;
          part.innerHTML = next.innerHTML;
        }
        var refocus = focusId && document.getElementById(focusId);
        if (refocus && document.activeElement === document.body) refocus.querySelector('summary').focus();
        var freshRoot = fresh.querySelector('[data-live-arende]');
        if (freshRoot) root.setAttribute('data-live-version', freshRoot.getAttribute('data-live-version') || '');
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
