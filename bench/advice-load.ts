import autocannon from "autocannon";

/** Scenarios in all three scripts, so the load covers conversion, diagnosis and retrieval alike. */
const SCENARIOS = [
  "我有個做了三年的老業務,最近開會都不說話,叫他帶新人也推三阻四。",
  "新来的业务员很兴奋,但两个月都没成交。",
  "My best rep says she is thinking of leaving for a competitor.",
  "月底才出單,前三週都沒動靜,怎麼辦?",
];

/** `seconds` of POST /api/advice at `connections` concurrent connections (shared by `npm run load` and the bench). */
export function adviceLoad(url: string, seconds: number, connections: number): Promise<autocannon.Result> {
  let next = 0;
  const request: autocannon.Request = {
    method: "POST",
    path: "/api/advice",
    headers: { "content-type": "application/json" },
    setupRequest: (request) => {
      const scenario = SCENARIOS[next++ % SCENARIOS.length];
      return { ...request, body: JSON.stringify({ scenario }) };
    },
  };
  return autocannon({ url, connections, duration: seconds, requests: [request] });
}
