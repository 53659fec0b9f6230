"""Output is replaced only by a complete build; leftovers of killed builds are cleaned up."""

import pytest

from showcase.writer import OutputError, Staging


def test_commit_replaces_old_output_completely(tmp_path):
    out = tmp_path / "output"
    (out / "produk" / "lama").mkdir(parents=True)
    (out / "produk" / "lama" / "index.html").write_text("stale")
    staging = Staging(out, protected=[])
    staging.write_text("index.html", "baru")
    staging.commit()
    assert (out / "index.html").read_text() == "baru"
    assert not (out / "produk").exists(), "deleted content must disappear"
    assert [p.name for p in tmp_path.iterdir()] == ["output"], "no staging or old copies left"


def test_abort_leaves_previous_output_untouched(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("lama")
    staging = Staging(out, protected=[])
    staging.write_text("index.html", "setengah")
    staging.abort()
    assert (out / "index.html").read_text() == "lama"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_leftovers_of_a_killed_build_are_removed_and_a_missing_output_restored(tmp_path):
    out = tmp_path / "output"
    old = tmp_path / ".output.old-abc"
    old.mkdir()
    (old / "index.html").write_text("lama")
    (tmp_path / ".output.staging-xyz").mkdir()
    staging = Staging(out, protected=[])
    assert (out / "index.html").read_text() == "lama"
    staging.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_output_that_would_hold_the_sources_is_refused(tmp_path):
    content = tmp_path / "site" / "content"
    content.mkdir(parents=True)
    with pytest.raises(OutputError):
        Staging(tmp_path / "site", protected=[content])
    with pytest.raises(OutputError):
        Staging(content, protected=[content])


def test_unwritable_output_gives_a_clear_error(tmp_path):
    out = tmp_path / "output"
    staging = Staging(out, protected=[])
    (staging.dir / "produk").write_text("a file where a folder must go")
    with pytest.raises(OutputError) as refused:
        staging.write_text("produk/abon/index.html", "x")
    assert refused.value.render("en").startswith("cannot write produk/abon/index.html into ")
    assert refused.value.render("id").startswith("produk/abon/index.html tidak bisa ditulis ke ")
    staging.abort()
