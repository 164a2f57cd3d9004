-- Shared by the diagnostics (installed by findings.prepare before they run): one judgement, one place.
-- A link between two different companies: their valid organisation numbers differ, or their names are far apart
-- while the organisation numbers do not settle it (the same words in another order, "Haraldsen Randi", are one
-- name). `mislinked` reports such a pair; `number_mismatch` leaves it alone, as renumbering either record would be
-- the wrong fix.
-- (name_key is a deep macro: each place it is written is bound anew, about 0.3 s each, whatever the rows. So both
-- names are keyed in one place, and the pair of keys is bound once: a diagnostic of a company with nothing wrong
-- takes a fraction of a second, not seconds.)
CREATE OR REPLACE TEMP MACRO name_keys(a, b) AS list_transform([a, b], lambda n: name_key(n));
CREATE OR REPLACE TEMP MACRO name_similarity(a, b) AS
    list_transform([name_keys(a, b)], lambda k: jaro_winkler_similarity(k[1], k[2]))[1];
CREATE OR REPLACE TEMP MACRO different_companies(t_org, t_problems, t_name, x_org, x_problems, x_name) AS
    (valid_orgnr(t_org, t_problems) AND valid_orgnr(x_org, x_problems) AND t_org <> x_org)
    OR (t_org IS DISTINCT FROM x_org
        AND list_transform([name_keys(t_name, x_name)], lambda k: jaro_winkler_similarity(k[1], k[2]) < 0.6
                           AND sorted_words(k[1]) <> sorted_words(k[2]))[1]);
-- A write parked because the number is held by another record: reported once, as `number_mismatch` of its pair.
CREATE OR REPLACE TEMP MACRO number_clash(last_error) AS
    last_error LIKE '%number % is already used%' OR last_error LIKE '%number: already used%';
-- What a person does about a value that cannot be sent as it is, by the reason it was refused.
CREATE OR REPLACE TEMP MACRO value_fix(reason, record) AS CASE
    WHEN reason LIKE '%only NO and EN%'
        THEN 'Tripletex knows only Norwegian and English: set the language of ' || record || ' to one of them'
    WHEN reason LIKE '%organisation number%'
        THEN 'correct the organisation number of ' || record || ' where it was entered'
    WHEN number_clash(reason)
        THEN 'another record already holds the number (named above): give that record another number, or correct '
             || 'the number of ' || record
    WHEN reason LIKE 'ambiguous%' THEN 'link ' || record || ' by hand to the right one'
    WHEN reason LIKE '%no longer exists (deleted there)%'
        THEN 'the record was deleted: link ' || record || ' to the record that replaced it, or clear the link'
    ELSE 'correct the value of ' || record || ' in the system it came from' END;
