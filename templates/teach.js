// ybc class screen: runs the class from the embedded JSON timeline
// (docs/schema/timeline-v1.schema.json) and nothing else about its timing.
//
// Time comes from clock deltas (performance.now), never from counting timer
// ticks: a phase ends when the clock says its length has passed, and the next
// one starts at that instant, not when a late timer fired. A throttled tab or a
// sleeping laptop catches up on its next tick, so a long class does not drift.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const root = $("teach");
  const doc = JSON.parse($("timeline").textContent);
  const screen = JSON.parse($("screen").textContent);
  const events = doc.format === "ybc-timeline" && doc.version === 1 ? doc.timeline : [];
  const lang = document.documentElement.lang || "en";
  const maxPause = Number($("get-ready").max) || 120;

  // ---- words ---------------------------------------------------------------

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  // "45 s", "2 min", "1 min 30 s": a length on screen.
  const length = (s) => {
    const m = Math.floor(s / 60), r = s % 60;
    return m ? (r ? `${m} min ${r} s` : `${m} min`) : `${r} s`;
  };
  // "30 seconds", "1 minute 30 seconds": a length to be spoken.
  const spokenLength = (s) => {
    const m = Math.floor(s / 60), r = s % 60;
    const parts = [];
    if (m) parts.push(plural(m, "minute", "minutes"));
    if (r || !m) parts.push(plural(r, "second", "seconds"));
    return parts.join(" ");
  };
  const lengthRange = (r) => r.min === r.max ? length(r.min)
    : r.max < 60 ? `${r.min}-${r.max} s` : `${length(r.min)} to ${length(r.max)}`;
  const countRange = (r) => r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`;
  // m:ss, rounding up so "0:00" shows only when the time is really up.
  const clock = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000 - 1e-6));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  const sideWords = (ev) => !ev || ev.kind !== "pose" ? ""
    : ev.side === "left" ? "left side" : ev.side === "right" ? "right side"
    : ev.alternating ? "alternating sides" : "";
  const withSide = (ev, name) => { const side = sideWords(ev); return side ? `${name}, ${side}` : name; };
  const sectionName = (ev) => {
    if (!ev || !ev.section) return "Practice";
    const heading = screen.sections[ev.section] || ev.section;
    return ev.section_title ? `${heading}: ${ev.section_title}` : heading;
  };

  // ---- settings ------------------------------------------------------------

  const settings = {
    getReady: Number(root.dataset.getReady) || 0,
    switchSides: Number(root.dataset.switchSides) || 0,
    long: true, // a range such as 20-30 s runs its upper end unless "short" is chosen
    speech: true,
    beeps: true,
    voice: "",
  };
  let muted = false;
  // A range's length for this class: its upper end, or its lower end when short.
  const pick = (r) => (settings.long ? r.max : r.min);

  // A whole number of seconds from a field, kept between 0 and the most allowed.
  const seconds = (id, fallback) => {
    const n = Math.round(Number($(id).value));
    return $(id).value !== "" && Number.isFinite(n) ? Math.min(Math.max(n, 0), maxPause) : fallback;
  };

  function readSettings() {
    settings.getReady = seconds("get-ready", settings.getReady);
    settings.switchSides = seconds("switch-sides", settings.switchSides);
    settings.long = document.querySelector('input[name="length"]:checked')?.value !== "short";
    settings.speech = $("speech").checked;
    settings.beeps = $("beeps").checked;
    settings.voice = $("voice").value;
  }

  // ---- the phases of the class ---------------------------------------------

  // The player's own moments between events: the get-ready countdown, and a
  // switch between the left and right side of the same step. The plan and the
  // JSON leave moving between poses out of their times, as the handout says;
  // the class time shown before the start adds these switches, by count.
  const isSwitch = (a, b) => a.kind === "pose" && b.kind === "pose" && a.pose === b.pose
    && a.line === b.line && a.side !== b.side && [a.side, b.side].every((s) => s === "left" || s === "right");

  function buildPhases() {
    const phases = [];
    if (settings.getReady > 0 && events.length) phases.push({ kind: "get-ready", index: 0, ms: settings.getReady * 1000 });
    events.forEach((ev, i) => {
      if (i > 0 && settings.switchSides > 0 && isSwitch(events[i - 1], ev)) {
        phases.push({ kind: "switch", index: i, ms: settings.switchSides * 1000 });
      }
      phases.push({ kind: ev.kind === "rest" ? "rest" : "pose", index: i, ms: pick(ev.seconds) * 1000 });
    });
    return phases;
  }

  function classTime() {
    const phases = buildPhases();
    const switches = phases.filter((p) => p.kind === "switch").length;
    const ms = phases.filter((p) => p.kind !== "get-ready").reduce((sum, p) => sum + p.ms, 0);
    const text = length(ms / 1000);
    if (!switches) return text;
    return `${text}: the plan's ${length((ms - switches * settings.switchSides * 1000) / 1000)} and ${plural(switches, "side switch", "side switches")} of ${settings.switchSides} s`;
  }

  // ---- state ---------------------------------------------------------------

  let phases = [];
  let at = 0; // the current phase
  let phaseStart = 0; // performance.now() when it started, moved on by pauses
  let pausedAt = 0;
  let pausedFor = 0;
  let classStart = 0;
  let shown = -1; // the phase whose words are on screen
  let timer = 0;
  const now = () => performance.now();

  function setState(state) { root.dataset.state = state; }
  const inClass = () => ["get-ready", "running", "paused"].includes(root.dataset.state);

  function start() {
    readSettings();
    phases = buildPhases();
    audioContext();
    keepAwake();
    buildSections();
    classStart = now();
    pausedFor = 0;
    if (!phases.length) return finish(classStart);
    setState(phases[0].kind === "get-ready" ? "get-ready" : "running");
    goTo(0, classStart);
  }

  // Moves to phase `i`, starting it at time `t`.
  function goTo(i, t) {
    at = i;
    phaseStart = t;
    shown = -1;
    if (root.dataset.state === "paused") {
      pausedAt = t;
      show(t);
      return;
    }
    tick();
  }

  function tick() {
    clearTimeout(timer);
    if (!["get-ready", "running"].includes(root.dataset.state)) return;
    const t = now();
    // Catch up: every phase whose time has passed ends, each at its exact end.
    while (at < phases.length && t - phaseStart >= phases[at].ms) {
      phaseStart += phases[at].ms;
      at += 1;
    }
    // The class ended when its last phase did, however late this tick is.
    if (at >= phases.length) return finish(phaseStart);
    setState(phases[at].kind === "get-ready" ? "get-ready" : "running");
    show(t);
    // Wake again when the seconds shown change (the clock, the rep count).
    const left = phases[at].ms - (t - phaseStart);
    timer = setTimeout(tick, left % 1000 || 1000);
  }

  function show(t) {
    const phase = phases[at];
    const elapsed = (root.dataset.state === "paused" ? pausedAt : t) - phaseStart;
    if (shown !== at) {
      shown = at;
      enter(phase, elapsed);
    }
    const left = phase.ms - elapsed;
    $("clock").textContent = clock(left);
    root.dataset.soon = String(left <= 3000 && left > 0 && root.dataset.state !== "paused");
    const ev = events[phase.index];
    $("reps").textContent = phase.kind === "pose" ? reps(ev, elapsed) : "";
    progress(elapsed);
  }

  // The rep counter, paced by the seconds one rep takes (the tempo, the hold
  // per rep, or the catalog's pace): "Rep 3 of 12 · up".
  function reps(ev, elapsed) {
    if (!ev.reps || !ev.rep_seconds) return "";
    const total = pick(ev.reps), repMs = pick(ev.rep_seconds) * 1000;
    if (!total || !repMs) return "";
    const n = Math.min(total, Math.floor(elapsed / repMs) + 1);
    let text = `Rep ${n} of ${total}`;
    if (ev.tempo) {
      const into = (elapsed - (n - 1) * repMs) / 1000;
      const [up, hold] = ev.tempo;
      text += into < up ? " · up" : into < up + hold ? " · hold" : " · down";
    }
    return text;
  }

  // Everything that changes once per phase: names, dose, cues, figure, words.
  function enter(phase, elapsed) {
    const ev = events[phase.index];
    const next = events[phase.index + 1];
    root.dataset.index = String(phase.index);
    root.dataset.phase = phase.kind;
    const paused = root.dataset.state === "paused";
    const kicker = { "get-ready": "Get ready", switch: "Switch sides", rest: "Rest" }[phase.kind] || sectionName(ev);
    $("kicker").textContent = paused ? `Paused · ${kicker}` : kicker;
    $("name").textContent = ev.name;
    $("sanskrit").textContent = ev.sanskrit || "";
    $("dose").textContent = dose(ev);
    $("tags").replaceChildren(...tags(ev, phase));
    const cues = [...ev.notes.map((n) => `Note: ${n}`), ...ev.cues];
    $("cues").replaceChildren(...cues.map((c) => Object.assign(document.createElement("li"), { textContent: c })));
    $("next").replaceChildren(...nextLine(ev, next, phase));
    figure(ev.kind === "rest" ? next : ev, phase.index + (ev.kind === "rest" ? 1 : 0));
    for (const [i, span] of [...$("sections").children].entries()) {
      span.classList.toggle("current", sectionOf[phase.index] === i);
    }
    const words = spoken(ev, next, phase);
    announce(words);
    if (!paused) {
      say(words);
      scheduleBeeps(phase.ms - elapsed, countdown(phase));
    }
  }

  function dose(ev) {
    let text;
    if (ev.kind === "rest") text = `Rest ${lengthRange(ev.seconds)}`;
    else if (ev.reps) {
      text = `${countRange(ev.reps)} reps`;
      if (ev.hold) text += `, hold ${lengthRange(ev.hold)} each`;
      if (ev.tempo) text += `, tempo ${ev.tempo.join("-")}`;
    } else if (ev.breaths) text = ev.breaths.max === 1 ? "1 breath" : `${countRange(ev.breaths)} breaths`;
    else if (ev.hold) text = `Hold ${lengthRange(ev.hold)}`;
    else text = lengthRange(ev.seconds);
    if (ev.seconds.min !== ev.seconds.max) text += ` · running ${length(pick(ev.seconds))} (${settings.long ? "long" : "short"})`;
    else if (ev.breaths) text += ` · ${length(ev.seconds.min)}`;
    return text;
  }

  function tags(ev, phase) {
    const out = [];
    const tag = (text, strong) => {
      const el = document.createElement(strong ? "b" : "span");
      el.textContent = text;
      if (out.length) out.push(" · ");
      out.push(el);
    };
    const side = sideWords(ev);
    if (side) tag(side[0].toUpperCase() + side.slice(1), phase.kind === "switch");
    if (ev.sequence) {
      const s = ev.sequence;
      tag(`${s.name}: round ${s.round.n} of ${s.round.of}, pose ${s.position.n} of ${s.position.of}`);
    } else if (ev.set && ev.set.of > 1) tag(`Set ${ev.set.n} of ${ev.set.of}`);
    for (const r of ev.rounds) tag(`Round ${r.n} of ${r.of}`);
    if (ev.rest_reason === "between-sets") tag("Between sets");
    if (ev.rest_reason === "between-rounds") tag("Between rounds");
    return out;
  }

  function nextLine(ev, next, phase) {
    const b = (text) => Object.assign(document.createElement("b"), { textContent: text });
    if (phase.kind === "get-ready") return ["First: ", b(withSide(ev, ev.name))];
    if (!next) return ["Next: ", b("the end of the class")];
    const set = next.set && next.set.of > 1 && !next.sequence ? `, set ${next.set.n} of ${next.set.of}` : "";
    return ["Next: ", b(withSide(next, ev.next || next.name) + set)];
  }

  // What is said (and announced to screen readers) when a phase begins.
  function spoken(ev, next, phase) {
    const doseWords = (e) => e.reps ? `${pick(e.reps)} reps` : e.breaths ? plural(pick(e.breaths), "breath", "breaths")
      : `${e.hold ? "hold for " : ""}${spokenLength(pick(e.seconds))}`;
    const describe = (e) => e.kind === "rest" ? `rest for ${spokenLength(pick(e.seconds))}` : withSide(e, e.name);
    if (phase.kind === "get-ready") return `Get ready. First, ${describe(ev)}.`;
    if (phase.kind === "switch") return `Switch sides. ${withSide(ev, ev.name)}.`;
    const parts = [...ev.notes];
    if (ev.kind === "rest") {
      parts.push(`Rest for ${spokenLength(pick(ev.seconds))}.`);
      parts.push(...ev.cues);
      parts.push(next ? `Next, ${describe(next)}.` : "Then the class is over.");
    } else {
      // In a flow the breath sets the pace: only the pose's name is said.
      parts.push(ev.sequence ? `${withSide(ev, ev.name)}.` : `${withSide(ev, ev.name)}. ${doseWords(ev)}.`);
      if (ev.set && ev.set.of > 1 && !ev.sequence) parts.push(`Set ${ev.set.n} of ${ev.set.of}.`);
      parts.push(...ev.cues);
    }
    return parts.join(" ");
  }

  // ---- the figure and the progress bar ---------------------------------------

  function figure(ev, index) {
    const box = $("figure");
    const which = ev ? screen.figure_of[index] : null;
    const template = which === null || which === undefined ? null : $(`figure-${which}`);
    if (box.dataset.figure === String(which)) return;
    box.dataset.figure = String(which);
    box.replaceChildren(...(template ? [template.content.cloneNode(true)] : []));
  }

  let sectionOf = []; // timeline index → section segment
  let totalMs = 0;
  function buildSections() {
    const box = $("sections");
    box.replaceChildren();
    sectionOf = [];
    totalMs = 0;
    let key = null, span = null, ms = 0;
    const close = () => { if (span) span.style.flexGrow = String(ms); };
    for (const phase of phases) {
      if (phase.kind === "get-ready") continue;
      const ev = events[phase.index];
      const k = `${ev.section}|${ev.section_title}`;
      if (k !== key) {
        close();
        key = k;
        ms = 0;
        span = document.createElement("span");
        span.textContent = sectionName(ev);
        box.append(span);
      }
      ms += phase.ms;
      totalMs += phase.ms;
      sectionOf[phase.index] = box.children.length - 1;
    }
    close();
  }

  function progress(elapsed) {
    let done = 0;
    for (let i = 0; i < at; i += 1) if (phases[i].kind !== "get-ready") done += phases[i].ms;
    if (phases[at].kind !== "get-ready") done += Math.min(elapsed, phases[at].ms);
    const share = totalMs ? done / totalMs : 0;
    $("fill").style.width = `${(share * 100).toFixed(2)}%`;
    const bar = $("bar");
    bar.setAttribute("aria-valuenow", String(Math.round(share * 100)));
    bar.setAttribute("aria-valuetext", `${length(Math.round(done / 1000))} of ${length(Math.round(totalMs / 1000))}`);
  }

  // ---- controls ------------------------------------------------------------

  function togglePause() {
    const t = now();
    if (root.dataset.state === "paused") {
      phaseStart += t - pausedAt;
      pausedFor += t - pausedAt;
      setState(phases[at].kind === "get-ready" ? "get-ready" : "running");
      $("pause").textContent = "Pause";
      shown = -1; // say the phase again, so everyone hears where the class is
      tick();
      return;
    }
    if (!inClass()) return;
    clearTimeout(timer);
    pausedAt = t;
    setState("paused");
    $("pause").textContent = "Resume";
    clearBeeps();
    stopSpeaking();
    show(t);
    $("kicker").textContent = `Paused · ${$("kicker").textContent}`;
    announce("Paused.");
  }

  // → and ←: the next or previous event itself, past any switch or countdown.
  function skip(step) {
    if (!inClass()) return;
    const t = now();
    const isEvent = (j) => phases[j].kind === "pose" || phases[j].kind === "rest";
    let i = at;
    if (step > 0) {
      // Past a countdown or a switch straight into the event it leads to.
      do i += 1; while (i < phases.length && !isEvent(i));
      if (i >= phases.length) return finish(t);
    } else {
      do i -= 1; while (i >= 0 && !isEvent(i));
      if (i < 0) i = at; // nothing before: this one starts again
    }
    clearBeeps();
    goTo(i, t);
  }

  function finish(t) {
    clearTimeout(timer);
    clearBeeps();
    if (root.dataset.state === "paused") pausedFor += t - pausedAt;
    setState("finished");
    root.dataset.phase = "finished";
    root.dataset.soon = "false";
    const took = Math.round((t - classStart) / 1000);
    const paused = Math.round(pausedFor / 1000);
    $("kicker").textContent = "Class complete";
    $("name").textContent = root.dataset.title;
    $("sanskrit").textContent = "";
    const planned = Math.round(phases.reduce((sum, p) => sum + p.ms, 0) / 1000); // the countdown included
    $("took").textContent = `The class took ${length(took)}${paused ? `, with ${length(paused)} paused` : ""}`
      + (took === planned ? "." : ` (planned ${length(planned)}).`);
    $("closing").replaceChildren(...doc.closing_notes.map((n) => Object.assign(document.createElement("li"), { textContent: n })));
    const words = ["That is the end of the class. Well done.", ...doc.closing_notes].join(" ");
    announce(`${words} ${$("took").textContent}`);
    say(words);
    if (audio) tone(1320, 0.6, audio.currentTime + 0.45); // after the last change's beep: the end
    releaseWakeLock();
  }

  function reset() {
    setState("ready");
    root.dataset.phase = "ready";
    root.dataset.index = "0";
    $("kicker").textContent = "Class screen";
    $("name").textContent = root.dataset.title;
    $("pause").textContent = "Pause";
    $("start").focus();
  }

  function toggleMute() {
    muted = !muted;
    $("mute").setAttribute("aria-pressed", String(muted));
    $("mute").textContent = muted ? "Muted" : "Mute";
    if (muted) {
      clearBeeps();
      stopSpeaking();
    } else if (["get-ready", "running"].includes(root.dataset.state)) {
      scheduleBeeps(phases[at].ms - (now() - phaseStart), countdown(phases[at]));
    }
    announce(muted ? "Sound off." : "Sound on.");
  }

  function toggleFullScreen() {
    // Not every browser has it (an iPhone's Safari has none): then nothing happens.
    const el = document.documentElement;
    if (document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
    else el.requestFullscreen?.().catch(() => {});
  }

  // ---- speech, beeps, wake lock, announcements --------------------------------

  function announce(text) { $("announce").textContent = text; }

  const synth = () => window.speechSynthesis;
  function stopSpeaking() { synth()?.cancel(); }
  function say(text) {
    if (muted || !settings.speech || !synth() || typeof SpeechSynthesisUtterance === "undefined") return;
    stopSpeaking(); // a new phase interrupts the last one's words
    const u = new SpeechSynthesisUtterance(text);
    u.lang = lang;
    const voice = synth().getVoices().find((v) => v.voiceURI === settings.voice);
    if (voice) u.voice = voice;
    synth().speak(u);
  }
  function listVoices() {
    const select = $("voice");
    const voices = synth()?.getVoices() || [];
    const mine = voices.filter((v) => v.lang.toLowerCase().split("-")[0] === lang.toLowerCase().split("-")[0]);
    const chosen = select.value;
    select.replaceChildren(select.options[0]);
    for (const v of mine) select.append(new Option(`${v.name} (${v.lang})`, v.voiceURI, false, v.voiceURI === chosen));
  }

  let audio = null;
  let beeps = [];
  // Created on Start: browsers allow sound only after a tap or a key.
  function audioContext() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
      try { audio = new Context(); } catch { audio = null; }
    }
    audio?.resume?.().catch(() => {});
    return audio;
  }
  function tone(hz, seconds, at) {
    if (!audio || muted || !settings.beeps) return;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.4, at + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
    osc.connect(gain);
    gain.connect(audio.destination);
    osc.start(at);
    osc.stop(at + seconds + 0.05);
    beeps.push({ osc, at });
  }
  // Whether a phase ends with the 3-2-1 beeps. Inside a sun salutation each
  // pose lasts a breath or a few, and a countdown on every one would beep
  // without a break: there only the change beeps, and the last pose of each
  // pass counts down.
  function countdown(phase) {
    const s = phase.kind === "pose" ? events[phase.index].sequence : null;
    return !s || s.position.n === s.position.of;
  }

  // The beeps at 3, 2 and 1 seconds before the change and the higher one at
  // it, handed to the audio clock now so they sound on time even when the
  // tab's timers are slowed down. A pause or a skip takes them back.
  function scheduleBeeps(leftMs, withCountdown) {
    clearBeeps();
    if (!audio) return;
    const left = leftMs / 1000;
    if (withCountdown) for (const k of [3, 2, 1]) if (left > k) tone(660, 0.15, audio.currentTime + left - k);
    if (left > 0) tone(990, 0.4, audio.currentTime + left);
  }
  // Takes back the beeps not yet sounding; one sounding now (the change a
  // phase ends with, as the next begins) is let finish.
  function clearBeeps() {
    const soon = audio ? audio.currentTime + 0.02 : 0;
    for (const { osc, at } of beeps) {
      if (at > soon) { try { osc.stop(); } catch { /* already stopped */ } }
    }
    beeps = [];
  }

  let wakeLock = null;
  // Keeps the screen on during the class where the browser allows it; where it
  // doesn't (no API, battery saver, not a secure page) the class runs anyway.
  async function keepAwake() {
    if (wakeLock || !navigator.wakeLock || document.visibilityState !== "visible") return;
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => { wakeLock = null; });
    } catch { wakeLock = null; }
  }
  function releaseWakeLock() { wakeLock?.release().catch(() => {}); wakeLock = null; }

  // ---- wiring ----------------------------------------------------------------

  $("start").addEventListener("click", start);
  $("again").addEventListener("click", reset);
  $("pause").addEventListener("click", togglePause);
  $("skip").addEventListener("click", () => skip(1));
  $("back").addEventListener("click", () => skip(-1));
  $("mute").addEventListener("click", toggleMute);
  $("full").addEventListener("click", toggleFullScreen);
  $("settings").addEventListener("submit", (e) => e.preventDefault());
  $("settings").addEventListener("input", () => { readSettings(); $("class-time").textContent = classTime(); });
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || ["INPUT", "SELECT", "TEXTAREA"].includes(e.target.tagName)) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const action = {
      " ": () => (root.dataset.state === "ready" ? start() : togglePause()),
      ArrowRight: () => skip(1),
      ArrowLeft: () => skip(-1),
      m: toggleMute,
      f: toggleFullScreen,
    }[key];
    if (!action) return;
    e.preventDefault(); // Space would also press a focused button, or scroll
    action();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible" || !inClass()) return;
    keepAwake(); // a wake lock is let go whenever the page is hidden
    tick();
  });
  synth()?.addEventListener?.("voiceschanged", listVoices);
  listVoices();
  readSettings();
  $("class-time").textContent = classTime();
})();
