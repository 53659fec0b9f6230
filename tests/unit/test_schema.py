"""Front matter read as the schema says: YAML 1.1 guesses refused, every mistake located (B, C)."""
from datetime import date

import pytest

from showcase.errors import Diagnostics
from showcase.schema import SCHEMAS, Validator, translation_fields
from showcase.yamlnodes import YamlProblem, parse

BASE = "title: Abon Bandeng\ncategory: olahan\nmaker: mattiro\n"


def validate(text: str, kind: str = "product"):
    diags = Diagnostics()
    record = Validator("content/products/abon.md", diags).record(parse(text, 2), SCHEMAS[kind])
    return record, diags


def only_error(diags: Diagnostics):
    assert len(diags.errors) == 1, [d.format("en") for d in diags.items]
    return diags.errors[0]


def test_valid_product_values_have_their_types():
    record, diags = validate(BASE + "price: 35000\nfeatured: true\ndate: 2026-09-24\ntags: [a, b]\n")
    assert not diags.items
    assert record.values["price"] == 35000
    assert record.values["featured"] is True
    assert record.values["date"] == date(2026, 9, 24)
    assert record.values["tags"] == ("a", "b")
    assert record.lines["price"] == 5


@pytest.mark.parametrize("value", ["25.000", "Rp 25.000", "25,000", "1.250.000"])
def test_indonesian_thousands_are_not_rupiah(value):
    _, diags = validate(BASE + f"price: {value}\n")
    error = only_error(diags)
    assert error.code == "FM_NOT_INTEGER" and error.line == 5 and error.field == "price"
    assert "no dots" in error.hint("en") and "tanpa titik" in error.hint("id")
    assert "25000" in error.hint("en") or "1250000" in error.hint("en")


@pytest.mark.parametrize("value", ["0", "-5", ".inf", ".nan"])
def test_absurd_prices_fail(value):
    _, diags = validate(BASE + f"price: {value}\n")
    assert only_error(diags).code in {"FM_RANGE", "FM_NOT_INTEGER"}


def test_no_is_not_false_it_is_an_error_for_bool_fields():
    _, diags = validate(BASE + "featured: NO\n")
    error = only_error(diags)
    assert error.code == "FM_NOT_BOOL" and "`featured: true`" in error.hint("id")


def test_text_fields_keep_what_yaml_1_1_would_coerce():
    record, diags = validate(BASE + "unit: NO\nsummary: 1.10\n")
    assert not diags.errors
    assert record.values["unit"] == "NO" and record.values["summary"] == "1.10"


def test_unquoted_phone_stays_a_normalised_string():
    record, diags = validate("name: Mattiro\nregion: pangkep\nwhatsapp: +62 812-3456-7890\n", "maker")
    assert not diags.errors
    assert record.values["whatsapp"] == "6281234567890"


def test_invalid_phone_is_an_error():
    _, diags = validate("name: Mattiro\nregion: pangkep\nwhatsapp: 12345\n", "maker")
    assert only_error(diags).code == "FM_PHONE"


def test_unknown_field_suggests_the_right_one():
    _, diags = validate(BASE + "titel: x\n")
    error = only_error(diags)
    assert error.code == "FM_UNKNOWN_FIELD" and "did you mean `title`" in error.message("en")
    assert "maksud Anda `title`" in error.message("id")
    assert error.line == 5


def test_harga_is_unknown_with_the_list_of_fields():
    _, diags = validate(BASE + "harga: 35000\n")
    error = only_error(diags)
    assert error.code == "FM_UNKNOWN_FIELD" and "price" in error.hint("id")


def test_all_missing_required_fields_listed():
    _, diags = validate("price: 1\n")
    assert sorted(d.field for d in diags.errors) == ["category", "maker", "title"]
    assert all(d.code == "FM_MISSING_FIELD" and d.hint("en").startswith("add a line") for d in diags.errors)
    assert all(d.hint("id").startswith("tambahkan baris") for d in diags.errors)


def test_string_where_a_list_is_expected():
    _, diags = validate(BASE + "tags: kopi, aceh\n")
    error = only_error(diags)
    assert error.code == "FM_TYPE" and "expected a list" in error.message("en") and "[" in error.hint("en")


@pytest.mark.parametrize("value,code", [("2024-02-30", "FM_DATE_INVALID"), ("30/01/2024", "FM_DATE_FORMAT"),
                                        ("30-01-2024", "FM_DATE_FORMAT"),
                                        ("2024-01-30T10:00:00+07:00", "FM_DATE_FORMAT")])
def test_bad_dates(value, code):
    _, diags = validate(BASE + f"date: {value}\n")
    error = only_error(diags)
    assert error.code == code and error.line == 5


@pytest.mark.parametrize("value,written", [("30/01/2024", "2024-01-30"), ("5-2-2026", "2026-02-05"),
                                           ("30/02/2024", "2026-09-24")])
def test_a_day_first_date_is_suggested_in_iso_form(value, written):
    _, diags = validate(BASE + f"date: {value}\n")
    assert only_error(diags).hint("id") == f"tulis `date: {written}` (tahun-bulan-tanggal)"


@pytest.mark.parametrize("url,level", [("javascript:alert(1)", "error"), ("data:text/html,x", "error"),
                                       ("JaVaScRiPt:alert(1)", "error"), ("https://toko .com", "error"),
                                       ("http://toko.example", "error"), ("HTTP://toko.example", "error"),
                                       ("mailto:toko@example.com", "error")])
def test_marketplace_urls(url, level):
    """Marketplace links are https only: http:// there is an error, not a warning."""
    _, diags = validate(BASE + f"marketplaces:\n  - name: Toko\n    url: \"{url}\"\n")
    found = diags.errors if level == "error" else diags.warnings
    assert len(found) == 1 and found[0].line == 7


def test_smart_quotes_and_html_in_title_warn():
    _, diags = validate("title: “Kopi <b>Gayo</b>”\ncategory: a\nmaker: b\n")
    assert {d.code for d in diags.warnings} == {"FM_SMART_QUOTES", "FM_HTML_IN_TEXT"}
    assert not diags.errors


def test_front_matter_that_is_a_list():
    _, diags = validate("- a\n- b\n")
    assert only_error(diags).code == "FM_NOT_MAPPING"


def test_translation_may_not_set_price():
    diags = Diagnostics()
    Validator("x.en.md", diags).record(parse("title: Abon\nprice: 5\n", 2), translation_fields("product"),
                                       forbidden=SCHEMAS["product"])
    assert only_error(diags).code == "FM_NOT_TRANSLATABLE"


@pytest.mark.parametrize("text,code,line", [
    ("title: Kopi: Gayo\n", "FM_UNQUOTED_COLON", 2),
    ("title: a\ntitle: b\n", "FM_DUPLICATE_KEY", 3),
    ("a: &x 1\nb: *x\n", "FM_ALIAS", 2),  # the anchor that is used again
    ("<<: {a: 1}\n", "FM_ALIAS", 2),
    ("title: !!python/object/apply:os.system [ls]\n", "FM_TAG", 2),
    ("title: a\nimages:\n\t- x.jpg\n", "FM_TAB", 4),
    ("title: a\nunit 250 g\nprice: 5\n", "FM_YAML", 3),  # no colon: the line itself, not the next
    ('title: a\nunit: "250 g\nprice: 5\n', "FM_YAML", 3),  # unclosed quote: where it opens
    ("title: a\ntags: [a, b\nprice: 5\n", "FM_YAML", 3),  # unclosed bracket: where it opens
    ("title: Abon\n  price: 5\n", "FM_INDENT", 3),  # indented field, not a colon inside a value
])
def test_yaml_problems_are_located(text, code, line):
    with pytest.raises(YamlProblem) as caught:
        parse(text, 2)
    assert caught.value.code == code and caught.value.line == line
    diags = Diagnostics()
    caught.value.report("content/x.md", diags)
    assert all(d.hint("id") and d.hint("en") for d in diags.errors)
    assert "YAML syntax error:" not in diags.errors[0].message("en"), "a known mistake is named, not libyaml's words"


def test_a_photo_focus_is_read_and_reaches_the_image():
    record, diags = validate(BASE + "images:\n  - src: vas.jpg\n    alt: Vas\n    focus: top left\n  - vas-2.jpg\n")
    assert not diags.items
    first, second = record.values["images"]
    assert (first.src, first.focus) == ("vas.jpg", "top left")
    assert second.focus == "center", "a photo without focus is held at its centre"


@pytest.mark.parametrize(("written", "suggested"), [("atas", "top"), ("bawah kanan", "bottom right"),
                                                    ("botom", "bottom"), ("Top", "top")])
def test_a_wrong_focus_is_located_and_suggests_the_right_word(written, suggested):
    _, diags = validate(BASE + f"images:\n  - src: vas.jpg\n    focus: {written}\n")
    error = only_error(diags)
    assert (error.code, error.line, error.field) == ("FM_CHOICE", 7, "images[0].focus")
    assert f'did you mean "{suggested}"' in error.message("en")
    assert "top = atas" in error.hint("en") and "bottom right" in error.hint("en"), "the choices, with the Indonesian words"


def test_focus_goes_through_the_schema_to_the_field_reference_and_new_files():
    from showcase import fieldref, scaffold

    reference = fieldref.render()
    assert "| `images[].focus` |" in reference and "| `cover.focus` |" in reference
    product = scaffold.render_text("product", {})
    assert "#     # focus: top" in product, "offered in the images block, commented until wanted"
    uncommented = "\n".join(line[2:] if line.startswith("# ") else line for line in product.splitlines())
    assert "    # focus: top" in uncommented, "uncommenting the block keeps focus optional"
