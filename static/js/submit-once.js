// Forms marked data-submit-once disable their buttons once submitted, so a
// double click sends one request. The server is safe without this (repeating
// an outbox action changes nothing); it only spares a second round trip.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute("data-submit-once")) return;
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
  }, 0);
});
