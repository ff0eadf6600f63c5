// sales-coach client: one small script for the three pages. All user and model text is rendered with
// textContent (never innerHTML), so nothing a user or a model writes can run.
"use strict";

const STRINGS = {
  "zh-Hant": {
    skip: "跳到內容", lang: "語言", close: "關閉", "nav.coach": "經理教練", "nav.roleplay": "角色扮演", "nav.drill": "FABE 練習",
    coachTitle: "描述你遇到的情況", coachLabel: "情況", coachPlaceholder: "例如:我有個做了三年的老業務,最近開會都不說話……", ask: "取得建議",
    token: "請輸入存取權杖(管理員提供):", thinking: "正在依手冊整理建議……", steps: "建議步驟", talk: "談話要點", watch: "之後觀察", copy: "複製談話要點", copied: "已複製",
    abstained: "手冊沒有涵蓋這個問題", diagnosis: "判讀", citation: "出處",
    personas: "選一個角色練習", start: "開始", yourTurn: "你要說的話", send: "送出", hint: "提示", end: "結束並檢討", newSession: "換一個角色",
    noHint: "目前沒有提示:照手冊的溝通步驟,先問、再聽。", debrief: "檢討", met: "做到", missed: "沒做到", ended: "對話已結束",
    drills: "練習題", drillPick: "選一題(可不選)", pitchLabel: "你的說法", score: "評分", missing: "缺少", none: "無",
    violations: "違反的推銷原則", rewrite: "建議改寫", feedback: "回饋", pitchPlaceholder: "寫下你會對客戶說的話……",
    F: "特徵", A: "優點", B: "利益", E: "證據", other: "其他", error: "出了點問題:",
    "manager-rep": "經理練習帶人", "rep-customer": "業務練習銷售",
    trust: "信任", willingness: "意願", interest: "興趣", patience: "耐心", confidence: "信心", realism: "務實", drive: "幹勁", openness: "開放", attitude: "態度"
  },
  "zh-Hans": {
    skip: "跳到内容", lang: "语言", close: "关闭", "nav.coach": "经理教练", "nav.roleplay": "角色扮演", "nav.drill": "FABE 练习",
    coachTitle: "描述你遇到的情况", coachLabel: "情况", coachPlaceholder: "例如:我有个做了三年的老业务,最近开会都不说话……", ask: "获取建议",
    token: "请输入访问令牌(管理员提供):", thinking: "正在依手册整理建议……", steps: "建议步骤", talk: "谈话要点", watch: "之后观察", copy: "复制谈话要点", copied: "已复制",
    abstained: "手册没有涵盖这个问题", diagnosis: "判读", citation: "出处",
    personas: "选一个角色练习", start: "开始", yourTurn: "你要说的话", send: "发送", hint: "提示", end: "结束并复盘", newSession: "换一个角色",
    noHint: "目前没有提示:照手册的沟通步骤,先问、再听。", debrief: "复盘", met: "做到", missed: "没做到", ended: "对话已结束",
    drills: "练习题", drillPick: "选一题(可不选)", pitchLabel: "你的说法", score: "评分", missing: "缺少", none: "无",
    violations: "违反的推销原则", rewrite: "建议改写", feedback: "反馈", pitchPlaceholder: "写下你会对客户说的话……",
    F: "特征", A: "优点", B: "利益", E: "证据", other: "其他", error: "出了点问题:",
    "manager-rep": "经理练习带人", "rep-customer": "业务练习销售",
    trust: "信任", willingness: "意愿", interest: "兴趣", patience: "耐心", confidence: "信心", realism: "务实", drive: "干劲", openness: "开放", attitude: "态度"
  },
  en: {
    skip: "Skip to content", lang: "Language", close: "Close", "nav.coach": "Manager coach", "nav.roleplay": "Role-play", "nav.drill": "FABE drill",
    coachTitle: "Describe the situation", coachLabel: "Situation", coachPlaceholder: "e.g. My veteran rep has gone quiet in meetings…", ask: "Get advice",
    token: "Enter your access token (from your administrator):", thinking: "Working through the handbook…", steps: "Steps", talk: "Talk track", watch: "Watch", copy: "Copy talk track", copied: "Copied",
    abstained: "The handbook does not cover this", diagnosis: "Reading", citation: "Source",
    personas: "Pick someone to practise with", start: "Start", yourTurn: "What you say", send: "Send", hint: "Hint", end: "End and debrief", newSession: "Pick another",
    noHint: "No hint yet: follow the handbook's steps — ask first, then listen.", debrief: "Debrief", met: "Met", missed: "Missed", ended: "The conversation has ended",
    drills: "Drill", drillPick: "Pick a drill (optional)", pitchLabel: "Your pitch", score: "Score", missing: "Missing", none: "none",
    violations: "Selling principles broken", rewrite: "Suggested rewrite", feedback: "Feedback", pitchPlaceholder: "Write what you would say to the customer…",
    F: "Feature", A: "Advantage", B: "Benefit", E: "Evidence", other: "Other", error: "Something went wrong: ",
    "manager-rep": "a manager practises with a rep", "rep-customer": "a rep practises a sale"
  }
};

const state = { lang: localStorage.getItem("coach.lang") || guessLang() };

function guessLang() {
  const nav = (navigator.language || "").toLowerCase();
  if (nav.startsWith("zh-cn") || nav.startsWith("zh-sg") || nav === "zh-hans") return "zh-Hans";
  if (nav.startsWith("zh")) return "zh-Hant";
  return "en";
}

function t(key) {
  return (STRINGS[state.lang] || STRINGS["zh-Hant"])[key] || key;
}

/** Creates an element; children are nodes or strings (strings become text nodes, never markup). */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  return node;
}

// When the service runs with bearer tokens (COACH_TOKENS), the first 401 asks for a token once; it is kept
// in this browser and sent with every request after.
async function send(path, init = {}) {
  const withToken = () => {
    const token = localStorage.getItem("coach.token");
    return { ...init, headers: { ...(init.headers || {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  };
  let response = await fetch(path, withToken());
  if (response.status === 401) {
    const token = window.prompt(t("token"));
    if (token) {
      localStorage.setItem("coach.token", token.trim());
      response = await fetch(path, withToken());
    }
  }
  return response;
}

async function api(path, body) {
  const response = await send(path, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = await response.json();
  if (!response.ok) throw new Error((data && data.error && data.error.message) || response.statusText);
  return data;
}

function applyStrings() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.getAttribute("data-i18n"));
  const select = document.getElementById("lang");
  if (select) select.value = state.lang;
}

/** Citation chips open the passage: Chinese, English and its place in the handbook's tree. */
function chip(id) {
  return el("button", { type: "button", class: "chip", "aria-label": `${t("citation")} ${id}`, onclick: () => openPassage(id) }, id);
}

async function openPassage(id) {
  const chunk = await api(`/api/corpus/chunks/${encodeURIComponent(id)}`);
  document.getElementById("passage-title").textContent = `${chunk.title} (${chunk.id})`;
  document.getElementById("passage-path").textContent = chunk.path.join(" › ");
  document.getElementById("passage-zh").textContent = chunk.text;
  document.getElementById("passage-en").textContent = chunk.en;
  document.getElementById("passage").showModal();
}

function showError(container, error) {
  container.replaceChildren(el("p", { class: "error", role: "alert" }, t("error"), error.message));
}

// ---------- manager coach ----------

function coachPage(main) {
  const answer = el("section", { id: "answer", "aria-live": "polite" });
  const input = el("textarea", { id: "scenario", rows: 4, placeholder: t("coachPlaceholder"), required: true, maxlength: 4000 });
  const form = el("form", { id: "ask", onsubmit: (event) => { event.preventDefault(); ask(input.value, answer); } },
    el("label", { for: "scenario" }, t("coachLabel")), input, el("button", { type: "submit" }, t("ask")));
  main.replaceChildren(el("h1", {}, t("coachTitle")), form, answer);
}

async function ask(scenario, answer) {
  if (!scenario.trim()) return;
  const streaming = el("p", { class: "streaming" }, t("thinking"));
  answer.replaceChildren(streaming);
  try {
    const response = await send("/api/advice", { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" }, body: JSON.stringify({ scenario, lang: state.lang, stream: true }) });
    if (!response.ok) throw new Error((await response.json()).error.message);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let final;
    let streamed = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /event: (\w+)/.exec(block)?.[1];
        const data = block.split("\n").filter((line) => line.startsWith("data: ")).map((line) => line.slice(6)).join("\n");
        if (event === "delta") { streamed += JSON.parse(data).text; streaming.textContent = streamed; }
        if (event === "final") final = JSON.parse(data);
      }
    }
    if (final) renderAdvice(final, answer);
  } catch (error) {
    showError(answer, error);
  }
}

function renderAdvice(advice, answer) {
  const nodes = [];
  if (advice.abstained) {
    nodes.push(el("div", { class: "abstained", role: "status" }, el("strong", {}, t("abstained")), el("p", {}, advice.summary),
      el("div", { class: "chips" }, advice.nearest.map((near) => chip(near.id)))));
    answer.replaceChildren(...nodes);
    return;
  }
  const d = advice.diagnosis;
  const findings = [d.tenure, d.type, d.stage, d.performance, ...d.problems].filter(Boolean);
  if (findings.length) nodes.push(el("p", { class: "diagnosis" }, el("span", { class: "label" }, t("diagnosis")), findings.map((f) => el("span", { class: "tag", title: f.cues.join("、") }, f.label))));
  nodes.push(el("p", { class: "summary" }, advice.summary));
  if (advice.fallback) nodes.push(el("p", { class: "note" }, `(${advice.fallback})`));
  nodes.push(el("h2", {}, t("steps")), el("ol", { class: "steps" }, advice.steps.map((step) => el("li", {}, el("span", {}, step.text), el("span", { class: "chips" }, step.citations.map(chip))))));
  const talk = advice.talkTrack.map((line) => line.text);
  const copy = el("button", { type: "button", class: "secondary", onclick: async () => { await navigator.clipboard.writeText(talk.join("\n")); copy.textContent = t("copied"); } }, t("copy"));
  nodes.push(el("h2", {}, t("talk")), el("ul", { class: "talk" }, talk.map((line) => el("li", {}, line))), copy);
  nodes.push(el("h2", {}, t("watch")), el("ul", {}, advice.watch.map((line) => el("li", {}, line.text))));
  answer.replaceChildren(...nodes);
}

// ---------- role-play ----------

const SESSION_KEY = "coach.roleplay.session";

async function roleplayPage(main) {
  const saved = localStorage.getItem(SESSION_KEY);
  if (saved) {
    try { return renderSession(main, await api(`/api/roleplay/sessions/${saved}`)); } catch { localStorage.removeItem(SESSION_KEY); }
  }
  const personas = await api("/api/roleplay/personas");
  main.replaceChildren(el("h1", {}, t("personas")), el("ul", { class: "cards" }, personas.map((persona) =>
    el("li", { class: "card" }, el("h2", {}, persona.name[state.lang]), el("p", {}, persona.summary[state.lang]), el("p", { class: "note" }, t(persona.mode)),
      el("button", { type: "button", onclick: async () => { const session = await api("/api/roleplay/sessions", { persona: persona.id, lang: state.lang }); localStorage.setItem(SESSION_KEY, session.id); renderSession(main, { ...session, ended: false }); } }, t("start"))))));
}

async function renderSession(main, session) {
  let lastHint = null;
  const personas = await api("/api/roleplay/personas");
  const persona = personas.find((candidate) => candidate.id === session.persona);
  const log = el("ol", { class: "log", "aria-live": "polite" }, session.messages.map((message) => line(message)));
  const meters = el("div", { class: "meters" });
  const drawState = (values) => meters.replaceChildren(...Object.entries(values).filter(([key, value]) => typeof value === "number" && key !== "turn").map(([key, value]) =>
    el("label", {}, t(key), el("meter", { min: 0, max: 10, value, "data-var": key }), String(value))));
  drawState(session.state);
  const input = el("input", { id: "turn", type: "text", maxlength: 1000, autocomplete: "off" });
  const hintBox = el("p", { class: "hint", role: "status" });
  const debrief = el("section", { id: "debrief" });
  const form = el("form", { id: "say", onsubmit: async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    log.append(line({ role: "user", text }));
    try {
      const turn = await api(`/api/roleplay/sessions/${session.id}/messages`, { text });
      log.append(line(turn.reply));
      drawState(turn.state);
      lastHint = turn.hint || lastHint;
      if (turn.state.ended) { form.hidden = true; hintBox.textContent = t("ended"); }
    } catch (error) { showError(hintBox, error); }
  } }, el("label", { for: "turn" }, t("yourTurn")), input, el("button", { type: "submit" }, t("send")));
  if (session.ended) form.hidden = true;
  const hint = el("button", { type: "button", class: "secondary", onclick: () => { hintBox.textContent = lastHint ? lastHint.text : t("noHint"); } }, t("hint"));
  const end = el("button", { type: "button", class: "secondary", onclick: async () => renderDebrief(debrief, await api(`/api/roleplay/sessions/${session.id}/debrief`, {})) }, t("end"));
  const again = el("button", { type: "button", class: "link", onclick: () => { localStorage.removeItem(SESSION_KEY); roleplayPage(main); } }, t("newSession"));
  main.replaceChildren(el("h1", {}, persona ? persona.name[state.lang] : session.persona), meters, log, form, el("div", { class: "actions" }, hint, end, again), hintBox, debrief);
  input.focus();
}

function line(message) {
  return el("li", { class: message.role }, message.text);
}

function renderDebrief(container, result) {
  container.replaceChildren(el("h2", {}, `${t("debrief")} · ${result.score}/100`), el("p", {}, result.summary), el("ul", { class: "criteria" }, result.criteria.map((criterion) =>
    el("li", { class: criterion.met ? "met" : "missed" }, el("strong", {}, `${criterion.met ? "✓ " + t("met") : "✗ " + t("missed")} · ${criterion.name}`),
      criterion.quote ? el("q", {}, criterion.quote) : null, el("p", {}, criterion.advice), el("span", { class: "chips" }, criterion.citations.map(chip))))));
}

// ---------- FABE drill ----------

async function drillPage(main) {
  const drills = await api(`/api/fabe/drills?lang=${state.lang}`);
  const select = el("select", { id: "drill" }, el("option", { value: "" }, t("drillPick")), drills.map((drill) => el("option", { value: drill.id }, `${drill.productName} · ${drill.customer}`)));
  const prompt = el("p", { class: "prompt" });
  select.addEventListener("change", () => { const drill = drills.find((d) => d.id === select.value); prompt.textContent = drill ? `${drill.situation} ${drill.prompt}` : ""; });
  const pitch = el("textarea", { id: "pitch", rows: 5, placeholder: t("pitchPlaceholder"), maxlength: 4000 });
  const result = el("section", { id: "result", "aria-live": "polite" });
  const form = el("form", { id: "score", onsubmit: async (event) => {
    event.preventDefault();
    const drill = drills.find((d) => d.id === select.value);
    try { renderScore(result, await api("/api/fabe/score", { pitch: pitch.value, lang: state.lang, ...(drill ? { product: drill.product } : {}) })); } catch (error) { showError(result, error); }
  } }, el("label", { for: "drill" }, t("drills")), select, prompt, el("label", { for: "pitch" }, t("pitchLabel")), pitch, el("button", { type: "submit" }, t("score")));
  main.replaceChildren(el("h1", {}, t("nav.drill")), form, result);
}

function renderScore(container, result) {
  container.replaceChildren(
    el("p", { class: "score" }, `${t("score")}: ${result.score}/100 · ${t("missing")}: ${result.missing.map((m) => t(m)).join("、") || t("none")}`),
    el("ol", { class: "sentences" }, result.sentences.map((sentence) => el("li", { class: `label-${sentence.label}` },
      el("span", { class: "badge" }, `${sentence.label} ${t(sentence.label)}`), el("span", {}, sentence.text), sentence.cues.length ? el("small", {}, ` (${sentence.cues.join(", ")})`) : null))),
    result.violations.length ? el("div", {}, el("h2", {}, t("violations")), el("ul", {}, result.violations.map((v) => el("li", {}, el("q", {}, v.quote), ` ${v.advice} `, el("span", { class: "chips" }, v.citations.map(chip)))))) : "",
    el("h2", {}, t("feedback")), el("ul", {}, result.feedback.map((f) => el("li", {}, f.text, " ", el("span", { class: "chips" }, f.citations.map(chip))))),
    el("h2", {}, t("rewrite")), el("p", { class: "rewrite" }, result.rewrite));
}

// ---------- start ----------

function render() {
  applyStrings();
  const main = document.getElementById("main");
  const page = document.body.dataset.page;
  const run = page === "roleplay" ? roleplayPage : page === "drill" ? drillPage : coachPage;
  Promise.resolve(run(main)).catch((error) => showError(main, error));
}

document.getElementById("lang").addEventListener("change", (event) => {
  state.lang = event.target.value;
  localStorage.setItem("coach.lang", state.lang);
  render();
});
render();
