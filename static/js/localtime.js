// Shows each deadline in the reader's own time zone as well (the page already
// gives it in the call's time zone and in UTC; without JavaScript nothing is lost).
(function () {
  "use strict";
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var target = element.parentNode.querySelector("[data-local-time-target]");
    var moment = new Date(element.getAttribute("datetime"));
    if (!target || isNaN(moment)) return;
    var lang = document.documentElement.lang || undefined;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var text = new Intl.DateTimeFormat(lang, {dateStyle: "full", timeStyle: "short"}).format(moment);
    target.textContent = target.getAttribute("data-label") + " (" + zone + ") : " + text;
    if (lang !== "fr") target.textContent = target.textContent.replace(" : ", ": ");
    target.hidden = false;
  });
})();
