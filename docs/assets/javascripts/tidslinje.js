/* "Vad gällde den …?" on the timeline page.
 * Uses only the validity intervals embedded in the page (#tp-giltighet);
 * the same rules as macros/website/pages/timeline.py applicable_version(). */
(function () {
  "use strict";
  var data = document.getElementById("tp-giltighet");
  var form = document.getElementById("tp-datum-form");
  var input = document.getElementById("tp-datum");
  var answer = document.getElementById("tp-datum-svar");
  if (!data || !form || !input || !answer) { return; }
  var info = JSON.parse(data.textContent);
  form.hidden = false;

  function decide(day) {
    if (info.earliest && day < info.earliest + "-01-01") {
      return { text: "Källorna beskriver inget program som gällde före " + info.earliest + "." };
    }
    var sure = [], maybe = [];
    info.versions.forEach(function (v) {
      if (v.endHi && day >= v.endHi) { return; }
      if (v.endLo && day >= v.endLo) {
        maybe.push(v.endNote);
      } else if (!v.startLo) {
        maybe.push(v.startNote);
      } else if (day < v.startLo) {
        return;
      } else if (!v.startHi || day < v.startHi) {
        maybe.push(v.startNote);
      } else {
        sure.push(v);
      }
    });
    if (sure.length === 1 && maybe.length === 0) {
      var v = sure[0];
      var text = "Då gällde " + v.name + ", från " + v.start + (v.end ? " till " + v.end + "." : ".");
      if (!v.endLo && Number(day.slice(0, 4)) > v.periodEnd) {
        text += " Programperioden slutade " + v.periodEnd + ", men källorna visar inte att någon senare " +
          "version har antagits, så det är den senast antagna versionen.";
      }
      return { text: text, version: v };
    }
    if (maybe.length) { return { text: "Källorna kan inte avgöra det: " + maybe.join("; ") + "." }; }
    return { text: "Källorna visar inte vilken version som gällde då." };
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var day = input.value;  // ÅÅÅÅ-MM-DD, or "" when the date is incomplete
    answer.textContent = "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      answer.textContent = "Skriv ett fullständigt datum, till exempel 2022-05-01.";
      return;
    }
    var result = decide(day);
    answer.appendChild(document.createTextNode(result.text + " "));
    if (result.version) {
      var link = document.createElement("a");
      link.href = result.version.url;
      link.textContent = "Gå till " + result.version.name;
      answer.appendChild(link);
    }
  });
}());
