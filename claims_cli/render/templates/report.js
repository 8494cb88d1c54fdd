"use strict";
// The summary's filters: a search box (every word must appear, in any case and
// with or without accents, as `claims list --search` matches) and a choice of
// verdict, confidence and tag. Without JavaScript the form stays hidden and
// the page shows every claim.
(function () {
  var form = document.getElementById("filters");
  var table = document.getElementById("summary");
  if (!form || !table) {
    return;
  }
  var search = document.getElementById("filter-search");
  var count = document.getElementById("filter-count");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-field]"));
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var texts = rows.map(function (row) {
    return fold(row.getAttribute("data-search"));
  });
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function keeps(row, text, words) {
    for (var i = 0; i < words.length; i++) {
      if (text.indexOf(words[i]) < 0) {
        return false;
      }
    }
    for (var j = 0; j < selects.length; j++) {
      var wanted = selects[j].value;
      var field = selects[j].getAttribute("data-field");
      var values = (row.getAttribute("data-" + field) || "").split(" ");
      if (wanted && values.indexOf(wanted) < 0) {
        return false;
      }
    }
    return true;
  }
  function apply() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, i) {
      var keep = keeps(row, texts[i], words);
      row.hidden = !keep;
      shown += keep ? 1 : 0;
    });
    count.textContent = shown + " of " + rows.length + (rows.length === 1 ? " claim" : " claims") + " shown";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.hidden = false;
  apply();
})();
