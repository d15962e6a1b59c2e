-- labour-market-monthly for the vacancies of one employment type (issue 16), with the rules
-- of 10_labour_market.sql. The vacancy side (new and active openings, days to fill,
-- applications per opening) comes from vacancies of that type, each duplicate group counted
-- once (00_duplicates.sql), precomputed per type in mart_labour_market_type: any span of
-- months is one join, not a scan of the facts. The seeker side (applicants, placements, days
-- to placement, provisional) is every seeker's, read from the mart, as for a sector: seekers
-- have no employment type. fill_rate counts the placements into vacancies of the type.
-- Parameters: $employment_type, $from, $to (periods).
SELECT lm.period, lm.region_code,
       coalesce(t.new_openings, 0)::BIGINT AS new_openings,
       coalesce(t.active_openings, 0)::BIGINT AS active_openings,
       lm.new_applicants, lm.active_applicants,
       coalesce(t.active_openings, 0) / nullif(lm.active_applicants, 0) AS active_ratio,
       coalesce(t.new_openings, 0) / nullif(lm.new_applicants, 0) AS new_ratio,
       lm.placements, lm.placement_rate,
       coalesce(t.placements, 0) / nullif(t.new_openings, 0) AS fill_rate,
       t.median_days_to_fill, t.p75_days_to_fill,
       coalesce(t.filled_vacancies, 0)::BIGINT AS filled_vacancies,
       lm.median_days_to_placement, lm.placed_seekers,
       t.applications / nullif(t.openings_counting_applications, 0) AS applications_per_opening,
       lm.provisional
FROM mart_labour_market_monthly lm
LEFT JOIN mart_labour_market_type t ON t.period = lm.period AND t.region_code = lm.region_code AND t.employment_type = $employment_type
WHERE lm.period BETWEEN $from AND $to
