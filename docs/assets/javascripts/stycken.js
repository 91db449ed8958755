// Paragraph pinpoints: a click on ¶ goes to the paragraph (a plain link, also without
// JavaScript) and copies its link and citation, e.g.
// "Stockholms stads trygghetsprogram 2024–2027, Samverkan, stycke 3 – https://…#samverkan-stycke-3".
(function () {
  "use strict";
  var status = document.createElement("p");
  status.className = "tp-pin-status tp-sr-only";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  document.addEventListener("click", function (event) {
    var pin = event.target.closest && event.target.closest("a.tp-pin");
    if (!pin || !navigator.clipboard) return;
    var link = pin.href;
    var text = pin.getAttribute("data-tp-cite") + " – " + link;
    navigator.clipboard.writeText(text).then(function () {
      status.textContent = "Länk och hänvisning kopierade: " + text;
    }, function () {
      status.textContent = "";
    });
  });
})();
