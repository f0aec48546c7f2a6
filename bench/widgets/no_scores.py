"""The same page without any score controls: what the page costs with no widgets but
the language switch and the save buttons."""

import streamlit as st

st.segmented_control("Sprog", ["da", "en"], key="lang", default="da")
for d in range(3):
    with st.container(border=True):
        st.markdown(f"### Forslag {d}")

        @st.fragment
        def save(d=d):
            if st.button(f"Gem {d}", key=f"save{d}"):
                st.session_state[f"saved{d}"] = True
            if f"saved{d}" in st.session_state:
                st.success("Gemt")
            else:
                st.markdown("ikke gemt")

        save()
