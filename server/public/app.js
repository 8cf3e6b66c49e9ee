// The only script: after a failed submit, move focus to the error summary so that it is read out first.
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  var open = document.querySelector('details[data-open-on-load]');
  if (open && !summary) open.querySelector('summary').focus();
});
