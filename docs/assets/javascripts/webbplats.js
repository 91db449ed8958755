/* Site-wide enhancements (overrides/main.html loads this on every page).
 *
 * Wide tables: Material wraps each Markdown table in a horizontally scrolling box
 * (.md-typeset__scrollwrap). When the table is wider than the box, the box becomes
 * a labelled region that the keyboard can focus and scroll (WCAG 1.4.10, 2.1.1),
 * named after the table's caption or the heading above it; when it fits, it is a
 * plain box again (no needless tab stop). Without JavaScript Material's table
 * scrolls inside its own box, so nothing is cut off either way. Every box that
 * scrolls (also the perspective matrix) gets a visible line above it that says so:
 * a scroll bar alone is easy to miss, and on a phone it is hidden until touched.
 *
 * Elements marked data-tp-needs-js (the 404 page's search form, which opens
 * Material's search) are shown only when scripts run.
 */
(function () {
  "use strict";

  function textOf(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll(".headerlink, .tp-sr-only").forEach(function (x) { x.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function headingBefore(el) {
    for (var node = el; node && !(node.classList && node.classList.contains("md-content__inner")); node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) { return prev; }
      }
    }
    return null;
  }

  function labelFor(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && textOf(caption)) { return "Tabell: " + textOf(caption); }
    var heading = headingBefore(wrap);
    return heading ? "Tabell: " + textOf(heading) : "Tabell";
  }

  var HINT = "Tabellen är bredare än skärmen: rulla i sidled för att se alla kolumner →";

  function hint(box, scrolls) {
    var before = box.previousElementSibling;
    var has = before && before.classList.contains("tp-scroll-hint");
    if (scrolls && !has) {
      var p = document.createElement("p");
      p.className = "tp-scroll-hint";
      p.setAttribute("aria-hidden", "true");  // the region's own name says it to screen readers
      p.textContent = HINT;
      box.parentNode.insertBefore(p, box);
    } else if (!scrolls && has) {
      before.remove();
    }
  }

  function updateTables() {
    document.querySelectorAll(".tp-matrix-wrap").forEach(function (box) {
      hint(box, box.scrollWidth > box.clientWidth + 1);
    });
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      hint(wrap, scrolls);
      if (scrolls) {
        wrap.setAttribute("role", "region");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("aria-label", labelFor(wrap) + " (rulla i sidled för fler kolumner)");
        wrap.classList.add("tp-scrolls");
      } else if (wrap.classList.contains("tp-scrolls")) {
        wrap.removeAttribute("role");
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("aria-label");
        wrap.classList.remove("tp-scrolls");
      }
    });
  }

  function init() {
    document.querySelectorAll("[data-tp-needs-js]").forEach(function (el) { el.hidden = false; });
    updateTables();
  }

  var timer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(updateTables, 150);
  });
  // Material wraps the tables when its document$ observable emits; run after it.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { window.setTimeout(init, 0); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.addEventListener("load", updateTables);
})();
