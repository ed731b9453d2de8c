// A little help where script runs; the page works without it. A form that
// is sent shows that it works and is not sent twice.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.skickad) {
    event.preventDefault();
    return;
  }
  form.dataset.skickad = "1";
  var button = event.submitter;
  if (button) {
    button.textContent = "Arbetar …";
  }
  setTimeout(function () {
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
  }, 0);
});
