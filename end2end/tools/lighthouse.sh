#!/usr/bin/env bash
# Lighthouse (mobile, its default simulated slow 4G and 4x slower CPU) on the pages issue 11
# names: the check, tracking and an application step; 5 runs each, the median score of each
# category. Lighthouse is fetched by npx (pinned), not kept in package.json: the tests do not
# need it. Usage: end2end/tools/lighthouse.sh http://127.0.0.1:3939
set -euo pipefail
base=${1:-http://127.0.0.1:3939}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export CHROME_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
# A step needs a draft: its cookie, as "开始申请" would set it.
draft=$(curl -sf -D - -o /dev/null -X POST -d aid_type=emergency "$base/apply/start" |
  sed -n 's/^[Ss]et-[Cc]ookie: \(draft=[^;]*\).*/\1/p')
for path in / /track /apply/step/1; do
  for run in 1 2 3 4 5; do
    npx --yes lighthouse@13.5.0 "$base$path" --quiet --chrome-flags="--headless=new --no-sandbox" \
      --only-categories=performance,accessibility,best-practices,seo \
      --extra-headers="{\"Cookie\":\"$draft\"}" \
      --output=json --output-path="$out/run$run.json" >/dev/null 2>&1
  done
  node -e '
    const fs = require("fs");
    const runs = [1, 2, 3, 4, 5].map((i) => JSON.parse(fs.readFileSync(`${process.argv[1]}/run${i}.json`)));
    const median = (xs) => xs.sort((a, b) => a - b)[2];
    const line = Object.keys(runs[0].categories)
      .map((c) => `${c} ${median(runs.map((r) => Math.round(r.categories[c].score * 100)))}`)
      .join(", ");
    console.log(`lighthouse: ${process.argv[2].padEnd(14)} ${line} (median of 5)`);
  ' "$out" "$path"
done
