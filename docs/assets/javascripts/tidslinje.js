/* "Vad gällde den …?" on the timeline page.
 * Decides nothing itself: the page embeds the engine's answer for every day as pieces
 * ("from this day on, this answer"; macros/engine/validity.py), and this finds the piece
 * a day falls in. */
(function () {
  "use strict";
  var data = document.getElementById("tp-giltighet");
  var form = document.getElementById("tp-datum-form");
  var input = document.getElementById("tp-datum");
  var answer = document.getElementById("tp-datum-svar");
  if (!data || !form || !input || !answer) { return; }
  var pieces = JSON.parse(data.textContent);
  form.hidden = false;

  function lookup(day) {
    var found = pieces[0];
    pieces.forEach(function (piece) {
      if (piece.from === null || piece.from <= day) { found = piece; }
    });
    return found;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var day = input.value;  // ÅÅÅÅ-MM-DD, or "" when the date is incomplete
    answer.textContent = "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      answer.textContent = "Skriv ett fullständigt datum, till exempel 2022-05-01.";
      return;
    }
    var piece = lookup(day);
    answer.appendChild(document.createTextNode(piece.text));
    piece.links.forEach(function (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = "Gå till " + link.name;
      answer.appendChild(document.createTextNode(" "));
      answer.appendChild(a);
    });
  });
}());
