// Paragraph pinpoints: a click on ¶ goes to the paragraph (a plain link, also without
// JavaScript) and copies its link and citation, e.g.
// "Webbplatsens sammanfattning av Stockholms stads trygghetsprogram 2024–2027, Samverkan,
// stycke 3 – https://…#samverkan-stycke-3". A visible "Kopierad" beside the ¶ and a status
// message for screen readers say that it was copied.
(function () {
  "use strict";
  var status = document.createElement("p");
  status.className = "tp-pin-status tp-sr-only";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  var shown = null;
  var timer = null;

  function confirm(pin) {
    if (shown) { shown.remove(); }
    shown = document.createElement("span");
    shown.className = "tp-pin-copied";
    shown.setAttribute("aria-hidden", "true");  // the status message says it to screen readers
    shown.textContent = "Kopierad";
    pin.insertAdjacentElement("afterend", shown);
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { if (shown) { shown.remove(); shown = null; } }, 3000);
  }

  document.addEventListener("click", function (event) {
    var pin = event.target.closest && event.target.closest("a.tp-pin");
    if (!pin || !navigator.clipboard) return;
    var link = pin.href;
    var text = pin.getAttribute("data-tp-cite") + " – " + link;
    navigator.clipboard.writeText(text).then(function () {
      status.textContent = "Kopierad: " + text;
      confirm(pin);
    }, function () {
      status.textContent = "";
    });
  });
})();
