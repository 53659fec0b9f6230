// Photo gallery: thumbnails scroll the strip sideways instead of jumping the page, and the
// current thumbnail follows swipes. Without this file the thumbnails are plain anchor links.
(function () {
  document.querySelectorAll(".product-gallery").forEach(function (box) {
    var strip = box.querySelector("[data-gallery]");
    var links = box.querySelectorAll(".thumbs a");
    if (!strip || !links.length) return;
    function mark(i) {
      links.forEach(function (a, j) {
        if (i === j) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      });
    }
    links.forEach(function (a, i) {
      a.addEventListener("click", function (e) {
        var slide = strip.children[i];
        if (!slide) return;
        e.preventDefault();
        strip.scrollTo({ left: i * strip.clientWidth, behavior: "smooth" });
        mark(i);
      });
    });
    var timer;
    strip.addEventListener("scroll", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        mark(Math.round(strip.scrollLeft / strip.clientWidth));
      }, 80);
    }, { passive: true });
  });
})();

// The order bar of a product page: on phones it stays at the bottom of the screen (site.css), but
// never over the title and price. While the price is not yet in the part of the screen above the
// bar (on a small screen with large text it may start below it), the bar steps aside; once the
// price has been seen, or scrolled away, the bar is back. Without this file the bar simply stays.
(function () {
  var bar = document.querySelector("[data-buybar]");
  var price = document.querySelector("[data-price]");
  if (!bar || !price || !window.IntersectionObserver) return;
  var observer;
  function watch() {
    if (observer) observer.disconnect();
    observer = new IntersectionObserver(function (entries) {
      var seen = entries[entries.length - 1];
      bar.classList.toggle("is-aside", seen.boundingClientRect.bottom > seen.rootBounds.bottom);
    }, { rootMargin: "0px 0px -" + bar.offsetHeight + "px 0px", threshold: [0, 1] });
    observer.observe(price);
  }
  watch();
  addEventListener("resize", watch);
})();

// Offline reading. base.html prints the service worker's URL and scope and the interface
// strings as data- attributes on <html> (no inline script). Registers the worker, shows a quiet
// indicator while offline, offers a reload when a new build is ready, asks for persistent
// storage only after the visitor shows intent, and on the offline page hides pages not saved.
(function () {
  var root = document.documentElement;
  var d = root.dataset;
  var sw = navigator.serviceWorker;
  if (!sw) return;
  if (d.swKill) {
    // Kill switch: the same clean-up as the self-removing sw.js, done by the page as well, so it
    // happens even before the browser fetches the new sw.js. A page still controlled by the old
    // worker reloads once, uncontrolled, so nothing writes the caches again. Names: offline.py.
    var clear = function () {
      return window.caches ? caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) { return n.indexOf("showcase:" + d.swScope + ":") === 0; })
          .map(function (n) { return caches.delete(n); }));
      }) : Promise.resolve();
    };
    sw.getRegistrations().then(function (all) {
      var mine = all.filter(function (r) { return r.scope === location.origin + d.swScope; });
      return Promise.all(mine.map(function (r) { return r.unregister(); })).then(clear).then(function () {
        if (mine.length && sw.controller) location.reload();
      });
    });
    return;
  }
  if (!d.sw) return;

  var indicator;
  function showNetwork() {
    if (!navigator.onLine && !indicator) {
      indicator = document.createElement("p");
      indicator.className = "net-status";
      indicator.setAttribute("role", "status");
      indicator.textContent = d.tOffline;
      // A strip above the header, in the flow of the page: it covers nothing.
      var header = document.querySelector(".site-header") || document.body;
      header.insertBefore(indicator, header.firstChild);
    } else if (navigator.onLine && indicator) {
      indicator.remove();
      indicator = null;
    }
  }
  addEventListener("online", showNetwork);
  addEventListener("offline", showNetwork);
  showNetwork();

  var reloading = false;
  function offerUpdate(worker) {
    if (!worker || !sw.controller || document.querySelector(".update-prompt")) return;
    var box = document.createElement("div");
    box.className = "update-prompt";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = d.tUpdate;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-brand";
    button.textContent = d.tReload;
    button.addEventListener("click", function () {
      reloading = true;
      button.disabled = true;
      worker.postMessage({ type: "SKIP_WAITING" });
    });
    box.appendChild(text);
    box.appendChild(button);
    document.body.appendChild(box);
  }
  sw.addEventListener("controllerchange", function () {
    if (reloading) location.reload();
  });

  sw.register(d.sw, { scope: d.swScope, updateViaCache: "none" }).then(function (reg) {
    if (reg.waiting) offerUpdate(reg.waiting);
    reg.addEventListener("updatefound", function () {
      var worker = reg.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed") offerUpdate(worker);
      });
    });
    addEventListener("online", function () { reg.update().catch(function () {}); });
  }).catch(function () {});
  // The documented signal that precaching has finished (README: Offline): a service worker is
  // active only once its install, which saves every precached file, has succeeded.
  sw.ready.then(function () { root.setAttribute("data-offline-ready", ""); });

  // "Save to read offline": persistent storage is asked for only after this click or an install.
  var storage = navigator.storage;
  var save = document.querySelector("[data-offline-save]");
  var status = document.querySelector("[data-offline-status]");
  function size(bytes) {
    var mb = bytes / 1048576;
    return (mb >= 10 ? Math.round(mb) : mb.toFixed(1)).toLocaleString(root.lang) + " MB";
  }
  function report(kept) {
    if (!status || !storage || !storage.estimate) return;
    storage.estimate().then(function (e) {
      status.textContent = d.tSaved.replace("{size}", size(e.usage || 0)) + " " + (kept ? d.tKept : d.tBestEffort);
    });
  }
  function persist() {
    if (!storage || !storage.persist) return Promise.resolve(false);
    return sw.ready.then(function () { return storage.persist(); }).catch(function () { return false; });
  }
  if (save && storage && storage.persist) {
    save.hidden = false;
    if (storage.persisted) storage.persisted().then(function (kept) { if (kept) report(true); });
    save.querySelector("button").addEventListener("click", function () { persist().then(report); });
  }
  addEventListener("appinstalled", function () { persist().then(report); });

  // The offline page lists every page; those that will not open on this device are hidden. The
  // service worker knows (a saved page, or a record to answer it from); without one, the caches.
  var list = document.querySelector("[data-offline-list]");
  var links = list ? Array.prototype.slice.call(list.querySelectorAll(".offline-links a")) : [];
  function hide(found) {
    links.forEach(function (a, i) { if (!found[i]) a.parentNode.classList.add("is-unsaved"); });
    list.setAttribute("data-offline-checked", "");
  }
  if (links.length && sw.controller && window.MessageChannel) {
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) { hide(event.data); };
    sw.controller.postMessage({ type: "OPENS", paths: links.map(function (a) { return new URL(a.href).pathname; }) },
      [channel.port2]);
  } else if (links.length && window.caches) {
    Promise.all(links.map(function (a) { return caches.match(a.href, { ignoreSearch: true }); })).then(hide);
  }
})();

// The order list ("daftar pesanan"). A button with data-order-add puts its product (and variant,
// data-variant; the first quantity is the product's minimum order, data-min) into a list kept in
// localStorage as [{p: slug, v: variant id or "", q: quantity}]; pressing it again adds as many
// again. The header link shows how many items (lines) the list holds. order.js shows the list
// on /pesanan/ and sends the "showcase:order" event when it changes it.
(function () {
  var KEY = "showcase:" + (document.documentElement.dataset.swScope || "/") + ":order";
  function read() {
    try {
      var list = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (i) { return i && typeof i.p === "string" && i.q > 0; }) : [];
    } catch (e) { return []; }
  }
  function badge() {
    var n = read().length;
    document.querySelectorAll("[data-order-count]").forEach(function (el) {
      el.textContent = String(n);
      el.hidden = n === 0;
      var link = el.closest("[data-order-link]");
      if (link) link.setAttribute("aria-label", link.querySelector(".tool-label").textContent + ": "
        + link.getAttribute("data-t-count").replace("{n}", n));
    });
  }
  document.querySelectorAll("[data-order-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      var list = read();
      var p = button.getAttribute("data-product"), v = button.getAttribute("data-variant") || "";
      var step = Math.max(1, parseInt(button.getAttribute("data-min"), 10) || 1);
      var found = list.filter(function (i) { return i.p === p && (i.v || "") === v; })[0];
      if (found) found.q += step; else list.push({ p: p, v: v, q: step });
      try { localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { return; }
      badge();
      var status = document.querySelector("[data-order-status]");
      if (status) status.textContent = button.getAttribute("data-t-added");
    });
  });
  addEventListener("storage", function (e) { if (e.key === KEY) badge(); });
  addEventListener("showcase:order", badge);
  badge();
})();

// Videos in a text (```video``` blocks): the page holds only a link to the video with its poster.
// Here the link becomes a play button; the provider's player (an iframe from the one origin the
// page's policy allows) is made only when the visitor presses it, so nothing is loaded from the
// provider before that. Without this file the link simply opens the video on the provider's site.
(function () {
  document.querySelectorAll("a[data-video-embed]").forEach(function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.setAttribute("aria-label", link.getAttribute("aria-label"));
    while (link.firstChild) button.appendChild(link.firstChild);
    link.replaceWith(button);
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = link.getAttribute("data-video-embed");
      frame.title = link.getAttribute("data-video-title");
      frame.className = "video-frame";
      frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      button.replaceWith(frame);
      frame.focus();
    });
  });
})();
