#!/usr/bin/env bash
# Renders docs/screenshot.png: the README demo's terminal output, drawn by
# headless Chromium (Debian's chromium package) so Arabic is shaped right.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/rasd" ./cmd/rasd
(
  cd "$tmp"
  echo '$ go run ./cmd/rasd ingest --list examples/'
  ./rasd ingest --list "$OLDPWD/examples"
  id=$(./rasd articles --json --limit 0 | grep -o '"id":"[0-9a-f]*"' | sed -n 10p | cut -d'"' -f4)
  echo
  echo "\$ rasd show ${id:0:8}"
  ./rasd show "$id" | head -12
) | sed "s#$PWD/##" > "$tmp/out.txt"
python3 - "$tmp/out.txt" "$tmp/page.html" <<'PY'
import html, re, sys
rows, out = [], []
def flush():
    if rows:
        out.append("<table>" + "".join(rows) + "</table>")
        rows.clear()
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    cells = re.split(r"\s{2,}", line.strip())
    if len(cells) >= 4 and not line.startswith("$"):
        tag = "th" if cells[0] == "ID" else "td"
        rows.append("<tr>" + "".join(f'<{tag} dir="auto">{html.escape(c)}</{tag}>' for c in cells) + "</tr>")
        continue
    flush()
    if len(line) > 150:
        line = line[:149] + "…"
    out.append(f'<div dir="auto">{html.escape(line) or "&nbsp;"}</div>')
flush()
page = """<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:#0f172a;color:#e2e8f0;font:15px/1.6 'DejaVu Sans Mono','Noto Sans Arabic',monospace;padding:22px 28px}
div{white-space:pre-wrap;unicode-bidi:plaintext} div[dir]:first-child{color:#7dd3fc}
table{border-collapse:collapse;margin:4px 0 8px} td,th{padding:1px 14px 1px 0;white-space:nowrap;text-align:start}
th{color:#94a3b8;font-weight:normal;text-align:left} td:first-child{color:#fbbf24} td:nth-child(2){color:#86efac}
</style>""" + "".join(out)
open(sys.argv[2], "w", encoding="utf-8").write(page)
PY
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
  --window-size=1280,860 --screenshot="$PWD/docs/screenshot.png" "file://$tmp/page.html" 2>/dev/null
echo "wrote docs/screenshot.png"
