#!/usr/bin/env bash
# Instructions per article of the full check (`check_articles` over both article sets), by
# callgrind: the difference between a run that checks the batch three more times and one
# that does not, divided by the articles checked. Unlike timings, the count does not move
# with the machine's load. Needs valgrind. Usage: scripts/count_instructions.sh [python]
set -euo pipefail
py=${1:-.venv/bin/python}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
cat > "$tmp/once.py" <<'PY'
import os, sys
sys.path.insert(0, os.environ["ROOT"])
from benchmarks.bench_check import SETS, load_set
from capexlens.claims.check import check_articles
from capexlens.ingest import open_store
store = open_store(":memory:")
arts = [a for folder in SETS.values() for a in load_set(folder)]
batch = [(a.text, a.name, a.as_of) for a in arts]
list(check_articles(store, batch))  # warm: the store's reads and the patterns compiled
for _ in range(int(os.environ["N"])):
    list(check_articles(store, batch))
print(len(arts))
PY
for n in 0 3; do
  # a fixed hash seed: set and dict orders move the count by up to ~1 M instructions
  PYTHONHASHSEED=0 ROOT=$here N=$n valgrind --tool=callgrind --callgrind-out-file="$tmp/cg$n.out" \
    "$py" "$tmp/once.py" > "$tmp/out$n.log" 2> "$tmp/cg$n.log"
done
articles=$(tail -1 "$tmp/out3.log")
a=$(grep -oP "Collected : \K\d+" "$tmp/cg0.log")
b=$(grep -oP "Collected : \K\d+" "$tmp/cg3.log")
python3 -c "print(f'{($b - $a) / (3 * $articles) / 1e6:.1f} M instructions per article ({$articles} articles)')"
rm -rf "$tmp"
