"""Page styling that is our own markup only (never user text)."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitDuplicateElementKey

BASE_CSS = """
<style>
/* Captions are drawn faded by default, and a link in one falls to 2.96:1; WCAG 1.4.3 asks
   4.5:1. Captions in a solid grey (7.6:1), their links in the link colour (7.8:1). */
[data-testid="stCaptionContainer"] {opacity: 1 !important; color: #4b5563 !important;}
[data-testid="stCaptionContainer"] a {color: #0b5394 !important;}
.st-key-page-lang {display: none !important;}
/* A watch (vision.ui.watch) draws nothing and takes no room, on every page that has one. */
[class*="st-key-watch-"] {display: none !important;}
/* The page's scrolling region takes the keyboard's focus (Tab, before the first control): show it (WCAG 2.4.7). */
[data-testid="stMain"]:focus-visible {outline: 3px solid #0b5394; outline-offset: -3px;}
/* Tabs that do not fit on one line wrap onto the next instead of scrolling sideways (WCAG 1.4.10). */
[data-testid="stTabs"] [role="tablist"] {flex-wrap: wrap; row-gap: 0.25rem;}
</style>
"""

PHONE_CSS = """
<style>
/* Larger tap targets and type for phones; no sideways scrolling. */
.block-container {padding-top: 1.2rem; padding-left: 0.9rem; padding-right: 0.9rem; max-width: 46rem;}
html, body {overflow-x: hidden;}
div[data-testid="stButtonGroup"] button {min-height: 48px; min-width: 44px; font-size: 1.1rem;}
div[data-testid="stButtonGroup"] [role="radiogroup"], div[data-testid="stButtonGroup"] > div {flex-wrap: wrap;}
.stButton > button, .stFormSubmitButton > button {min-height: 48px; font-size: 1.05rem;}
div[data-testid="stRadio"] label {min-height: 40px; align-items: center; font-size: 1.05rem;}
/* Captions carry the questions: WCAG AA contrast (7:1) instead of the light default grey. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {color: #374151 !important; opacity: 1 !important;}
/* A watch (vision.ui.watch) draws nothing and takes no room. */
[class*="st-key-watch-"] {display: none !important;}
/* A draft's words on the phone: large, but a paragraph, not a heading (pages/vote.py). */
[class*="st-key-drafttext"] p {font-size: 1.3rem; font-weight: 600; line-height: 1.35;}
/* A closed round's widgets are disabled, but their labels (the answers' names) stay readable. */
[data-testid="stWidgetLabel"], [data-testid="stWidgetLabel"] p {color: #31333f !important; opacity: 1 !important;}
/* A required box (no "Clear value" button) without Streamlit's English "(required)" marker. */
[data-testid="stWidgetLabelRequired"] {display: none !important;}
/* Long words and addresses wrap instead of pushing the page sideways at 320 px. */
[data-testid="stMarkdownContainer"] p, [data-testid="stWidgetLabel"] p {overflow-wrap: anywhere;}
@media (max-width: 640px) {
  h1 {font-size: 1.75rem !important; line-height: 1.2 !important;}
  h2 {font-size: 1.4rem !important;}
  h3 {font-size: 1.2rem !important;}
}
</style>
"""

PROJECTOR_CSS = """
<style>
/* The big screen fits one window: sizes follow the window's height (vh), and nothing is
   smaller than 1/40 of it (2.5vh; vision.charts.projector.TEXT_RATIO). */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"] {display: none !important;}
.block-container {padding: 2vh 2.5vw !important; max-width: 100% !important;}
html, body, [data-testid="stAppViewContainer"] {background: #ffffff; color: #000000;}
h1 {font-size: 4.6vh !important; line-height: 1.2 !important; padding: 0 !important; margin: 0 !important;}
h2 {font-size: 4vh !important; line-height: 1.2 !important; padding: 0 !important;}
h3 {font-size: 3.4vh !important; line-height: 1.2 !important; padding: 0 !important;}
[data-testid="stMain"] p, [data-testid="stMain"] li, div[data-testid="stMarkdownContainer"] {font-size: 3vh;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {font-size: 12vh !important; line-height: 1.1 !important;
  font-weight: 700;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {font-size: 4.5vh !important;
  line-height: 1.2 !important; color: #000000 !important; min-height: 0 !important; height: auto !important;}
div[data-testid="stCode"] code, code {font-size: 3vh !important; white-space: normal !important;
  word-break: break-all !important;}
.vd-statements {margin: 0; padding: 0; list-style: none;}
.vd-statements li {font-size: 3.2vh; line-height: 1.25; margin: 0 0 1.6vh 0;}
.vd-statements .vd-poles {display: flex; justify-content: space-between; gap: 2vw; font-weight: 700;}
.vd-points {margin: 0; padding: 0; list-style: none;}
.vd-points li {margin: 0 0 0.7em 0; overflow-wrap: anywhere;}
.vd-point-meta {font-weight: 700;}
.vd-point-question {font-style: italic;}
.vd-sr {position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap;}
[class*="st-key-watch-"] {display: none !important;}
</style>
"""


# Streamlit's page says lang="en" whatever the text; screen readers then read Danish with
# English rules (WCAG 3.1.1). This sets the page's language to the visitor's. Streamlit's
# own controls are named in English ("Skip to main content", "Fullscreen: QR-kode …"), read
# out with Danish rules on a Danish page (WCAG 3.1.2): on a Danish page those names are put
# into Danish, as they appear and whenever Streamlit sets them again.
STREAMLIT_DA = {
    "Skip to main content": "Gå til hovedindholdet",
    "Fullscreen": "Fuld skærm",
    "Close fullscreen": "Luk fuld skærm",
    "Exit fullscreen": "Luk fuld skærm",
    "Toggle fullscreen": "Fuld skærm til og fra",
    "Main menu": "Hovedmenu",
    "Running...": "Arbejder …",
    "Stop script": "Stop",
    "Clear value": "Ryd valget",
    "Clear all": "Ryd alt",
    "Selected values": "Valgte",
    "Open": "Åbn",
    "Close": "Luk",
    "Choose date": "Vælg dato",
    "Previous month": "Forrige måned",
    "Next month": "Næste måned",
    "Increment": "Op",
    "Decrement": "Ned",
    "Show password": "Vis det indtastede",
    "Hide password": "Skjul det indtastede",
    "Link to heading": "Link til overskriften",
    "Sidebar": "Sidepanel",
    "Expand sidebar": "Vis sidepanelet",
    "Collapse sidebar": "Skjul sidepanelet",
    "App pages": "Sider",
    "Scroll tabs left": "Rul fanerne til venstre",
    "Scroll tabs right": "Rul fanerne til højre",
    "Show data": "Vis data",
    "Show chart": "Vis diagram",
    "Download as CSV": "Hent som CSV",
    "Download as PNG": "Hent som PNG",
    "Search": "Søg",
    "Clear selection": "Ryd markeringen",
    "Notifications": "Beskeder",
    "file upload": "filoverførsel",
}
_LANG_JS = """
export default function (c) {
  const lang = c.data && c.data.lang;
  if (!lang) return;
  document.documentElement.lang = lang;
  window.__vdNames = lang === "da" ? c.data.names : null;
  if (!window.__vdNamer) window.__vdNamer = makeNamer();
  window.__vdNamer(document.body);
}

// Each name put into Danish keeps Streamlit's own in data-vd-en-<attribute> (or
// data-vd-en-text), so a visitor who switches to English gets the English names back.
function makeNamer() {
  const ATTRS = ["aria-label", "title", "data-title"];
  const put = (text) => {
    const names = window.__vdNames;
    if (!names || !text) return null;
    if (names[text]) return names[text];
    const colon = text.indexOf(": ");       // a toolbar button: "Fullscreen: <the element's label>"
    if (colon > 0 && names[text.slice(0, colon)]) return names[text.slice(0, colon)] + text.slice(colon);
    if (text.startsWith("Remove ")) return "Fjern " + text.slice(7);
    return null;
  };
  const nameOne = (el) => {
    if (!el.getAttribute) return;
    for (const a of ATTRS) {
      const da = put(el.getAttribute(a));
      if (da) { el.setAttribute("data-vd-en-" + a, el.getAttribute(a)); el.setAttribute(a, da); }
    }
    if ((el.tagName === "A" || el.tagName === "BUTTON") && el.childNodes.length === 1 && el.firstChild.nodeType === 3) {
      const da = put(el.firstChild.nodeValue);
      if (da) { el.setAttribute("data-vd-en-text", el.firstChild.nodeValue); el.firstChild.nodeValue = da; }
    }
  };
  const restore = (root) => {
    for (const a of ATTRS) {
      root.querySelectorAll("[data-vd-en-" + a + "]").forEach((el) => {
        el.setAttribute(a, el.getAttribute("data-vd-en-" + a)); el.removeAttribute("data-vd-en-" + a);
      });
    }
    root.querySelectorAll("[data-vd-en-text]").forEach((el) => {
      if (el.firstChild && el.firstChild.nodeType === 3) el.firstChild.nodeValue = el.getAttribute("data-vd-en-text");
      el.removeAttribute("data-vd-en-text");
    });
  };
  const nameAll = (root) => {
    if (!root || root.nodeType !== 1) return;
    if (!window.__vdNames) { restore(root); return; }
    nameOne(root);
    root.querySelectorAll("[aria-label], [title], [data-title], a, button").forEach(nameOne);
  };
  new MutationObserver((changes) => {
    if (!window.__vdNames) return;
    for (const m of changes) {
      if (m.type === "attributes") nameOne(m.target);
      else m.addedNodes.forEach(nameAll);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ATTRS });
  return nameAll;
}
"""
_page_lang = st.components.v2.component("visionsdag_page_lang", html="<span hidden></span>", js=_LANG_JS)


def base() -> None:
    """Styling every page needs (called by app.py before the page)."""
    st.html(BASE_CSS)


def page_language(lang: str) -> None:
    """Tell the browser the page's language (called by app.py after the page: the element is
    hidden, and a page's first element must be its own). A page that stops its run early
    (a refusal) calls it before it stops, since nothing drawn after a stop is shown; app.py's
    own call in the same run then finds the element there already."""
    try:
        _page_lang(key="page-lang", data={"lang": lang, "names": STREAMLIT_DA if lang == "da" else None})
    except StreamlitDuplicateElementKey:
        pass


def phone() -> None:
    st.html(PHONE_CSS)


def projector() -> None:
    st.html(PROJECTOR_CSS)
