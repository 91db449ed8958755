// Term tooltips on section pages (macros/website/markup/term_links.py). CSS shows a
// tooltip on hover and focus; Escape hides it without moving the pointer or
// focus (WCAG 1.4.13), until the pointer or focus leaves the term.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".tp-term-ref:hover, .tp-term-ref:focus-within").forEach(function (ref) {
      ref.classList.add("tp-tip-off");
    });
  });
  document.querySelectorAll(".tp-term-ref").forEach(function (ref) {
    var reset = function () { ref.classList.remove("tp-tip-off"); };
    ref.addEventListener("mouseleave", reset);
    ref.addEventListener("focusout", reset);
  });
})();
