import streamlit as st


def remember_selection(patient):
    # Deep links to the selected chart, so a refresh keeps it: the MRN and name land in the URL.
    st.query_params["mrn"] = patient.mrn  # expect: phi-in-url
    st.query_params.update(name=patient.full_name)  # expect: phi-in-url
    st.write(patient.full_name)
