// A little help where script runs; the page works without it.

// The start address carries the key, which the page has put in a cookie:
// it leaves the address bar, so that it is not copied or bookmarked.
if (new URLSearchParams(location.search).has("nyckel")) {
  var address = new URL(location.href);
  address.searchParams.delete("nyckel");
  history.replaceState(null, "", address.pathname + address.search + address.hash);
}

// A form that is sent shows that it works and is not sent twice.
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
