// Charts of the monitoring dashboard: every <canvas data-dashboard='{"labels": [...], "datasets": [...]}'>.
// Options in the JSON: horizontal (bars along x), max (axis maximum), target (a dashed line), suffix (" %").
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Chart === "undefined") { return; }
  var number = function (value, suffix) {
    if (value === null || value === undefined) { return "—"; }
    return String(Math.round(value * 100) / 100).replace(".", ",") + (suffix || "");
  };
  var targetLine = {
    id: "targetLine",
    afterDatasetsDraw: function (chart, args, options) {
      if (options.value === undefined || options.value === null) { return; }
      var horizontal = chart.options.indexAxis === "y";
      var scale = horizontal ? chart.scales.x : chart.scales.y;
      var at = scale.getPixelForValue(options.value);
      var ctx = chart.ctx, area = chart.chartArea;
      ctx.save();
      ctx.strokeStyle = "#e53935";
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 2;
      ctx.beginPath();
      if (horizontal) { ctx.moveTo(at, area.top); ctx.lineTo(at, area.bottom); }
      else { ctx.moveTo(area.left, at); ctx.lineTo(area.right, at); }
      ctx.stroke();
      ctx.restore();
    }
  };
  document.querySelectorAll("canvas[data-dashboard]").forEach(function (canvas) {
    var data = JSON.parse(canvas.dataset.dashboard);
    var valueAxis = { beginAtZero: true, ticks: { callback: function (v) { return number(v, data.suffix); } } };
    if (data.max) { valueAxis.max = data.max; }
    var scales = data.horizontal ? { x: valueAxis } : { y: valueAxis };
    canvas.chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (set) {
          return { label: set.label, data: set.data, backgroundColor: set.color };
        })
      },
      options: {
        indexAxis: data.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: scales,
        plugins: {
          legend: { display: data.datasets.length > 1 },
          targetLine: { value: data.target },
          tooltip: { callbacks: { label: function (item) { return item.dataset.label + ": " + number(item.raw, data.suffix); } } }
        }
      },
      plugins: [targetLine]
    });
  });
});
