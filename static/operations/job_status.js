// Status page of a background job: asks for the job's state every two seconds, announces it
// in the live region and loads the page again once the job has finished (result or message).
(function () {
  "use strict";
  var root = document.querySelector("[data-status-url]");
  if (!root) return;
  var url = root.getAttribute("data-status-url");
  var label = document.getElementById("job-status-label");
  var text = document.getElementById("job-progress-text");
  var bar = document.getElementById("job-progress");
  function poll() {
    fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return window.setTimeout(poll, 5000);
        if (data.finished) { window.location.reload(); return; }
        label.textContent = data.status_label;
        var progress = data.progress_total ? data.progress_done + " / " + data.progress_total + " " : "";
        text.textContent = progress + (data.progress_text || "");
        if (bar && data.progress_total) { bar.max = data.progress_total; bar.value = data.progress_done; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
