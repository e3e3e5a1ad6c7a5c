"""A runnable stand-in for the provincial portal and the KPI collector."""
