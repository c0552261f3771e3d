// Draws the 24-hour chart of records written and failed from the data the page carries.
(function () {
  var canvas = document.getElementById("activity");
  if (!canvas || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(canvas.dataset.activity);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: "written", data: data.written, backgroundColor: "#2da44e" },
        { label: "failed", data: data.failed, backgroundColor: "#cf222e" }
      ]
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { x: { stacked: true, title: { display: true, text: "hour (UTC)" } },
                y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
    }
  });
})();
