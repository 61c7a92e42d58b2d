// Autosave of the EOI form: a few seconds after typing stops (and at least every
// 20 s while typing goes on), the whole form is posted to the autosave endpoint,
// which uses the same form, service and version check as the Save button.
// A field the server finds invalid does not stop it: everything else is saved, the
// field keeps what was typed and is marked as crispy-forms marks an error (aria-invalid,
// the message below it), and an alert at the top of the form lists what is not saved.
// Leaving the page while something is not saved asks first.
// Without JavaScript the Save button does the same job. Also: live word counts.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData) return;

  var url = form.getAttribute("data-autosave-url");
  var status = document.querySelector("[data-autosave-status]");
  var version = form.querySelector("input[name=version]");
  var IDLE_MS = 3000, MAX_WAIT_MS = 20000, RETRY_MS = 15000;
  var summary = document.getElementById("autosave-errors");
  var idleTimer = null, firstChangeAt = null, inFlight = false, again = false, dirty = false, stopped = false;
  var notSaved = [];  // ids of the fields the last save left out (invalid)

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
      var words = window.jlnCountWords(area.value);  // wordcount.js, as the server counts
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
      // urlencoded, not multipart: the form has no file, and the server parses it faster
      method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin",
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

  // --- Fields not saved: marked as crispy-forms marks an error, listed at the top ---
  function describedBy(field, id, add) {
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (v) { return v && v !== id; });
    if (add) ids.push(id);
    if (ids.length) field.setAttribute("aria-describedby", ids.join(" ")); else field.removeAttribute("aria-describedby");
  }

  function unmark(field) {
    field.classList.remove("is-invalid");
    field.removeAttribute("aria-invalid");
    var box = document.getElementById(field.id + "_error");
    if (box) box.remove();
    describedBy(field, field.id + "_error", false);
  }

  function mark(field, message) {
    unmark(field);
    field.classList.add("is-invalid");
    field.setAttribute("aria-invalid", "true");
    var box = document.createElement("div");
    box.id = field.id + "_error";
    box.className = "invalid-feedback";
    var line = document.createElement("p");
    line.id = "error_1_" + field.id;
    var strong = document.createElement("strong");
    strong.textContent = message;
    line.appendChild(strong);
    box.appendChild(line);
    field.insertAdjacentElement("afterend", box);
    describedBy(field, box.id, true);
  }

  function showNotSaved(errors) {
    form.querySelectorAll("[aria-invalid=true]").forEach(unmark);  // saved now, or marked again below
    notSaved = [];
    var list = summary && summary.querySelector("ul");
    if (list) list.replaceChildren();
    errors.forEach(function (e) {
      var field = document.getElementById(e[0]);
      if (field) mark(field, e[2]);
      notSaved.push(e[0]);
      if (!list) return;
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = "#" + e[0];
      link.textContent = e[1];
      item.appendChild(link);
      item.appendChild(document.createTextNode(form.getAttribute("data-msg-field-error").replace("%(field)s", "").replace("%(error)s", e[2])));
      list.appendChild(item);
    });
    if (summary) summary.hidden = errors.length === 0;
  }

  function handle(code, data) {
    if (data.status === "saved") {
      version.value = data.version;
      showNotSaved(data.errors || []);
      var savedAt = new Date(data.saved_at);  // shown in the reader's own clock time
      if (notSaved.length) say(data.message, true);
      else say(isNaN(savedAt) ? data.message : form.getAttribute("data-msg-saved").replace(
        "%(time)s", savedAt.toLocaleTimeString(document.documentElement.lang || undefined)));
      var panel = document.getElementById("composition-panel");
      if (panel && data.composition_html) panel.outerHTML = data.composition_html;
      return;
    }
    if (data.status === "invalid") {
      dirty = true;
      say(data.message, true);
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
    if (dirty || notSaved.length) {  // something typed is not saved (yet, or invalid): ask before leaving
      if (dirty && !stopped) save();
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
