module.exports = {
  layout: "product.njk",
  permalink: (data) => `/produk/${data.page.fileSlug}/`,
};
