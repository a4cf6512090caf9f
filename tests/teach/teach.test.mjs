// The class screen (`ybc build --format html --layout teach`) in headless
// Chromium, driven by playwright-core with a fake clock (page.clock): a whole
// class runs, pause, skip, the countdown, speech and beeps, no network, axe-core,
// and a phone's width. Run by tests/html/teach.rs, which builds the pages with
// the real binary into YBC_TEACH_PAGES and says where screenshots go
// (YBC_TEACH_SHOTS). Nothing here downloads anything: the browser is Debian's.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const pages = process.env.YBC_TEACH_PAGES;
const shots = process.env.YBC_TEACH_SHOTS;
assert.ok(pages && shots, "run by `cargo test --test html teach` (YBC_TEACH_PAGES, YBC_TEACH_SHOTS)");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let browser;
let server;
let origin;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.YBC_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
  // A static host, as a teacher would put the file on one: it serves the built pages and nothing else.
  server = http.createServer((req, res) => {
    const file = path.join(pages, path.basename(decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(fs.readFileSync(file));
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  await browser?.close();
  server?.close();
});

// Stand-ins for the browser's speech and sound, which record what the page
// asked of them, and a log of every change of state, event or phase with the
// (fake) time it happened at.
function instrument() {
  window.__spoken = [];
  window.__tones = [];
  window.__log = [];
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } };
  const voices = [
    { name: "Test English", lang: "en-GB", voiceURI: "test-en", default: true, localService: true },
    { name: "Test German", lang: "de-DE", voiceURI: "test-de", default: false, localService: true },
  ];
  Object.defineProperty(window, "speechSynthesis", {
    configurable: true,
    value: {
      speak(u) { window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.voiceURI ?? null, t: performance.now() }); },
      cancel() {},
      getVoices() { return voices; },
      addEventListener() {},
    },
  });
  window.AudioContext = class {
    constructor() { this.destination = {}; }
    get currentTime() { return performance.now() / 1000; }
    resume() { return Promise.resolve(); }
    createGain() {
      const param = { setValueAtTime() {}, exponentialRampToValueAtTime() {}, linearRampToValueAtTime() {} };
      return { gain: param, connect() {} };
    }
    createOscillator() {
      const tone = { hz: 0, at: null, stopped: false };
      const osc = {
        frequency: { set value(v) { tone.hz = v; }, get value() { return tone.hz; } },
        connect() {},
        start(at) { tone.at = at; window.__tones.push(tone); },
        stop(at) { if (at === undefined) tone.stopped = true; },
      };
      return osc;
    }
  };
  // The screen must carry on where the browser refuses to keep it awake.
  Object.defineProperty(navigator, "wakeLock", {
    configurable: true,
    value: { request() { return Promise.reject(new DOMException("not allowed", "NotAllowedError")); } },
  });
  document.addEventListener("DOMContentLoaded", () => {
    const el = document.getElementById("teach");
    const record = () => {
      const d = el.dataset;
      const entry = { t: performance.now(), state: d.state, index: Number(d.index), phase: d.phase,
        h1: document.querySelector("h1").textContent };
      const last = window.__log.at(-1);
      if (!last || last.state !== entry.state || last.index !== entry.index || last.phase !== entry.phase) window.__log.push(entry);
    };
    record();
    new MutationObserver(record).observe(el, { attributes: true });
  });
}

// Opens a built page on the fake clock; every request it makes is counted and
// anything but the page itself is refused.
async function open(name, { viewport = { width: 1920, height: 1080 }, url } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const target = url ?? `${origin}/${name}`;
  await context.route("**/*", (route) => (route.request().url() === target ? route.continue() : route.abort()));
  await page.clock.install({ time: new Date("2026-12-01T09:00:00Z") });
  await page.addInitScript(instrument);
  await page.goto(target);
  const timeline = await page.evaluate(() => JSON.parse(document.getElementById("timeline").textContent).timeline);
  return { page, context, requests, errors, timeline, target };
}

const state = (page) => page.evaluate(() => {
  const d = document.getElementById("teach").dataset;
  return { state: d.state, index: Number(d.index), phase: d.phase, h1: document.querySelector("h1").textContent,
    clock: document.getElementById("clock").textContent, kicker: document.getElementById("kicker").textContent };
});

// The phases the player should run: the countdown, each event for its upper
// length, and a switch between the left and right side of one step.
function expectedPhases(timeline, { getReady = 5, switchSides = 5, long = true } = {}) {
  const phases = getReady ? [{ phase: "get-ready", index: 0, ms: getReady * 1000 }] : [];
  timeline.forEach((ev, i) => {
    const prev = timeline[i - 1];
    if (switchSides && prev && prev.kind === "pose" && ev.kind === "pose" && prev.pose === ev.pose && prev.line === ev.line
      && ["left", "right"].includes(prev.side) && ["left", "right"].includes(ev.side) && prev.side !== ev.side) {
      phases.push({ phase: "switch", index: i, ms: switchSides * 1000 });
    }
    phases.push({ phase: ev.kind, index: i, ms: (long ? ev.seconds.max : ev.seconds.min) * 1000 });
  });
  return phases;
}

async function axe(page, when) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), [],
    `axe-core, ${when}`);
}

async function noSidewaysScroll(page, when) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: innerWidth }));
  assert.ok(scroll <= width, `${when}: the page is ${scroll} px wide in a ${width} px window`);
}

test("a whole class runs to the end: every event in order, each for its planned time", async () => {
  const { page, context, requests, errors, timeline, target } = await open("desk-reset.html");
  await page.click("#start");
  const phases = expectedPhases(timeline);
  const total = phases.reduce((sum, p) => sum + p.ms, 0);
  await page.clock.runFor(total + 2000);
  const log = await page.evaluate(() => window.__log);
  const start = log.findIndex((e) => e.state !== "ready");
  const run = log.slice(start);
  assert.equal(run.at(-1).state, "finished", "the class ends");
  const seen = run.slice(0, -1);
  assert.deepEqual(seen.map((e) => `${e.phase} ${e.index}`), phases.map((p) => `${p.phase} ${p.index}`),
    "the player runs every event of the JSON timeline, in order, with the countdown and side switches");
  seen.forEach((entry, i) => {
    const lasted = run[i + 1].t - entry.t;
    assert.ok(Math.abs(lasted - phases[i].ms) < 50, `${entry.phase} ${entry.index} (${entry.h1}) lasted ${lasted} ms, planned ${phases[i].ms}`);
    assert.equal(entry.h1, timeline[entry.index].name, "the h1 is the event's name");
    assert.equal(entry.state, entry.phase === "get-ready" ? "get-ready" : "running");
  });
  const classMs = run.at(-1).t - run[0].t;
  assert.ok(Math.abs(classMs - total) < 50, `the class took ${classMs} ms, planned ${total}`);
  const took = await page.textContent("#took");
  assert.match(took, new RegExp(`^The class took ${Math.floor(total / 60000)} min ${Math.round(total / 1000) % 60} s\\.$`));

  // Speech: each pose's name, in order, in the page's language.
  const spoken = await page.evaluate(() => window.__spoken);
  let from = 0;
  for (const ev of timeline.filter((e) => e.kind === "pose")) {
    const at = spoken.findIndex((s, i) => i >= from && s.text.includes(ev.english));
    assert.ok(at >= 0, `${ev.english} (event ${ev.index}) was never spoken after "${spoken[from - 1]?.text}"`);
    from = at + 1;
  }
  assert.ok(spoken.every((s) => s.lang === "en"), "utterances are in the page's language");
  assert.ok(spoken.some((s) => /Switch sides\. Thread the Needle, right side/.test(s.text)), "the switch is spoken");
  assert.ok(spoken.some((s) => s.text.includes("long arm reaches")), "the cues are spoken");

  // Beeps: at 3, 2 and 1 seconds before every change, and a higher one at it.
  const tones = await page.evaluate(() => window.__tones);
  for (let i = 0; i < seen.length; i += 1) {
    const end = run[i + 1].t / 1000;
    for (const k of phases[i].ms > 3000 ? [3, 2, 1] : []) {
      assert.ok(tones.some((t) => t.hz === 660 && !t.stopped && Math.abs(t.at - (end - k)) < 0.06),
        `a beep ${k} s before the end of ${seen[i].phase} ${seen[i].index}`);
    }
    assert.ok(tones.some((t) => t.hz === 990 && Math.abs(t.at - end) < 0.06), `a beep at the end of ${seen[i].phase} ${seen[i].index}`);
  }

  await axe(page, "the finished screen");
  assert.deepEqual(requests, [target], "no request leaves the page");
  assert.deepEqual(errors, [], "no script error (a refused wake lock included)");
  await context.close();
});

test("pause freezes the clock and the screen; resume continues where it stopped", async () => {
  const { page, context, timeline } = await open("desk-reset.html");
  await page.keyboard.press("Space"); // Space starts, as the Start button does
  await page.clock.runFor(5000 + 10000);
  const first = timeline[0].seconds.max;
  let now = await state(page);
  assert.deepEqual([now.state, now.index, now.clock], ["running", 0, `0:${String(first - 10).padStart(2, "0")}`]);
  await page.keyboard.press("Space");
  const paused = await state(page);
  assert.equal(paused.state, "paused");
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById("clock"), "::after").content), '" paused"');
  assert.match(paused.kicker, /^Paused/);
  await axe(page, "paused");
  await page.screenshot({ path: path.join(shots, "teach-1080p-paused.png") });
  const tonesAtPause = await page.evaluate(() => window.__tones.filter((t) => !t.stopped && t.at * 1000 > performance.now()).length);
  assert.equal(tonesAtPause, 0, "no beep stays scheduled while paused");
  await page.clock.runFor(120000);
  now = await state(page);
  assert.deepEqual(now, paused, "two minutes later nothing has moved");
  await page.click("#pause"); // the touch button resumes
  await page.clock.runFor(1000);
  now = await state(page);
  assert.deepEqual([now.state, now.index, now.clock], ["running", 0, `0:${String(first - 11).padStart(2, "0")}`]);
  // A second either side of the end: the page's clock also moves with real
  // time between two steps of a test, which a busy machine stretches.
  await page.clock.runFor((first - 11) * 1000 - 1000);
  assert.equal((await state(page)).index, 0, "the event still has its last second");
  await page.clock.runFor(2000);
  assert.equal((await state(page)).index, 1, "and then the next begins, the paused time added");
  await context.close();
});

test("→ and ← skip to the next and previous event, keys and buttons alike", async () => {
  const { page, context, timeline } = await open("desk-reset.html");
  await page.click("#start");
  assert.equal((await state(page)).state, "get-ready");
  await page.keyboard.press("ArrowRight");
  let now = await state(page);
  assert.deepEqual([now.state, now.index, now.phase, now.h1], ["running", 0, "pose", timeline[0].name], "→ skips the countdown");
  await page.keyboard.press("ArrowRight");
  now = await state(page);
  assert.deepEqual([now.index, now.phase, now.h1], [1, "pose", timeline[1].name]);
  await page.click("#skip");
  now = await state(page);
  assert.deepEqual([now.index, now.phase], [2, "pose"], "→ goes past the switch to the other side");
  await page.keyboard.press("ArrowLeft");
  assert.equal((await state(page)).index, 1);
  await page.click("#back");
  assert.equal((await state(page)).index, 0);
  await page.click("#back");
  now = await state(page);
  assert.deepEqual([now.index, now.clock], [0, `0:${timeline[0].seconds.max}`], "← on the first event starts it again");
  // A skip while paused shows the event and waits.
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  now = await state(page);
  assert.deepEqual([now.state, now.index], ["paused", 1]);
  await page.clock.runFor(30000);
  assert.deepEqual([(await state(page)).index, (await state(page)).state], [1, "paused"]);
  // → past the last event finishes the class.
  await page.keyboard.press("Space");
  for (let i = 1; i < timeline.length; i += 1) await page.keyboard.press("ArrowRight");
  assert.equal((await state(page)).state, "finished");
  await context.close();
});

test("the get-ready countdown: from the page's control, and from --get-ready", async () => {
  let { page, context, timeline } = await open("desk-reset.html");
  await page.fill("#get-ready", "3");
  await page.click("#start");
  let now = await state(page);
  assert.deepEqual([now.state, now.phase, now.clock, now.kicker, now.h1], ["get-ready", "get-ready", "0:03", "Get ready", timeline[0].name]);
  assert.match(await page.textContent("#next"), new RegExp(`^First: ${timeline[0].name}`));
  await page.clock.runFor(1000);
  assert.equal((await state(page)).clock, "0:02");
  await page.clock.runFor(2000);
  now = await state(page);
  assert.deepEqual([now.state, now.index, now.phase], ["running", 0, "pose"]);
  const spoken = await page.evaluate(() => window.__spoken.map((s) => s.text));
  assert.equal(spoken[0], `Get ready. First, ${timeline[0].name}.`);
  await context.close();

  ({ page, context } = await open("desk-reset-quick-start.html"));
  assert.equal(await page.inputValue("#get-ready"), "0");
  await page.click("#start");
  now = await state(page);
  assert.deepEqual([now.state, now.index, now.phase], ["running", 0, "pose"], "--get-ready 0 starts at once");
  await context.close();
});

test("the switch between sides: from --switch-sides, and from the page's control", async () => {
  const { page, context, timeline } = await open("desk-reset.html");
  const right = timeline.findIndex((e, i) => i > 0 && e.side === "right" && timeline[i - 1].side === "left");
  await page.fill("#switch-sides", "8");
  assert.match(await page.textContent("#class-time"), /2 side switches of 8 s/);
  await page.click("#start");
  while ((await state(page)).index !== right - 1) await page.keyboard.press("ArrowRight");
  await page.clock.runFor(timeline[right - 1].seconds.max * 1000 + 10);
  let now = await state(page);
  assert.deepEqual([now.phase, now.index, now.kicker, now.clock], ["switch", right, "Switch sides", "0:08"]);
  assert.match(await page.textContent("#tags"), /^Right side/);
  await page.clock.runFor(8000);
  now = await state(page);
  assert.deepEqual([now.phase, now.index], ["pose", right]);
  await context.close();

  const none = await open("desk-reset-no-switch.html");
  assert.equal(await none.page.inputValue("#switch-sides"), "0");
  assert.doesNotMatch(await none.page.textContent("#class-time"), /switch/);
  await none.page.click("#start");
  while ((await state(none.page)).index !== right - 1) await none.page.keyboard.press("ArrowRight");
  await none.page.clock.runFor(timeline[right - 1].seconds.max * 1000 + 10);
  now = await state(none.page);
  assert.deepEqual([now.phase, now.index], ["pose", right], "--switch-sides 0: straight to the other side");
  await none.context.close();
});

test("a range runs its upper end, or its lower end when the page says short", async () => {
  const { page, context, timeline } = await open("desk-reset.html");
  const ranged = timeline.find((e) => e.seconds.min !== e.seconds.max);
  await page.check('input[name="length"][value="short"]');
  await page.click("#start");
  while ((await state(page)).index !== ranged.index) await page.keyboard.press("ArrowRight");
  assert.equal((await state(page)).clock, `0:${ranged.seconds.min}`);
  assert.match(await page.textContent("#dose"), /running 20 s \(short\)/);
  // A second either side of the end (see the pause test).
  await page.clock.runFor(ranged.seconds.min * 1000 - 1000);
  assert.equal((await state(page)).index, ranged.index);
  await page.clock.runFor(2000);
  assert.equal((await state(page)).index, ranged.index + 1);
  await context.close();
});

test("a tab that sleeps catches up by the clock, without drift", async () => {
  const { page, context, timeline } = await open("desk-reset.html");
  await page.click("#start");
  // Jump 7 minutes at once, firing each late timer once, as a throttled tab or a sleeping laptop does.
  await page.clock.fastForward(7 * 60 * 1000);
  await page.clock.runFor(10);
  const phases = expectedPhases(timeline);
  let t = 0;
  const want = phases.find((p) => (t += p.ms) > 7 * 60 * 1000 + 10);
  const now = await state(page);
  assert.deepEqual([now.index, now.phase], [want.index, want.phase]);
  const left = Math.ceil((t - 7 * 60 * 1000 - 10) / 1000);
  assert.equal(now.clock, `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`);
  await context.close();
});

test("an hour-long class in a throttled tab keeps time to the end", async () => {
  const { page, context, timeline, errors } = await open("hatha-60-minute-class.html");
  await page.click("#start");
  const phases = expectedPhases(timeline);
  const total = phases.reduce((sum, p) => sum + p.ms, 0);
  assert.ok(total > 55 * 60 * 1000, `${total} ms`);
  // A background tab's timers may fire once a minute: every minute, the screen
  // shows the event the plan puts there, and the class ends on time.
  for (let minute = 1; minute * 60000 < total; minute += 1) {
    await page.clock.fastForward(60000);
    let t = 0;
    const want = phases.find((p) => (t += p.ms) > minute * 60000);
    const now = await state(page);
    assert.deepEqual([now.phase, now.index], [want.phase, want.index], `after ${minute} min`);
  }
  await page.clock.fastForward(60000);
  assert.equal((await state(page)).state, "finished");
  const s = Math.round(total / 1000);
  assert.equal(await page.textContent("#took"), `The class took ${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}.`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("every sample routine opens, starts and names its first event; nothing is fetched", async () => {
  const names = fs.readdirSync(pages).filter((f) => f.endsWith(".html")).sort();
  assert.ok(names.length >= 7, `${names.length} pages`);
  for (const name of names) {
    const { page, context, requests, errors, timeline, target } = await open(name);
    await page.click("#start");
    if ((await state(page)).state === "get-ready") await page.keyboard.press("ArrowRight");
    const now = await state(page);
    assert.deepEqual([now.state, now.index, now.h1], ["running", 0, timeline[0].name], name);
    await page.clock.runFor(3000);
    assert.deepEqual(requests, [target], `${name}: no request but the page`);
    assert.deepEqual(errors, [], `${name}: no script error`);
    await context.close();
  }
});

test("it works from a file:// URL too", async () => {
  const file = `file://${path.join(pages, "desk-reset.html")}`;
  const { page, context, errors } = await open(null, { url: file });
  await page.click("#start");
  await page.clock.runFor(6000);
  assert.equal((await state(page)).state, "running");
  assert.deepEqual(errors, []);
  await context.close();
});

test("voices in the page's language, and the off switch", async () => {
  const { page, context } = await open("desk-reset.html");
  const options = await page.$$eval("#voice option", (os) => os.map((o) => o.value));
  assert.deepEqual(options, ["", "test-en"], "only English voices for an English page");
  await page.selectOption("#voice", "test-en");
  await page.click("#start");
  let spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.at(-1).voice, "test-en");
  await page.keyboard.press("m");
  assert.equal(await page.getAttribute("#mute", "aria-pressed"), "true");
  const before = spoken.length;
  await page.keyboard.press("ArrowRight");
  spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, before, "muted: nothing is said");
  await context.close();

  const second = await open("desk-reset.html");
  await second.page.uncheck("#speech");
  await second.page.click("#start");
  await second.page.clock.runFor(10000);
  assert.equal((await second.page.evaluate(() => window.__spoken)).length, 0, "speech off: nothing is said");
  assert.match(await second.page.textContent("#announce"), /\S/, "screen readers still hear each change");
  await second.context.close();
});

test("the screen is kept awake during the class, and let go at its end; F is full screen", async () => {
  const { page, context, timeline, errors } = await open("desk-reset.html");
  await page.evaluate(() => {
    window.__locks = [];
    Object.defineProperty(navigator, "wakeLock", {
      configurable: true,
      value: {
        request(type) {
          const lock = { type, released: false, release() { this.released = true; return Promise.resolve(); }, addEventListener() {} };
          window.__locks.push(lock);
          return Promise.resolve(lock);
        },
      },
    });
  });
  await page.click("#start");
  await page.clock.runFor(100);
  assert.deepEqual(await page.evaluate(() => window.__locks.map((l) => [l.type, l.released])), [["screen", false]]);
  await page.keyboard.press("f");
  await page.clock.runFor(100);
  assert.equal(await page.evaluate(() => document.fullscreenElement === document.documentElement), true, "F: full screen");
  await page.keyboard.press("f");
  await page.clock.runFor(100);
  assert.equal(await page.evaluate(() => document.fullscreenElement), null, "F again: back");
  for (let i = 0; i <= timeline.length; i += 1) await page.keyboard.press("ArrowRight");
  assert.equal((await state(page)).state, "finished");
  assert.deepEqual(await page.evaluate(() => window.__locks.map((l) => l.released)), [true]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("with reduced motion the progress bar jumps instead of sliding", async () => {
  const { page, context } = await open("desk-reset.html");
  const transition = () => page.evaluate(() => getComputedStyle(document.getElementById("fill")).transitionDuration);
  assert.equal(await transition(), "1s");
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.equal(await transition(), "0s");
  await context.close();
});

test("accessible, and readable on a TV and a phone", async () => {
  for (const [label, viewport] of [["1080p", { width: 1920, height: 1080 }], ["phone", { width: 390, height: 844 }]]) {
    const { page, context } = await open("desk-reset.html", { viewport });
    await axe(page, `${label}, before the class`);
    await noSidewaysScroll(page, `${label}, before the class`);
    await page.screenshot({ path: path.join(shots, `teach-${label}-ready.png`) });
    await page.click("#start");
    await page.clock.runFor(5000 + 10000);
    await axe(page, `${label}, during a pose`);
    await noSidewaysScroll(page, `${label}, during a pose`);
    await page.screenshot({ path: path.join(shots, `teach-${label}.png`) });
    // A rest shows what comes next.
    const timeline = await page.evaluate(() => JSON.parse(document.getElementById("timeline").textContent).timeline);
    const rest = timeline.find((e) => e.kind === "rest");
    while ((await state(page)).index !== rest.index) await page.keyboard.press("ArrowRight");
    assert.ok((await page.textContent("#next")).startsWith(`Next: ${rest.next}`), "a rest says what comes next");
    assert.ok((await page.$$("#figure svg")).length === 1, "a rest shows the next pose's figure");
    await noSidewaysScroll(page, `${label}, during a rest`);
    await page.screenshot({ path: path.join(shots, `teach-${label}-rest.png`) });
    for (let i = rest.index; i < timeline.length; i += 1) await page.keyboard.press("ArrowRight");
    await axe(page, `${label}, finished`);
    await noSidewaysScroll(page, `${label}, finished`);
    await page.screenshot({ path: path.join(shots, `teach-${label}-finished.png`) });
    await context.close();
  }
  const { page, context, timeline } = await open("vinyasa-sun-salutations.html");
  await page.click("#start");
  const inSequence = timeline.find((e) => e.sequence && e.sequence.position.n === 3);
  while ((await state(page)).index !== inSequence.index) await page.keyboard.press("ArrowRight");
  await page.clock.runFor(1000);
  assert.match(await page.textContent("#tags"), /round 1 of \d+, pose 3 of \d+/);
  // Inside a flow only the change beeps; the last pose of a pass counts down.
  const tones = await page.evaluate(() => window.__tones.filter((t) => !t.stopped));
  const endsAt = (await page.evaluate(() => performance.now())) / 1000 - 1 + inSequence.seconds.max;
  assert.ok(tones.some((t) => t.hz === 990 && Math.abs(t.at - endsAt) < 0.06), "the change beeps");
  assert.ok(!tones.some((t) => t.hz === 660 && t.at > endsAt - 4), "no 3-2-1 inside the flow");
  const spoken = await page.evaluate(() => window.__spoken.at(-1).text);
  assert.equal(spoken, `${inSequence.name}.`, "in a flow, the name alone");
  await page.screenshot({ path: path.join(shots, "teach-1080p-sequence.png") });
  await axe(page, "a sequence");
  await context.close();
});
