// errcat audit report: the search box filters every table's rows; the JSON link downloads the embedded report.
(function () {
  "use strict";
  var box = document.getElementById("search");
  var count = document.getElementById("search-count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.filterable tbody tr:not(.none)"));
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  function apply() {
    var q = box.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var ok = !q || texts[i].indexOf(q) !== -1;
      rows[i].hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = q ? shown + " of " + rows.length + " rows match" : "";
    var details = document.querySelectorAll("details");
    for (var j = 0; j < details.length; j++) {
      if (q && details[j].querySelector("tbody tr:not([hidden]):not(.none)")) details[j].open = true;
    }
  }
  box.addEventListener("input", apply);
  var data = document.getElementById("report-data").textContent;
  var link = document.getElementById("json-link");
  link.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
})();
