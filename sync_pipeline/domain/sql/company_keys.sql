-- The words of a name, in lower case: "&" read as "og", "A/S" and "A.S." as AS (the Danish spelling, common in older
-- Norwegian names), split on anything but letters and digits. Æ, ø, å and accented letters are letters: a word
-- boundary of the regex engine knows ASCII only, so "Ås" or "Sjøsa" would otherwise lose "as" or "sa" as a legal form.
CREATE OR REPLACE TEMP MACRO name_words_of(n) AS list_filter(regexp_split_to_array(
    regexp_replace(lower(replace(coalesce(n, ''), '&', ' og ')),
                   '(^|[^a-z0-9æøåäöüéèáàóò])a\s*[/.]\s*s\.?([^a-z0-9æøåäöüéèáàóò]|$)', '\1 as \2', 'g'),
    '[^a-z0-9æøåäöüéèáàóò]+'), lambda w: w <> '');
-- Legal forms (NUF is a foreign company's Norwegian branch) and those of other countries seen on suppliers.
CREATE OR REPLACE TEMP MACRO is_legal_form(w) AS
    list_contains(['as', 'asa', 'ans', 'da', 'enk', 'nuf', 'ba', 'sa', 'ab', 'aps', 'gmbh', 'ltd', 'limited', 'inc'], w);
-- A name without whom to ask. "c/o …" and "att. …" name a contact person; so does "v/ Ola Hansen" after a limited
-- company's name ("Arbygg AS v/ Ola Hansen"). In a sole proprietorship's name "v/" names its owner ("Rørlegger v/
-- Ola Hansen"), which tells one plumber from another: it stays.
CREATE OR REPLACE TEMP MACRO company_part(n) AS CASE
    WHEN NOT regexp_matches(coalesce(n, ''), '(?i)\s(v/|c/o|att[.:])') THEN coalesce(n, '')  -- nearly every name
    ELSE regexp_replace(
        CASE WHEN len(list_filter(name_words_of(regexp_extract(n, '(?i)^(.*?)\s+v/', 1)),
                                  lambda w: w IN ('as', 'asa', 'ans', 'da', 'sa', 'nuf'))) > 0
             THEN regexp_extract(n, '(?i)^(.*?)\s+v/', 1) ELSE n END,
        '(?i)\s+(c/o|att[.:]).*$', '') END;
-- Æ, ø and å as people write them without (ae, o, a; "aa" is å too), and accents dropped: "Sæter Rør" and "Saeter
-- Ror" are one name, and so are "Kafé" and "Kafe".
CREATE OR REPLACE TEMP MACRO fold_letters(s) AS
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(s,
        'æ', 'ae'), 'ø', 'o'), 'å', 'a'), 'aa', 'a'), 'ä', 'a'), 'ö', 'o'), 'ü', 'u'), 'é', 'e'), 'è', 'e'), 'á', 'a'),
        'à', 'a'), 'ó', 'o');
-- A company name reduced to what identifies it: its words without legal forms and punctuation, letters folded.
CREATE OR REPLACE TEMP MACRO name_key(n) AS fold_letters(array_to_string(
    list_filter(name_words_of(company_part(n)), lambda w: NOT is_legal_form(w)), ' '));
-- A name without a department's label ("X AS avd. Bergen" → "X AS"): the label names a part of the legal entity.
CREATE OR REPLACE TEMP MACRO without_department(n) AS regexp_replace(n, '(?i)\s*\b(avd|avdeling)\b.*$', '');
-- The legal form a name ends with, if any ("as" for AS, A/S and A.S.), before a department's label ("X AS avd.
-- Bergen" is an AS): a DA and an AS of one name are two companies.
CREATE OR REPLACE TEMP MACRO legal_form(n) AS list_filter(
    name_words_of(without_department(company_part(n)))[-1:],
    lambda w: w IN ('as', 'asa', 'ans', 'da', 'enk', 'nuf', 'ba', 'sa'))[1];
-- A valid organisation number: present and not flagged by extraction (mod-11 checked for Norway).
CREATE OR REPLACE TEMP MACRO valid_orgnr(orgnr, problems) AS
    orgnr IS NOT NULL AND len(list_filter(coalesce(problems, []), lambda p: p LIKE '%organisation number%')) = 0;
