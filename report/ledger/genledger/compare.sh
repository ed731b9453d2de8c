#!/usr/bin/env bash
# compare.sh — the same 1M-row ledger export read by rapport and by other
# readers, side by side in one run: wall time and peak memory (RSS) from
# /usr/bin/time -v. Run from the repository root:
#
#   report/ledger/genledger/compare.sh [DIR] [ROWS]
#
# Needs: Go; optional: LibreOffice (libreoffice-calc-nogui), Node with the
# npm package xlsx (SheetJS, installed into DIR), python3-openpyxl (Debian).
# Readers that are missing are skipped.
set -euo pipefail
DIR=${1:-/tmp/rapport-compare}
ROWS=${2:-1000000}
mkdir -p "$DIR"
go build -o "$DIR/genledger" ./report/ledger/genledger
if [ ! -f "$DIR/huvudbok.xlsx" ]; then
	"$DIR/genledger" --out "$DIR" --rows "$ROWS"
fi
X="$DIR/huvudbok.xlsx"
C="$DIR/huvudbok.csv"

printf '| läsare | tid (s) | högsta minne (MB) |\n| --- | ---: | ---: |\n'
measure() {
	local label=$1
	shift
	if /usr/bin/time -v "$@" >"$DIR/out.txt" 2>"$DIR/time.txt"; then
		local wall rss
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
		rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$DIR/time.txt")
		printf '| %s | %.2f | %s |\n' "$label" "$wall" "$rss"
	else
		printf '| %s | misslyckades | |\n' "$label"
		tail -n 3 "$DIR/out.txt" "$DIR/time.txt" >&2 || true
	fi
}

measure "uppackning av bladets XML (golvet)" "$DIR/genledger" --inflate "$X"
measure "rapport, XLSX" "$DIR/genledger" --read "$X"
measure "rapport, CSV" "$DIR/genledger" --read "$C"

if command -v soffice >/dev/null; then
	rm -rf "$DIR/lo"
	measure "LibreOffice headless → CSV" soffice --headless --norestore --convert-to csv --outdir "$DIR/lo" "$X"
fi

if command -v node >/dev/null; then
	if [ ! -d "$DIR/node_modules/xlsx" ]; then
		(cd "$DIR" && npm install --silent --no-audit --no-fund xlsx >/dev/null 2>&1) || true
	fi
	if [ -d "$DIR/node_modules/xlsx" ]; then
		cat >"$DIR/sheetjs.js" <<'JS'
const XLSX = require(process.argv[3] + "/node_modules/xlsx");
const wb = XLSX.readFile(process.argv[2], { dense: true });
const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true });
let sum = 0;
for (let i = 1; i < rows.length; i++) sum += Math.round(rows[i][6] * 100);
console.log(rows.length - 1, sum);
JS
		measure "SheetJS (npm xlsx) i Node" node --max-old-space-size=8192 "$DIR/sheetjs.js" "$X" "$DIR"
	fi
fi

if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	cat >"$DIR/openpyxl_read.py" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
ws = wb.worksheets[0]
n, s = 0, 0
for row in ws.iter_rows(min_row=2, values_only=True):
    n += 1
    s += round(row[6] * 100)
print(n, s)
PY
	measure "openpyxl (read-only) i Python" /usr/bin/python3 "$DIR/openpyxl_read.py" "$X"
fi
