-- The words of a name, in lower case: "&" and "+" read as "og", "A/S" and "A.S." as AS (the Danish spelling,
-- common in older Norwegian names), split on anything but letters and digits. Æ, ø, å and accented letters are
-- letters: a word boundary of the regex engine knows ASCII only, so "Ås" or "Sjøsa" would otherwise lose "as" or "sa"
-- as a legal form.
CREATE OR REPLACE TEMP MACRO name_words_of(n) AS list_filter(regexp_split_to_array(
    regexp_replace(lower(replace(replace(coalesce(n, ''), '&', ' og '), '+', ' og ')),
                   '(^|[^a-z0-9æøåäöüéèáàóò])a\s*[/.]\s*s\.?([^a-z0-9æøåäöüéèáàóò]|$)', '\1 as \2', 'g'),
    '[^a-z0-9æøåäöüéèáàóò]+'), lambda w: w <> '');
-- A housing co-operative's or a condominium's form, however it is written: "Brl Solbakken", "Solbakken Borettslag"
-- and "BORETTSLAGET SOLBAKKEN" are one name, as are "Sameiet Storgata 12" and "Storgata 12 Sameie". Housing
-- companies are a large share of a property-maintenance firm's customers, and both systems write the form anywhere.
-- A typo in the form's long word ("Sameiett", "Borettslg") is still the form: the word is typed on every such record.
CREATE OR REPLACE TEMP MACRO housing_form(w) AS CASE
    WHEN w IN ('brl', 'borettslag', 'borettslaget') THEN 'brl'
    WHEN w IN ('sameie', 'sameiet', 'eierseksjonssameie', 'eierseksjonssameiet', 'boligsameie', 'boligsameiet',
               'esek') THEN 'sameie'
    WHEN length(w) < 7 OR NOT regexp_matches(w, '^(bor|sam|bol|eie)') THEN NULL  -- nearly every word
    WHEN damerau_levenshtein(w, 'borettslag') <= 1 OR damerau_levenshtein(w, 'borettslaget') <= 1 THEN 'brl'
    WHEN damerau_levenshtein(w, 'sameiet') <= 1 OR damerau_levenshtein(w, 'boligsameie') <= 1
         OR damerau_levenshtein(w, 'boligsameiet') <= 1 OR damerau_levenshtein(w, 'eierseksjonssameie') <= 1
         OR damerau_levenshtein(w, 'eierseksjonssameiet') <= 1 THEN 'sameie' END;
-- Legal forms (NUF is a foreign company's Norwegian branch; KS a limited partnership, common for property; IKS, KF
-- and FKF municipal companies; HF a health trust, SF a state enterprise), the housing forms, and forms of other
-- countries seen on suppliers.
CREATE OR REPLACE TEMP MACRO is_legal_form(w) AS
    list_contains(['as', 'asa', 'ans', 'da', 'enk', 'nuf', 'ba', 'sa', 'ks', 'iks', 'kf', 'fkf', 'hf', 'sf', 'ab', 'aps',
                   'gmbh', 'ltd', 'limited', 'inc'], w)
    OR housing_form(w) IS NOT NULL;
-- The name as typed, with a field-service system's habits undone. A department in brackets ("X AS (avd. Bergen)")
-- is a department's label. A bracket holding a registered company, with its legal form, is the name a dispatcher put
-- behind a shop's sign ("Rema 1000 Moholt (Moholt Drift AS)"). Any other bracket is a note ("(hovedkontor)",
-- "(ikke i bruk)"), a contact ("(att. Erik)", "(Per Berg)") or a town, and goes: none of them is the company's name.
CREATE OR REPLACE TEMP MACRO as_registered(n) AS CASE
    WHEN regexp_matches(coalesce(n, ''), '(?i)\(\s*avd(eling)?\b') THEN regexp_replace(n, '[()]', ' ', 'g')
    WHEN list_bool_or(list_transform(name_words_of(regexp_extract(n, '\(([^)]*)\)', 1)),
                                     lambda w: is_legal_form(w)))
        THEN regexp_extract(n, '\(([^)]*)\)', 1)
    ELSE regexp_replace(coalesce(n, ''), '\s*\([^)]*\)?', '', 'g') END;
-- A name without whom to ask. "c/o …", "att. …" and "kontaktperson …" name a contact person, and so does "v/ daglig
-- leder …" or "v/ styreleder …" anywhere; "v/ Ola Hansen" does after a limited company's or a housing company's name
-- ("Arbygg AS v/ Ola Hansen", "Solhaug Borettslag v/ Bate Forvaltning": its manager). In a sole proprietorship's name
-- "v/" names its owner ("Rørlegger v/ Ola Hansen"), which tells one plumber from another: it stays.
CREATE OR REPLACE TEMP MACRO without_contact(n) AS CASE
    WHEN NOT regexp_matches(coalesce(n, ''), '(?i)\s(v/|c/o|att[.:]|kontaktperson)') THEN coalesce(n, '')  -- nearly all
    ELSE regexp_replace(
        CASE WHEN len(list_filter(name_words_of(regexp_extract(n, '(?i)^(.*?)\s+v/', 1)),
                                  lambda w: w IN ('as', 'asa', 'ans', 'da', 'sa', 'nuf')
                                            OR housing_form(w) IS NOT NULL)) > 0
             THEN regexp_extract(n, '(?i)^(.*?)\s+v/', 1) ELSE n END,
        '(?i)\s+(c/o|att[.:]|kontaktperson\b|v/\s*(daglig leder|styreleder)\b).*$', '') END;
-- A municipality's or county's unit by its own name: accounting writes the owner first ("Trondheim kommune - Byåsen
-- bibliotek", "Melhus kommune avd. Kvål omsorgssenter"), the field the unit alone ("Byåsen bibliotek") or the owner
-- in brackets, which as_registered drops. After "v/" or a comma comes a contact person as often as a unit
-- ("Orkland kommune v/ Ola Kvernmo"): those stay whole.
-- The owner's organisation number is shared by all its units; the unit's name is what tells them apart.
CREATE OR REPLACE TEMP MACRO public_unit(n) AS coalesce(nullif(trim(regexp_extract(coalesce(n, ''),
    '(?i)^\s*\S.*?\s(fylkes)?kommune\s*(\s-\s|\bavd\b\.?|\bavdeling\b)\s*(.+)$', 3)), ''), n);
-- A name without the part of the premises a field-service record is for, after a dash: a floor ("- 2. etg", "- 3.
-- etasje"), a room ("- lager", "- kontor", "- resepsjon", "- kantine"), a shop or a building project ("- butikk
-- Bryggen", "- prosjekt Kalfarveien 26", "- byggeplass …"). Dispatchers make one record per place of work; the
-- company is the one before the dash.
CREATE OR REPLACE TEMP MACRO without_site_label(n) AS regexp_replace(n,
    '(?i)\s+-\s+([0-9]+\.?\s*(etg|etasje)\.?|lager|kontor|resepsjon|kantine|(butikk|prosjekt|byggeplass)\s.*)\s*$', '');
-- A name as registered, without whom to ask. (A one-element list binds the registered name once: a macro's argument
-- is expanded wherever it is used, and without_contact uses it four times.)
CREATE OR REPLACE TEMP MACRO company_part(n) AS
    list_transform([as_registered(without_site_label(public_unit(n)))], lambda r: without_contact(r))[1];
-- Æ, ø and å as people write them without (ae, o, a; "aa" is å too), and accents dropped: "Sæter Rør" and "Saeter
-- Ror" are one name, and so are "Kafé" and "Kafe".
CREATE OR REPLACE TEMP MACRO fold_letters(s) AS
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(s,
        'æ', 'ae'), 'ø', 'o'), 'å', 'a'), 'aa', 'a'), 'ä', 'a'), 'ö', 'o'), 'ü', 'u'), 'é', 'e'), 'è', 'e'), 'á', 'a'),
        'à', 'a'), 'ó', 'o');
-- A word as the register spells it out: a street's "gt."/"gata" is "gate" and "vn." alone "veien" ("Torggt. 72",
-- "Torggata 72"), "Brdr."/"Br." is "Brødrene". Housing companies and condominiums are named after their street.
CREATE OR REPLACE TEMP MACRO spelt_out(w) AS CASE
    WHEN w IN ('br', 'brdr') THEN 'brodrene'
    WHEN w = 'vn' THEN 'veien'
    WHEN w = 'gt' THEN 'gate'
    -- a street's name before the ending: "torggt" and "storgt", not "ogt" (a typo's "og" run into the next word) or
    -- "trygt"; "-vn" is left alone ("Kongshavn" is a harbour, not a road)
    ELSE regexp_replace(w, '^(.{4,})(gt|gata|gaten)$', '\1gate') END;
-- A company name reduced to what identifies it: its words without legal forms and punctuation, letters folded,
-- abbreviations spelt out.
-- KS, KF, HF and SF are legal forms only at the end: in front they are initials ("HF Elektro", "KS Rør").
CREATE OR REPLACE TEMP MACRO name_key_of(part) AS array_to_string(list_transform(
    list_transform([name_words_of(part)], lambda ws: list_filter(ws, lambda w, i: NOT is_legal_form(w)
        OR (w IN ('ks', 'iks', 'kf', 'fkf', 'hf', 'sf') AND i < len(ws))))[1],
    lambda w: spelt_out(fold_letters(w))), ' ');
CREATE OR REPLACE TEMP MACRO name_key(n) AS name_key_of(company_part(n));
-- A name key's words in alphabetical order: a person stored surname first ("Haraldsen Randi") has the same words.
CREATE OR REPLACE TEMP MACRO sorted_words(key) AS array_to_string(list_sort(string_split(key, ' ')), ' ');
-- A name as a field-service system's users type it, put back in the register's order: a person written surname
-- first ("Tveitlund, Solveig", as accounting systems list people) is "Solveig Tveitlund", and the record's own town
-- after a comma, a dash or a slash ("Larsen Bygg, Tønsberg", "Larsen Bygg - Tønsberg", "KK Bygg / Kristiansand") is
-- where it is, not a word of its name.
CREATE OR REPLACE TEMP MACRO name_as_typed(n, city) AS CASE
    WHEN fold_letters(lower(trim(regexp_extract(n, '(,|\s-\s|\s/\s)([^,]*)$', 2))))
             = fold_letters(lower(trim(city)))
         AND NOT regexp_full_match(n, '\s*[^\s,]+\s*,.*')  -- "Hansen, Stein" in Steinkjer is a person
        THEN regexp_replace(n, '\s*(,|\s-\s|\s/\s)[^,]*$', '')
    WHEN regexp_full_match(n, '\s*[^\s,0-9&]+\s*,\s*[^\s,0-9&]+(\s+[^\s,0-9&]+){0,2}\s*')
         AND len(list_filter(name_words_of(n), lambda w: is_legal_form(w))) = 0
        THEN trim(split_part(n, ',', 2)) || ' ' || trim(split_part(n, ',', 1))
    ELSE n END;
-- A name without a department's label ("X AS avd. Bergen" → "X AS"): the label names a part of the legal entity.
CREATE OR REPLACE TEMP MACRO without_department(n) AS regexp_replace(n, '(?i)\s*\b(avd|avdeling)\b.*$', '');
-- The legal form a name ends with, or else begins with ("AS Vestbygg", "Brl Solbakken"), if any ("as" for AS, A/S
-- and A.S.), before a department's label ("X AS avd. Bergen" is an AS): a DA and an AS of one name are two companies,
-- and so are a housing co-operative and a condominium.
-- Only AS, ASA and the housing forms lead a name: a leading "Da" or "Sa" is more likely a word ("Da Silva Bygg").
CREATE OR REPLACE TEMP MACRO legal_form_of(part) AS list_transform([name_words_of(without_department(part))],
    lambda ws: list_transform(list_concat(
        list_filter(ws[-1:], lambda w: w IN ('as', 'asa', 'ans', 'da', 'enk', 'nuf', 'ba', 'sa', 'ks', 'iks', 'kf',
                                             'fkf', 'hf', 'sf')
                                       OR housing_form(w) IS NOT NULL),
        list_filter(ws[:1], lambda w: w IN ('as', 'asa') OR housing_form(w) IS NOT NULL)),
        lambda w: coalesce(housing_form(w), w))[1])[1];
CREATE OR REPLACE TEMP MACRO legal_form(n) AS legal_form_of(company_part(n));
-- A valid organisation number: present and not flagged by extraction (mod-11 checked for Norway).
CREATE OR REPLACE TEMP MACRO valid_orgnr(orgnr, problems) AS
    orgnr IS NOT NULL AND len(list_filter(coalesce(problems, []), lambda p: p LIKE '%organisation number%')) = 0;
