// Filters the findings table by unit, element, severity, keyword and, in reports of nightly runs,
// status (新增/未整改/已豁免; the control exists only then). Reads only the escaped
// data-* attributes and text of the rows; the report's data is never part of this script.
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  if (!table) { return; }
  var PAGE = parseInt(table.getAttribute("data-page"), 10) || 200;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var unit = document.getElementById("f-unit");
  var element = document.getElementById("f-element");
  var severity = document.getElementById("f-severity");
  var status = document.getElementById("f-status");
  var text = document.getElementById("f-text");
  var count = document.getElementById("f-count");
  var moreWrap = document.getElementById("more-wrap");
  var more = document.getElementById("more");
  var limit = PAGE;

  function apply() {
    var u = unit.value, e = element.value, s = severity.value, st = status ? status.value : "";
    var q = text.value.trim().toLowerCase();
    var matched = 0, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!u || r.getAttribute("data-unit") === u) &&
        (!e || r.getAttribute("data-element") === e) &&
        (!s || r.getAttribute("data-severity") === s) &&
        (!st || r.getAttribute("data-status") === st) &&
        (!q || r.textContent.toLowerCase().indexOf(q) !== -1);
      if (ok) { matched++; }
      var show = ok && matched <= limit;
      if (show) { shown++; }
      r.hidden = !show;
    }
    count.textContent = "显示 " + shown + " 条，符合条件 " + matched + " 条，网页中共 " + rows.length + " 条";
    moreWrap.hidden = matched <= limit;
  }

  function reset() { limit = PAGE; apply(); }
  [unit, element, severity, status].filter(Boolean).forEach(function (el) { el.addEventListener("change", reset); });
  var timer = null;
  text.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(reset, 200); });
  more.addEventListener("click", function () { limit += PAGE * 5; apply(); });
})();
