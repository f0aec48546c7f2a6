"""The floor: a one-button Streamlit app. Its latency under a burst is what Streamlit
itself costs on this machine; the real app is compared against it in the same run."""

import streamlit as st

if st.button("Gem", key="save"):
    st.success("Gemt")
