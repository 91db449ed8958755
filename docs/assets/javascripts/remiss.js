// The remiss ledger's filters: shown only when this script runs; without it every row shows.
(function () {
  "use strict";
  var form = document.querySelector(".tp-ledger-filters");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".tp-ledger-table tbody tr"));
  if (!form || !rows.length) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-tp-filter]"));
  var count = form.querySelector(".tp-ledger-count");
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = selects.every(function (select) {
        return !select.value || row.getAttribute("data-tp-" + select.getAttribute("data-tp-filter")) === select.value;
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = shown === rows.length ? "Visar alla " + rows.length + " rader."
      : "Visar " + shown + " av " + rows.length + " rader.";
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
