"""Build the showcase: `python build.py --help`.

Any Python 3.11+ runs it: when the project's `.venv` exists (`make build` creates it) and this is
another Python, the command runs again with the `.venv`'s, so `python build.py` is always
`.venv/bin/showcase build` with the pinned dependencies; without a `.venv`, the current Python
must have them (`pip install -e .`).
"""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
PYTHON = next((p for p in (VENV / "bin" / "python", VENV / "Scripts" / "python.exe") if p.exists()), None)

if __name__ == "__main__" and PYTHON is not None and Path(sys.prefix).resolve() != VENV.resolve():
    raise SystemExit(subprocess.call([str(PYTHON), __file__, *sys.argv[1:]]))

try:
    from showcase.cli import main
except ImportError as missing:
    sys.stderr.write(f"showcase: {missing.name} tidak terpasang / is not installed; "
                     "jalankan / run: make build (or pip install -e .)\n")
    raise SystemExit(1)

if __name__ == "__main__":
    raise SystemExit(main())
