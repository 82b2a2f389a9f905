/*
 * Pulse tracker: <script defer data-domain="example.com" src="https://analytics.example.com/js/script.js"></script>
 * Page views (including single-page-app navigation), custom events via window.pulse("Signup", { meta: {...} }),
 * and optional keep-alives (data-keepalive="60" seconds while the page is visible). No cookies, no storage.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var domain = script.getAttribute("data-domain") || location.hostname;
  var endpoint = script.getAttribute("data-api") || new URL("/api/event", script.src).href;
  var keepAliveSeconds = Number(script.getAttribute("data-keepalive") || 0);
  var dev = script.hasAttribute("data-dev");

  function ignored() {
    if (!dev && /^(localhost|127\.|\[::1\]$)/.test(location.hostname)) return true;
    if (location.protocol === "file:") return true;
    try {
      return localStorage.getItem("pulse_ignore") === "true";
    } catch (e) {
      return false;
    }
  }

  function send(kind, extra) {
    if (ignored()) return;
    var payload = { d: domain, n: kind, u: location.href, r: document.referrer || undefined, t: document.title,
      w: screen.width, h: screen.height };
    for (var key in extra) if (extra[key] !== undefined) payload[key] = extra[key];
    var body = JSON.stringify(payload);
    // text/plain keeps the request "simple": no CORS preflight.
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([body], { type: "text/plain" }))) return;
    fetch(endpoint, { method: "POST", body: body, keepalive: true, headers: { "Content-Type": "text/plain" } });
  }

  var lastPage;
  function pageview() {
    var page = location.pathname + location.search;
    if (page === lastPage) return;
    lastPage = page;
    send("pageview", {});
  }

  var push = history.pushState;
  history.pushState = function () {
    push.apply(this, arguments);
    pageview();
  };
  window.addEventListener("popstate", pageview);

  window.pulse = function (name, options) {
    options = options || {};
    send("event", { e: name, m: options.meta, du: options.duration, g: options.tags });
  };

  if (keepAliveSeconds > 0) {
    setInterval(function () {
      if (document.visibilityState === "visible") send("session", {});
    }, keepAliveSeconds * 1000);
  }

  if (document.visibilityState === "prerender") {
    document.addEventListener("visibilitychange", function once() {
      document.removeEventListener("visibilitychange", once);
      pageview();
    });
  } else {
    pageview();
  }
})();
