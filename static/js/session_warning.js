// Warns a signed-in person a few minutes before their session ends for inactivity,
// and lets them renew it without leaving the page, so a long form keeps what they
// typed. The markup and texts are in templates/includes/session_warning.html.
// Progressive enhancement: without JavaScript there is no warning, nothing else changes.
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box || !window.fetch || !("content" in document.createElement("template"))) return;
  var age = parseInt(box.getAttribute("data-session-age"), 10);
  var warnBefore = parseInt(box.getAttribute("data-warn-before"), 10);
  if (!(age > 0) || !(warnBefore >= 0)) return;
  var timers = [];

  function show(templateId) {
    box.replaceChildren(document.getElementById(templateId).content.cloneNode(true));
  }

  function schedule() {
    timers.forEach(clearTimeout);
    var end = new Date(Date.now() + age * 1000);
    timers = [
      setTimeout(function () { warn(end); }, Math.max(0, age - warnBefore) * 1000),
      setTimeout(function () { show("session-warning-ended"); }, age * 1000)
    ];
  }

  function warn(end) {
    show("session-warning-soon");
    box.querySelector("[data-session-end]").textContent = end.toLocaleTimeString(document.documentElement.lang || undefined, {hour: "2-digit", minute: "2-digit"});
    box.querySelector("form").addEventListener("submit", renew);
  }

  function renew(event) {
    event.preventDefault();
    var form = event.target;
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        age = data.session_age || age;
        show("session-warning-renewed");
        schedule();
        timers.push(setTimeout(function () { box.replaceChildren(); }, 8000));
      })
      .catch(function () { show("session-warning-ended"); });
  }

  schedule();
})();
