"""Shared pytest options: `--update-golden` rewrites the committed golden output tree."""


def pytest_addoption(parser):  # type: ignore[no-untyped-def]
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from a fresh build instead of comparing with it")
