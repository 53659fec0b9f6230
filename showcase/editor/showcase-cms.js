/* showcase: what the web editor at /admin/ adds to Decap CMS (loaded after decap-cms.js).
 *
 * 1. "showcase-number": a whole number (a price in rupiah, a year, a position) typed as text, so
 *    that "Rp 45.000" is refused with the build's own message (the field's `messages`, written by
 *    showcase/cms.py from showcase/schema.py) instead of being cut to "45" by a number field;
 *    digits are saved as a number, which the build requires.
 * 2. The phrases an editor meets most, in Indonesian (Decap falls back to English for the rest).
 */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;

  function said(field, key) {
    var messages = field.get("messages");
    return (messages && messages.get(key)) || "";
  }

  function fill(text, values) {
    return text.replace(/\{(text|digits|number)\}/g, function (_, name) { return values[name]; });
  }

  /* The schema's message for a value, or "" when it is a valid whole number (or empty). */
  function problem(field, value) {
    if (value === undefined || value === null || value === "") { return ""; }
    var text = String(value).trim();
    if (!/^[0-9]+$/.test(text)) {
      var digits = text.split(",-")[0].replace(/[^0-9]/g, "") || "25000";
      var thousands = said(field, "thousands");
      var rupiah = thousands && new RegExp(thousands, "i").test(text);
      var message = fill(said(field, rupiah ? "rupiah" : "other"), { text: text });
      return message + "; " + fill(said(field, "hint"), { digits: digits });
    }
    var number = parseInt(text, 10);
    var min = field.get("min");
    var max = field.get("max");
    if (typeof min === "number" && number < min) {
      var hint = said(field, "below_hint");
      return fill(said(field, "below"), { number: number }) + (hint ? "; " + hint : "");
    }
    if (typeof max === "number" && number > max) {
      return fill(said(field, "above"), { number: number });
    }
    return "";
  }

  var WholeNumber = createClass({
    getInitialState: function () {
      var value = this.props.value;
      return { text: value === undefined || value === null ? "" : String(value) };
    },
    isValid: function () {
      var message = problem(this.props.field, this.state.text);
      return message ? { error: { type: "CUSTOM", message: message } } : true;
    },
    handleChange: function (event) {
      var text = event.target.value;
      this.setState({ text: text });
      var trimmed = text.trim();
      if (trimmed === "") {
        this.props.onChange(undefined);
      } else if (/^[0-9]+$/.test(trimmed) && trimmed.length < 16) {
        this.props.onChange(parseInt(trimmed, 10));
      } else {
        this.props.onChange(text); /* kept as typed, so saving is refused with the message */
      }
    },
    render: function () {
      return h("input", {
        type: "text",
        inputMode: "numeric",
        autoComplete: "off",
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value: this.state.text,
        onChange: this.handleChange,
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle
      });
    }
  });

  var WholeNumberPreview = createClass({
    render: function () {
      var value = this.props.value;
      return h("p", {}, value === undefined || value === null ? "" : String(value));
    }
  });

  CMS.registerWidget("showcase-number", WholeNumber, WholeNumberPreview);

  CMS.registerLocale("id", {
    auth: {
      login: "Masuk",
      loggingIn: "Sedang masuk...",
      loginWithGitHub: "Masuk dengan GitHub"
    },
    app: {
      header: { content: "Isi", workflow: "Alur kerja", media: "Media", quickAdd: "Tambah cepat" },
      app: {
        errorHeader: "Konfigurasi penyunting tidak bisa dimuat",
        configErrors: "Kesalahan konfigurasi",
        checkConfigYml: "Periksa file config.yml.",
        loadingConfig: "Memuat konfigurasi...",
        waitingBackend: "Menunggu server..."
      }
    },
    collection: {
      sidebar: { collections: "Koleksi", allCollections: "Semua koleksi", searchAll: "Cari semua", searchIn: "Cari di" },
      collectionTop: { sortBy: "Urutkan", viewAs: "Tampilan", newButton: "＋ %{collectionLabel}",
        newButtonAriaLabel: "Buat %{collectionLabel} baru" },
      entries: { loadingEntries: "Memuat isi...", cachingEntries: "Menyimpan isi sementara...",
        noEntries: "Belum ada isi" }
    },
    editor: {
      editorControl: { field: { optional: "tidak wajib" } },
      editorControlPane: {
        widget: {
          required: "%{fieldLabel} wajib diisi.",
          min: "%{fieldLabel} paling sedikit %{minValue}.",
          max: "%{fieldLabel} paling banyak %{maxValue}."
        }
      },
      editor: {
        onLeavePage: "Yakin ingin meninggalkan halaman ini? Perubahan yang belum disimpan akan hilang.",
        loadingEntry: "Memuat...",
        onPublishing: "Yakin ingin menerbitkan isi ini?"
      },
      editorToolbar: {
        publishing: "Menerbitkan...", publish: "Terbitkan", published: "Terbit", saving: "Menyimpan...",
        save: "Simpan", deleting: "Menghapus...", deleteEntry: "Hapus", unsavedChanges: "Belum disimpan",
        changesSaved: "Tersimpan", draft: "Draf", inReview: "Sedang ditinjau", ready: "Siap",
        publishNow: "Terbitkan sekarang", publishAndCreateNew: "Terbitkan dan buat baru",
        publishAndDuplicate: "Terbitkan dan gandakan", status: "Status: %{status}",
        backCollection: " Menulis di koleksi %{collectionLabel}", deployButtonLabel: "Lihat di situs"
      },
      editorWidgets: {
        image: { choose: "Pilih foto", chooseDifferent: "Pilih foto lain", remove: "Hapus foto" },
        list: { add: "Tambah %{item}", addType: "Tambah %{item}" }
      }
    },
    mediaLibrary: {
      mediaLibraryModal: { upload: "Unggah", uploading: "Mengunggah...", chooseSelected: "Pakai yang dipilih" }
    },
    workflow: {
      workflow: { dashboard: "Alur kerja", newPost: "Isi baru", description: "%{smart_count} isi menunggu tinjauan." },
      workflowList: { draftHeader: "Draf", inReviewHeader: "Sedang ditinjau", readyHeader: "Siap" }
    }
  });
})();
