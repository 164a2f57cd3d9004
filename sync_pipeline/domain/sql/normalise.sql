-- The fast paths of domain/normalise.py as DuckDB macros, so extraction normalises whole pages in SQL, off the Python
-- interpreter. Each macro handles the common case in SQL and hands the rest to the Python function it mirrors
-- (registered as py_*), so the rules stay in one place: normalise.py. Tests check both agree on generated input.
-- All but fold_text take a value fold_text has already folded (the Python functions fold again, to no effect).

-- normalise.text: white space runs (exactly what Python's str.split() splits on; a test checks the class against
-- str.isspace over all of Unicode) become one space, the ends are trimmed, and empty is no value. Most values are
-- folded already, and testing for that is cheaper than the replace.
CREATE OR REPLACE TEMP MACRO fold_text(x) AS
    CASE WHEN regexp_matches(x, '[{whitespace}][{whitespace}]|^[{whitespace}]|[{whitespace}]$|[{whitespace_but_space}]')
         THEN nullif(trim(regexp_replace(x, '[{whitespace}]+', ' ', 'g'), ' '), '')
         ELSE nullif(x, '') END;

-- strlen counts bytes, length code points: equal only for ASCII, where SQL lower/upper are Python's
CREATE OR REPLACE TEMP MACRO is_ascii_text(f) AS strlen(f) = length(f);

-- Python case-folds e-mails; for ASCII and the Latin-1 letters Norwegian addresses use (æøå and the like, but not
-- ß, which folds to "ss") that is exactly SQL's lower() (a test checks every one of those characters)
CREATE OR REPLACE TEMP MACRO email_of(f) AS
    CASE WHEN f IS NULL THEN NULL
         WHEN is_ascii_text(f) OR regexp_full_match(f, '[\x00-\x7f\x{c0}-\x{d6}\x{d8}-\x{de}\x{e0}-\x{f6}\x{f8}-\x{ff}]*')
             THEN lower(f)
         ELSE py_email(f) END;

CREATE OR REPLACE TEMP MACRO code_of(f) AS
    CASE WHEN f IS NULL THEN NULL WHEN is_ascii_text(f) THEN upper(f) ELSE py_code(f) END;

-- digits lose their leading zeros (Tripletex's unset 0 becomes no number); anything else stays as it is
CREATE OR REPLACE TEMP MACRO number_of(f) AS
    CASE WHEN f IS NULL THEN NULL
         WHEN NOT is_ascii_text(f) THEN py_number(f)
         WHEN regexp_full_match(f, '[0-9]+') THEN nullif(ltrim(f, '0'), '')
         ELSE f END;

-- a Norwegian number written as its eight digits, with or without +47 and spaces; the rest by phonenumbers
CREATE OR REPLACE TEMP MACRO phone_of(f) AS
    CASE WHEN f IS NULL THEN NULL
         WHEN regexp_full_match(replace(f, ' ', ''), '(\+47)?[1-9][0-9]{7}') THEN '+47' || right(replace(f, ' ', ''), 8)
         ELSE py_phone(f) END;

-- `country` is a canonical code; a Norwegian number that is not nine plain digits is compacted by python-stdnum
CREATE OR REPLACE TEMP MACRO organisation_number_of(f, country) AS
    CASE WHEN f IS NULL THEN NULL
         WHEN coalesce(country, 'NO') <> 'NO' THEN f
         WHEN regexp_full_match(f, '[0-9]{9}') THEN f
         ELSE py_organisation_number(f) END;

CREATE OR REPLACE TEMP MACRO language_from_telaris(f) AS
    CASE WHEN f IS NULL THEN NULL
         WHEN NOT is_ascii_text(f) THEN py_language_from_telaris(f)
         WHEN lower(f) IN ('nb', 'nn') THEN 'no'
         ELSE lower(f) END;

-- for ASCII, reading Tripletex's NO/EN as no/en and lower-casing everything else is simply lower()
CREATE OR REPLACE TEMP MACRO language_from_tripletex(f) AS
    CASE WHEN f IS NULL THEN NULL
         WHEN NOT is_ascii_text(f) THEN py_language_from_tripletex(f)
         ELSE lower(f) END;

-- python-stdnum's no.orgnr check over a whole column: nine digits whose weighted sum (weights 3 2 7 6 5 4 3 2 1) is
-- divisible by 11. Asking stdnum row by row cost more than the rest of a page's SQL together; stdnum stays the
-- authority (it is asked whenever a number is sent), and a test holds this equal to it on generated numbers.
CREATE OR REPLACE TEMP MACRO organisation_number_checks(f) AS
    CASE WHEN regexp_full_match(f, '[0-9]{9}')
         THEN (3 * f[1]::INTEGER + 2 * f[2]::INTEGER + 7 * f[3]::INTEGER + 6 * f[4]::INTEGER + 5 * f[5]::INTEGER
               + 4 * f[6]::INTEGER + 3 * f[7]::INTEGER + 2 * f[8]::INTEGER + f[9]::INTEGER) % 11 = 0
         ELSE false END;

-- domain.mapping.problems_of, asked only for the rare record that has one: a Norwegian organisation number failing
-- the check, or a language Tripletex does not know
CREATE OR REPLACE TEMP MACRO problems_of(org, country, language) AS
    CASE WHEN (org IS NOT NULL AND coalesce(country, 'NO') = 'NO' AND NOT organisation_number_checks(org))
              OR (language IS NOT NULL AND language NOT IN ('no', 'en'))
         THEN py_problems(org, country, language)
         ELSE []::VARCHAR[] END;
