/* Comparison pages (jamfor/): switch between the inline and the side-by-side
 * view, and make the version picker navigate. Without JavaScript the inline
 * view and the list of links still work; the controls stay hidden. */
(function () {
  "use strict";
  var KEY = "tp-jamfor-visning";

  function show(view) {
    document.querySelectorAll(".tp-diff-inline").forEach(function (el) { el.hidden = view !== "inline"; });
    document.querySelectorAll(".tp-diff-sbs").forEach(function (el) { el.hidden = view !== "sbs"; });
    document.querySelectorAll(".tp-diff-toggle button[data-tp-view]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-tp-view") === view));
    });
    try { window.localStorage.setItem(KEY, view); } catch (e) { /* private mode: not remembered */ }
  }

  function setUpToggle() {
    var toggles = document.querySelectorAll(".tp-diff-toggle");
    if (!toggles.length) { return; }
    toggles.forEach(function (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-tp-view]");
        if (button) { show(button.getAttribute("data-tp-view")); }
      });
    });
    var saved = null;
    try { saved = window.localStorage.getItem(KEY); } catch (e) { saved = null; }
    show(saved === "sbs" ? "sbs" : "inline");
  }

  function setUpPicker() {
    var form = document.querySelector("form.tp-compare-picker");
    if (!form) { return; }
    var from = form.querySelector("#tp-fran");
    var to = form.querySelector("#tp-till");
    var message = form.querySelector(".tp-compare-message");
    var existing = (form.getAttribute("data-tp-pairs") || "").split(" ");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var a = from.value, b = to.value;
      if (a === b) {
        message.textContent = "Välj två olika versioner.";
        from.focus();
        return;
      }
      if (from.selectedIndex > to.selectedIndex) { var t = a; a = b; b = t; }  // always older → newer
      var pair = a + "--" + b;
      if (existing.indexOf(pair) === -1) {
        message.textContent = "Den jämförelsen finns inte.";
        return;
      }
      window.location.href = pair + "/";
    });
  }

  function init() { setUpToggle(); setUpPicker(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
