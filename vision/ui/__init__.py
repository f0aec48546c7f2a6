"""Small shared Streamlit pieces. The only part of ``vision`` that imports Streamlit."""
