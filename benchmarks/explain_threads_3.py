"""``benchmarks/explain_heldout.py`` on tests/explain/data/threads_3.jsonl (the spent set of session 3).

    python benchmarks/explain_threads_3.py [--show] [--json OUT]
"""

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.argv[0] = str(Path(__file__).with_name("explain_heldout.py"))
    runpy.run_path(sys.argv[0], run_name="__main__")
