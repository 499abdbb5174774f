/* Readability of a text field in the admin (sozialraum/common/readability.py).
 *
 * While staff type, the text is sent (at most every 600 ms) to the admin's own
 * …/lesbarkeit/ address of the model; the figure and the long sentences under the field
 * are replaced with the answer. Without script the figure computed with the page stays.
 */
(function () {
  "use strict";

  function csrfToken(field) {
    var form = field.form;
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function show(box, data) {
    box.querySelector(".readability-summary").textContent = data.summary;
    var hint = box.querySelector(".readability-hint");
    hint.textContent = data.hint;
    hint.hidden = !data.hint;
    var list = box.querySelector(".readability-sentences");
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    data.long_sentences.forEach(function (sentence) {
      var item = document.createElement("li");
      item.textContent = sentence;
      list.appendChild(item);
    });
  }

  function watch(box) {
    var field = document.getElementById(box.getAttribute("data-readability-for"));
    var url = box.getAttribute("data-readability-url");
    if (!field || !url || !window.fetch) {
      return;
    }
    field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + box.id).trim());
    var timer = null;
    var sent = field.value;
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (field.value === sent) {
          return;
        }
        sent = field.value;
        var body = new URLSearchParams();
        body.append("text", field.value);
        fetch(url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(field) },
          body: body
        })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (data) { if (data) { show(box, data); } })
          .catch(function () {});
      }, 600);
    });
  }

  function start() {
    document.querySelectorAll("[data-readability-for]").forEach(watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
