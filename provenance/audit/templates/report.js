"use strict";
(function () {
  var table = document.getElementById("article-table");
  var filter = document.getElementById("filter");
  var statusFilter = document.getElementById("status-filter");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);

  function applyFilter() {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var status = statusFilter.value;
    var visible = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = (!status || row.getAttribute("data-status") === status) &&
        words.every(function (word) { return text.indexOf(word) !== -1; });
      row.classList.toggle("hidden", !match);
      if (match) { visible += 1; }
    });
    shown.textContent = visible + " of " + rows.length + " articles";
  }

  function cellValue(row, index, type) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-value") || cell.textContent.trim();
    return type === "number" ? Number(raw) : raw.toLowerCase();
  }

  function sortBy(header, index) {
    var type = header.getAttribute("data-type");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
    header.querySelector("button").addEventListener("click", function () { sortBy(header, index); });
  });
  filter.addEventListener("input", applyFilter);
  statusFilter.addEventListener("change", applyFilter);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (item) { item.open = true; });
  });
}());
