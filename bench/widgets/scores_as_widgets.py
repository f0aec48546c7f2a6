"""The participant page's shape, without the database: per draft nine segmented
controls (bound to the URL, no rerun on a tap), a comment box, and a save fragment."""

import streamlit as st

OPTIONS = ["1", "2", "3", "4", "5", "Ved ikke"]

st.segmented_control("Sprog", ["da", "en"], key="lang", default="da")
for d in range(3):
    with st.container(border=True):
        st.markdown(f"### Forslag {d}")
        for c in range(9):
            st.segmented_control(f"Kriterium {c}", OPTIONS, key=f"s_{d}_{c}", on_change="ignore",
                                 bind="query-params", width="stretch")
            st.caption("Spørgsmålet til kriteriet " * 3)
        st.text_area("Kommentar", key=f"c_{d}", on_change="ignore", height=80)

        @st.fragment
        def save(d=d):
            if st.button(f"Gem {d}", key=f"save{d}"):
                st.session_state[f"saved{d}"] = {c: st.session_state.get(f"s_{d}_{c}") for c in range(9)}
            if f"saved{d}" in st.session_state:
                st.success("Gemt")
            else:
                st.markdown("ikke gemt")

        save()
