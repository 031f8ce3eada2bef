// Sortable tables: each column heading of a [data-act-sortable] table becomes a button that
// sorts the rows, announcing the order through aria-sort. Without JavaScript the table is
// still complete and readable.
document$.subscribe(function () {
  document.querySelectorAll("table[data-act-sortable]").forEach(function (table) {
    if (table.dataset.actSortReady) return;
    table.dataset.actSortReady = "yes";
    var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headings.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "act-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sortRows(table, column, th.dataset.sort === "number", ascending);
      });
    });
  });

  function cellValue(row, column) {
    var cell = row.cells[column];
    return cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
  }

  function sortRows(table, column, numeric, ascending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, column), y = cellValue(b, column);
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "en-GB");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
});
