// The dashboard's own script, loaded by every page. Its pages carry no inline script or style and
// need no eval: the Content-Security-Policy forbids all three.

// The failed record queue refreshes itself every 5 seconds, except while a person is at work in it
// (something ticked, or the focus in it, say on the reason for a dismissal), so that a refresh
// does not wipe out what they were doing.
document.addEventListener("htmx:confirm", function (event) {
  var queue = event.detail.elt;
  if (queue.id !== "queue" || event.detail.verb !== "get") {
    return;
  }
  if (queue.querySelector("input:checked") || queue.contains(document.activeElement)) {
    event.preventDefault();
  }
});

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
