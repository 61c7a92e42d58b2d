// The "Print" button (a script file, not an onclick attribute: the Content-Security-Policy
// runs no inline script). Without JavaScript it stays hidden; the browser's menu still prints.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
