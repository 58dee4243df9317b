// Live reload for `build.py serve`: added by the preview server to the HTML it sends, never to site/.
(function () {
  "use strict";
  var OVERLAY_ID = "timeline-problems";
  // The build and base path the page was sent from (the server stamps its script tag): a rebuild
  // that lands before the event stream opens then still reloads the page, or moves it.
  var script = document.currentScript;
  var seen = script && script.dataset.version ? Number(script.dataset.version) : null;
  var base = script && script.dataset.base ? script.dataset.base : null;

  function hideOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) { old.remove(); }
  }

  function showOverlay(problems) {
    hideOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#7f1d1d;color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:1rem 1.25rem;" +
      "box-shadow:0 -4px 16px rgba(0,0,0,.4)";
    var title = document.createElement("strong");
    title.textContent = "The site was not rebuilt: " + problems.length +
      (problems.length === 1 ? " problem" : " problems") + " (this page shows the last good build)";
    var list = document.createElement("pre");
    // Set every property the site's own stylesheet might give <pre>, so the text stays readable.
    list.style.cssText = "margin:.5rem 0 0;padding:0;border:0;background:transparent;color:#fff;" +
      "font:inherit;white-space:pre-wrap;overflow:visible";
    list.textContent = problems.join("\n");  // text, never HTML: messages quote contributed content
    box.appendChild(title);
    box.appendChild(list);
    document.body.appendChild(box);
  }

  var source = new EventSource("/__timeline__/events");
  source.onopen = function () {
    // Lets tests and benchmarks know the page is listening.
    document.documentElement.setAttribute("data-live-reload", "connected");
  };
  source.onmessage = function (message) {
    var state = JSON.parse(message.data);
    var path = window.location.pathname;
    // location.pathname is percent-encoded (/%C3%A4/ for a base path of /ä/): compare the base in that form.
    var from = base === null ? null : new URL(base, window.location.href).pathname;
    if (from !== null && state.base_path !== base && state.problems.length === 0 && path.indexOf(from) === 0) {
      // base_path changed in timeline.toml: the same page, under the new path.
      window.location.replace(state.base_path + path.slice(from.length) + window.location.search + window.location.hash);
      return;
    }
    if (seen !== null && state.version !== seen && state.problems.length === 0) {
      window.location.reload();
      return;
    }
    seen = state.version;
    base = state.base_path;
    if (state.problems.length) { showOverlay(state.problems); } else { hideOverlay(); }
  };
})();
