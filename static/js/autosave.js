// Autosave of the EOI form: a few seconds after typing stops (and at least every
// 20 s while typing goes on), the whole form is posted to the autosave endpoint,
// which uses the same form, service and version check as the Save button.
// Without JavaScript the Save button does the same job. Also: live word counts.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData) return;

  var url = form.getAttribute("data-autosave-url");
  var status = document.querySelector("[data-autosave-status]");
  var version = form.querySelector("input[name=version]");
  var IDLE_MS = 3000, MAX_WAIT_MS = 20000, RETRY_MS = 15000;
  var idleTimer = null, firstChangeAt = null, inFlight = false, again = false, dirty = false, stopped = false;

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("text-danger", !!isError);
  }

  function fill(template, count, limit) {
    return template.replace("%(count)s", count).replace("%(limit)s", limit);
  }

  // --- Word counts: the field's help text ("At most N words.", which the field's
  // aria-describedby already names) becomes the live count ---
  form.querySelectorAll("textarea[data-word-limit]").forEach(function (area) {
    var limit = parseInt(area.getAttribute("data-word-limit"), 10);
    var counter = document.getElementById(area.id + "_helptext");
    if (!counter) return;
    counter.classList.add("word-count");
    counter.setAttribute("aria-live", "polite");
    function update() {
      // A word has a letter or a digit: " : ", " ; ", « » do not count (eoi/completeness.py, count_words).
      var words = area.value.split(/\s+/).filter(function (piece) { return /[\p{L}\p{N}]/u.test(piece); }).length;
      var over = words > limit;
      counter.textContent = fill(form.getAttribute(over ? "data-msg-over" : "data-msg-words"), words, limit);
      counter.classList.toggle("over", over);
    }
    area.addEventListener("input", update);
    update();
  });

  // --- Autosave ---
  function schedule() {
    if (stopped) return;
    dirty = true;
    var now = Date.now();
    if (firstChangeAt === null) firstChangeAt = now;
    clearTimeout(idleTimer);
    var wait = Math.min(IDLE_MS, Math.max(0, firstChangeAt + MAX_WAIT_MS - now));
    idleTimer = setTimeout(save, wait);
  }

  function save() {
    if (stopped) return;
    if (inFlight) { again = true; return; }
    inFlight = true;
    dirty = false;
    firstChangeAt = null;
    say(form.getAttribute("data-msg-saving"));
    fetch(url, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"X-Requested-With": "XMLHttpRequest", "Accept": "application/json"}
    }).then(function (response) {
      return response.json().then(function (data) { return {code: response.status, data: data}; });
    }).then(function (result) {
      handle(result.code, result.data);
    }).catch(function () {
      dirty = true;
      say(form.getAttribute("data-msg-offline"), true);
      idleTimer = setTimeout(save, RETRY_MS);
    }).then(function () {
      inFlight = false;
      if (again) { again = false; save(); }
    });
  }

  function handle(code, data) {
    if (data.status === "saved") {
      version.value = data.version;
      var savedAt = new Date(data.saved_at);  // shown in the reader's own clock time
      say(isNaN(savedAt) ? data.message : form.getAttribute("data-msg-saved").replace(
        "%(time)s", savedAt.toLocaleTimeString(document.documentElement.lang || undefined)));
      var panel = document.getElementById("composition-panel");
      if (panel && data.composition_html) panel.outerHTML = data.composition_html;
      return;
    }
    if (data.status === "invalid") {
      dirty = true;
      var details = data.errors.map(function (e) {
        return form.getAttribute("data-msg-field-error").replace("%(field)s", e[1]).replace("%(error)s", e[2]);
      }).join(" · ");
      say(data.message + " " + details, true);
      return;
    }
    // conflict, session expired, closed: stop, and let the Save button (which keeps everything) take over.
    stopped = true;
    dirty = true;
    say(data.message, true);
    if (data.status === "login" && data.login_url) {
      var link = document.createElement("a");
      link.href = data.login_url;
      link.className = "ms-1";
      link.textContent = "→";
      status.appendChild(link);
    }
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", function () {
    stopped = true;  // the plain Save takes over
    dirty = false;
    clearTimeout(idleTimer);
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {  // something typed is not saved yet: ask before leaving
      if (!stopped) save();
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
