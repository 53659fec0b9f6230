// The site's own counting script, written and linked only when site.yaml sets `analytics:`
// (README: Counts). It counts page views and one event per WhatsApp order press (product and
// maker pages, the order list), marketplace link click and catalogue or shelf-label print, each
// named by the product and maker slugs the templates print (data-count-product,
// data-count-maker), and sends them to the one endpoint site.yaml names, in that service's
// documented format: GoatCounter's /count (query parameters), Plausible's /api/event
// ({name, url, domain, props}), Umami's /api/send ({type: "event", payload: {website, url, name,
// data}}). Nothing is sent when the visitor asks not to be tracked (Do Not Track, Global Privacy
// Control) or while offline: an event made offline is dropped, never queued. It sets no cookie,
// stores nothing and makes up no identifier. sendBeacon (or fetch with keepalive) lets an order
// press count even as the page leaves for WhatsApp.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var provider = me.getAttribute("data-count-provider");
  var endpoint = me.getAttribute("data-count-url");
  var site = me.getAttribute("data-count-site") || "";
  if (!provider || !endpoint) return;

  function refused() {
    return navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true;
  }

  function query(values) {
    return Object.keys(values).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(values[k]);
    }).join("&");
  }

  // One event in the provider's format: {url, body (null: none), json (needs a JSON content type)}.
  // `name` is "pageview" or an event name; `props` holds the product, maker and marketplace known.
  function request(name, props) {
    var view = name === "pageview";
    if (provider === "goatcounter") {
      // An event's path is its name (it may not start with "/"), so the maker and product go in it.
      var parts = [name];
      if (props.maker) parts.push(props.maker);
      if (props.product) parts.push(props.product);
      var values = { p: view ? location.pathname : parts.join("/"), t: document.title, e: view ? "false" : "true",
                     s: [screen.width, screen.height, window.devicePixelRatio || 1].join(",") };
      if (view && document.referrer) values.r = document.referrer;
      values.rnd = Math.random().toString(36).slice(2);
      return { url: endpoint + (endpoint.indexOf("?") < 0 ? "?" : "&") + query(values), body: null, json: false };
    }
    var hasProps = Object.keys(props).length > 0;
    if (provider === "plausible") {
      var event = { name: name, url: location.href, domain: site };
      if (view && document.referrer) event.referrer = document.referrer;
      if (hasProps) event.props = props;
      return { url: endpoint, body: JSON.stringify(event), json: false };  // sent as text/plain, as Plausible's own script does
    }
    var payload = { website: site, hostname: location.hostname, url: location.pathname, title: document.title,
                    language: navigator.language || "", referrer: view ? document.referrer : "",
                    screen: screen.width + "x" + screen.height };
    if (!view) payload.name = name;
    if (hasProps) payload.data = props;
    return { url: endpoint, body: JSON.stringify({ type: "event", payload: payload }), json: true };
  }

  function send(name, props) {
    if (refused() || navigator.onLine === false) return;  // asked not to, or offline: dropped, not kept
    var r = request(name, props);
    try {
      if (!r.json && navigator.sendBeacon && navigator.sendBeacon(r.url, r.body === null ? undefined : r.body)) return;
    } catch (e) { /* fall back to fetch */ }
    var init = { method: "POST", keepalive: true, credentials: "omit" };
    if (r.body !== null) init.body = r.body;
    if (r.json) init.headers = { "Content-Type": "application/json" };
    else init.mode = "no-cors";
    try {
      fetch(r.url, init).catch(function () { /* a lost count is never retried */ });
    } catch (e) { /* no fetch: not counted */ }
  }

  function named(element) {
    var props = {};
    ["product", "maker", "marketplace"].forEach(function (key) {
      var value = element ? element.getAttribute("data-count-" + key) : "";
      if (value) props[key] = value;
    });
    return props;
  }

  send("pageview", named(document.querySelector('[data-count="view"]')));

  function pressed(e) {
    if (e.type === "auxclick" && e.button !== 1) return;  // a middle click opens the link too
    var link = e.target && e.target.closest ? e.target.closest("a[data-count]") : null;
    if (link) send(link.getAttribute("data-count"), named(link));
  }
  document.addEventListener("click", pressed, true);
  document.addEventListener("auxclick", pressed, true);

  addEventListener("beforeprint", function () {
    var printed = document.querySelector('[data-count$="-print"]');
    if (printed) send(printed.getAttribute("data-count"), {});
  });
})();
