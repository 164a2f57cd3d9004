-- A name without whom to ask: "v/ Ola Hansen", "c/o …" and "att. …" name a contact person, not the company.
CREATE OR REPLACE TEMP MACRO company_part(n) AS regexp_replace(coalesce(n, ''), '\s+(v/|c/o|att[.:]).*$', '', 'i');
-- A company name reduced to what identifies it: lower case, "&" read as "og", legal forms and punctuation dropped.
-- "A/S" and "A.S." are AS as people type it (the Danish spelling, common in older Norwegian names); NUF is a
-- foreign company's Norwegian branch. Æ, ø and å read as people write them without (ae, o, a; "aa" is å too), so
-- "Sæter Rør" and "Saeter Ror" are one name.
CREATE OR REPLACE TEMP MACRO name_key(n) AS trim(regexp_replace(regexp_replace(regexp_replace(
    replace(replace(replace(replace(replace(replace(lower(replace(company_part(n), '&', ' og ')),
        'æ', 'ae'), 'ø', 'o'), 'å', 'a'), 'aa', 'a'), 'ä', 'a'), 'ö', 'o'),
    '\ba\s*[/.]\s*s\b\.?', ' ', 'g'),
    '\b(as|asa|ans|da|enk|nuf|ba|sa|ab|aps|gmbh|ltd|limited|inc)\b', ' ', 'g'), '[^a-z0-9æøåäöü]+', ' ', 'g'));
-- The legal form a name ends with, if any ("as" for AS, A/S and A.S.), before a department's label ("X AS avd.
-- Bergen" is an AS): a DA and an AS of one name are two companies.
CREATE OR REPLACE TEMP MACRO legal_form(n) AS nullif(regexp_extract(trim(regexp_replace(
    regexp_replace(lower(trim(company_part(n))), '\ba\s*[/.]\s*s\b\.?', 'as', 'g'), '\b(avd|avdeling)\b.*$', '')),
    '\b(as|asa|ans|da|enk|nuf|ba|sa)$', 1), '');
-- A valid organisation number: present and not flagged by extraction (mod-11 checked for Norway).
CREATE OR REPLACE TEMP MACRO valid_orgnr(orgnr, problems) AS
    orgnr IS NOT NULL AND len(list_filter(coalesce(problems, []), lambda p: p LIKE '%organisation number%')) = 0;
