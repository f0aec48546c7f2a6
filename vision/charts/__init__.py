"""Pure functions that turn results into Plotly figures (testable without a browser)."""
