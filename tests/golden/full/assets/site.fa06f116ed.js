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
