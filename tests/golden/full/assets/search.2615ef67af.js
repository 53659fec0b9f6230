// Search page: results as you type from the index the build wrote (showcase/search.py), loaded in
// parts: the manifest first, then only the word shards and document chunks a query needs, then
// the filter attributes when a filter or price sort is used. Files are kept in the Cache API, so
// a search made once works again without a connection; a small index is saved whole in idle time.
// The word rules below must stay identical to showcase/search.py (a test runs both on one list).
(function () {
  "use strict";

  // -- words (mirror of showcase/search.py) ----------------------------------------------
  var MIN_STEM = 4;
  var VOWELS = "aeiou";
  var MARKS = /\p{M}/gu;

  function normalise(text) {
    var plain = String(text).normalize("NFKD").replace(MARKS, "");
    return plain.toLowerCase().replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3").replace(MARKS, "");
  }

  function words(text) {
    return normalise(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  function rules(pairs) {
    var out = {};
    pairs.forEach(function (p) { out[p[0]] = p[1]; });
    return out;
  }

  var PREFIXES = [];
  ["me", "pe"].forEach(function (head) {
    PREFIXES.push([head + "ng", rules([["*", ""]])]);
    PREFIXES.push([head + "ny", rules([["vowel", "s"]])]);
    PREFIXES.push([head + "m", rules([["vowel", "p"], ["b", ""], ["f", ""], ["p", ""], ["v", ""]])]);
    PREFIXES.push([head + "n", rules([["vowel", "t"], ["c", ""], ["d", ""], ["j", ""], ["z", ""], ["t", ""], ["s", ""]])]);
    PREFIXES.push([head, rules([["l", ""], ["m", ""], ["n", ""], ["r", ""], ["w", ""], ["y", ""]])]);
  });
  PREFIXES.push(["ber", rules([["*", ""]])], ["ter", rules([["*", ""]])], ["di", rules([["*", ""]])]);

  function recode(rest, r) {
    if (!rest) return null;
    var kind = VOWELS.indexOf(rest[0]) >= 0 ? "vowel" : rest[0];
    if (Object.prototype.hasOwnProperty.call(r, kind)) return r[kind] + rest;
    return Object.prototype.hasOwnProperty.call(r, "*") ? rest : null;
  }

  function unprefixed(word) {
    for (var j = 0; j < PREFIXES.length; j++) {
      if (word.startsWith(PREFIXES[j][0])) {
        var root = recode(word.slice(PREFIXES[j][0].length), PREFIXES[j][1]);
        if (root !== null && root.length >= MIN_STEM) return root;
      }
    }
    return null;
  }

  function stem(word) {
    if (!/^[a-z]+$/.test(word)) return word;
    var bare = !["me", "pe", "di", "ber", "ter"].some(function (p) { return word.startsWith(p); });
    if (word.endsWith("lah") && word.length - 3 > MIN_STEM && bare) word = word.slice(0, -3);
    if (word.endsWith("nya") && word.length - 3 >= MIN_STEM) word = word.slice(0, -3);
    var unsuffixed = word;
    var suffixes = ["kan", "an", "i"];
    for (var i = 0; i < suffixes.length; i++) {
      if (word.endsWith(suffixes[i])) {
        if (word.length - suffixes[i].length >= MIN_STEM) word = word.slice(0, -suffixes[i].length);
        break;
      }
    }
    return unprefixed(word) || (unsuffixed !== word ? unprefixed(unsuffixed) : null) || word;
  }

  function terms(text, stop, min) {
    var found = [];
    words(text).forEach(function (w) {
      if (w.length >= min && stop.indexOf(w) < 0) {
        if (found.indexOf(w) < 0) found.push(w);
        var s = stem(w);
        if (found.indexOf(s) < 0) found.push(s);
      }
    });
    return found;
  }

  var api = { normalise: normalise, words: words, stem: stem, terms: terms };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  // -- loading ---------------------------------------------------------------------------
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var d = root.dataset;
  var store = null;  // Cache API: kept files, so a search made once works offline
  var memory = {};

  function openStore() {
    if (store === null) store = window.caches ? caches.open("showcase-search:" + d.scope).catch(function () { return undefined; }) : Promise.resolve(undefined);
    return store;
  }

  function fetchJSON(url, fresh) {
    if (memory[url]) return memory[url];
    var kept = function () {
      return openStore().then(function (cache) { return cache && cache.match(url); });
    };
    var network = function () {
      return fetch(url, { cache: fresh ? "no-cache" : "default" }).then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        var copy = response.clone();
        openStore().then(function (cache) { if (cache) cache.put(url, copy); });
        return response;
      });
    };
    var got = fresh
      ? network().catch(function (error) { return kept().then(function (r) { if (r) return r; throw error; }); })
      : kept().then(function (r) { return r || network(); });
    memory[url] = got.then(function (r) { return r.json(); });
    memory[url].catch(function () { delete memory[url]; });
    return memory[url];
  }

  var manifest = null;
  // Shard names: `t<n>-<hash>.json` (words), `d<n>-<hash>.json` (documents), `a-<hash>.json`.
  function url(kind, n, hash) { return manifest.folder + kind + (n === null ? "" : n) + "-" + hash + ".json"; }
  function file(kind, n) {
    var hash = kind === "t" ? manifest.terms[n][1] : kind === "d" ? manifest.docs[n] : manifest.attrs;
    return fetchJSON(url(kind, n, hash), false);
  }

  function shardIndex(word) {
    var found = 0;
    for (var i = 0; i < manifest.terms.length; i++) if (manifest.terms[i][0] <= word) found = i;
    return found;
  }

  function prefixShards(prefix) {
    var first = shardIndex(prefix);
    var last = first;
    while (last + 1 < manifest.terms.length && manifest.terms[last + 1][0].startsWith(prefix)) last++;
    var out = [];
    for (var i = first; i <= last; i++) out.push(i);
    return out;
  }

  function decode(list, into, word, exact) {
    var doc = 0;
    for (var i = 0; i < list.length; i++) {
      doc += list[i] >> 1;
      var score = (list[i] & 1 ? 2 : 1) + (exact ? 1 : 0);
      if (!(into[doc] >= score)) into[doc] = score;
    }
  }

  // One query word: documents with a word starting with it, or with its stem, and their score.
  function lookup(q) {
    var s = stem(q);
    var wanted = [shardIndex(q), shardIndex(s)];
    var range = prefixShards(q);
    var prefix = q.length >= 3 || range.length <= 2;
    if (prefix) wanted = wanted.concat(range);
    wanted = wanted.filter(function (v, i) { return wanted.indexOf(v) === i; });
    return Promise.all(wanted.map(function (i) { return file("t", i); })).then(function (shards) {
      var hits = {};
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (word) {
          if (word === q || word === s) decode(shard[word], hits, word, true);
          else if (prefix && word.startsWith(q)) decode(shard[word], hits, word, false);
        });
      });
      return hits;
    });
  }

  // -- the form ----------------------------------------------------------------------------
  var form = root.querySelector("[data-search-form]");
  var input = form.elements.q;
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var more = root.querySelector("[data-search-more]");
  var FILTERS = ["region", "category", "district", "cert", "price", "availability", "program"];
  var PAGE = 12;
  var shown = PAGE;
  var run = 0;

  function fill(name, options) {
    var select = form.elements[name];
    options.forEach(function (o) {
      if (!o[2]) return;
      var option = document.createElement("option");
      option.value = String(o[0]);
      option.textContent = o[1] + " (" + o[2] + ")";
      select.appendChild(option);
    });
    select.closest("[data-filter]").hidden = select.options.length <= 1;
  }

  function state() {
    var out = { q: input.value, sort: form.elements.sort.value };
    FILTERS.forEach(function (f) { out[f] = form.elements[f].value; });
    return out;
  }

  function remember(s) {
    var params = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k] && !(k === "sort" && s[k] === "relevance")) params.set(k, s[k]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function matches(s) {
    var typed = words(s.q).filter(function (w) { return w.length >= manifest.min; });
    var keys = typed.filter(function (w) { return manifest.stop.indexOf(w) < 0; });
    if (!keys.length) keys = typed;
    if (!keys.length) return Promise.resolve(null);
    return Promise.all(keys.map(lookup)).then(function (all) {
      var result = all[0];
      for (var i = 1; i < all.length; i++) {
        var next = {};
        Object.keys(result).forEach(function (doc) { if (all[i][doc]) next[doc] = result[doc] + all[i][doc]; });
        result = next;
      }
      return result;
    });
  }

  function filtered(s, hits) {
    var needAttrs = FILTERS.some(function (f) { return s[f]; }) || s.sort.indexOf("price") === 0;
    var attrs = needAttrs ? file("a", null) : Promise.resolve(null);
    return attrs.then(function (a) {
      var docs = hits ? Object.keys(hits).map(Number) : [];
      if (!hits) for (var n = 0; n < manifest.count; n++) docs.push(n);
      var facets = manifest.facets;
      var want = {
        r: s.region ? facets.region.findIndex(function (v) { return v[0] === s.region; }) : null,
        c: s.category ? facets.category.findIndex(function (v) { return v[0] === s.category; }) : null,
        d: s.district ? facets.district.findIndex(function (v) { return v[0] === s.district; }) : null,
        k: s.cert ? 1 << facets.cert.findIndex(function (v) { return v[0] === s.cert; }) : null,
        b: s.price ? Number(s.price) : null,
        s: s.availability ? facets.availability.findIndex(function (v) { return v[0] === s.availability; }) : null,
        g: s.program ? 1 << (facets.program || []).findIndex(function (v) { return v[0] === s.program; }) : null
      };
      var bucket = function (p) {
        return p < 0 ? manifest.bounds.length + 1 : manifest.bounds.filter(function (b) { return p >= b; }).length;
      };
      docs = docs.filter(function (doc) {
        if (!a) return true;
        // the price filter covers the whole range: the cheapest variant up to the dearest
        var low = bucket(a.p[doc]), high = bucket(a.q[doc]);
        return (want.r === null || a.r[doc] === want.r) && (want.c === null || a.c[doc] === want.c)
          && (want.d === null || a.d[doc] === want.d) && (want.k === null || (a.k[doc] & want.k) !== 0)
          && (want.b === null || (low <= want.b && want.b <= high)) && (want.s === null || a.s[doc] === want.s)
          && (want.g === null || ((a.g || [])[doc] & want.g) !== 0);
      });
      var price = function (doc) { return a.p[doc] < 0 ? Infinity : a.p[doc]; };
      var order = {
        relevance: function (x, y) { return hits ? hits[y] - hits[x] || x - y : x - y; },
        newest: function (x, y) { return x - y; },
        "price-asc": function (x, y) { return price(x) - price(y) || x - y; },
        "price-desc": function (x, y) {
          var px = price(x), py = price(y);
          if (px === Infinity || py === Infinity) return (px === Infinity) - (py === Infinity) || x - y;
          return py - px || x - y;
        }
      };
      return docs.sort(order[s.sort] || order.relevance);
    });
  }

  function picture(image) {
    var ext = { avif: "avif", webp: "webp", jpeg: "jpg" };
    var pic = document.createElement("picture");
    manifest.formats.forEach(function (f) {
      if (f === "jpeg") return;
      var source = document.createElement("source");
      source.type = "image/" + f;
      source.srcset = manifest.base + image[0] + "." + ext[f];
      pic.appendChild(source);
    });
    var img = document.createElement("img");
    img.src = manifest.base + image[0] + ".jpg";
    img.width = image[1];
    img.height = image[2];
    img.alt = "";
    img.loading = "lazy";
    img.decoding = "async";
    img.style.backgroundColor = image[3];
    pic.appendChild(img);
    return pic;
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function card(doc) {
    var article = element("article", "card");
    if (doc[7]) article.lang = "id";
    var media = element("div", "card-media");
    media.appendChild(doc[6] ? picture(doc[6]) : element("span", "no-photo"));
    var body = element("div", "card-body");
    var title = element("h2", "card-title");
    var link = element("a", "", doc[0]);
    link.href = manifest.products + doc[1] + "/";
    title.appendChild(link);
    var price = element("p", "card-price");
    if (doc[8]) price.append(element("span", "badge badge-" + doc[8][1], doc[8][0]), " ");  // pre-order, sold out
    price.append(doc[2]);
    if (doc[3]) price.appendChild(element("span", "card-unit", " " + doc[3]));  // "/ 500 g" or "per buah"
    var meta = element("p", "card-meta", doc[4]);
    var dot = element("span", "", " · ");
    dot.setAttribute("aria-hidden", "true");
    meta.append(dot, element("span", "card-region", manifest.facets.region[doc[5]][3]));
    body.append(title, price, meta);
    article.append(media, body);
    var li = document.createElement("li");
    li.appendChild(article);
    return li;
  }

  function show(docs, mine, query) {
    var page = docs.slice(0, shown);
    var chunks = [];
    page.forEach(function (doc) {
      var c = Math.floor(doc / manifest.chunk);
      if (chunks.indexOf(c) < 0) chunks.push(c);
    });
    return Promise.all(chunks.map(function (c) { return file("d", c); })).then(function (loaded) {
      if (mine !== run) return;
      var byChunk = {};
      chunks.forEach(function (c, i) { byChunk[c] = loaded[i]; });
      list.replaceChildren.apply(list, page.map(function (doc) {
        return card(byChunk[Math.floor(doc / manifest.chunk)][doc % manifest.chunk]);
      }));
      status.textContent = docs.length ? d.tFound.replace("{n}", docs.length) : d.tNone;
      list.setAttribute("data-query", query);  // what the shown results answer (tests wait on it)
      more.hidden = docs.length <= shown;
      root.classList.add("has-results");
    });
  }

  function search() {
    var mine = ++run;
    var s = state();
    remember(s);
    var filtering = FILTERS.some(function (f) { return s[f]; });
    if (!words(s.q).some(function (w) { return w.length >= manifest.min; }) && !filtering) {
      list.replaceChildren();
      status.textContent = s.q.trim() ? d.tShort : "";
      more.hidden = true;
      root.classList.remove("has-results");
      return Promise.resolve();
    }
    return matches(s).then(function (hits) { return filtered(s, hits); }).then(function (docs) {
      if (mine === run) return show(docs, mine, s.q);
    }).catch(function () {
      if (mine === run) status.textContent = navigator.onLine ? d.tError : d.tOffline;
    });
  }

  var timer = 0;
  function soon() {
    clearTimeout(timer);
    shown = PAGE;
    timer = setTimeout(search, 120);
  }

  function prefetch() {
    // A small index is saved whole, so any later search works offline; a large one is not
    // downloaded behind the visitor's back on a metered connection.
    var saveData = navigator.connection && navigator.connection.saveData;
    if (manifest.bytes > Number(d.prefetch) || saveData) return;
    var all = [file("a", null)];
    manifest.terms.forEach(function (t, i) { all.push(file("t", i)); });
    manifest.docs.forEach(function (h, i) { all.push(file("d", i)); });
    all.forEach(function (p) { p.catch(function () {}); });
  }

  function prune() {
    openStore().then(function (cache) {
      if (!cache) return;
      var keep = [d.index, url("a", null, manifest.attrs)];
      manifest.terms.forEach(function (t, i) { keep.push(url("t", i, t[1])); });
      manifest.docs.forEach(function (h, i) { keep.push(url("d", i, h)); });
      cache.keys().then(function (keys) {
        keys.forEach(function (request) {
          var path = new URL(request.url).pathname;
          if (path.startsWith(manifest.folder) && keep.indexOf(path) < 0) cache.delete(request);
        });
      });
    });
  }

  fetchJSON(d.index, true).then(function (m) {
    manifest = m;
    fill("region", m.facets.region);
    fill("category", m.facets.category);
    fill("district", m.facets.district);
    fill("cert", m.facets.cert);
    fill("price", m.facets.price);
    fill("availability", m.facets.availability);
    fill("program", m.facets.program || []);
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    ["sort"].concat(FILTERS).forEach(function (f) { if (params.get(f)) form.elements[f].value = params.get(f); });
    form.hidden = false;
    root.querySelector("[data-search-nojs]").hidden = true;
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); search(); });
    more.addEventListener("click", function () { shown += PAGE; search(); });
    root.setAttribute("data-ready", "");
    search().then(function () {
      var idle = window.requestIdleCallback || function (f) { setTimeout(f, 1500); };
      idle(function () { prune(); prefetch(); });
    });
  }).catch(function () {
    status.textContent = navigator.onLine ? d.tError : d.tOffline;
  });
})();
