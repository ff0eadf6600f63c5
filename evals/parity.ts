import { readFileSync } from "node:fs";

/**
 * `tsx evals/parity.ts <node-url> <workers-url>`: for every eval query, do the two builds return the same
 * top-3 chunk ids (or both abstain)? Prints the share and exits 1 below 95 %.
 */
async function main(): Promise<number> {
  const [nodeUrl, workersUrl] = process.argv.slice(2);
  if (!nodeUrl || !workersUrl) {
    console.error("usage: tsx evals/parity.ts <node-url> <workers-url>");
    return 2;
  }
  const queries = ["retrieval.jsonl", "retrieval-dev.jsonl"].flatMap((file) =>
    readFileSync(new URL(file, import.meta.url), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { query: string }).query),
  );
  const top3 = async (base: string, query: string) => {
    const response = await fetch(`${base}/api/retrieve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, k: 3 }),
    });
    const body = (await response.json()) as { abstained: boolean; results: Array<{ id: string }> };
    return body.abstained
      ? "abstained"
      : body.results
          .map((chunk) => chunk.id)
          .sort()
          .join(",");
  };
  let same = 0;
  const different: string[] = [];
  for (const query of queries) {
    const [a, b] = await Promise.all([top3(nodeUrl, query), top3(workersUrl, query)]);
    if (a === b) same++;
    else different.push(`${query.slice(0, 40)}: node ${a} | workers ${b}`);
  }
  const share = same / queries.length;
  for (const line of different) console.log(`  differs: ${line}`);
  console.log(
    `parity: ${same}/${queries.length} queries with the same top-3 (${(share * 100).toFixed(1)} %; target ≥ 95 %)`,
  );
  return share >= 0.95 ? 0 : 1;
}

main().then((code) => process.exit(code));
