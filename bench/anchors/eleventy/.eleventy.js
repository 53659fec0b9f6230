// Minimal Eleventy site for the benchmark: a page per product and one list page.
module.exports = function (config) {
  config.addCollection("products", (api) =>
    api.getFilteredByGlob("./src/products/**/*.md").sort((a, b) => a.data.title.localeCompare(b.data.title)));
  return {
    dir: { input: "src", output: "_site", includes: "_includes" },
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
};
