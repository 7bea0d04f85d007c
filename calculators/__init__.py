"""Survey-metric calculators (NPS, eNPS, CES, CSAT, self-assessments); standard library only."""
