import streamlit as st


def remember_tab(tab: str, patient):
    # Only the UI tab goes into the URL; the chart itself is shown on the page.
    st.query_params["tab"] = tab
    st.query_params.update(view="summary")
    st.write(patient.full_name)
