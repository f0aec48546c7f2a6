"""The same page with one custom component per draft (``st.components.v2``) in place of
its nine score controls, comment box and button: the component sends the whole ballot
as one trigger value."""

import streamlit as st

JS = """
export default function({parentElement, data, setTriggerValue}) {
  const root = parentElement.querySelector('.ballot') || parentElement;
  root.textContent = 'Forslag ' + data.n;
  const button = document.createElement('button');
  button.textContent = 'Gem';
  button.onclick = () => setTriggerValue('save', {scores: {k0: 4}});
  root.appendChild(button);
}
"""
ballot = st.components.v2.component("bench_ballot", html="<div class='ballot'></div>", js=JS)
CRITERIA = [{"key": f"k{c}", "label": f"Kriterium {c}", "question": "Spørgsmålet til kriteriet " * 3}
            for c in range(9)]

st.segmented_control("Sprog", ["da", "en"], key="lang", default="da")
for d in range(3):
    with st.container(border=True):
        st.markdown(f"### Forslag {d}")

        @st.fragment
        def save(d=d):
            result = ballot(key=f"b{d}", data={"n": d, "criteria": CRITERIA, "saved": st.session_state.get(f"saved{d}")},
                            on_save_change=lambda: None)
            if result.save:
                st.session_state[f"saved{d}"] = result.save
            if f"saved{d}" in st.session_state:
                st.success("Gemt")
            else:
                st.markdown("ikke gemt")

        save()
