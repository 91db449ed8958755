// Shown inside another site's frame, a page can be dressed up as something it is not
// (clickjacking). A <meta> policy cannot forbid framing, and GitHub Pages sends no
// frame-ancestors header (see macros/website/policy/headers.py): so in a frame the page
// hides itself and offers a link that opens it on its own.
(function () {
  "use strict";
  if (window.top === window.self) return;
  document.documentElement.classList.add("tp-inramad");
  document.addEventListener("DOMContentLoaded", function () {
    var notice = document.createElement("p");
    notice.className = "tp-inramad-notis";
    var link = document.createElement("a");
    link.href = window.location.href;
    link.target = "_top";
    link.rel = "noopener";
    link.textContent = "Öppna sidan på webbplatsen";
    notice.append("Den här sidan visas inuti en annan webbplats. ", link);
    document.body.prepend(notice);
  });
})();
