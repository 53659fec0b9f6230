// The order list page (/pesanan/, /en/order/). Reads the visitor's list from localStorage (see
// site.js) and the site's current names and prices from the data file beside the page, groups
// the items by maker, lets quantities change and items go, prices each line at the wholesale
// tier its quantity reaches, and gives each maker one WhatsApp link whose text lists every item,
// its option and quantity, and the subtotal. An item whose product or option has gone is flagged
// and left out of prices and messages. Texts come from data- attributes (no inline script).
(function () {
  var root = document.querySelector("[data-order]");
  if (!root) return;
  var KEY = "showcase:" + (document.documentElement.dataset.swScope || "/") + ":order";
  var d = root.dataset;
  var groups = root.querySelector("[data-order-groups]");
  var message = root.querySelector("[data-order-message]");
  var nojs = document.querySelector("[data-order-nojs]");
  if (nojs) nojs.hidden = true;
  var data = null;

  function read() {
    try {
      var list = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (i) { return i && typeof i.p === "string" && i.q > 0; }) : [];
    } catch (e) { return []; }
  }
  function write(list) {
    try { localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* private mode: the page still shows it */ }
    dispatchEvent(new Event("showcase:order"));
  }
  function rupiah(n) {
    return "Rp\u00a0" + String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // One line of the list, priced from the current data: null price when it cannot be priced.
  function line(item) {
    var product = data.products[item.p];
    if (!product) return { item: item, gone: d.tGone, name: item.p, maker: "" };
    var name = product.t, unit = product.n, price = product.p, option = "";
    if (item.v) {
      var variant = product.v[item.v];
      if (!variant) return { item: item, gone: d.tVariantGone, name: product.t, maker: product.m, url: product.u };
      option = variant[0]; price = variant[1]; unit = variant[2];
    } else if (Object.keys(product.v).length) {
      return { item: item, gone: d.tVariantGone, name: product.t, maker: product.m, url: product.u };
    }
    if (price === null || price === undefined) {
      return { item: item, gone: d.tGone, name: product.t, maker: product.m, url: product.u };
    }
    var each = price, wholesale = false;
    product.w.forEach(function (tier) {
      if (item.q >= tier[0] && tier[1] < each) { each = tier[1]; wholesale = true; }
    });
    return { item: item, name: name, option: option, unit: unit, each: each, wholesale: wholesale,
             total: each * item.q, maker: product.m, url: product.u };
  }
  function plain(n) { return rupiah(n).replace("\u00a0", " "); }  // chat text: ordinary spaces
  function whatsapp(maker, lines, total) {
    var who = data.makers[maker];
    var text = [d.tMessageHead.replace("{maker}", who[0])];
    lines.forEach(function (l) {
      text.push("- " + l.name + (l.option ? " (" + l.option + ")" : "") + " \u00d7 " + l.item.q + " = " + plain(l.total));
    });
    text.push(d.tMessageTotal.replace("{total}", plain(total)));
    return "https://wa.me/" + who[1] + "?text=" + encodeURIComponent(text.join("\n"));
  }
  function render() {
    var list = read();
    groups.textContent = "";
    message.textContent = list.length ? "" : d.tEmpty;
    var byMaker = {}, order = [];
    list.forEach(function (item, index) {
      var l = line(item);
      l.index = index;
      var key = l.maker || "";
      if (!byMaker[key]) { byMaker[key] = []; order.push(key); }
      byMaker[key].push(l);
    });
    order.forEach(function (maker) {
      var lines = byMaker[maker];
      var section = element("section", "order-group panel");
      var who = data.makers[maker];
      section.setAttribute("data-order-maker", maker);
      section.appendChild(element("h2", "panel-title", who ? d.tMaker.replace("{maker}", who[0]) : d.tGoneGroup));
      var ul = element("ul", "order-lines");
      ul.setAttribute("role", "list");
      var total = 0, priced = [];
      lines.forEach(function (l) {
        var li = element("li", "order-line" + (l.gone ? " order-line-gone" : ""));
        li.setAttribute("data-order-line", l.item.p + (l.item.v ? "/" + l.item.v : ""));
        var title = element("p", "order-name");
        if (l.url) { var a = element("a", "", l.name); a.href = l.url; title.appendChild(a); } else title.textContent = l.name;
        if (l.option) title.appendChild(element("span", "order-option", " · " + l.option));
        li.appendChild(title);
        if (l.gone) {
          li.appendChild(element("p", "order-gone", l.gone));
        } else {
          total += l.total;
          priced.push(l);
          li.appendChild(element("p", "order-each", rupiah(l.each) + " " + (l.unit || d.tEach)
            + (l.wholesale ? " · " + d.tWholesale : "")));
          var id = "q-" + l.index;
          var label = element("label", "order-quantity-label", d.tQuantity);
          label.htmlFor = id;
          var input = element("input", "order-quantity");
          input.type = "number"; input.min = "1"; input.step = "1"; input.inputMode = "numeric";
          input.id = id; input.value = String(l.item.q);
          input.addEventListener("change", function () {
            var q = parseInt(input.value, 10);
            var now = read();
            if (now[l.index] && q > 0) { now[l.index].q = q; write(now); }
            render();
            var again = document.getElementById(id);
            if (again) again.focus();
          });
          var amount = element("p", "order-line-total", rupiah(l.total));
          amount.setAttribute("data-order-line-total", "");
          li.append(label, input, amount);
        }
        var remove = element("button", "btn btn-outline btn-small", d.tRemove);
        remove.type = "button";
        remove.setAttribute("aria-label", d.tRemove + ": " + l.name + (l.option ? " · " + l.option : ""));
        remove.addEventListener("click", function () {
          var now = read();
          now.splice(l.index, 1);
          write(now);
          render();
        });
        li.appendChild(remove);
        ul.appendChild(li);
      });
      section.appendChild(ul);
      if (priced.length) {
        var sub = element("p", "order-subtotal", d.tSubtotal + ": " + rupiah(total));
        sub.setAttribute("data-order-subtotal", "");
        section.appendChild(sub);
        if (who && who[1]) {
          var send = element("a", "btn btn-wa", d.tSend);
          send.href = whatsapp(maker, priced, total);
          send.setAttribute("data-order-send", maker);
          // named for the site's counting script (count.js, only loaded with analytics: in site.yaml)
          send.setAttribute("data-count", "whatsapp-order");
          send.setAttribute("data-count-maker", maker);
          send.setAttribute("data-count-product", priced.map(function (l) { return l.item.p; })
            .filter(function (p, i, all) { return all.indexOf(p) === i; }).join(","));
          section.appendChild(send);
        } else {
          section.appendChild(element("p", "order-gone", d.tNoWhatsapp));
        }
      }
      groups.appendChild(section);
    });
  }
  fetch(d.src).then(function (r) {
    if (!r.ok) throw new Error(String(r.status));
    return r.json();
  }).then(function (json) {
    data = json;
    render();
    root.setAttribute("data-ready", "");
    addEventListener("storage", function (e) { if (e.key === KEY) render(); });
  }).catch(function () {
    message.textContent = d.tEmpty;
  });
})();
