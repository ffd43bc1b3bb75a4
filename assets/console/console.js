// The web console's only script: draws the leader's charts (Chart.js, served from
// node_modules) and sends a dossier file with a progress bar, then shows the import's report.
(function () {
  "use strict";

  function drawCharts() {
    var block = document.getElementById("chart-data");
    if (!block || typeof window.Chart === "undefined") return;
    var data = JSON.parse(block.textContent);
    var Chart = window.Chart;
    Chart.defaults.font.family = "system-ui, Roboto, Arial, sans-serif";
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.animation = false;
    new Chart(document.getElementById("chart-departments"), {
      type: "bar",
      data: {
        labels: data.departments.labels,
        datasets: [
          { label: "Hồ sơ quá hạn", data: data.departments.overdueDossiers, backgroundColor: "#d9480f" },
          { label: "Nhiệm vụ quá hạn", data: data.departments.overdueTasks, backgroundColor: "#1971c2" },
        ],
      },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    new Chart(document.getElementById("chart-rates"), {
      type: "bar",
      data: {
        labels: data.rates.labels,
        datasets: [
          { label: "Thực tế (%)", data: data.rates.actual, backgroundColor: "#2f9e44" },
          { label: "Mục tiêu (%)", data: data.rates.target, backgroundColor: "#adb5bd" },
        ],
      },
      options: { scales: { y: { beginAtZero: true, max: 100 } } },
    });
    new Chart(document.getElementById("chart-trend"), {
      type: "bar",
      data: {
        labels: data.trend.labels,
        datasets: [
          { label: "Tiếp nhận", data: data.trend.received, backgroundColor: "#74c0fc", yAxisID: "y" },
          { label: "Đã giải quyết", data: data.trend.resolved, backgroundColor: "#1971c2", yAxisID: "y" },
          { label: "Đúng hạn (%)", data: data.trend.onTimeRate, type: "line", borderColor: "#2f9e44", yAxisID: "rate" },
        ],
      },
      options: {
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 } },
          rate: { position: "right", beginAtZero: true, max: 100, grid: { drawOnChartArea: false } },
        },
      },
    });
  }

  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = value;
    return el;
  }

  function showReport(box, report) {
    box.replaceChildren();
    box.appendChild(
      text(
        "p",
        report.rows + " dòng: thêm mới " + report.created + ", cập nhật " + report.updated + ", không đổi " +
          report.unchanged + ", lỗi " + report.bad.length + ", cần xem lại " + report.warnings.length,
      ),
    );
    var problems = report.bad
      .map(function (p) { return { line: p.line, kind: "Lỗi", message: p.message }; })
      .concat(report.warnings.map(function (p) { return { line: p.line, kind: "Cần xem lại", message: p.message }; }));
    if (problems.length === 0) return;
    var table = document.createElement("table");
    table.id = "import-problems";
    var head = document.createElement("tr");
    ["Dòng", "Loại", "Nội dung"].forEach(function (h) { head.appendChild(text("th", h)); });
    table.appendChild(head);
    problems.forEach(function (p) {
      var row = document.createElement("tr");
      row.appendChild(text("td", String(p.line)));
      row.appendChild(text("td", p.kind));
      row.appendChild(text("td", p.message));
      table.appendChild(row);
    });
    box.appendChild(table);
  }

  function wireUpload() {
    var form = document.getElementById("dossier-upload");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var file = document.getElementById("dossier-file").files[0];
      if (!file) return;
      var bar = document.getElementById("upload-progress");
      var state = document.getElementById("upload-state");
      var box = document.getElementById("import-report");
      bar.hidden = false;
      bar.value = 0;
      state.textContent = "Đang tải lên…";
      box.replaceChildren();
      var xhr = new XMLHttpRequest();
      var kind = document.getElementById("import-kind").value;
      var url =
        "/console/operator/" + kind + "/import?commune=" + encodeURIComponent(form.dataset.commune) +
        "&name=" + encodeURIComponent(file.name) +
        (kind === "plan" ? "&year=" + encodeURIComponent(document.getElementById("import-year").value) : "");
      xhr.open("POST", url);
      xhr.setRequestHeader("x-csrf-token", form.dataset.csrf);
      xhr.setRequestHeader("content-type", "application/octet-stream");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 90);
      });
      xhr.upload.addEventListener("load", function () { state.textContent = "Đang nhập…"; });
      // The answer is NDJSON: {"done": n} while rows are imported, then {"report": …}.
      var seen = 0;
      var last = null;
      function readLines() {
        var lines = xhr.responseText.slice(seen).split("\n");
        var rest = lines.pop();
        seen = xhr.responseText.length - rest.length;
        lines.forEach(function (l) {
          if (!l) return;
          try { last = JSON.parse(l); } catch { return; }
          if (typeof last.done === "number") state.textContent = "Đang nhập… đã xử lý " + last.done + " dòng";
        });
      }
      xhr.addEventListener("progress", readLines);
      xhr.addEventListener("load", function () {
        bar.value = 100;
        if (xhr.status !== 200) {
          var body;
          try { body = JSON.parse(xhr.responseText); } catch { body = {}; }
          state.textContent = "Không nhập được: " + (body.error || "lỗi " + xhr.status);
          return;
        }
        readLines();
        if (last && last.report) {
          state.textContent = "Đã nhập xong.";
          showReport(box, last.report);
        } else {
          state.textContent = "Không nhập được: " + ((last && last.error) || "máy chủ không trả lời đủ");
        }
      });
      xhr.addEventListener("error", function () { state.textContent = "Mất kết nối, mời thử lại."; });
      xhr.send(file);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    wireUpload();
  });
})();
