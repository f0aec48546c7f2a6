"""A draft's scoring form on the phone: nine criteria, a comment, "Gem" and the receipt.

The form lives in the browser (an ``st.components.v2`` component) and saves with one
request to ``vision.api`` (``POST /api/ballot``), so a press does not start a script run:
in a hall where hundreds press at once, the run per press was most of the server's work.
What the phone has chosen but not saved is kept in the tab (``sessionStorage``), so a
reload or a lost connection loses nothing; it is removed when the save succeeds, and
is not kept after the tab is closed. A save that cannot reach the server, or that the
server cannot write, is sent again by the form itself (after 1, 2, 4 … up to 15 s, and
at once when the browser is back online) until its receipt comes; the phone says so. When
the save's answer (a receipt or a refusal) says the organiser has changed what the page
shows (a round opened or closed, a draft approved or hidden), the form asks Streamlit to
run the page again.

Everything the organiser or a participant wrote is set as text (``textContent``), never
as markup.
"""

from __future__ import annotations

import streamlit as st

from vision.http_paths import BALLOT_PATH as PATH
from vision.i18n import N_, gettext
from vision.model import COMMENT_MAX_CHARS, SCORE_MAX, SCORE_MIN, Criterion, Draft

HTML = '<div class="vd-form"></div>'

CSS = """
.vd-form { font-family: var(--st-font); color: var(--st-text-color); }
.vd-crit { border: 0; margin: 0 0 0.9rem 0; padding: 0; min-width: 0; }
.vd-crit legend { font-weight: 600; padding: 0; margin-bottom: 0.35rem; font-size: 1rem; }
.vd-opts { display: flex; width: 100%; border: 1px solid var(--st-border-color, #d5dae5);
           border-radius: var(--st-base-radius, 0.5rem); overflow: hidden; }
.vd-opt { flex: 1 1 0; position: relative; display: flex; min-width: 0; }
.vd-opt + .vd-opt { border-left: 1px solid var(--st-border-color, #d5dae5); }
.vd-opt input { position: absolute; opacity: 0; inset: 0; margin: 0; width: 100%; height: 100%;
                cursor: pointer; }
.vd-opt span { flex: 1; display: flex; align-items: center; justify-content: center; min-height: 2.75rem;
               padding: 0 0.2rem; font-size: 0.95rem; text-align: center; line-height: 1.1;
               background: var(--st-background-color, #fff); }
.vd-opt input:checked + span { background: var(--st-primary-color, #0b5394); color: #fff; font-weight: 600; }
.vd-opt input:focus-visible + span { outline: 3px solid var(--st-primary-color, #0b5394); outline-offset: -3px; }
/* On the chosen option the background is the primary colour: the ring is white inside a dark edge. */
.vd-opt input:checked:focus-visible + span { outline: 3px solid #fff; outline-offset: -6px;
                                              box-shadow: inset 0 0 0 6px var(--st-text-color, #31333f); }
.vd-opt input:disabled { cursor: not-allowed; }
.vd-q { margin: 0.3rem 0 0 0; font-size: 0.85rem; opacity: 0.75; }
.vd-q-note { margin: 0.15rem 0 0 0; font-size: 0.85rem; font-style: italic; opacity: 0.75; }
.vd-comment-label { display: block; font-size: 0.9rem; margin: 0.3rem 0 0.25rem 0; }
.vd-comment { box-sizing: border-box; width: 100%; min-height: 4.5rem; font: inherit; color: inherit;
              padding: 0.5rem; border: 1px solid var(--st-border-color, #d5dae5);
              border-radius: var(--st-base-radius, 0.5rem); background: var(--st-secondary-background-color, #f0f2f6); }
.vd-count { font-size: 0.75rem; opacity: 0.7; text-align: right; margin: 0.1rem 0 0.6rem 0; }
.vd-save { width: 100%; min-height: 2.75rem; border: 0; border-radius: var(--st-base-radius, 0.5rem);
           background: var(--st-primary-color, #0b5394); color: #fff; font: inherit; font-weight: 600;
           cursor: pointer; }
.vd-save[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
.vd-save:focus-visible { outline: 3px solid var(--st-text-color, #000); outline-offset: 2px; }
.vd-status { margin: 0.6rem 0 0 0; padding: 0.5rem 0.75rem; border-radius: var(--st-base-radius, 0.5rem);
             font-size: 0.95rem; }
.vd-status[data-kind="ok"] { background: #dff3e4; color: #174d26; }
.vd-status[data-kind="error"] { background: #fde2e1; color: #7d1a17; }
.vd-status[data-kind="note"] { padding-left: 0; }
"""

JS = r"""
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".vd-form");
  const id = `${data.round}_${data.draft}`;
  const stored = `visionsdag:${data.t}:${id}`;
  const T = data.texts;
  const SEND_TIMEOUT_MS = 15000, RETRY_FIRST_MS = 1000, RETRY_MAX_MS = 15000;

  // The form's state outlives its elements: the page runs again (a round changes, a
  // draft is approved) and may draw the form anew; the choices, the receipt or the
  // refusal stay. Each run only takes in what the server now has saved.
  const forms = (window.__visionsdagForms = window.__visionsdagForms || new Map());
  let state = forms.get(stored);
  if (!state) {
    state = {
      saved: data.saved.scores, savedTime: data.saved.time, savedComment: data.saved.comment || "",
      current: Object.assign({}, data.saved.scores), comment: data.saved.comment || "",
      receipt: null, error: null, sending: false,
    };
    try {
      const kept = JSON.parse(sessionStorage.getItem(stored) || "null");
      if (kept && typeof kept === "object") {
        Object.assign(state.current, kept.scores || {});
        if (typeof kept.comment === "string") state.comment = kept.comment;
      }
    } catch (e) { /* storage unavailable: nothing kept */ }
    forms.set(stored, state);
  } else if (!state.sending && data.saved.time && data.saved.time !== state.savedTime) {
    state.saved = data.saved.scores; state.savedTime = data.saved.time; state.savedComment = data.saved.comment || "";
    state.receipt = null;
  }
  state.data = data;
  if (root.dataset.form === `${id}:${data.lang}` && root.isConnected && state.root === root) {
    state.render();
    return;
  }
  root.dataset.form = `${id}:${data.lang}`;
  root.replaceChildren();
  state.root = root;

  const keep = () => {
    try { sessionStorage.setItem(stored, JSON.stringify({ scores: state.current, comment: state.comment })); }
    catch (e) { /* private mode: the form still works */ }
  };
  const forget = () => {       // saved: the answer is on the server, not left in the browser
    try { sessionStorage.removeItem(stored); } catch (e) { /* nothing kept */ }
  };
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

  for (const c of data.criteria) {
    const set = el("fieldset", "vd-crit");
    set.dataset.criterion = c.key;
    set.append(el("legend", null, c.label));
    const opts = el("div", "vd-opts");
    data.options.forEach(([value, label]) => {
      const wrap = el("label", "vd-opt");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `vd_${id}_${c.key}`;
      input.value = value === null ? "" : String(value);
      input.checked = c.key in state.current && state.current[c.key] === value;
      input.addEventListener("change", () => {
        state.current[c.key] = value; state.receipt = null; if (!state.waiting) state.error = null; keep(); render();
      });
      wrap.append(input, el("span", null, label));
      opts.append(wrap);
    });
    set.append(opts);
    if (c.question) set.append(el("p", "vd-q", c.question));
    if (c.note) set.append(el("p", "vd-q-note", c.note));
    root.append(set);
  }
  const label = el("label", "vd-comment-label", T.comment);
  const area = el("textarea", "vd-comment");
  area.id = `vd_comment_${id}`;
  label.htmlFor = area.id;
  area.maxLength = data.max_comment;
  area.rows = 3;
  area.value = state.comment;
  const count = el("div", "vd-count");
  area.addEventListener("input", () => {
    state.comment = area.value; state.receipt = null; if (!state.waiting) state.error = null; keep(); render();
  });
  const button = el("button", "vd-save", fill(T.save, { n: data.n }));
  button.type = "button";
  const status = el("p", "vd-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  root.append(label, area, count, button, status);

  const changed = () => {
    const saved = state.saved;
    const scoresChanged = Object.keys(state.current).some((k) => !(k in saved) || saved[k] !== state.current[k]);
    return scoresChanged || state.comment.trim() !== (state.savedComment || "").trim();
  };
  const render = () => {
    const d = state.data;
    const total = d.criteria.length;
    count.textContent = `${area.value.length}/${d.max_comment}`;
    // While it sends, "Gem" says so but stays focusable: a disabled button would drop the
    // keyboard's place to the top of the page (a second press is ignored by send()).
    button.setAttribute("aria-disabled", String(state.sending));
    button.disabled = Boolean(d.closed);
    button.hidden = Boolean(d.closed);
    root.querySelectorAll("input, textarea").forEach((input) => { input.disabled = Boolean(d.closed); });
    button.textContent = state.sending ? T.saving : fill(T.save, { n: d.n });
    if (state.error) {
      status.dataset.kind = "error";
      status.textContent = state.waiting ? `${state.error} ${T.retrying}` : state.error;
      return;
    }
    const answered = Object.keys(state.saved).length;
    if (d.closed) {             // the round closed: the choices stay on screen, but nothing more is saved
      state.receipt = null;     // (a receipt's "du kan ændre det" is no longer true)
      // changed after a save: the saved answer counts, the change does not
      status.dataset.kind = changed() ? "error" : "note";
      const kept = { time: state.savedTime || "", n: answered, total };
      status.textContent = changed() ? (answered ? fill(T.closed_changed, kept) : T.closed_unsaved)
        : (answered ? fill(T.saved, kept) : T.not_answered);
      return;
    }
    if (state.receipt && !changed()) {
      status.dataset.kind = "ok";
      status.textContent = fill(T.receipt, { time: state.receipt.time, n: state.receipt.count, total });
      return;
    }
    status.dataset.kind = "note";
    if (!answered) {
      status.textContent = Object.keys(state.current).length ? T.not_saved : T.not_answered;
    } else if (changed()) {
      status.textContent = T.changed;
    } else {
      status.textContent = fill(T.saved, { time: state.savedTime || "", n: answered, total });
    }
  };
  state.render = render;

  const sameShown = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  // One save at a time. When the phone cannot reach the server, or the server cannot write
  // (5xx), the form says so, keeps the choices and sends them again by itself: soon, then
  // less often, and at once when the browser is back online. Saving again replaces the
  // answer, so a save that arrived but whose receipt was lost is not counted twice.
  const send = async () => {
    if (state.sending) return;
    clearTimeout(state.retryTimer); state.retryTimer = null;
    const d = state.data;
    state.sending = true; state.error = null; state.render();
    const body = { e: d.e, t: d.t, lang: d.lang, round: d.round, draft: d.draft,
                   scores: Object.assign({}, state.current), comment: state.comment };
    let again = false;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), SEND_TIMEOUT_MS);
    try {
      const response = await fetch(d.url, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
        credentials: "omit", cache: "no-store", signal: abort.signal,
      });
      let answer = null;
      try { answer = await response.json(); } catch (e) { answer = null; }
      if (response.ok && answer && answer.time) {
        state.saved = body.scores; state.savedComment = body.comment; state.savedTime = answer.time.slice(0, 5);
        state.receipt = { time: answer.time, count: answer.count };
        state.attempts = 0;
        if (!changed()) forget();
      } else {
        state.error = (answer && answer.error) || T.failed;
        again = response.status >= 500;
      }
      // The organiser has changed what the page shows (a round closed, a draft approved):
      // the page runs again; this form keeps its choices and its message.
      if (answer && answer.shown && !sameShown(answer.shown, d.shown)) setTriggerValue("reload", Date.now());
    } catch (e) {
      state.error = T.offline;
      again = true;
    } finally {
      clearTimeout(timer);
      state.sending = false;
      state.waiting = again;
      if (again) {
        state.attempts = (state.attempts || 0) + 1;
        const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(state.attempts - 1, 5));
        state.retryTimer = setTimeout(() => state.send(), delay * (0.75 + Math.random() * 0.5));
      }
      state.render();          // the elements drawn last, if the page drew the form anew meanwhile
      if (state.pressed) {     // the answer to a press is in view: on a phone it sits below the fold
        state.pressed = false;
        const said = state.root && state.root.querySelector(".vd-status");
        const still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        if (said) said.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
      }
    }
  };
  state.send = send;
  if (!state.listening) {
    state.listening = true;
    window.addEventListener("online", () => { if (state.waiting && !state.sending) state.send(); });
  }
  button.addEventListener("click", () => { state.pressed = true; state.send(); });
  render();
}
"""

_form = st.components.v2.component("visionsdag_scoring", html=HTML, css=CSS, js=JS)


def _reload() -> None:
    """The page runs again when the form asks (what the organiser shows has changed)."""


DONT_KNOW = N_("Ved ikke")
CUT_OFF = N_("Spørgsmålet er afskåret i kilden (»{words}«) og fuldendt her.")
"""Under a question that completes the source's cut-off words (``Criterion.source_words``)."""


def criterion_data(c: Criterion, lang: str) -> dict:
    """A criterion as the form shows it: its name, its question and, where the question
    completes the source's cut-off words, a note that says so."""
    return {"key": c.key, "label": gettext(c.label, lang), "question": gettext(c.question, lang),
            "note": gettext(CUT_OFF, lang).format(words=c.source_words) if c.source_words else None}


TEXTS = {
    "save": N_("Gem svar på forslag {n}"),
    "saving": N_("Gemmer …"),
    "receipt": N_("Gemt kl. {time}: {n} af {total} kriterier. Dit svar tæller med, og du kan ændre det, indtil "
                  "runden lukker."),
    "saved": N_("gemt kl. {time} ({n} af {total})"),
    "changed": N_("ændret siden gemt"),
    "not_saved": N_("ikke gemt endnu"),
    "not_answered": N_("ikke besvaret"),
    "closed_unsaved": N_("Runden er lukket: dine valg her blev ikke gemt og tæller ikke med."),
    "closed_changed": N_("Runden er lukket: dit svar fra kl. {time} ({n} af {total}) tæller med. Det, du ændrede "
                         "bagefter, blev ikke gemt."),
    "comment": N_("Kommentar (valgfri)"),
    "offline": N_("Ikke gemt endnu: telefonen har ingen forbindelse til serveren. Dine svar står her og bliver "
                  "sendt, så snart forbindelsen er tilbage."),
    "retrying": N_("Telefonen prøver selv igen."),
    "failed": N_("Ikke gemt: serveren svarede ikke som ventet. Dine svar står her endnu; prøv igen om lidt."),
}


def scoring_form(*, code: str, token: str, lang: str, round_id: int, draft: Draft, number: int,
                 criteria: list[Criterion], saved: dict, shown: dict, closed: bool = False) -> None:
    """Mount the form of the page's ``number``-th draft. ``saved`` is what the database holds
    for this phone (``my_answers``: ``scores`` by criterion, 1-5 or None for "Ved ikke",
    ``comment``, ``saved_at``); ``shown`` is ``events.shown`` as the page was built. A ``closed``
    round's form keeps the phone's choices on screen, locked, and says whether they were saved."""
    _form(key=f"form{round_id}_{draft.id}", data={
        "url": PATH, "e": code, "t": token, "lang": lang, "round": round_id, "draft": draft.id, "n": number,
        "criteria": [criterion_data(c, lang) for c in criteria],
        "options": [[v, str(v)] for v in range(SCORE_MIN, SCORE_MAX + 1)] + [[None, gettext(DONT_KNOW, lang)]],
        "saved": {"scores": saved["scores"], "comment": saved["comment"] or "",
                  "time": saved["saved_at"].strftime("%H:%M") if saved["saved_at"] else None},
        "shown": shown, "texts": {k: gettext(v, lang) for k, v in TEXTS.items()}, "max_comment": COMMENT_MAX_CHARS,
        "closed": closed,
    }, on_reload_change=_reload)
