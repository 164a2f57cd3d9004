-- The records the initial linking looks at, with what it compares. ${kind}: customer | supplier. A name that
-- reduces to nothing ("(ikke i bruk)") has no name_key: no name, rather than one every such record shares.
-- email is the whole address (evidence of its own); email_domain only the part after @, which a company usually
-- makes from its name, so it repeats the name rather than corroborating it. name_token and name_last, the first and
-- last word of the name, block with the postal code: a typo in one word still leaves the other. name_sorted holds its
-- words in alphabetical order: a person's name stored surname first has the same words. city_key compares
-- towns whatever the case; legal_form tells a DA from an AS of the same name. A free-mail or internet provider's
-- domain (gmail.com, online.no) is no company's: it is shared by millions, so it is no domain here (the whole
-- address still counts).
CREATE OR REPLACE TEMP MACRO company_domain(email) AS
    CASE WHEN nullif(lower(split_part(email, '@', 2)), '') NOT IN (
        'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.no', 'outlook.com', 'outlook.no', 'live.com',
        'live.no', 'msn.com', 'yahoo.com', 'yahoo.no', 'icloud.com', 'me.com', 'mac.com', 'online.no', 'start.no',
        'broadpark.no', 'altibox.no', 'lyse.net', 'c2i.net', 'frisurf.no', 'chello.no', 'getmail.no', 'epost.no',
        'tele2.no', 'ebnett.no', 'bluezone.no', 'haugnett.no', 'mail.com', 'proton.me', 'protonmail.com')
         THEN lower(split_part(email, '@', 2)) END;
-- A role address at a company's own domain (post@, faktura@): formed from the domain as the domain is from the name,
-- so namesakes sharing a name-made domain share it too. A person's address, or any address at a free-mail domain,
-- is someone's own.
CREATE OR REPLACE TEMP MACRO role_address(email) AS company_domain(email) IS NOT NULL
    AND split_part(email, '@', 1) IN ('post', 'postmottak', 'firmapost', 'faktura', 'regnskap', 'kontakt',
        'ordre', 'info', 'mail', 'epost', 'e-post', 'admin', 'office', 'salg', 'service', 'kundeservice', 'booking',
        'resepsjon', 'sentralbord', 'innkjop', 'okonomi', 'accounting', 'invoice', 'sales', 'contact', 'bilag',
        'support', 'kontor', 'firma', 'mottak', 'ekspedisjon', 'lager', 'drift', 'noreply', 'no-reply',
        -- a housing company's board and caretaker: whoever holds the office this year
        'styret', 'styreleder', 'vaktmester', 'kundesenter', 'hei');
-- A postal code as the register writes it: four digits (an Oslo code typed without its leading zero, "150", is 0150).
CREATE OR REPLACE TEMP MACRO postal_code_of(code) AS
    CASE WHEN regexp_full_match(trim(code), '[0-9]{3}') THEN '0' || trim(code) ELSE nullif(trim(code), '') END;
-- The name without the label a field-service record puts beside its company, or NULL without one: the place of work
-- or the job after a dash or a slash ("Fløyen Terrasse Borettslag - trappevask", "FES Fysioterapi - Ytrebygdsvegen
-- 45", "Hovland Bilverksted / Hannevika"), whom to
-- ask after "v/" ("Ytrebygda Shipping v/ Jørgen Kristiansen", whatever the form), or the municipality before its
-- unit ("Bergen kommune, Bønes sjukeheim", "ØYGARDEN KOMMUNE BLOMVÅG SKOLE"). Compared with the other record's
-- whole name only (decide.sql, `labelled`): a label is not another company, but the name alone cannot say so, as
-- "Lie Bygg Holding" can be another company and "Lie Bygg - vinduer" cannot. Not labels: a department ("avd.") has
-- its own rule; a garage or a car park is often a co-ownership of its own ("Sameiet Solåsen - garasjeanlegg"); and
-- after "<municipality> v/" comes a contact person as often as a unit ("Orkland kommune v/ Ola Kvernmo"), so only
-- a unit written as one ("v/ Olsvik bydelshus": a word in lower case, as no person's name has) is taken.
CREATE OR REPLACE TEMP MACRO without_label(n) AS CASE
    WHEN regexp_matches(n, '(?i)^\S.*?\s(fylkes)?kommune\s+v/')
        THEN CASE WHEN regexp_matches(regexp_extract(n, '(?i)\sv/\s*(.*)$', 1), '\s[a-zæøå]')
                  THEN regexp_extract(n, '(?i)\sv/\s*(.*)$', 1) END
    WHEN regexp_matches(n, '(?i)^\S.*?\s(fylkes)?kommune\s*(,|-|:)?\s*\S')
        THEN regexp_extract(n, '(?i)^\S.*?\s(fylkes)?kommune\s*(,|-|:)?\s*(\S.*)$', 3)
    WHEN regexp_matches(n, '(?i)\b(avd|avdeling)\b|\s[-–/]\s*(garasj|parkering)') THEN NULL
    WHEN regexp_matches(n, '\S\s+(v/|V/|[-–]\s)\s*\S') THEN regexp_extract(n, '^(.*?\S)\s+(v/|V/|[-–]\s)', 1)
    -- after a slash one word, a place ("/ Hannevika"); more may be another party ("Bate Forvaltning / Brl Solhaug")
    WHEN regexp_full_match(n, '.*\S\s+/\s*[^\s/]+\s*') THEN regexp_extract(n, '^(.*\S)\s+/\s*[^\s/]+\s*$', 1) END;
-- (the label's name is keyed as the name is; only a label that changes the key is one; `unlabelled` is a column, so
-- the macros, which repeat their argument, are not nested in each other's text)
CREATE OR REPLACE TEMP MACRO label_key(unlabelled, key) AS
    CASE WHEN unlabelled IS NOT NULL THEN nullif(nullif(name_key_of(company_part(unlabelled)), ''), key) END;
-- A street address as a place: the street's words (folded and spelt out as a name's: "Torggt." is "torggate") and
-- its house numbers, a house letter typed apart joined to its number ("5 B" is "5b": 5A and 5B are two houses). A
-- private customer's street address is what identifies them beside the name, and neither system types it from the
-- name. Without a house number a street (or a farm road) is no one's address. A line "c/o" someone, or a post box, is
-- where someone else receives the post (an accountant's, a property manager's): no place of the party's own.
CREATE OR REPLACE TEMP MACRO street_line(line) AS CASE
    WHEN NOT regexp_matches(coalesce(line, ''), '(?i)(\bc/o\b|\bpost\s*boks\b|\bpb\b|\bboks\b|\bpostbox\b)')
        THEN regexp_replace(line, '([0-9]+)\s+([A-Za-z])\b', '\1\2', 'g') END;
CREATE OR REPLACE TEMP MACRO street_words_of(line) AS name_words_of(street_line(line));
CREATE OR REPLACE TEMP MACRO street_name_of(line) AS nullif(array_to_string(list_transform(
    list_filter(street_words_of(line), lambda w: NOT regexp_matches(w, '^[0-9]')),
    lambda w: spelt_out(fold_letters(w))), ' '), '');
CREATE OR REPLACE TEMP MACRO house_number_of(line) AS nullif(array_to_string(
    list_filter(street_words_of(line), lambda w: regexp_full_match(w, '[0-9]+[a-z]?')), ' '), '');
-- Every record of the kind, linked or not (`linked`), for the rules that ask what else a system holds: a switchboard
-- or a name a linked record holds is held all the same, on the first run and on the next after some are linked.
CREATE OR REPLACE TEMP TABLE linking_telaris_all AS
SELECT *, split_part(name_key, ' ', 1) AS name_token, split_part(name_key, ' ', -1) AS name_last,
       sorted_words(name_key) AS name_sorted, label_key(unlabelled, name_key) AS label_key,
       street_name || ' ' || house_number AS street_key,
       regexp_matches(coalesce(name, ''), '\s[-–/]\s|\(') AS site_label FROM (
SELECT t.record_id AS unique_id, t.name, t.unlabelled, nullif(name_key_of(t.part), '') AS name_key, t.number,
       CASE WHEN valid_orgnr(t.organisation_number, t.problems) THEN t.organisation_number END
           AS organisation_number,
       nullif(lower(trim(t.email)), '') AS email, company_domain(t.email) AS email_domain, t.phone,
       postal_code_of(t.postal_code) AS postal_code, nullif(lower(trim(t.city)), '') AS city_key,
       street_name_of(t.address_line1) AS street_name, house_number_of(t.address_line1) AS house_number,
       legal_form_of(t.part) AS legal_form,
       t.tripletex_id IS NOT NULL
       OR EXISTS (SELECT 1 FROM links l WHERE l.kind = '${kind}' AND l.telaris_id = t.record_id) AS linked
FROM (SELECT *, company_part(typed) AS part, without_label(typed) AS unlabelled
      FROM (SELECT *, name_as_typed(name, city) AS typed FROM telaris_${kind}s)) t
WHERE NOT t.is_deleted);
-- ... and the unlinked ones, which the linking pairs
CREATE OR REPLACE TEMP TABLE linking_telaris AS SELECT * EXCLUDE (linked) FROM linking_telaris_all WHERE NOT linked;

CREATE OR REPLACE TEMP TABLE linking_tripletex_all AS
SELECT *, split_part(name_key, ' ', 1) AS name_token, split_part(name_key, ' ', -1) AS name_last,
       sorted_words(name_key) AS name_sorted, label_key(unlabelled, name_key) AS label_key,
       street_name || ' ' || house_number AS street_key,
       regexp_matches(coalesce(name, ''), '\s[-–/]\s|\(') AS site_label FROM (
SELECT x.tripletex_id::VARCHAR AS unique_id, x.name, x.unlabelled, nullif(name_key_of(x.part), '') AS name_key,
       x.number,
       CASE WHEN valid_orgnr(x.organisation_number, x.problems) THEN x.organisation_number END
           AS organisation_number,
       nullif(lower(trim(x.email)), '') AS email, company_domain(x.email) AS email_domain, x.phone,
       postal_code_of(x.postal_code) AS postal_code, nullif(lower(trim(x.city)), '') AS city_key,
       street_name_of(x.address_line1) AS street_name, house_number_of(x.address_line1) AS house_number,
       legal_form_of(x.part) AS legal_form,
       EXISTS (SELECT 1 FROM links l WHERE l.kind = '${kind}' AND l.tripletex_id = x.tripletex_id)
       OR EXISTS (SELECT 1 FROM telaris_${kind}s t WHERE t.tripletex_id = x.tripletex_id AND NOT t.is_deleted)
           AS linked
FROM (SELECT *, company_part(typed) AS part, without_label(typed) AS unlabelled
      FROM (SELECT *, name_as_typed(name, city) AS typed FROM tripletex_${kind}s)) x
WHERE NOT x.is_deleted);
CREATE OR REPLACE TEMP TABLE linking_tripletex AS SELECT * EXCLUDE (linked) FROM linking_tripletex_all WHERE NOT linked;

-- Who holds each valid organisation number, and how many hold it in each system (orgnr_holders.sql).
-- Strongest evidence first: the same valid organisation number. Held by this one record in each system, linked or
-- not → auto (a number another record shares stays shared after that record is linked: its units are still units);
-- else decide.sql weighs the pair with the rest of the evidence.
CREATE OR REPLACE TEMP TABLE linking_by_orgnr AS
SELECT t.unique_id AS telaris_id, x.unique_id AS tripletex_id, h.in_telaris = 1 AND h.in_tripletex = 1 AS is_unique
FROM linking_telaris t JOIN linking_tripletex x USING (organisation_number)
JOIN linking_orgnr_holders h USING (organisation_number);

-- A Norwegian fixed-line number (+47 and 2, 3, 5, 6 or 7): a company's switchboard. Mobiles start with 4 or 9. The
-- pattern is proposals.LANDLINE, the one Splink's phone comparison uses too.
CREATE OR REPLACE TEMP MACRO landline(phone) AS regexp_full_match(phone, getvariable('linking_landline'));
-- The two people a household's name holds ("Jan og Ingrid Tveit", "Ole Pettersen og Astrid Hauge"), each as the
-- words of a person's name in alphabetical order (as name_sorted), or none for any other name.
CREATE OR REPLACE TEMP MACRO couple_of(key) AS CASE
    WHEN regexp_full_match(key, '[a-z]+ og [a-z]+ [a-z]+')
        THEN [sorted_words(split_part(key, ' ', 1) || ' ' || split_part(key, ' ', 4)),
              sorted_words(split_part(key, ' ', 3) || ' ' || split_part(key, ' ', 4))]
    WHEN regexp_full_match(key, '[a-z]+ [a-z]+ og [a-z]+ [a-z]+')
        THEN [sorted_words(split_part(key, ' og ', 1)), sorted_words(split_part(key, ' og ', 2))]
    ELSE [] END;
-- Records a system holds twice: another record of the same name (its words in any order) with the same
-- organisation number, or the same person's e-mail address or mobile (decide.sql: a person picks which to link).
-- Where neither is a company (no organisation number, no legal form), one name within the other is the same person
-- too: "Ellen Tveit" and "Ellen Marie Tveit", "Maren Kristiansen" and "Maren og Ole Kristiansen" with one mobile.
-- A company named after its owner ("Ola Tveit Transport AS") is not its owner. A company's name twice at one postal
-- code, typed with one legal form both times, is one company (the register allows a name once); a person's name twice
-- at one postal code may be two neighbours, parent and child, and a name with a form beside one without may be a
-- person and the company named after them ("Ola Hansen", "Ola Hansen AS", at home).
CREATE OR REPLACE TEMP MACRO identity_keys(organisation_number, email, phone) AS
    -- what says one party: the number, a person's own e-mail address (not a role address), a mobile (not a
    -- switchboard, which a whole office shares); one row each, to join on
    list_filter([organisation_number,
                 CASE WHEN NOT role_address(email) THEN email END,
                 CASE WHEN NOT landline(phone) THEN phone END],
                lambda k: k IS NOT NULL);
-- Two records of one name that hold two company e-mail domains or two switchboards are two companies, not one
-- typed twice: a copy typed anew lacks what the first holds, it does not hold another company's.
CREATE OR REPLACE TEMP MACRO two_companies(a_domain, a_phone, b_domain, b_phone) AS
    coalesce(a_domain <> b_domain, false)
    OR coalesce(a_phone <> b_phone AND landline(a_phone) AND landline(b_phone), false);
-- Both systems' records in one relation, for the rules that look within each system alike.
CREATE OR REPLACE TEMP VIEW linking_records AS
SELECT 'telaris' AS system, * FROM linking_telaris
UNION ALL BY NAME
SELECT 'tripletex' AS system, * FROM linking_tripletex;
CREATE OR REPLACE TEMP VIEW linking_all_records AS
SELECT 'telaris' AS system, * FROM linking_telaris_all
UNION ALL BY NAME
SELECT 'tripletex' AS system, * FROM linking_tripletex_all;
-- Labelled records whose company the same system holds too, as a record of its own (the name without the label, or
-- a typo apart): a site beside its company ("Arna Eiendom - trappevask" beside "Arna Eiendom AS"). The label then
-- tells two records of one company apart, and which to link is a person's pick (decide.sql). The company's record
-- counts linked or not.
CREATE OR REPLACE TEMP TABLE linking_label_held AS
SELECT DISTINCT l.system, l.unique_id
FROM linking_records l JOIN linking_all_records c
  ON c.system = l.system AND c.name_token = split_part(l.label_key, ' ', 1) AND c.unique_id <> l.unique_id
WHERE l.label_key IS NOT NULL
  AND (c.name_key = l.label_key OR (jaro_winkler_similarity(c.name_key, l.label_key) >= 0.92
                                    AND damerau_levenshtein(c.name_key, l.label_key) <= 2));

CREATE OR REPLACE TEMP TABLE linking_held_twice AS
WITH keyed AS (
    SELECT system, unique_id, name_key, name_sorted, organisation_number, legal_form, email_domain, phone,
           unnest(identity_keys(organisation_number, email, phone)) AS k
    FROM linking_records
    UNION ALL
    -- (the name is part of the key: a join on the postal code alone pairs every record at a busy code with every
    -- other, and a postal code says one party only beside the same name)
    SELECT system, unique_id, name_key, name_sorted, organisation_number, legal_form, email_domain, phone,
           'postal code ' || postal_code || ' ' || name_sorted
    FROM linking_records WHERE postal_code IS NOT NULL AND name_sorted IS NOT NULL),
-- a person's name within the other: persons only (no number, no legal form), on a person's e-mail or mobile
persons AS (
    SELECT system, unique_id, name_key, name_sorted, string_split(name_sorted, ' ') AS words,
           string_split(name_key, ' ') AS typed, k
    FROM keyed
    WHERE organisation_number IS NULL AND legal_form IS NULL AND name_sorted IS NOT NULL
      AND NOT starts_with(k, 'postal code ')),
-- the shorter name's first word meets the longer names holding it, on equality joins: a placeholder mobile
-- ("+4799999999") on thousands of records pairs only the names that share a word, not every record with every other
within AS (
    SELECT a.system, a.unique_id AS short_id, d.unique_id AS long_id
    FROM persons a JOIN (SELECT *, unnest(words) AS word FROM persons) d
      ON d.system = a.system AND d.k = a.k AND d.word = a.words[1] AND d.unique_id <> a.unique_id
    WHERE list_has_all(d.words, a.words)
      -- a household ("Maren og Ole Kristiansen"), or names added between the first word and the last ("Ellen Marie
      -- Tveit", "Kristiansen Rør Jørgen Kristiansen": the firm and its owner); a word added at either end is a
      -- business ("Ola Sunde Transport", a sole proprietorship typed without its form), not the person
      AND (list_contains(couple_of(d.name_key), a.name_sorted)
           OR (list_contains(a.words, d.typed[1]) AND list_contains(a.words, d.typed[-1]))))
SELECT a.system, a.unique_id, d.unique_id AS copy_id
FROM keyed a JOIN keyed d ON d.system = a.system AND d.k = a.k AND d.name_sorted = a.name_sorted
                         AND d.unique_id <> a.unique_id
WHERE NOT starts_with(a.k, 'postal code ')
   OR (a.legal_form = d.legal_form AND NOT two_companies(a.email_domain, a.phone, d.email_domain, d.phone))
UNION
SELECT system, short_id, long_id FROM within
UNION
SELECT system, long_id, short_id FROM within;

-- A number one to one, and a record without a number in either system that has either holder's name (the same
-- words), of no other legal form, at one of the pair's postal codes, phones or person's e-mail addresses: that system
-- holds the company twice (a record for another floor, site or garage: "Sameiet Bekkestua - garasjeanlegg" holds the
-- number, "Sameiet Bekkestua" does not; or a duplicate typed anew), and which of the two to link is a person's pick.
-- The namesake is proposed beside the holder. A namesake elsewhere, sharing at most a role address made from the
-- name, or of another legal form ("Lier Rørlegger DA" beside "… AS"), is another company.
CREATE OR REPLACE TEMP TABLE linking_orgnr_namesakes AS
WITH holders AS (
    SELECT o.telaris_id, o.tripletex_id, t.name_sorted AS t_name, x.name_sorted AS x_name,
           [t.postal_code, x.postal_code, t.phone, x.phone, t.email, x.email] AS places,
           t.legal_form AS t_form, x.legal_form AS x_form, t.email_domain AS t_domain, t.phone AS t_phone,
           x.email_domain AS x_domain, x.phone AS x_phone
    FROM linking_by_orgnr o
    JOIN linking_telaris t ON t.unique_id = o.telaris_id
    JOIN linking_tripletex x ON x.unique_id = o.tripletex_id
    WHERE o.is_unique),
holder_sides AS (  -- each holder pair once per system and name, to meet that system's copies on equality joins
    SELECT *, 'telaris' AS system, telaris_id AS holder_id, t_domain AS holder_domain, t_phone AS holder_phone,
           unnest(list_distinct([t_name, x_name])) AS holder_name
    FROM holders
    UNION ALL
    SELECT *, 'tripletex', tripletex_id, x_domain, x_phone, unnest(list_distinct([t_name, x_name])) FROM holders),
namesakes AS (
    SELECT h.telaris_id, h.tripletex_id, r.system, r.unique_id
    FROM holder_sides h JOIN linking_records r ON r.system = h.system AND r.name_sorted = h.holder_name
    WHERE r.organisation_number IS NULL AND r.unique_id <> h.holder_id
      AND list_has_any(h.places, [r.postal_code, r.phone, CASE WHEN NOT role_address(r.email) THEN r.email END])
      -- (holders typed without a legal form have no other one: NULL is no form, not every form)
      AND (r.legal_form IS NULL OR coalesce(h.t_form, h.x_form) IS NULL OR r.legal_form IN (h.t_form, h.x_form))
      AND NOT two_companies(r.email_domain, r.phone, h.holder_domain, h.holder_phone)
    UNION
    -- ... or a holder's own copy without the number (linking_held_twice)
    SELECT h.telaris_id, h.tripletex_id, h.system, d.unique_id
    FROM holder_sides h
    JOIN linking_held_twice c ON c.system = h.system AND c.unique_id = h.holder_id
    JOIN linking_records d ON d.system = c.system AND d.unique_id = c.copy_id
    WHERE d.organisation_number IS NULL)
SELECT telaris_id, tripletex_id, CASE WHEN system = 'telaris' THEN unique_id END AS namesake_telaris,
       CASE WHEN system = 'tripletex' THEN unique_id END AS namesake_tripletex
FROM namesakes;

-- Whether the two systems' numbers were copied from one to the other in this company: then the same number is an
-- identifier someone typed in, not a word of the name. Both systems number their records in sequence from about
-- the same start, so where nobody copies, equal numbers are chance. Judged on the pairs the organisation number
-- settles: some of them (at least three, and one in twenty) carry the same number.
CREATE OR REPLACE TEMP TABLE linking_numbers_copied AS
SELECT count(*) FILTER (WHERE t.number = x.number) >= greatest(3, 0.05 * count(*)) AS copied
FROM linking_by_orgnr o
JOIN linking_telaris t ON t.unique_id = o.telaris_id
JOIN linking_tripletex x ON x.unique_id = o.tripletex_id
WHERE o.is_unique AND t.number IS NOT NULL AND x.number IS NOT NULL;
